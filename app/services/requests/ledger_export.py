"""Writing the Excel ledger (台账): the export of the import's columns, the working-list export and
the empty template.  Split from ``ledger`` (reading and importing) so each stays one concern."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from sqlalchemy import select

from app.calendar import WorkCalendar
from app.dates import days_left_text
from app.db import Database
from app.db.models import InfoRequest
from app.domain import taxonomy
from app.domain.vocab import APPLICANT_TYPES, CHANNELS, DELIVERY_FORMS, ID_TYPES, State
from app.services.progress import NullProgress, ProgressSink
from app.services.requests.intake import FIELDS
from app.services.requests.ledger import COLUMN_WIDTHS, COLUMNS, DATE_FORMAT, EXTRA, REQUIRED, SHEET
from app.validation import excel

# The working list export (导出当前列表) adds what a head reads the register for; the
# ledger export (导出台账) stays exactly the import columns so it round-trips.
VIEW_COLUMNS = ["状态", "答复期限", "剩余/逾期工作日", "承办人"]
VIEW_WIDTHS = (10, 12, 14, 14)


def export_ledger(db: Database, path: Path, year: int | None = None, ids_: list[int] | None = None,
                  progress: ProgressSink | None = None, view: bool = False, today: dt.date | None = None) -> int:
    """Write the ledger columns for a year, a given list of ids (the current view), or everything.

    ``view=True`` is the list export: the ledger columns plus 状态, 答复期限, 剩余/逾期工作日 and
    承办人, with ID numbers masked (110105********002X).  Without it the file round-trips through
    import, so ID numbers are written in full.
    """
    from app.db.audit_listener import mask_id_number

    progress = progress or NullProgress()
    today = today or db.today()
    calendar = db.calendar() if view else None
    open_states = {st.value for st in State if st.is_open}
    columns = COLUMNS + VIEW_COLUMNS if view else COLUMNS
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(SHEET)
    # A write-only sheet takes widths, frozen header and cell styles up front,
    # so the file is written once, however many rows it has.
    from openpyxl.utils import get_column_letter

    for n, width in enumerate(COLUMN_WIDTHS + (VIEW_WIDTHS if view else ()), start=1):
        ws.column_dimensions[get_column_letter(n)].width = width
    ws.freeze_panes = "A2"
    ws.append([_styled(ws, c, font=Font(bold=True)) for c in columns])
    q = select(InfoRequest).order_by(InfoRequest.received_date, InfoRequest.id)
    if year is not None:
        q = q.where(InfoRequest.year == year)
    count = 0
    with db.session() as s:
        if ids_ is not None:
            chunks = [ids_[i:i + 500] for i in range(0, len(ids_), 500)]
            order = {rid: n for n, rid in enumerate(ids_)}
            reqs = sorted((r for c in chunks for r in s.scalars(select(InfoRequest).where(InfoRequest.id.in_(c)))),
                          key=lambda r: order[r.id])
        else:
            reqs = s.scalars(q).yield_per(1000)
        total = len(ids_) if ids_ is not None else 0
        for r in reqs:
            leaf = taxonomy.BY_CODE.get(r.result_code)
            values = [r.number, _styled(ws, r.received_date, DATE_FORMAT), r.channel, r.applicant_type,
                      r.applicant_name, r.id_type, mask_id_number(r.id_number) if view and r.id_number else r.id_number,
                      r.phone, r.address, r.email, r.content,
                      r.delivery_form, leaf.label if leaf else "", _styled(ws, r.reply_date, DATE_FORMAT),
                      "是" if r.extension_days else "否", r.extension_reason, r.remarks]
            if view:
                values += [r.state, _styled(ws, r.due_date, DATE_FORMAT), _remaining(calendar, r, today, open_states),
                           r.handler]
            ws.append(excel.row(ws, values))
            count += 1
            if count % 1000 == 0:
                progress.check()
                progress.report(count, total or count, f"已导出{count}件")
    wb.save(path)
    return count


def _remaining(calendar: WorkCalendar, r: InfoRequest, today: dt.date, open_states: set[str]) -> str:
    if r.state not in open_states:
        return "已办结" if r.reply_date or r.withdrawn_date else ""
    return days_left_text(calendar.days_left(today, r.due_date).days)  # the window's and 工作台's words


def _styled(ws, value: object, number_format: str | None = None, font: Font | None = None) -> WriteOnlyCell:  # noqa: ANN001
    return excel.cell(ws, value, number_format, font)


def write_template(path: Path) -> None:
    """The empty ledger with a 说明 sheet listing the allowed values."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(COLUMNS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        if cell.value in REQUIRED:
            cell.fill = PatternFill("solid", fgColor="FFF2CC")
    ws.freeze_panes = "A2"
    help_ws = wb.create_sheet("说明")
    help_ws.append(["列名", "填写说明"])
    notes = {
        "申请编号": "留空则由系统按机关编号规则自动编号",
        "收到申请日期": "必填；Excel 日期或 YYYY-MM-DD（第三十一条：当面提交为提交之日，邮寄为签收之日，网络、传真为双方确认之日）",
        "申请方式": "必填；" + "、".join(CHANNELS),
        "申请人类型": "必填；" + "、".join(APPLICANT_TYPES),
        "申请人姓名或名称": "必填",
        "证件类型": "、".join(ID_TYPES) + "；留空时按申请人类型推定",
        "证件号码": "居民身份证号码和统一社会信用代码会核对校验码",
        "申请内容": "必填；所需政府信息的名称、文号或特征性描述",
        "获取方式": "、".join(DELIVERY_FORMS) + "；留空为纸质",
        "办理结果": "留空表示仍在办理；否则填写下列之一。申请人撤回的，填“其他处理/其他”，答复日期填撤回日期，"
                    "备注写“申请人撤回”（年度报告将撤回计入“（六）其他处理 3．其他”）",
        "答复日期": "有办理结果时必填",
        "是否延期": "是 或 否",
        "延期原因": "延期的必填",
    }
    for c in COLUMNS:
        f = FIELDS.by_label.get(c) or EXTRA.by_label.get(c)
        limit = f"最多{f.limit}个字" if f is not None and not f.choices else ""
        help_ws.append([c, "；".join(x for x in (notes.get(c, ""), limit) if x)])
    help_ws.append([])
    help_ws.append(["办理结果可选值", ""])
    for leaf in taxonomy.LEAVES:
        help_ws.append(["", leaf.label])
    help_ws.column_dimensions["A"].width = 18
    help_ws.column_dimensions["B"].width = 90
    wb.save(path)
