"""导出当前列表 for every register: the list as shown (filters, search, order), its visible columns in
their on-screen order, written off the UI thread with progress and 取消 (app.services.search.export).

Usage — a page opts in with one line (the view then offers it in its context menu)::

    self.view.enable_export("首问负责登记", lambda: self.actor)        # needs the 导出 right
    self.view.enable_export("投诉举报登记", lambda: self.actor, Right.COMPLAINT_EXPORT)

or calls ``export_current_view(view, path)`` itself (a menu item, a button, a test).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from app.services.errors import ServiceError
from ui.operations import Operation, run_in_background

if TYPE_CHECKING:
    from ui.register.view import RegisterView


def visible_columns(view: RegisterView) -> list[tuple[str, Callable[[tuple], object]]]:
    """(header, text of a row) of the columns the user sees, left to right as on screen."""
    header = view.horizontalHeader()
    shown = [n for n in range(len(view.register_model.columns)) if not view.isColumnHidden(n)]
    shown.sort(key=header.visualIndex)
    return [(view.register_model.columns[n].header, view.register_model.columns[n].display) for n in shown]


def choose_path(view: RegisterView) -> Path | None:
    from ui.files import ask_save_path, dated_path

    path, _ = ask_save_path(view, "导出当前列表", dated_path(view.export_stem, ".xlsx"),
                                          "Excel 文件 (*.xlsx)")
    if not path:
        return None
    return Path(path if path.lower().endswith(".xlsx") else path + ".xlsx")


def export_current_view(view: RegisterView, path: Path | None = None,
                        on_done: Callable[[int], None] | None = None) -> Operation | None:
    """Export what ``view`` shows now; asks for the file when ``path`` is None.  None if nothing started."""
    from app.services.search.export import export_list

    model = view.register_model
    if view.export_actor is None:
        return None
    if model.busy:  # the list (or a search) is still arriving: exporting now would cut it short
        QMessageBox.information(view, "导出当前列表", "列表仍在读取或查找中，请稍候再导出。")
        return None
    if path is None:
        path = choose_path(view)
        if path is None:
            return None
    ids, columns, actor, right = model.ids[:], visible_columns(view), view.export_actor(), view.export_right
    title = view.export_stem

    def done(count: int) -> None:
        if on_done is not None:
            on_done(count)
        else:
            QMessageBox.information(view, "导出当前列表", f"已导出{count}条到 {path}")

    def failed(exc: BaseException) -> None:
        if isinstance(exc, ServiceError):  # no right to export: the Chinese refusal as it is
            QMessageBox.warning(view, "导出当前列表", str(exc))
            return
        from ui.crash import show_unexpected

        show_unexpected(exc)

    op = run_in_background(view, lambda p: export_list(model.db, actor, model.spec, ids, columns, path, title,
                                                       progress=p, right=right),
                           title="正在导出当前列表", on_success=done, on_failure=failed)
    view.export_operation = op
    return op
