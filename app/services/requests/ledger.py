"""The Excel ledger (台账): import with full validation first, export of the same columns.

Import is all or nothing: every row is checked, any problem → nothing is
written and the caller gets ``第N行 列名: 问题`` messages; a valid file goes in
one transaction.  Export writes the same columns so export(import(x)) == x.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from sqlalchemy import select

from app.dates import cn_date
from app.db import Database
from app.db.models import InfoRequest
from app.domain import ids, taxonomy
from app.domain.vocab import (
    APPLICANT_TYPES,
    CHANNELS,
    DELIVERY_FORMS,
    ID_RESIDENT,
    ID_TYPES,
    ID_USCC,
    NATURAL_PERSON,
    State,
)
from app.services import numbering
from app.services.actor import Actor
from app.services.errors import ServiceError
from app.services.profile import get_profile
from app.services.progress import NullProgress, ProgressSink
from app.services.requests import clock
from app.services.requests.intake import RequestInput, add_event, new_request

COLUMNS = ["申请编号", "收到申请日期", "申请方式", "申请人类型", "申请人姓名或名称", "证件类型", "证件号码",
           "联系电话", "通信地址", "电子邮箱", "申请内容", "获取方式", "办理结果", "答复日期", "是否延期",
           "延期原因", "备注"]
REQUIRED = {"收到申请日期", "申请方式", "申请人类型", "申请人姓名或名称", "申请内容"}
SHEET = "台账"
DATE_FORMAT = "yyyy-mm-dd"
COLUMN_WIDTHS = (22, 12, 10, 12, 18, 16, 20, 14, 24, 20, 40, 10, 28, 12, 8, 20, 16)


class LedgerError(ServiceError):
    """The file was refused; ``problems`` lists every ``第N行 列名: 问题``."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        head = "；".join(problems[:5]) + (f"……共{len(problems)}处问题" if len(problems) > 5 else "")
        super().__init__(f"台账未导入：{head}")


@dataclass
class LedgerRow:
    line: int
    number: str
    data: RequestInput
    result: taxonomy.Leaf | None
    reply_date: dt.date | None
    extended: bool
    extension_reason: str


@dataclass
class LedgerPreview:
    rows: list[LedgerRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def open_count(self) -> int:
        return sum(1 for r in self.rows if r.result is None)


def _text(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, dt.datetime):
        return v.date().isoformat()
    return str(v).strip()


def _date(v: object) -> dt.date | None:
    if v is None or v == "":
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    text = str(v).strip().replace("/", "-").replace(".", "-")
    return dt.date.fromisoformat(text) if len(text) == 10 else dt.date.fromisoformat(
        "-".join(p.zfill(2) for p in text.split("-")))


def read_ledger(db: Database, path: Path, today: dt.date | None = None,
                progress: ProgressSink | None = None) -> LedgerPreview:
    """Read and validate every row; raise LedgerError listing all problems."""
    progress = progress or NullProgress()
    today = today or db.today()
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types for a bad file
        raise LedgerError([f"无法读取Excel文件：{type(exc).__name__}（请确认是 .xlsx 格式）"]) from None
    try:
        ws = wb[SHEET] if SHEET in wb.sheetnames else wb.worksheets[0]
        rows = ws.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise LedgerError(["第1行: 没有表头"])
        names = [_text(h) for h in header]
        index = {n: i for i, n in enumerate(names) if n}
        preview = LedgerPreview()
        unknown = [n for n in names if n and n not in COLUMNS]
        if unknown:
            preview.warnings.append(f"以下列不认识，已忽略：{'、'.join(unknown)}")
        missing = [c for c in COLUMNS if c in REQUIRED and c not in index]
        if missing:
            raise LedgerError([f"第1行: 缺少必需的列 {'、'.join(missing)}"])
        problems: list[str] = []
        numbers: list[tuple[int, str]] = []
        total = max(ws.max_row - 1, 1) if ws.max_row else 1
        for line, raw in enumerate(rows, start=2):
            if line % 500 == 0:
                progress.check()
                progress.report(line - 1, total, f"正在检查第{line}行")
            values = {c: raw[i] if i < len(raw) else None for c, i in index.items() if c in COLUMNS}
            if all(v is None or _text(v) == "" for v in values.values()):
                continue
            number = _text(values.get("申请编号"))
            if number:
                numbers.append((line, number))
            row = _check_row(line, values, today, problems)
            if row is not None:
                preview.rows.append(row)
    finally:
        wb.close()
    _check_numbers(db, numbers, problems)
    if problems:
        raise LedgerError(problems)
    if not preview.rows:
        raise LedgerError(["文件中没有数据行"])
    return preview


def _check_row(line: int, v: dict, today: dt.date, problems: list[str]) -> LedgerRow | None:
    before = len(problems)

    def bad(col: str, msg: str) -> None:
        problems.append(f"第{line}行 {col}: {msg}")

    def choice(col: str, allowed: Iterable[str], default: str = "") -> str:
        t = _text(v.get(col))
        if not t:
            if default:
                return default
            bad(col, "不能为空")
            return ""
        if t not in allowed:
            bad(col, f"“{t}”不是允许的值（{'、'.join(allowed)}）")
        return t

    def date(col: str, required: bool) -> dt.date | None:
        try:
            d = _date(v.get(col))
        except ValueError:
            bad(col, f"“{_text(v.get(col))}”不是有效日期（应为 YYYY-MM-DD 或 Excel 日期）")
            return None
        if d is None and required:
            bad(col, "不能为空")
        if d is not None and d > today:
            bad(col, "日期晚于今天")
        return d

    received = date("收到申请日期", True)
    channel = choice("申请方式", CHANNELS)
    atype = choice("申请人类型", APPLICANT_TYPES)
    name = _text(v.get("申请人姓名或名称"))
    if not name:
        bad("申请人姓名或名称", "不能为空")
    elif len(name) > 100:
        bad("申请人姓名或名称", "超过100个字符")
    id_number = _text(v.get("证件号码")).upper()
    default_id = ID_RESIDENT if atype == NATURAL_PERSON and id_number else (ID_USCC if id_number else "其他")
    id_type = choice("证件类型", ID_TYPES, default_id)
    if id_number and id_type == ID_RESIDENT and (msg := ids.validate_resident_id(id_number)):
        bad("证件号码", msg)
    if id_number and id_type == ID_USCC and (msg := ids.validate_uscc(id_number)):
        bad("证件号码", msg)
    content = _text(v.get("申请内容"))
    if not content:
        bad("申请内容", "不能为空")
    form = choice("获取方式", DELIVERY_FORMS, "纸质")
    result_text = _text(v.get("办理结果"))
    leaf = None
    if result_text:
        leaf = taxonomy.parse_label(result_text)
        if leaf is None:
            bad("办理结果", f"“{result_text}”不是年度报告分类中的结果（写成“大类/细类”，见说明页）")
    reply = date("答复日期", False)
    if leaf is not None and reply is None:
        bad("答复日期", "已有办理结果时必须填写答复日期")
    if leaf is None and reply is not None and not result_text:
        bad("办理结果", "填写了答复日期但没有办理结果")
    if reply and received and reply < received:
        bad("答复日期", "早于收到申请日期")
    ext_text = _text(v.get("是否延期")) or "否"
    if ext_text not in ("是", "否"):
        bad("是否延期", f"应填“是”或“否”，不是“{ext_text}”")
    reason = _text(v.get("延期原因"))
    if ext_text == "是" and not reason:
        bad("延期原因", "延期的须写明延期原因")
    for col, limit in (("联系电话", 40), ("通信地址", 200), ("电子邮箱", 100), ("证件号码", 40)):
        if len(_text(v.get(col))) > limit:
            bad(col, f"超过{limit}个字符")
    if len(problems) > before:
        return None
    assert received is not None
    data = RequestInput(channel=channel, received_date=received, applicant_type=atype, applicant_name=name,
                        id_type=id_type, id_number=id_number, phone=_text(v.get("联系电话")),
                        address=_text(v.get("通信地址")), email=_text(v.get("电子邮箱")), content=content,
                        delivery_form=form, remarks=_text(v.get("备注")))
    return LedgerRow(line, _text(v.get("申请编号")), data, leaf, reply, ext_text == "是", reason)


def _check_numbers(db: Database, numbers: list[tuple[int, str]], problems: list[str]) -> None:
    seen: dict[str, int] = {}
    for line, number in numbers:
        if number in seen:
            problems.append(f"第{line}行 申请编号: “{number}”与第{seen[number]}行重复")
        else:
            seen[number] = line
        if len(number) > 60:
            problems.append(f"第{line}行 申请编号: 超过60个字符")
    if seen:
        with db.session() as s:
            existing = set()
            keys = list(seen)
            for i in range(0, len(keys), 500):
                existing |= set(s.scalars(select(InfoRequest.number).where(InfoRequest.number.in_(keys[i:i + 500]))))
        for number in sorted(existing, key=seen.get):
            problems.append(f"第{seen[number]}行 申请编号: “{number}”在系统中已存在")


def import_ledger(db: Database, actor: Actor, path: Path, today: dt.date | None = None,
                  progress: ProgressSink | None = None, preview: LedgerPreview | None = None) -> int:
    """Validate (unless a preview of the same file is given), then import all rows in one transaction."""
    progress = progress or NullProgress()
    today = today or db.today()
    if preview is None:
        preview = read_ledger(db, path, today, progress)
    else:
        _check_numbers(db, [(r.line, r.number) for r in preview.rows if r.number], problems := [])
        if problems:
            raise LedgerError(problems)
    profile = get_profile(db)
    if not profile.doc_code and any(not r.number for r in preview.rows):
        raise LedgerError(["机关信息中尚未填写文号代字，无法为空白的申请编号编号"])
    calendar = db.calendar()
    total = len(preview.rows)
    with db.session(actor=actor.label, action="导入台账") as s:
        for i, r in enumerate(preview.rows, start=1):
            if i % 200 == 0:
                progress.check()
                progress.report(i, total, f"正在导入第{i}/{total}条")
            if r.number:
                year_seq = numbering.parse_number(profile.number_pattern, profile.doc_code, r.number)
                req = new_request(s, profile, actor, r.data, number=r.number, year_seq=year_seq)
            else:
                req = new_request(s, profile, actor, r.data)
            if r.extended:
                req.extension_days = profile.extension_days
                req.extension_reason = r.extension_reason
                req.extension_date = r.data.received_date
                req.state = State.EXTENDED.value
            clock.refresh_due(req, calendar, profile.answer_days, profile.fee_pauses_clock)
            if r.result is not None:
                assert r.reply_date is not None
                req.result_code, req.article = r.result.code, r.result.article
                req.reply_date, req.on_time = r.reply_date, r.reply_date <= req.due_date
                req.state = State.ANSWERED.value
            add_event(req, actor, "导入", f"从台账 {path.name} 第{r.line}行导入", today)
            if i % 1000 == 0:
                s.flush()
        progress.report(total, total, "正在保存")
    return total


def export_ledger(db: Database, path: Path, year: int | None = None, ids_: list[int] | None = None,
                  progress: ProgressSink | None = None) -> int:
    """Write the ledger columns for a year, a given list of ids (the current view), or everything."""
    progress = progress or NullProgress()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(SHEET)
    # A write-only sheet takes widths, frozen header and cell styles up front,
    # so the file is written once, however many rows it has.
    for col, width in zip("ABCDEFGHIJKLMNOPQ", COLUMN_WIDTHS, strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    ws.append([_styled(ws, c, font=Font(bold=True)) for c in COLUMNS])
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
            ws.append([r.number, _styled(ws, r.received_date, DATE_FORMAT), r.channel, r.applicant_type,
                       r.applicant_name, r.id_type, r.id_number, r.phone, r.address, r.email, r.content,
                       r.delivery_form, leaf.label if leaf else "", _styled(ws, r.reply_date, DATE_FORMAT),
                       "是" if r.extension_days else "否", r.extension_reason, r.remarks])
            count += 1
            if count % 1000 == 0:
                progress.check()
                progress.report(count, total or count, f"已导出{count}条")
    wb.save(path)
    return count


def _styled(ws, value: object, number_format: str | None = None, font: Font | None = None) -> WriteOnlyCell:  # noqa: ANN001
    cell = WriteOnlyCell(ws, value=value)
    if number_format:
        cell.number_format = number_format
    if font is not None:
        cell.font = font
    return cell


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
        "办理结果": "留空表示仍在办理；否则填写下列之一",
        "答复日期": "有办理结果时必填",
        "是否延期": "是 或 否",
        "延期原因": "延期的必填",
    }
    for c in COLUMNS:
        help_ws.append([c, notes.get(c, "")])
    help_ws.append([])
    help_ws.append(["办理结果可选值", ""])
    for leaf in taxonomy.LEAVES:
        help_ws.append(["", leaf.label])
    help_ws.column_dimensions["A"].width = 18
    help_ws.column_dimensions["B"].width = 90
    wb.save(path)


def summary(preview: LedgerPreview) -> str:
    first = min(r.data.received_date for r in preview.rows if r.data.received_date)
    last = max(r.data.received_date for r in preview.rows if r.data.received_date)
    return (f"共{len(preview.rows)}条（收到日期{cn_date(first)}至{cn_date(last)}），"
            f"其中已办结{len(preview.rows) - preview.open_count}条、仍在办理{preview.open_count}条")
