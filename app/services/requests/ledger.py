"""The Excel ledger (台账): import with full validation first, export of the same columns.

Import is all or nothing: every row is checked, any problem → nothing is
written and the caller gets ``第N行 列名: 问题`` messages; a valid file goes in
one transaction.  Export writes the same columns so export(import(x)) == x.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from pathlib import Path
from types import SimpleNamespace

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.calendar import WorkCalendar
from app.dates import cn_date
from app.db import Database
from app.db.base import utcnow
from app.db.models import InfoRequest, RequestEvent
from app.domain import taxonomy
from app.domain.vocab import (
    State,
)
from app.services import audit, bulk, numbering
from app.services.actor import Actor
from app.services.errors import ServiceError
from app.services.profile import Profile, get_profile
from app.services.progress import NullProgress, ProgressSink
from app.services.requests import clock, intake
from app.services.requests.intake import FIELDS, RequestInput
from app.services.rights import Right, has, require
from app.services.search import catalog as search_catalog
from app.services.search import index as search_index
from app.services.search.documents import documents
from app.validation import (
    Field,
    Invalid,
    Schema,
    cap_problems,
    dates,
    excel,
    normalise_identifier,
    numbers,
)
from app.validation.numbers import NUMBER_LIMIT

COLUMNS = ["申请编号", "收到申请日期", "申请方式", "申请人类型", "申请人姓名或名称", "证件类型", "证件号码",
           "联系电话", "通信地址", "电子邮箱", "申请内容", "获取方式", "办理结果", "答复日期", "是否延期",
           "延期原因", "备注"]
REQUIRED = {"收到申请日期", "申请方式", "申请人类型", "申请人姓名或名称", "申请内容"}
SHEET = "台账"
DATE_FORMAT = "yyyy-mm-dd"
COLUMN_WIDTHS = (22, 12, 10, 12, 18, 16, 20, 14, 24, 20, 40, 10, 28, 12, 8, 20, 16)


class LedgerError(ServiceError):
    """The file was refused; ``problems`` lists ``第N行 列名: 问题`` (the first 200 and a count)."""

    def __init__(self, problems: list[str]) -> None:
        self.total = len(problems)
        self.problems = cap_problems(problems)
        head = "；".join(problems[:5]) + (f"……共{len(problems)}处问题" if len(problems) > 5 else "")
        super().__init__(f"台账未导入：{head}")


# Columns that are not request fields; the request fields are intake.FIELDS, matched by label.
EXTRA = Schema([
    Field("number", "申请编号", NUMBER_LIMIT, kind="identifier"),
    Field("result", "办理结果", 60),
    Field("extended", "是否延期", 4, choices=("是", "否"), default="否"),
    Field("extension_reason", "延期原因", 1000, kind="multiline"),
])
# Read when present (a ledger kept outside the app may have them); not written by the export.
OPTIONAL_COLUMNS = ("联系人", "邮政编码")


@dataclass
class LedgerRow:
    line: int
    number: str
    data: RequestInput
    result: taxonomy.Leaf | None
    reply_date: dt.date | None
    extended: bool
    extension_reason: str
    year_seq: tuple[int, int] | None = None


@dataclass
class LedgerPreview:
    rows: list[LedgerRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def open_count(self) -> int:
        return sum(1 for r in self.rows if r.result is None)


def _text(v: object) -> str:
    """A header or cell as text (numbers typed into text columns lose their ".0")."""
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, dt.datetime):
        return v.date().isoformat()
    return str(v).strip()


def _raw(v: object) -> object:
    """A cell for a text field: numbers as text, everything else as read (cleaned by the field)."""
    return _text(v) if isinstance(v, int | float | dt.datetime) else v


def read_ledger(db: Database, path: Path, today: dt.date | None = None,
                progress: ProgressSink | None = None) -> LedgerPreview:
    """Read and validate every row; raise LedgerError listing all problems.

    The file is vetted before openpyxl reads it (size, encryption, DOCTYPE) and every
    parser error becomes a message: a refused file never raises anything else.
    """
    progress = progress or NullProgress()
    today = today or db.today()
    try:
        with excel.open_workbook(path) as wb:
            preview, problems, every = _read_rows(wb, today, progress)
    except Invalid as exc:
        raise LedgerError([str(exc)]) from None
    _check_numbers(db, every, problems, today)
    if problems:
        raise LedgerError(problems)
    if not preview.rows:
        raise LedgerError(["文件中没有数据行"])
    return preview


def _read_rows(wb, today: dt.date, progress: ProgressSink  # noqa: ANN001
               ) -> tuple[LedgerPreview, list[str], list[LedgerRow]]:
    """(valid rows, problems, every row) — numbers are checked on every row, valid or not."""
    ws = wb[SHEET] if SHEET in wb.sheetnames else wb.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        raise LedgerError(["第1行: 没有表头"])
    names = [_text(h)[:40] for h in header]
    index = {n: i for i, n in enumerate(names) if n}
    preview = LedgerPreview()
    problems: list[str] = []
    every: list[LedgerRow] = []
    known = (*COLUMNS, *OPTIONAL_COLUMNS)
    unknown = [n for n in names if n and n not in known]
    if unknown:
        preview.warnings.append(f"以下列不认识，已忽略：{'、'.join(unknown[:20])}")
    missing = [c for c in COLUMNS if c in REQUIRED and c not in index]
    if missing:
        raise LedgerError([f"第1行: 缺少必需的列 {'、'.join(missing)}"])
    columns = {c: i for c, i in index.items() if c in known}
    total = max(ws.max_row - 1, 1) if ws.max_row else 1
    for line, raw in enumerate(rows, start=2):
        if line % 500 == 0:
            progress.check()
            progress.report(line - 1, total, f"正在检查第{line}行")
        values = {c: raw[i] if i < len(raw) else None for c, i in columns.items()}
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values.values()):
            continue
        before = len(problems)
        row = _check_row(line, values, today, problems)
        every.append(row)
        if len(problems) == before:
            preview.rows.append(row)
    return preview, problems, every


def _check_row(line: int, v: dict, today: dt.date, problems: list[str]) -> LedgerRow:
    """One row through the same rules as the counter form (intake.check), plus the ledger's own columns.

    Problems are appended to ``problems``; the row is returned either way so its number
    still takes part in the duplicate check.
    """
    labels = {f.label: f.name for f in FIELDS.fields}
    raw = {labels[c]: _raw(x) for c, x in v.items() if c in labels}
    extra, extra_errors = EXTRA.check({f.name: _raw(v.get(f.label)) for f in EXTRA.fields})
    errors: dict[str, str] = {}

    def parse(col: str) -> dt.date | None:
        try:
            return dates.parse_date(v.get(col))
        except Invalid as exc:
            errors[col] = str(exc)
            return None

    received = parse("收到申请日期")
    reply = parse("答复日期")
    data = RequestInput(received_date=received, **{k: "" if x is None else x for k, x in raw.items()})
    if "申请方式" not in v:
        data.channel = ""
    if "证件类型" not in v:
        data.id_type = ""
    d, e = intake.check(data, today, historical=True)
    if "收到申请日期" in errors:
        e.pop("received_date", None)  # the unreadable date's own message is already there
    for name, msg in e.items():
        errors[FIELDS.label(name) if name != "received_date" else intake.RECEIVED_LABEL] = msg
    for name, msg in extra_errors.items():
        errors[EXTRA.label(name)] = msg
    leaf = None
    result_text = extra.get("result", "")
    if result_text and "办理结果" not in errors:
        leaf = taxonomy.parse_label(result_text)
        if leaf is None:
            errors["办理结果"] = f"“{result_text}”不是年度报告分类中的结果（写成“大类/细类”，见说明页）"
    if reply is not None and "答复日期" not in errors:
        try:
            dates.event_date(reply, today)
            if received and reply < received:
                raise Invalid("早于收到申请日期")
        except Invalid as exc:
            errors["答复日期"] = str(exc)
    if leaf is not None and reply is None and "答复日期" not in errors:
        errors["答复日期"] = "已有办理结果时必须填写答复日期"
    if not result_text and reply is not None and "办理结果" not in errors:
        errors["办理结果"] = "填写了答复日期但没有办理结果"
    extended = extra.get("extended") == "是"
    if extended and not extra.get("extension_reason") and "延期原因" not in errors:
        errors["延期原因"] = "延期的须写明延期原因"
    order = {c: i for i, c in enumerate((*COLUMNS, *OPTIONAL_COLUMNS))}
    problems.extend(f"第{line}行 {col}: {msg}" for col, msg in sorted(errors.items(), key=lambda x: order.get(x[0], 99)))
    return LedgerRow(line, extra.get("number", ""), d, leaf, reply, extended, extra.get("extension_reason", ""))


def _check_numbers(db: Database, rows: list[LedgerRow], problems: list[str], today: dt.date) -> None:
    """Explicit numbers parsed and compared as numbers, against each other, the database and
    the numbers the import will assign to blank rows (a blank row given 12号 and a later row
    saying 12号 collide), so a clash is a row-numbered message and never an IntegrityError."""
    profile = get_profile(db)
    by_key: dict[object, int] = {}
    keys: dict[int, object] = {}
    for r in rows:
        if not r.number:
            continue
        try:
            parsed = numbers.record_number(r.number, profile.number_pattern, profile.doc_code, today)
        except Invalid as exc:
            problems.append(f"第{r.line}行 申请编号: {exc}")
            continue
        r.number = parsed.text
        key: object = (parsed.year, parsed.seq) if parsed.seq is not None else normalise_identifier(parsed.text)
        r.year_seq = (parsed.year, parsed.seq) if parsed.year is not None and parsed.seq is not None else None
        if key in by_key:
            problems.append(f"第{r.line}行 申请编号: “{r.number}”与第{by_key[key]}行重复")
            continue
        by_key[key] = r.line
        keys[r.line] = key
    if not rows:
        return
    years = {r.data.received_date.year for r in rows if not r.number and r.data.received_date}
    years |= {k[0] for k in by_key if isinstance(k, tuple)}
    with db.session() as s:
        counters = {y: numbering.last_seq(s, numbering.REQUEST.key, y) for y in years}
        pairs = [k for k in by_key if isinstance(k, tuple)]
        texts = [r.number for r in rows if r.number and r.year_seq is None]
        existing: set[object] = set()
        for y in {p[0] for p in pairs}:
            seqs = [p[1] for p in pairs if p[0] == y]
            for i in range(0, len(seqs), 500):
                existing |= {(y, q) for q in s.scalars(select(InfoRequest.seq).where(
                    InfoRequest.year == y, InfoRequest.seq.in_(seqs[i:i + 500])))}
        for i in range(0, len(texts), 500):
            existing |= {normalise_identifier(t) for t in s.scalars(
                select(InfoRequest.number).where(InfoRequest.number.in_(texts[i:i + 500])))}
    for key in sorted(existing, key=lambda k: by_key[k]):
        line = by_key[key]
        number = next(r.number for r in rows if r.line == line)
        problems.append(f"第{line}行 申请编号: “{number}”在系统中已存在")
    # Replay the import's numbering in file order: blank rows take the next number,
    # explicit ones move the counter forward (numbering.bump_seq).
    assigned: dict[tuple[int, int], int] = {}
    for r in rows:
        if r.number:
            if r.year_seq is not None:
                if r.year_seq in assigned:
                    problems.append(f"第{r.line}行 申请编号: “{r.number}”与第{assigned[r.year_seq]}行"
                                    "（申请编号留空，导入时自动编为此号）相同，请改用其他编号或把两行都留空")
                counters[r.year_seq[0]] = max(counters.get(r.year_seq[0], 0), r.year_seq[1])
        elif r.data.received_date is not None:
            y = r.data.received_date.year
            counters[y] = counters.get(y, 0) + 1
            assigned[(y, counters[y])] = r.line


def import_ledger(db: Database, actor: Actor, path: Path, today: dt.date | None = None,
                  progress: ProgressSink | None = None, preview: LedgerPreview | None = None) -> int:
    """Validate (unless a preview of the same file is given), then import all rows in one transaction."""
    progress = progress or NullProgress()
    today = today or db.today()
    if preview is None:
        preview = read_ledger(db, path, today, progress)
    else:
        _check_numbers(db, preview.rows, problems := [], today)
        if problems:
            raise LedgerError(problems)
    profile = get_profile(db)
    if not profile.doc_code and any(not r.number for r in preview.rows):
        raise LedgerError(["机关信息中尚未填写文号代字，无法为空白的申请编号编号"])
    with db.session(actor=actor.label, action="导入台账") as s:
        require(s, actor, Right.IMPORT)
        _check_signing_rights(s, actor, preview.rows)
        _insert_all(s, profile, db.calendar(), actor, preview.rows, path.name, today, progress)
        progress.report(len(preview.rows), len(preview.rows), "正在保存")
    return len(preview.rows)


def _check_signing_rights(s: Session, actor: Actor, rows: list[LedgerRow]) -> None:
    """Nobody imports a decision they could not make in the window: a withholding result
    (部分公开, 不予公开…) or an extension needs the right to sign (科室负责人 or above).
    The command line brings in an office's history (decisions signed on paper) and is not asked."""
    if actor.user_id is None or has(s, actor, Right.APPROVE):
        return
    problems = []
    for r in rows:
        if r.result is not None and r.result.withholds:
            problems.append(f"第{r.line}行 办理结果: “{r.result.label}”须由科室负责人或以上签发，"
                            "你没有签发权限，请由有权限的人员导入或在窗口中提交签批")
        if r.extended:
            problems.append(f"第{r.line}行 是否延期: 延期须经科室负责人或以上批准，你没有批准权限，请由有权限的人员导入")
    if problems:
        raise LedgerError(problems)


IMPORT_BATCH = 2000
_INPUT_FIELDS = [f.name for f in fields(RequestInput)]


def _insert_all(s: Session, profile: Profile, calendar: WorkCalendar, actor: Actor, rows: list[LedgerRow],
                filename: str, today: dt.date, progress: ProgressSink) -> None:
    """Insert every row in bulk, inside the caller's transaction.

    Numbers: blank ones are reserved per year with one statement (``next_seqs``),
    given ones move the counter once per year; rows, timeline events and search
    documents go in with one executemany per batch; every request still gets
    its own 操作日志 entry, written in bulk at commit.
    """
    conn = s.connection()
    table = InfoRequest.__table__
    doc_code, pattern = profile.doc_code, profile.number_pattern
    numbered: list[tuple[int, int] | None] = [
        (numbering.parse_number(pattern, doc_code, r.number) if r.number else None) for r in rows]
    top: dict[int, int] = {}
    for ys in numbered:
        if ys is not None:
            top[ys[0]] = max(top.get(ys[0], 0), ys[1])
    for year, seq in sorted(top.items()):
        numbering.bump_seq(s, numbering.REQUEST.key, year, seq)
    blanks: dict[int, int] = {}
    for r in rows:
        if not r.number:
            blanks[r.data.received_date.year] = blanks.get(r.data.received_date.year, 0) + 1
    next_seq = {year: numbering.next_seqs(s, numbering.REQUEST.key, year, n) for year, n in sorted(blanks.items())}
    ids = bulk.new_ids(conn, table, len(rows))
    base = bulk.row_defaults(table)
    spec = search_catalog.REQUESTS
    total = len(rows)
    for start in range(0, total, IMPORT_BATCH):
        progress.check()
        progress.report(start, total, f"正在导入第{start + 1}/{total}件")
        batch, events = [], []
        for k in range(start, min(start + IMPORT_BATCH, total)):
            r, rid = rows[k], ids[k]
            if r.number:
                number = r.number
                year, seq = numbered[k] if numbered[k] is not None else (r.data.received_date.year, None)
            else:
                year = r.data.received_date.year
                seq = next_seq[year]
                next_seq[year] += 1
                number = numbering.format_number(pattern, doc_code, year, seq)
            batch.append(_row(base, rid, number, year, seq, r, profile, calendar, actor))
            events.append({"request_id": rid, "at": utcnow(), "day": today, "actor": actor.label, "kind": "导入",
                           "text": f"从台账 {filename} 第{r.line}行导入"})
        bulk.insert_rows(conn, table, batch)
        bulk.insert_rows(conn, RequestEvent.__table__, events)  # the timeline is not audited again
        audit.record_rows(s, table, ({k: v for k, v in row.items() if v not in (None, "", False)} for row in batch),
                          label=lambda row: row["number"])
        search_index.put(conn, spec.kind, documents(spec, batch))


def _row(base: dict, rid: int, number: str, year: int, seq: int | None, r: LedgerRow, profile: Profile,
         calendar: WorkCalendar, actor: Actor) -> dict:
    """One request's column values, with the due date from the shared clock."""
    d = r.data
    row = base | {f: getattr(d, f) for f in _INPUT_FIELDS} | {
        "id": rid, "number": number, "year": year, "seq": seq, "state": State.REGISTERED.value,
        "clock_start": d.received_date, "due_date": d.received_date, "created_by": actor.label,
        "filled_by": (actor.full_name or actor.label) if d.oral else "", "created_at": utcnow(),
    }
    if r.extended:
        row |= {"extension_days": profile.extension_days, "extension_reason": r.extension_reason,
                "extension_date": d.received_date, "state": State.EXTENDED.value}
    req = SimpleNamespace(**row, consultations=[])
    clock.refresh_due(req, calendar, profile.answer_days, profile.fee_pauses_clock)
    row["due_date"], row["due_provisional"] = req.due_date, req.due_provisional
    if r.result is not None:
        assert r.reply_date is not None
        row |= {"result_code": r.result.code, "article": r.result.article, "reply_date": r.reply_date,
                "on_time": r.reply_date <= req.due_date, "state": State.ANSWERED.value}
    return row


def summary(preview: LedgerPreview) -> str:
    first = min(r.data.received_date for r in preview.rows if r.data.received_date)
    last = max(r.data.received_date for r in preview.rows if r.data.received_date)
    return (f"共{len(preview.rows)}件（收到日期{cn_date(first)}至{cn_date(last)}），"
            f"其中已办结{len(preview.rows) - preview.open_count}件、仍在办理{preview.open_count}件")
