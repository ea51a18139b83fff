"""Reading requests: the register list (ids first, rows on demand), counts, one request's detail.

The list, search and counts run on the shared register machinery
(app.services.search); this module only describes the 依申请公开 register.
"""

from __future__ import annotations

import datetime as dt
from array import array
from dataclasses import dataclass, field, fields

from sqlalchemy import ColumnElement, func, select

from app.calendar import WorkCalendar
from app.db import Database
from app.db.models import InfoRequest
from app.domain import taxonomy
from app.domain.vocab import OPEN_STATES, State
from app.services.errors import NotFound
from app.services.profile import Profile, get_profile
from app.services.requests import clock
from app.services.search import query as search_query
from app.services.search import register

OPEN = [s.value for s in OPEN_STATES]
DUE_SOON_DAYS = 3
SEARCH_KIND = "info_request"


@dataclass(frozen=True)
class RegisterFilter:
    state: str = ""
    year: int | None = None
    channel: str = ""
    applicant_type: str = ""
    result_category: str = ""  # a taxonomy category or a leaf code
    due_soon: bool = False
    overdue: bool = False
    due_today: bool = False
    search: str = ""


SORT_COLUMNS = {
    "number": (InfoRequest.year, InfoRequest.seq, InfoRequest.number),
    "received_date": (InfoRequest.received_date, InfoRequest.id),
    "applicant_name": (InfoRequest.applicant_name, InfoRequest.id),
    "state": (InfoRequest.state, InfoRequest.id),
    "due_date": (InfoRequest.due_date, InfoRequest.id),
    "result": (InfoRequest.result_code, InfoRequest.id),
    "channel": (InfoRequest.channel, InfoRequest.id),
    "applicant_type": (InfoRequest.applicant_type, InfoRequest.id),
    "reply_date": (InfoRequest.reply_date, InfoRequest.id),
}

# The row tuple the register shows: R_* are positions in it.
ROW_COLUMNS = (InfoRequest.id, InfoRequest.number, InfoRequest.received_date, InfoRequest.channel,
               InfoRequest.applicant_type, InfoRequest.applicant_name, func.substr(InfoRequest.content, 1, 300),
               InfoRequest.state, InfoRequest.due_date, InfoRequest.due_provisional, InfoRequest.result_code,
               InfoRequest.reply_date, InfoRequest.on_time, InfoRequest.handler)
(R_ID, R_NUMBER, R_RECEIVED, R_CHANNEL, R_TYPE, R_APPLICANT, R_CONTENT, R_STATE, R_DUE, R_PROVISIONAL, R_RESULT,
 R_REPLY, R_ON_TIME, R_HANDLER) = range(len(ROW_COLUMNS))

SPEC = register.RegisterSpec(model=InfoRequest, search_kind=SEARCH_KIND, sort=SORT_COLUMNS, columns=ROW_COLUMNS)


def due_soon_until(db: Database, today: dt.date) -> dt.date:
    return db.calendar().add_working_days(today, DUE_SOON_DAYS).date


def where(f: RegisterFilter, today: dt.date, soon: dt.date) -> list[ColumnElement]:
    """The filters other than the search text, as SQL conditions."""
    w: list[ColumnElement] = []
    if f.state:
        w.append(InfoRequest.state == f.state)
    if f.year:
        w.append(InfoRequest.year == f.year)
    if f.channel:
        w.append(InfoRequest.channel == f.channel)
    if f.applicant_type:
        w.append(InfoRequest.applicant_type == f.applicant_type)
    if f.result_category:
        if f.result_category in taxonomy.BY_CODE:
            w.append(InfoRequest.result_code == f.result_category)
        else:
            codes = [leaf.code for leaf in taxonomy.LEAVES if leaf.category == f.result_category]
            w.append(InfoRequest.result_code.in_(codes))
    if f.overdue:
        w += [InfoRequest.state.in_(OPEN), InfoRequest.due_date < today]
    if f.due_soon:
        w += [InfoRequest.state.in_(OPEN), InfoRequest.due_date >= today, InfoRequest.due_date <= soon]
    if f.due_today:
        w += [InfoRequest.state.in_(OPEN), InfoRequest.due_date == today]
    return w


def matching_ids(db: Database, text: str) -> set[int]:
    """Ids whose number, applicant (also as pinyin), ID, phone or content (also by pinyin initials)
    contain every term.  Unordered: the register orders them by its own list."""
    with db.engine.connect() as conn:
        found = search_query.match_ids(conn, SEARCH_KIND, text)
    assert found is not None
    return found


def list_ids(db: Database, f: RegisterFilter, sort: str = "received_date", descending: bool = True,
             today: dt.date | None = None) -> list[int]:
    """The whole filtered, sorted list at once (CLI, exports, tests; the window streams instead)."""
    today = today or db.today()
    ids = register.sorted_ids(db, SPEC, where(f, today, due_soon_until(db, today)), sort, descending)
    if f.search.strip():
        matched = matching_ids(db, f.search)
        ids = array("i", (i for i in ids if i in matched))
    return list(ids)


def fetch_rows(db: Database, ids: list[int]) -> dict[int, tuple]:
    return register.fetch_rows(db, SPEC, ids)


def result_label(code: str) -> str:
    leaf = taxonomy.BY_CODE.get(code)
    return leaf.label if leaf else ""


@dataclass(frozen=True)
class Counts:
    due_today: int
    due_soon: int
    overdue: int
    awaiting_correction: int
    consulting: int


def count_predicates(today: dt.date, soon: dt.date) -> dict[str, ColumnElement]:
    """Each badge is a condition on (state, due_date): answered by ix_info_request_state_due."""
    is_open = InfoRequest.state.in_(OPEN)
    return {
        "due_today": is_open & (InfoRequest.due_date == today),
        "due_soon": is_open & (InfoRequest.due_date >= today) & (InfoRequest.due_date <= soon),
        "overdue": is_open & (InfoRequest.due_date < today),
        "awaiting_correction": InfoRequest.state == State.CORRECTION.value,
        "consulting": InfoRequest.state == State.CONSULTING.value,
    }


def counts(db: Database, today: dt.date | None = None) -> Counts:
    today = today or db.today()
    return Counts(**register.counts(db, InfoRequest, count_predicates(today, due_soon_until(db, today))))


def years(db: Database) -> list[int]:
    """The years present, newest first: one index seek per year, not a scan of every request."""
    out: list[int] = []
    with db.session() as s:
        year = s.scalar(select(func.max(InfoRequest.year)))
        while year is not None:
            out.append(year)
            year = s.scalar(select(func.max(InfoRequest.year)).where(InfoRequest.year < year))
    return out


@dataclass(frozen=True)
class EventView:
    at: dt.datetime
    day: dt.date
    actor: str
    kind: str
    text: str


@dataclass(frozen=True)
class ConsultationView:
    id: int
    kind: str
    party: str
    sent_date: dt.date
    reply_due: dt.date
    reply_date: dt.date | None
    opinion: str
    delivered_date: dt.date | None = None  # until recorded, reply_due is an estimate (预计)
    delivery_method: str = ""
    disclose_party: bool = False


@dataclass(frozen=True)
class AttachmentView:
    id: int
    filename: str
    size: int
    sha256: str
    added_by: str
    added_at: dt.datetime


@dataclass
class RequestDetail:
    """Everything about one request as plain data (no live ORM rows in the UI)."""

    id: int = 0
    number: str = ""
    year: int = 0
    channel: str = ""
    received_date: dt.date = dt.date.min
    applicant_type: str = ""
    applicant_name: str = ""
    id_type: str = ""
    id_number: str = ""
    phone: str = ""
    address: str = ""
    postcode: str = ""
    email: str = ""
    contact_person: str = ""
    content: str = ""
    delivery_form: str = ""
    oral: bool = False
    filled_by: str = ""
    remarks: str = ""
    state: str = ""
    clock_start: dt.date = dt.date.min
    due_date: dt.date = dt.date.min
    handler: str = ""
    correction_date: dt.date | None = None
    correction_items: str = ""
    correction_deadline: dt.date | None = None
    correction_received: dt.date | None = None
    correction_days: int = 0
    correction_delivered: dt.date | None = None  # until recorded, correction_deadline is an estimate
    correction_delivery_method: str = ""
    extension_days: int = 0
    extension_date: dt.date | None = None
    extension_reason: str = ""
    extension_approver: str = ""
    fee_method: str = ""
    fee_quantity: int = 0
    fee_amount: int = 0
    fee_breakdown: str = ""
    fee_notice_date: dt.date | None = None
    fee_deadline: dt.date | None = None
    fee_paid_date: dt.date | None = None
    fee_delivered: dt.date | None = None  # until recorded, fee_deadline is an estimate
    fee_delivery_method: str = ""
    piece_count: int = 1
    result_code: str = ""
    article: str = ""
    reasons: str = ""
    legal_basis: str = ""
    withheld: str = ""
    responsible_agency: str = ""
    responsible_contact: str = ""
    provided_docs: str = ""
    page_count: int = 0
    reply_date: dt.date | None = None
    signed_off_by: str = ""
    on_time: bool | None = None
    service_method: str = ""
    delivered_date: dt.date | None = None
    receiver: str = ""
    tracking_number: str = ""
    withdrawn_date: dt.date | None = None
    archived_date: dt.date | None = None
    created_by: str = ""
    clock: clock.ClockInfo | None = None
    events: list[EventView] = field(default_factory=list)
    consultations: list[ConsultationView] = field(default_factory=list)
    attachments: list[AttachmentView] = field(default_factory=list)

    @property
    def result_label(self) -> str:
        leaf = taxonomy.BY_CODE.get(self.result_code)
        return leaf.label if leaf else ""


_SCALARS = [f.name for f in fields(RequestDetail) if f.name not in ("clock", "events", "consultations", "attachments")]


def detail(db: Database, request_id: int, today: dt.date | None = None) -> RequestDetail:
    today = today or db.today()
    profile = get_profile(db)
    calendar = db.calendar()
    with db.session() as s:
        req = s.get(InfoRequest, request_id)
        if req is None:
            raise NotFound("申请不存在或已被删除")
        return view(req, calendar, profile, today)


def view(req: InfoRequest, calendar: WorkCalendar, profile: Profile, today: dt.date) -> RequestDetail:
    """A loaded request as plain data — also inside a transaction (a correction compares the
    letters before and after it with this, app.services.letters.printed_values)."""
    out = RequestDetail(**{name: getattr(req, name) for name in _SCALARS})
    out.clock = clock.clock_info(req, calendar, profile.answer_days, profile.fee_pauses_clock, today)
    out.events = [EventView(e.at, e.day, e.actor, e.kind, e.text) for e in req.events]
    out.consultations = [ConsultationView(c.id, c.kind, c.party, c.sent_date, c.reply_due, c.reply_date,
                                          c.opinion, c.delivered_date, c.delivery_method, c.disclose_party)
                         for c in req.consultations]
    out.attachments = [AttachmentView(a.id, a.filename, a.size, a.sha256, a.added_by, a.added_at)
                       for a in req.attachments]
    return out


def find_by_number(db: Database, number: str) -> int | None:
    with db.session() as s:
        return s.scalar(select(InfoRequest.id).where(InfoRequest.number == number.strip()))
