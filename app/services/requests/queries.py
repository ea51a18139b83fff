"""Reading requests: the register list (ids first, rows on demand), counts, one request's detail."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields

from sqlalchemy import Select, and_, func, select

from app.db import Database
from app.db.models import InfoRequest
from app.domain import taxonomy
from app.domain.vocab import OPEN_STATES, State
from app.services.errors import NotFound
from app.services.profile import get_profile
from app.services.requests import clock

OPEN = [s.value for s in OPEN_STATES]
DUE_SOON_DAYS = 3


@dataclass
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


def _where(q: Select, f: RegisterFilter, today: dt.date, soon: dt.date) -> Select:
    if f.state:
        q = q.where(InfoRequest.state == f.state)
    if f.year:
        q = q.where(InfoRequest.year == f.year)
    if f.channel:
        q = q.where(InfoRequest.channel == f.channel)
    if f.applicant_type:
        q = q.where(InfoRequest.applicant_type == f.applicant_type)
    if f.result_category:
        if f.result_category in taxonomy.BY_CODE:
            q = q.where(InfoRequest.result_code == f.result_category)
        else:
            codes = [leaf.code for leaf in taxonomy.LEAVES if leaf.category == f.result_category]
            q = q.where(InfoRequest.result_code.in_(codes))
    if f.overdue:
        q = q.where(InfoRequest.state.in_(OPEN), InfoRequest.due_date < today)
    if f.due_soon:
        q = q.where(InfoRequest.state.in_(OPEN), InfoRequest.due_date >= today, InfoRequest.due_date <= soon)
    if f.due_today:
        q = q.where(InfoRequest.state.in_(OPEN), InfoRequest.due_date == today)
    return _search(q, f.search)


def _search(q: Select, text: str) -> Select:
    for term in text.lower().split():
        escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        q = q.where(InfoRequest.search_key.like(f"%{escaped}%", escape="\\"))
    return q


def matching_ids(db: Database, text: str) -> set[int]:
    """Ids whose number, applicant (also as pinyin), ID, phone or content contain every term.

    Unordered on purpose: the register filters its already-sorted id list with
    this set, so a keystroke costs one scan and no sort.
    """
    stmt = _search(select(InfoRequest.id), text)
    with db.engine.connect() as conn:
        # Straight to the DB-API cursor: building 100,000 SQLAlchemy Row objects
        # costs three times the scan itself, and only the ints are needed.
        compiled = stmt.compile(dialect=conn.dialect)
        params = compiled.construct_params()
        args = [params[k] for k in compiled.positiontup] if compiled.positional else params
        cursor = conn.connection.dbapi_connection.cursor()
        try:
            cursor.execute(str(compiled), args)
            return {row[0] for row in cursor.fetchall()}
        finally:
            cursor.close()


def list_ids(db: Database, f: RegisterFilter, sort: str = "received_date", descending: bool = True,
             today: dt.date | None = None) -> list[int]:
    today = today or db.today()
    soon = db.calendar().add_working_days(today, DUE_SOON_DAYS).date
    cols = SORT_COLUMNS[sort]
    order = [c.desc() for c in cols] if descending else list(cols)
    q = _where(select(InfoRequest.id), f, today, soon).order_by(*order)
    with db.session() as s:
        return list(s.scalars(q))


@dataclass(frozen=True)
class RegisterRow:
    id: int
    number: str
    received_date: dt.date
    channel: str
    applicant_type: str
    applicant_name: str
    content: str
    state: str
    due_date: dt.date
    due_provisional: bool
    result: str
    reply_date: dt.date | None
    on_time: bool | None
    handler: str


_ROW_COLUMNS = (InfoRequest.id, InfoRequest.number, InfoRequest.received_date, InfoRequest.channel,
                InfoRequest.applicant_type, InfoRequest.applicant_name, func.substr(InfoRequest.content, 1, 80),
                InfoRequest.state, InfoRequest.due_date, InfoRequest.due_provisional, InfoRequest.result_code,
                InfoRequest.reply_date, InfoRequest.on_time, InfoRequest.handler)


def fetch_rows(db: Database, ids: list[int]) -> dict[int, RegisterRow]:
    if not ids:
        return {}
    out: dict[int, RegisterRow] = {}
    with db.session() as s:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for r in s.execute(select(*_ROW_COLUMNS).where(InfoRequest.id.in_(chunk))):
                leaf = taxonomy.BY_CODE.get(r[10])
                out[r[0]] = RegisterRow(*r[:10], leaf.label if leaf else "", *r[11:])
    return out


@dataclass(frozen=True)
class Counts:
    due_today: int
    due_soon: int
    overdue: int
    awaiting_correction: int
    consulting: int


def counts(db: Database, today: dt.date | None = None) -> Counts:
    today = today or db.today()
    soon = db.calendar().add_working_days(today, DUE_SOON_DAYS).date
    is_open = InfoRequest.state.in_(OPEN)
    with db.session() as s:
        row = s.execute(select(
            func.count().filter(and_(is_open, InfoRequest.due_date == today)),
            func.count().filter(and_(is_open, InfoRequest.due_date >= today, InfoRequest.due_date <= soon)),
            func.count().filter(and_(is_open, InfoRequest.due_date < today)),
            func.count().filter(InfoRequest.state == State.CORRECTION.value),
            func.count().filter(InfoRequest.state == State.CONSULTING.value),
        )).one()
    return Counts(*(int(v) for v in row))


def years(db: Database) -> list[int]:
    with db.session() as s:
        return sorted(s.scalars(select(InfoRequest.year).distinct()), reverse=True)


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
        out = RequestDetail(**{name: getattr(req, name) for name in _SCALARS})
        out.clock = clock.clock_info(req, calendar, profile.answer_days, profile.fee_pauses_clock, today)
        out.events = [EventView(e.at, e.day, e.actor, e.kind, e.text) for e in req.events]
        out.consultations = [ConsultationView(c.id, c.kind, c.party, c.sent_date, c.reply_due, c.reply_date,
                                              c.opinion) for c in req.consultations]
        out.attachments = [AttachmentView(a.id, a.filename, a.size, a.sha256, a.added_by, a.added_at)
                           for a in req.attachments]
        return out


def find_by_number(db: Database, number: str) -> int | None:
    with db.session() as s:
        return s.scalar(select(InfoRequest.id).where(InfoRequest.number == number.strip()))
