"""Registering a request at the counter (条例第二十九条、第三十一条)."""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import asdict, dataclass, fields

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.calendar import WorkCalendar
from app.dates import cn_date
from app.db import Database
from app.db.models import InfoRequest, RequestEvent
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
from app.services.errors import ValidationError
from app.services.profile import Profile, get_profile
from app.services.requests import clock
from app.services.rights import Right, require
from app.validation import Field, Invalid, Schema, contact, dates, identity

REPEAT_WINDOW_DAYS = 365
REPEAT_SIMILARITY = 0.6


@dataclass
class RequestInput:
    """What the counter clerk types in; plain data, validated by ``validate``."""

    channel: str = CHANNELS[0]
    received_date: dt.date | None = None
    applicant_type: str = NATURAL_PERSON
    applicant_name: str = ""
    id_type: str = ID_RESIDENT
    id_number: str = ""
    phone: str = ""
    address: str = ""
    postcode: str = ""
    email: str = ""
    contact_person: str = ""
    content: str = ""
    delivery_form: str = DELIVERY_FORMS[0]
    oral: bool = False
    remarks: str = ""


# The request's fields, described once for the form, the ledger import and the command line.
# Labels are the ledger's column names; limits fit the purpose and the database columns.
FIELDS = Schema([
    Field("channel", "申请方式", 10, required="请选择申请方式", choices=CHANNELS),
    Field("applicant_type", "申请人类型", 10, required="请选择申请人类型", choices=APPLICANT_TYPES),
    Field("applicant_name", "申请人姓名或名称", 100, required="请填写申请人姓名或名称"),
    Field("id_type", "证件类型", 20, choices=ID_TYPES),
    Field("id_number", "证件号码", identity.ID_LIMIT, kind="identifier"),
    Field("phone", "联系电话", contact.PHONE_LIMIT, kind="phone"),
    Field("address", "通信地址", 200),
    Field("postcode", "邮政编码", 12, kind="postcode"),
    Field("email", "电子邮箱", contact.EMAIL_LIMIT, kind="email"),
    Field("contact_person", "联系人", 40),
    Field("content", "申请内容", 4000, kind="multiline",
          required="请填写所需政府信息的名称、文号或者便于查询的其他特征性描述"),
    Field("delivery_form", "获取方式", 10, choices=DELIVERY_FORMS, default=DELIVERY_FORMS[0]),
    Field("remarks", "备注", 1000, kind="multiline"),
])
RECEIVED_LABEL = "收到申请日期"
_INPUT_FIELDS = fields(RequestInput)
LIMITS = {f.name: f.limit for f in FIELDS.fields}


def check(data: RequestInput, today: dt.date, historical: bool = False
          ) -> tuple[RequestInput, dict[str, str]]:
    """(cleaned copy, {field: message}) — the one set of request rules, whatever the source.

    ``historical`` is True only for rows of a ledger kept before the app: such a ledger
    often did not record the applicant's ID number or an organisation's 联系人, so
    their absence is accepted there.  Every value that IS given passes the same checks
    with the same messages as at the counter.
    """
    raw = {f.name: getattr(data, f.name) for f in _INPUT_FIELDS}  # asdict() deep-copies: 3x slower
    cleaned, e = FIELDS.check(raw)
    d = RequestInput(**{**raw, **cleaned})
    if d.received_date is None:
        e["received_date"] = "请填写收到申请日期"
    else:
        try:
            dates.event_date(d.received_date, today)
        except Invalid as exc:
            e["received_date"] = str(exc)
    if not d.id_type and "id_type" not in e:
        d.id_type = ID_RESIDENT if d.applicant_type == NATURAL_PERSON else (ID_USCC if d.id_number else "其他")
    if d.id_number and "id_number" not in e:
        checker = {ID_RESIDENT: identity.resident_id, ID_USCC: identity.uscc}.get(d.id_type, identity.other_id)
        try:
            d.id_number = checker(d.id_number)
        except Invalid as exc:
            e["id_number"] = str(exc)
    elif not d.id_number and not historical and (d.applicant_type == NATURAL_PERSON or d.id_type == ID_USCC):
        e.setdefault("id_number", "请填写证件号码（第二十九条：申请人的身份证明）")
    if d.applicant_type != NATURAL_PERSON and d.applicant_type in APPLICANT_TYPES:
        if d.id_type == ID_RESIDENT:
            e.setdefault("id_type", "法人或其他组织请选择统一社会信用代码或其他证件")
        if not historical and not d.contact_person:
            e.setdefault("contact_person", "法人或其他组织请填写联系人")
    if not (d.phone or d.address or d.email) and not {"phone", "address", "email"} & e.keys():
        e["phone"] = "请至少填写一种联系方式（电话、通信地址或电子邮箱）"
    if d.delivery_form == "电子邮件" and not d.email:
        e.setdefault("email", "选择以电子邮件获取信息时请填写电子邮箱")
    if d.delivery_form == "邮寄" and not d.address:
        e.setdefault("address", "选择邮寄时请填写通信地址")
    return d, e


def validate(data: RequestInput, today: dt.date) -> RequestInput:
    """Return a cleaned copy or raise ValidationError naming each bad field."""
    d, e = check(data, today)
    if e:
        raise ValidationError(e)
    return d


@dataclass(frozen=True)
class RepeatCandidate:
    id: int
    number: str
    received_date: dt.date
    content: str
    similarity: float


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def find_repeats(db: Database, data: RequestInput, today: dt.date,
                 exclude_id: int | None = None) -> list[RepeatCandidate]:
    """Same applicant (ID, or name + phone) with similar content in the last 12 months (第三十六条（六）)."""
    received = data.received_date or today
    since = received - dt.timedelta(days=REPEAT_WINDOW_DAYS)
    same = []
    if data.id_number.strip():
        same.append(InfoRequest.id_number == data.id_number.strip().upper())
    if data.applicant_name.strip() and data.phone.strip():
        same.append((InfoRequest.applicant_name == data.applicant_name.strip())
                    & (InfoRequest.phone == data.phone.strip()))
    if not same:
        return []
    with db.session() as s:
        rows = s.execute(
            select(InfoRequest.id, InfoRequest.number, InfoRequest.received_date, InfoRequest.content)
            .where(or_(*same), InfoRequest.received_date >= since, InfoRequest.received_date <= received)
        ).all()
    out = []
    for rid, number, rdate, content in rows:
        if rid == exclude_id:
            continue
        sim = _similarity(data.content.strip(), content)
        if sim >= REPEAT_SIMILARITY:
            out.append(RepeatCandidate(rid, number, rdate, content, round(sim, 2)))
    return sorted(out, key=lambda c: -c.similarity)


def add_event(req: InfoRequest, actor: Actor, kind: str, text: str, day: dt.date) -> None:
    req.events.append(RequestEvent(actor=actor.label, kind=kind, text=text, day=day))


def new_request(s: Session, profile: Profile, actor: Actor, d: RequestInput, number: str | None = None,
                year_seq: tuple[int, int] | None = None) -> InfoRequest:
    """Build (and add) a request row with its number, inside the caller's transaction."""
    assert d.received_date is not None
    if number is None:
        year = d.received_date.year
        number, seq = numbering.next_number(s, numbering.REQUEST.key, year, profile.doc_code)
    elif year_seq is not None:
        year, seq = year_seq
        numbering.bump_seq(s, numbering.REQUEST.key, year, seq)
    else:
        year, seq = d.received_date.year, None
    req = InfoRequest(
        number=number, year=year, seq=seq, state=State.REGISTERED.value, clock_start=d.received_date,
        due_date=d.received_date, created_by=actor.label,
        filled_by=actor.full_name or actor.label if d.oral else "",
        extension_days=0, **asdict(d),
    )
    s.add(req)
    return req


def numbering_profile(db: Database) -> Profile:
    """The profile, refusing to register while there is no 文号代字 to number with."""
    profile = get_profile(db)
    if not profile.doc_code:
        raise ValidationError("机关信息中尚未填写文号代字，无法编号。请系统管理员先在“设置 → 机关信息”中填写。")
    return profile


def open_request(s: Session, calendar: WorkCalendar, profile: Profile, actor: Actor, d: RequestInput,
                 today: dt.date, note: str = "") -> InfoRequest:
    """Create the row with its number and due date and the 登记 event, inside ``s``."""
    req = new_request(s, profile, actor, d)
    clock.refresh_due(req, calendar, profile.answer_days, profile.fee_pauses_clock)
    text = f"{d.channel}，收到申请日期{cn_date(d.received_date)}，" + (note or f"答复期限至{cn_date(req.due_date)}")
    if d.oral:
        text += f"；口头申请，由{actor.full_name or actor.label}代为填写"
    add_event(req, actor, "登记", text, today)
    return req


def register(db: Database, actor: Actor, data: RequestInput, today: dt.date | None = None) -> int:
    """Save a new request; returns its id.  One transaction, number allocated inside it."""
    today = today or db.today()
    d = validate(data, today)
    profile = numbering_profile(db)
    calendar = db.calendar()
    with db.session(actor=actor.label, action="登记申请") as s:
        require(s, actor, Right.REGISTER)
        req = open_request(s, calendar, profile, actor, d, today)
        s.flush()
        return req.id
