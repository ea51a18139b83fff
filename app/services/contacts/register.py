"""The 首问负责 log on the shared register machinery (app.services.search): views, filters, sorted ids,
rows by id, search (person, pinyin, phone, matter, text), counts, and the Excel export.

Views: 我的首问 (entries I answer for that are not closed), 转我办理 (open referrals to my
科室), 全部 (everything; what a head sees).  已逾期 is derived at read time from the stored
due dates, so it is always current and an index answers it.
"""

from __future__ import annotations

import datetime as dt
from array import array
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import ColumnElement, and_, extract, or_, select

from app.db import Database
from app.db.models import Complaint, ContactEntry, Department, InfoRequest, Notice, User
from app.services.catalogue.excel import DATE_FORMAT, write_header
from app.services.contacts import vocab as v
from app.services.errors import NotFound
from app.services.search import register
from app.services.search.catalog import CONTACTS
from app.services.search.query import match_ids
from app.validation import excel

E = ContactEntry
MINE, TO_ME, ALL = "我的首问", "转我办理", "全部"
VIEWS = (MINE, TO_ME, ALL)

EXPORT_COLUMNS = ["编号", "时间", "方式", "姓名或名称", "联系电话", "事项", "类别", "问题", "首问责任人", "处理方式",
                  "转至", "接办人", "接办时间", "办理结果", "回访日期", "回访结果", "状态", "关联记录"]
EXPORT_WIDTHS = (16, 17, 8, 18, 16, 24, 10, 50, 10, 18, 18, 10, 17, 40, 12, 24, 8, 28)
TIME_FORMAT = "yyyy-mm-dd hh:mm"

SORT_COLUMNS = {"time": (E.contact_at, E.id), "number": (E.year, E.seq), "person": (E.person, E.id),
                "category": (E.category, E.id), "responder": (E.responder, E.id), "outcome": (E.outcome, E.id),
                "state": (E.state, E.id)}
ROW_COLUMNS = (E.id, E.number, E.contact_at, E.channel, E.person, E.phone, E.matter_name, E.category, E.question,
               E.responder, E.outcome, E.referred_to, E.accepted_by, E.accepted_at, E.result, E.followup_day,
               E.rating, E.followup_how, E.state, E.accept_due, E.result_due, E.rectification_id, E.rating2)
SPEC = register.RegisterSpec(model=E, search_kind=CONTACTS.kind, sort=SORT_COLUMNS, columns=ROW_COLUMNS)


# an OR of equalities, not IN: the register machinery runs its statements on the raw cursor,
# where SQLAlchemy's expanding IN parameters are not rendered
_OPEN_REFERRAL = or_(E.state == v.AWAIT_ACCEPT, E.state == v.IN_HAND)


def overdue_condition(today: dt.date) -> ColumnElement:
    """待接办 past its 接办 day, or 办理中 past the office's limit for the result (two index ranges)."""
    return or_(and_(E.state == v.AWAIT_ACCEPT, E.accept_due < today),
               and_(E.state == v.IN_HAND, E.result_due < today))


def shown_state(state: str, accept_due: dt.date | None, result_due: dt.date | None, today: dt.date) -> str:
    """The 状态 the log shows: 已逾期 replaces 待接办/办理中 once their due day has passed."""
    if state == v.AWAIT_ACCEPT and accept_due is not None and accept_due < today:
        return v.OVERDUE
    if state == v.IN_HAND and result_due is not None and result_due < today:
        return v.OVERDUE
    return state


@dataclass(frozen=True)
class ContactFilter:
    search: str = ""
    view: str = ALL
    user_id: int | None = None  # whose 我的首问
    department_id: int | None = None  # whose 转我办理 (the user's 科室), or a 科室 filter in 全部
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    responder: str = ""
    category: str = ""
    outcome: str = ""
    state: str = ""  # one of SHOWN_STATES
    year: int | None = None
    month: int | None = None


@dataclass(frozen=True)
class ContactRow:
    id: int
    number: str
    contact_at: dt.datetime
    channel: str
    person: str
    phone: str
    matter_name: str
    category: str
    question: str
    responder: str
    outcome: str
    referred_to: str
    accepted_by: str
    accepted_at: dt.datetime | None
    result: str
    followup_day: dt.date | None
    rating: str
    followup_how: str
    state: str  # as shown (已逾期 derived)
    rectification_id: int | None
    rating2: str

    @property
    def followup_text(self) -> str:
        if not self.rating:
            return ""
        text = f"{self.followup_how}回访：{self.rating}" if self.followup_day else f"当场评价：{self.rating}"
        return text + (f"；整改后回访：{self.rating2}" if self.rating2 else "")


def row_of(r: tuple, today: dt.date) -> ContactRow:
    state = shown_state(r[18], r[19], r[20], today)
    return ContactRow(*r[:18], state, r[21], r[22])


def where(f: ContactFilter, today: dt.date) -> list[ColumnElement]:
    """The filters other than the search text, as SQL conditions."""
    w: list[ColumnElement] = []
    if f.view == MINE:
        w += [E.responder_id == (f.user_id if f.user_id is not None else -1), E.state != v.CLOSED]
    elif f.view == TO_ME:
        w += [E.department_id == (f.department_id if f.department_id is not None else -1),
              E.outcome == v.INTERNAL, _OPEN_REFERRAL]
    elif f.department_id is not None:
        w.append(E.department_id == f.department_id)
    if f.date_from is not None:
        w.append(E.day >= f.date_from)
    if f.date_to is not None:
        w.append(E.day <= f.date_to)
    if f.year is not None:
        w.append(E.year == f.year)
    if f.month is not None:
        w.append(extract("month", E.day) == f.month)
    if f.responder:
        w.append(E.responder == f.responder)
    if f.category:
        w.append(E.category == f.category)
    if f.outcome:
        w.append(E.outcome == f.outcome)
    if f.state == v.OVERDUE:
        w.append(overdue_condition(today))
    elif f.state in (v.AWAIT_ACCEPT, v.IN_HAND):
        due = E.accept_due if f.state == v.AWAIT_ACCEPT else E.result_due
        w += [E.state == f.state, due >= today]
    elif f.state:
        w.append(E.state == f.state)
    return w


def list_ids(db: Database, f: ContactFilter | None = None, sort: str = "time", descending: bool = True,
             today: dt.date | None = None) -> list[int]:
    """The whole filtered, sorted list at once (CLI, export, print, tests; the window streams instead)."""
    f = f or ContactFilter()
    ids = register.sorted_ids(db, SPEC, where(f, today or db.today()), sort, descending)
    if f.search.strip():
        try:
            with db.engine.connect() as conn:
                matched = match_ids(conn, CONTACTS.kind, f.search) or set()
        except ValueError:  # nothing searchable in the text
            return list(ids)
        ids = array("i", (i for i in ids if i in matched))
    return list(ids)


def fetch_rows(db: Database, ids: list[int], today: dt.date | None = None) -> dict[int, ContactRow]:
    today = today or db.today()
    return {i: row_of(r, today) for i, r in register.fetch_rows(db, SPEC, ids).items()}


def counts(db: Database, user_id: int | None, department_id: int | None,
           today: dt.date | None = None) -> dict[str, int]:
    """The tab's badges: 我的首问, 转我办理, 已逾期 (all), 待回访 (all) — one indexed count each."""
    today = today or db.today()
    preds = {MINE: and_(E.responder_id == (user_id if user_id is not None else -1), E.state != v.CLOSED),
             TO_ME: and_(E.department_id == (department_id if department_id is not None else -1),
                         E.outcome == v.INTERNAL, _OPEN_REFERRAL),
             v.OVERDUE: overdue_condition(today), v.AWAIT_FOLLOWUP: E.state == v.AWAIT_FOLLOWUP}
    return register.counts(db, E, preds)


def overdue_count(db: Database, today: dt.date | None = None) -> int:
    """已逾期 entries of the whole office: the tab's badge and the main window's status bar."""
    return register.counts(db, E, {v.OVERDUE: overdue_condition(today or db.today())})[v.OVERDUE]


@dataclass(frozen=True)
class Event:
    at: dt.datetime
    day: dt.date
    kind: str
    text: str
    actor: str


@dataclass(frozen=True)
class ContactDetail:
    row: ContactRow
    answer: str
    department_id: int | None
    referred_person: str
    referred_how: str
    accept_due: dt.date | None
    result_due: dt.date | None
    result_day: dt.date | None
    followup_words: str
    followup2_day: dt.date | None
    notice_id: int | None
    request_id: int | None
    responder_id: int | None
    created_by: str
    day: dt.date
    events: tuple[Event, ...]
    complaint_id: int | None = None  # the 投诉举报 registered from this entry (it holds the link)
    linked: str = ""  # the linked notice, request or complaint as the detail view names it

    @property
    def corrections(self) -> tuple[Event, ...]:
        """The corrections on the timeline (who, when, before → after, reason)."""
        return tuple(x for x in self.events if x.kind in ("更正", "撤销"))


def linked_names(db: Database, ids: list[int]) -> dict[int, tuple[int | None, str]]:
    """Each entry's linked record as the detail view and the export name it: the 一次性告知书 or
    申请 it was turned into, else the 投诉举报 registered from it (which holds the link) —
    ``{entry id: (complaint id or None, "申请X财公开〔2026〕12号")}``, three queries for any number."""
    if not ids:
        return {}
    found: dict[int, tuple[int | None, str]] = {}
    with db.session() as s:
        for eid, notice, request in s.execute(
                select(E.id, Notice.number, InfoRequest.number).where(E.id.in_(ids))
                .outerjoin(Notice, Notice.id == E.notice_id).outerjoin(InfoRequest, InfoRequest.id == E.request_id)):
            if notice or request:
                found[eid] = (None, f"一次性告知书{notice}" if notice else f"申请{request}")
        for cid, number, eid in s.execute(select(Complaint.id, Complaint.number, Complaint.contact_entry_id)
                                          .where(Complaint.contact_entry_id.in_(ids)).order_by(Complaint.id)):
            if eid not in found:
                found[eid] = (cid, f"投诉举报{number}")
    return found


def detail(db: Database, entry_id: int, today: dt.date | None = None) -> ContactDetail:
    row = fetch_rows(db, [entry_id], today).get(entry_id)
    if row is None:
        raise NotFound("首问登记不存在或已被删除")
    complaint_id, linked = linked_names(db, [entry_id]).get(entry_id, (None, ""))
    with db.session() as s:
        e = s.get(E, entry_id)
        assert e is not None
        return ContactDetail(row, e.answer, e.department_id, e.referred_person, e.referred_how, e.accept_due,
                             e.result_due, e.result_day, e.followup_words, e.followup2_day, e.notice_id,
                             e.request_id, e.responder_id, e.created_by, e.day,
                             tuple(Event(x.at, x.day, x.kind, x.text, x.actor) for x in e.events),
                             complaint_id, linked)


def departments(db: Database) -> list[tuple[int, str]]:
    with db.session() as s:
        return [(r.id, r.name) for r in s.execute(select(Department.id, Department.name)
                                                  .order_by(Department.sort_order, Department.id))]


def responders(db: Database) -> list[tuple[int, str]]:
    """Active staff who can be first responders (the quick entry's 首问责任人 choice)."""
    with db.session() as s:
        return [(r.id, r.full_name) for r in s.execute(select(User.id, User.full_name)
                                                       .where(User.active.is_(True)).order_by(User.id))]


def export_rows(row: ContactRow, ws, linked: str = "") -> list:  # noqa: ANN001 - an openpyxl write-only sheet
    """One entry as the 登记簿 columns (EXPORT_COLUMNS); ``linked`` from :func:`linked_names`."""
    return excel.row(ws, [
        row.number, excel.cell(ws, row.contact_at, TIME_FORMAT), row.channel, row.person, row.phone,
        row.matter_name, row.category, row.question, row.responder, row.outcome, row.referred_to, row.accepted_by,
        excel.cell(ws, row.accepted_at.astimezone().replace(tzinfo=None), TIME_FORMAT) if row.accepted_at else "",
        row.result, excel.cell(ws, row.followup_day, DATE_FORMAT) if row.followup_day else "", row.followup_text,
        row.state, linked])


def export_contacts(db: Database, path: Path, f: ContactFilter | None = None, ids: list[int] | None = None) -> int:
    """`gongkai export contacts` and the tab's 导出: the 登记簿 columns, one row per entry, oldest first."""
    today = db.today()
    if ids is None:
        ids = list_ids(db, f, sort="time", descending=False, today=today)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("首问负责登记簿")
    write_header(ws, EXPORT_COLUMNS, EXPORT_WIDTHS)
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        rows = fetch_rows(db, chunk, today)
        linked = linked_names(db, chunk)
        for eid in chunk:
            ws.append(export_rows(rows[eid], ws, linked.get(eid, (None, ""))[1]))
    excel.save_reproducible(wb, path)
    return len(ids)
