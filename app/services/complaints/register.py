"""Registering a 投诉举报: one validation function, one transaction, the identity sealed before it is stored.

The identity fields never reach a column in the clear: they are sealed with
``identity.seal`` inside the same transaction that inserts the row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import Database
from app.db.models import Complaint, ContactEntry, Department, User
from app.services import numbering
from app.services.actor import Actor
from app.services.complaints import clock, identity
from app.services.complaints.vocab import CATEGORIES, CHANNELS, REPLY_HOW, WAITING
from app.services.errors import ValidationError
from app.services.rights import Right, require
from app.validation import contact as v_contact
from app.validation import identity as v_identity
from app.validation.text import Invalid, clean_text

COMPLAINT = numbering.register_kind("complaint", "投诉举报编号", "TS{年}-{序号:4}")


@dataclass
class ComplaintInput:
    received_on: dt.date
    channel: str
    category: str
    facts: str
    anonymous: bool = False
    name: str = ""
    id_number: str = ""
    phone: str = ""
    address: str = ""
    wants_reply: bool = False
    reply_how: str = ""
    target_user_id: int | None = None
    target_department_id: int | None = None
    happened: str = ""
    taken_place: str = ""
    assigned_body: str = ""  # 上级交办
    assigned_due: dt.date | None = None
    contact_entry_id: int | None = None  # 转自首问


def _field(errors: dict[str, str], key: str, fn, *args) -> str:  # noqa: ANN001
    try:
        return fn(*args)
    except Invalid as e:
        errors[key] = str(e)
        return ""


def validate(inp: ComplaintInput, today: dt.date) -> tuple[ComplaintInput, dict[str, str]]:
    """Every field check of a complaint in one place (form, import and CLI alike); returns cleaned input."""
    e: dict[str, str] = {}
    c = ComplaintInput(**vars(inp))
    if c.channel not in CHANNELS:
        e["channel"] = "请选择投诉举报渠道"
    if c.category not in CATEGORIES:
        e["category"] = "请选择投诉举报类别"
    if c.received_on is None:
        e["received_on"] = "请填写收到日期"
    elif c.received_on > today:
        e["received_on"] = "收到日期不能晚于今天"
    elif c.received_on.year < 2000:
        e["received_on"] = "收到日期不可能早于2000年"
    c.facts = _field(e, "facts", clean_text, c.facts, 4000, True)
    if "facts" not in e and not c.facts:
        e["facts"] = "请填写投诉举报的事实和理由"
    c.happened = _field(e, "happened", clean_text, c.happened, 200)
    c.taken_place = _field(e, "taken_place", clean_text, c.taken_place, 100)
    c.assigned_body = _field(e, "assigned_body", clean_text, c.assigned_body, 100)
    c.address = _field(e, "address", clean_text, c.address, 200)
    if c.channel == "上级交办":
        if not c.assigned_body and "assigned_body" not in e:
            e["assigned_body"] = "上级交办的，请填写交办机关"
        if c.assigned_due is None:
            e["assigned_due"] = "上级交办的，请填写交办机关要求的回复期限"
        elif c.received_on and c.assigned_due < c.received_on:
            e["assigned_due"] = "回复期限不能早于收到日期"
    if c.channel == "转自首问" and c.contact_entry_id is None:
        e["contact_entry_id"] = "转自首问的，请选择所转的首问登记"
    if c.anonymous:
        c.name = c.id_number = c.address = ""
    else:
        c.name = _field(e, "name", clean_text, c.name, 40)
        if not c.name and "name" not in e:
            e["name"] = "署名投诉举报请填写投诉举报人姓名（不愿署名的请选择“匿名”）"
        if c.id_number.strip():
            c.id_number = _field(e, "id_number", v_identity.resident_id, c.id_number, today)
    if c.phone.strip():
        c.phone = _field(e, "phone", v_contact.phone, c.phone)
    if c.wants_reply:
        if c.reply_how not in REPLY_HOW:
            e["reply_how"] = "请选择答复方式"
        elif c.reply_how in ("电话", "短信") and not c.phone and "phone" not in e:
            e["phone"] = f"要求以{c.reply_how}答复的，请留下联系电话"
        elif c.reply_how == "信函" and not c.address and not c.anonymous:
            e["address"] = "要求以信函答复的，请填写通信地址"
    else:
        c.reply_how = ""
    return c, e


def register(db: Database, actor: Actor, inp: ComplaintInput, today: dt.date | None = None) -> int:
    """登记投诉举报: validated, numbered gap-free per year, identity sealed, deadline computed."""
    today = today or db.today()
    c, errors = validate(inp, today)
    with db.session(actor=actor.label, action="登记投诉举报") as s:
        require(s, actor, Right.COMPLAINT_REGISTER)
        _check_links(s, c, errors)
        if errors:
            raise ValidationError(errors)
        ident = identity.Identity(name=c.name, id_number=c.id_number, phone=c.phone, address=c.address)
        blob = identity.seal(s, ident) if any(vars(ident).values()) else None
        number, seq = numbering.next_number(s, COMPLAINT.key, c.received_on.year)
        target = s.get(User, c.target_user_id) if c.target_user_id else None
        dept = s.get(Department, c.target_department_id) if c.target_department_id else None
        row = Complaint(
            number=number, year=c.received_on.year, seq=seq, received_on=c.received_on, channel=c.channel,
            assigned_body=c.assigned_body, assigned_due=c.assigned_due, contact_entry_id=c.contact_entry_id,
            anonymous=c.anonymous, identity=blob, wants_reply=c.wants_reply, reply_how=c.reply_how,
            target_user_id=target.id if target else None, target_person=target.full_name if target else "",
            department_id=dept.id if dept else None, target_department=dept.name if dept else "",
            category=c.category, facts=c.facts, happened=c.happened,
            taken_by=actor.full_name or actor.label, taken_place=c.taken_place, state=WAITING,
            due=clock.accept_due(s, db, c.received_on), created_by=actor.label)
        s.add(row)
        s.flush()
        return row.id


def _check_links(s: Session, c: ComplaintInput, errors: dict[str, str]) -> None:
    if c.target_user_id is not None and s.get(User, c.target_user_id) is None:
        errors["target_user_id"] = "被投诉举报的工作人员不存在"
    if c.target_department_id is not None and s.get(Department, c.target_department_id) is None:
        errors["target_department_id"] = "被投诉举报的科室不存在"
    if c.contact_entry_id is not None and s.get(ContactEntry, c.contact_entry_id) is None:
        errors["contact_entry_id"] = "所转的首问登记不存在"
    if c.target_user_id is None and c.target_department_id is None:
        pass  # 不明: allowed (seed 000 六: a complaint may not know whom it concerns)


def target_text(row: Complaint) -> str:
    """被投诉举报对象 as printed: person and/or section, else 不明."""
    parts = [p for p in (row.target_department, row.target_person) if p]
    return "　".join(parts) or "不明"


def ids_in_list_order(s: Session, year: int | None = None) -> list[int]:
    """Named before anonymous (seed 000 六(四)), then newest first."""
    q = select(Complaint.id).order_by(Complaint.anonymous, Complaint.received_on.desc(), Complaint.id.desc())
    if year is not None:
        q = q.where(Complaint.year == year)
    return list(s.scalars(q))
