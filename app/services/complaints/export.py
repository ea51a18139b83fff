"""`gongkai export complaints` and the tab's 导出: exactly the issue's columns, identities never in clear.

An export is a file that leaves the program, so the identity columns read （保密）
for a named complaint and 匿名 for an anonymous one whoever exports it.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import select

from app.db import Database
from app.db.models import Complaint
from app.services.actor import Actor
from app.services.catalogue.excel import DATE_FORMAT, write_header
from app.services.complaints.identity import ANONYMOUS, HIDDEN
from app.services.complaints.register import ids_in_list_order, target_text
from app.services.rights import Right, require
from app.validation import excel

COLUMNS = ["编号", "收到日期", "渠道", "署名或匿名", "投诉举报人", "证件号码", "联系电话", "被投诉举报对象", "类别",
           "状态", "调查结论", "办理期限"]
WIDTHS = (14, 12, 10, 10, 12, 12, 12, 24, 16, 10, 10, 12)


def export_complaints(db: Database, path: Path, year: int | None = None, actor: Actor | None = None) -> int:
    """Write the register (named first, newest first) to ``path``; returns the number of rows.
    With ``actor`` (the window, the CLI) the right to export complaints is checked first."""
    if actor is not None:
        with db.session() as s:
            require(s, actor, Right.COMPLAINT_EXPORT)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("投诉举报登记")
    write_header(ws, COLUMNS, WIDTHS)
    with db.session() as s:
        ids = ids_in_list_order(s, year)
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            rows = {r.id: r for r in s.scalars(select(Complaint).where(Complaint.id.in_(chunk)))}
            for cid in chunk:
                r = rows[cid]
                who = ANONYMOUS if r.anonymous else HIDDEN
                ws.append(excel.row(ws, [
                    r.number, excel.cell(ws, r.received_on, DATE_FORMAT), r.channel,
                    "匿名" if r.anonymous else "署名", who, who, who, target_text(r), r.category, r.state,
                    r.finding, excel.cell(ws, r.due, DATE_FORMAT) if r.due else ""]))
    excel.save_reproducible(wb, path)
    return len(ids)
