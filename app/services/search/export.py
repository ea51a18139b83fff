"""导出当前列表: any register's list as the user sees it, to one formula-safe Excel sheet.

Every register gets this from one place (the window side is ui/register/export.py): the
ids are the list on screen (filters and search applied, in its order), the columns are
the visible ones with the texts the window shows, so what is exported is exactly what
was looked at.  Rows are read in pages like the window reads them, so a million-row
list exports in constant memory; the file appears only when complete (a cancel or a
failure leaves no half-written workbook).

Usage::

    n = export_list(db, actor, SPEC, ids, [("编号", render_number), ...], path, "依申请公开",
                    progress=p)                    # p: ProgressSink (report/check), None on the CLI
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from app.services.actor import Actor
from app.services.progress import NullProgress, ProgressSink
from app.services.rights import Right, require
from app.services.search.register import RegisterSpec, fetch_rows

PAGE = 500


def export_list(db, actor: Actor, spec: RegisterSpec, ids: Sequence[int],  # noqa: ANN001
                columns: Sequence[tuple[str, Callable[[tuple], object]]], path: Path, title: str,
                progress: ProgressSink | None = None, right: Right = Right.EXPORT) -> int:
    """Write ``ids`` (in order) as rows of ``columns`` (header, text from the row tuple) to ``path``;
    returns how many rows were written (records deleted meanwhile are skipped).

    ``right``: what the actor must hold now (a register with protected content passes its own).
    """
    from openpyxl import Workbook  # only when exporting: keeps the window's start-up light

    from app.validation import excel

    with db.session() as s:
        require(s, actor, right)
    progress = progress or NullProgress()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(excel.safe_text(title)[:31] or "列表")
    ws.append(excel.row(ws, [header for header, _ in columns]))
    total, written = len(ids), 0
    partial = path.with_name(path.name + ".part")
    try:
        for start in range(0, total, PAGE):
            progress.check()
            chunk = list(ids[start:start + PAGE])
            rows = fetch_rows(db, spec, chunk)
            for record_id in chunk:
                r = rows.get(record_id)
                if r is not None:
                    ws.append(excel.row(ws, [_value(render(r)) for _, render in columns]))
                    written += 1
            progress.report(min(start + PAGE, total), total, f"正在导出第{min(start + PAGE, total)}条，共{total}条")
        progress.check()
    except BaseException:
        # a write-only sheet must be finished by saving (abandoned, its XML writer fails when collected)
        with contextlib.suppress(Exception):
            wb.save(partial)
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    try:
        wb.save(partial)
        os.replace(partial, path)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    return written


def _value(value: object) -> object:
    """Texts as shown; None as an empty cell."""
    return "" if value is None else value
