"""Logging a contact and following a referral to the end (seed 000 三(四), seed 004 六).

One service function per user action, one transaction each, the right checked
in it.  The stages of a referral:

    待接办 --接办 (receiving 科室; for another agency the first responder records
             who took it over there)--> 办理中 --办理结果--> 待回访 --回访--> 已办结

Answers on the spot, one-time notices and conversions close at once (a rating
given at the counter is recorded on the entry).  A 差评 (不满意/非常不满意), at
回访 or at the counter, opens a rectification task (app/services/rectification)
due after the office's limit, and the entry then waits for a second 回访.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.dates import cn_date
from app.db import Database
from app.db.base import settings_row
from app.db.models import (
    AgencyProfile,
    ContactEntry,
    ContactEvent,
    Department,
    InfoRequest,
    Matter,
    Notice,
    User,
)
from app.services import numbering, rectification
from app.services.actor import Actor
from app.services.contacts import vocab as v
from app.services.errors import NotFound, PermissionDenied, ServiceError, ValidationError
from app.services.rights import Right, current_role, has, require
from app.validation import contact
from app.validation.text import Invalid, clean_text, text_field

CONTACT = numbering.register_kind("contact", "首问登记编号", "SW{年}-{序号:6}")


@dataclass
class EntryInput:
    """What the quick-entry form (or a test, or an import) gives; validated by ``validate_entry``."""

    contact_at: dt.datetime | None = None  # None: now
    channel: str = "来电"
    person: str = ""
    phone: str = ""
    matter_id: int | None = None
    matter_name: str = ""  # free text when the matter is not in the catalogue
    category: str = "咨询"
    question: str = ""
    responder_id: int | None = None  # None: the signed-in user
    outcome: str = v.ANSWERED
    answer: str = ""
    department_id: int | None = None  # 引导至本机关科室
    referred_person: str = ""  # the person in that 科室 / the contact at the other agency
    agency: str = ""  # 协助转其他机关
    referred_how: str = ""
    rating: str = ""  # given at the counter (optional)
    rating_words: str = ""


@dataclass(frozen=True)
class FollowUp:
    day: dt.date | None = None
    how: str = "电话"
    rating: str = ""
    words: str = ""


def validate_entry(d: EntryInput, now: dt.datetime) -> EntryInput:
    """The one check of an entry (form, CLI, import): returns the cleaned input or raises with every problem."""
    e: dict[str, str] = {}
    at = d.contact_at or now
    if at > now + dt.timedelta(minutes=5):
        e["contact_at"] = f"时间不能晚于现在（{cn_date(now.date())} {now:%H:%M}）"
    elif at.year < 2000:
        e["contact_at"] = "时间不正确"
    if d.channel not in v.CHANNELS:
        e["channel"] = f"请在{'、'.join(v.CHANNELS)}中选择方式"
    category = v.COMPLAINT if d.outcome == v.TO_COMPLAINT else d.category
    if category not in v.CATEGORIES:
        e["category"] = f"请在{'、'.join(v.CATEGORIES)}中选择类别"
    if d.outcome not in v.OUTCOMES:
        e["outcome"] = f"请在{'、'.join(v.OUTCOMES)}中选择处理方式"
    person = text_field(e, "person", d.person, 100, label="姓名或名称")
    phone = ""
    if d.phone.strip():
        try:
            phone = contact.phone(d.phone)
        except Invalid as exc:
            e["phone"] = str(exc)
    elif d.outcome in v.REFERRALS and category != v.COMPLAINT:
        e["phone"] = "转办的事项需要回访，请填写联系电话"
    if category == v.COMPLAINT:
        # The complainant's identity is sealed in the 投诉举报 register (issue 15); this log is
        # plain text, searchable and printed, so it must never hold who complained.
        if person:
            e["person"] = "投诉举报人的身份须保密，首问登记不记姓名：请在投诉举报登记中填写（转为投诉举报）"
        if d.phone.strip():
            e["phone"] = "投诉举报人的身份须保密，首问登记不记电话：请在投诉举报登记中填写（转为投诉举报）"
        if d.outcome in v.REFERRALS:
            e["outcome"] = "投诉举报不在首问中转办：请选择“转为投诉举报”，由投诉举报登记受理"
    question = text_field(e, "question", d.question, 2000, label="问题", multiline=True)
    if not question and "question" not in e:
        e["question"] = "请填写来访或来电反映的问题"
    answer = text_field(e, "answer", d.answer, 2000, label="答复或办理情况", multiline=True)
    if d.outcome in v.ON_THE_SPOT and not answer and "answer" not in e:
        e["answer"] = f"{d.outcome}：请写明答复或办理的内容"
    matter_name = text_field(e, "matter_name", d.matter_name, 100, label="事项")
    referred_person = text_field(e, "referred_person", d.referred_person, 60, label="接收人")
    agency = text_field(e, "agency", d.agency, 100, label="其他机关名称")
    how = text_field(e, "referred_how", d.referred_how, 200, label="转交方式")
    if d.outcome == v.INTERNAL and d.department_id is None:
        e["department_id"] = "引导至本机关科室：请选择转至哪个科室"
    if d.outcome == v.EXTERNAL:
        if not agency and "agency" not in e:
            e["agency"] = "协助转其他机关：请填写转至哪个机关"
        if not how and "referred_how" not in e:
            e["referred_how"] = "协助转其他机关：请写明如何转交（如电话联系、函转）"
    if d.rating and d.rating not in v.RATINGS:
        e["rating"] = f"请在{'、'.join(v.RATINGS)}中选择评价"
    words = text_field(e, "rating_words", d.rating_words, 1000, label="评价内容", multiline=True)
    if e:
        raise ValidationError(e)
    return EntryInput(at.replace(second=0, microsecond=0, tzinfo=None), d.channel, person, phone, d.matter_id,
                      matter_name, category, question, d.responder_id, d.outcome, answer,
                      d.department_id if d.outcome == v.INTERNAL else None,
                      referred_person if d.outcome in v.REFERRALS else "", agency if d.outcome == v.EXTERNAL else "",
                      how if d.outcome in v.REFERRALS else "", d.rating, words)


def add_event(entry: ContactEntry, actor: Actor, kind: str, text: str, day: dt.date) -> None:
    entry.events.append(ContactEvent(kind=kind, text=text, actor=actor.full_name or actor.label, day=day))


def limits(s: Session) -> tuple[int, int]:
    """(working days for a referral's result, working days for a 差评's rectification)."""
    p = s.get(AgencyProfile, 1)
    if p is None:
        return v.DEFAULT_RESULT_DAYS, v.DEFAULT_RECTIFICATION_DAYS
    return p.contact_result_days, p.rectification_days


def current_limits(db: Database) -> tuple[int, int]:
    """The two limits for the settings form."""
    with db.session() as s:
        return limits(s)


def set_limits(db: Database, actor: Actor, result_days: int, rectification_days: int) -> None:
    """机关信息 settings: 转办结果时限 and 差评整改时限 (working days)."""
    e = {}
    if not 1 <= result_days <= 60:
        e["result_days"] = "转办结果时限应为1至60个工作日"
    if not 1 <= rectification_days <= 60:
        e["rectification_days"] = "差评整改时限应为1至60个工作日"
    if e:
        raise ValidationError(e)
    with db.session(actor=actor.label, action="修改首问负责时限") as s:
        if not has(s, actor, Right.APPROVE):  # the office's heads decide their own limits, or the administrator
            require(s, actor, Right.EDIT_PROFILE, "只有系统管理员或科室负责人以上可以修改首问负责的时限")
        p = settings_row(s, AgencyProfile)
        p.contact_result_days, p.rectification_days = result_days, rectification_days


def _open_rectification(db: Database, s: Session, actor: Actor, entry: ContactEntry, rating: str, words: str,
                        day: dt.date) -> None:
    """A 差评: flag for the head (the entry's state waits for a second 回访) and open a 整改 task."""
    _, rect_days = limits(s)
    due = db.calendar().add_working_days(day, rect_days).date
    dept = s.get(Department, entry.department_id) if entry.department_id else None
    owner = entry.accepted_by if entry.outcome == v.INTERNAL and entry.accepted_by else entry.responder
    task = rectification.open_task(
        s, rectification.Source("contact", entry.id, f"首问登记 {entry.number}"),
        f"群众评价“{rating}”：{words or entry.question[:200]}", owner, dept.name if dept else "", day, due,
        actor.label)
    entry.rectification_id = task.id
    add_event(entry, actor, "差评整改", f"评价为“{rating}”，已交办整改，限{cn_date(due)}前完成，整改后再次回访", day)


def check_may_log(db: Database, actor: Actor) -> None:
    """Refuse before the form is filled in, with the same words :func:`log_entry` would use
    (a 监督检查人员 could type a whole call and be refused only at 保存)."""
    with db.session() as s:
        require(s, actor, Right.FIRST_RESPONSE)


def log_entry(db: Database, actor: Actor, data: EntryInput, now: dt.datetime | None = None) -> int:
    """首问登记: validate, number, save — one transaction; returns the entry id."""
    now = now or dt.datetime.now()
    d = validate_entry(data, now)
    assert d.contact_at is not None
    day = d.contact_at.date()
    with db.session(actor=actor.label, action="首问登记") as s:
        require(s, actor, Right.FIRST_RESPONSE)
        responder_id = d.responder_id if d.responder_id is not None else actor.user_id
        user = s.get(User, responder_id) if responder_id is not None else None
        if responder_id is not None and (user is None or not user.active):
            raise ValidationError({"responder_id": "首问责任人不存在或已停用"})
        matter_name = d.matter_name
        if d.matter_id is not None:
            m = s.get(Matter, d.matter_id)
            if m is None:
                raise ValidationError({"matter_id": "所选事项不存在"})
            matter_name = m.name
        if d.outcome == v.NOTICE and d.matter_id is None:
            raise ValidationError({"matter_id": "一次性告知：请从事项清单中选择事项"})
        referred_to = d.agency
        if d.department_id is not None:
            dept = s.get(Department, d.department_id)
            if dept is None:
                raise ValidationError({"department_id": "所选科室不存在"})
            referred_to = dept.name
        number, seq = numbering.next_number(s, CONTACT.key, day.year)
        entry = ContactEntry(
            number=number, year=day.year, seq=seq, contact_at=d.contact_at, day=day, channel=d.channel,
            person=d.person, phone=d.phone, matter_id=d.matter_id, matter_name=matter_name, category=d.category,
            question=d.question, responder_id=responder_id,
            responder=(user.full_name if user else actor.full_name or actor.label)[:40], outcome=d.outcome,
            answer=d.answer, department_id=d.department_id, referred_to=referred_to,
            referred_person=d.referred_person, referred_how=d.referred_how, created_by=actor.label,
            state=v.CLOSED, rating=d.rating, followup_words=d.rating_words)
        if d.outcome in v.REFERRALS:
            result_days, _ = limits(s)
            cal = db.calendar()
            entry.state = v.AWAIT_ACCEPT
            entry.accept_due = cal.add_working_days(day, v.ACCEPT_DAYS).date
            entry.result_due = cal.add_working_days(day, result_days).date
        else:
            entry.closed_day = day
        s.add(entry)
        where = f"，转至{referred_to}" + (f"（{d.referred_person}）" if d.referred_person else "") if referred_to else ""
        add_event(entry, actor, "登记", f"{d.channel}，{d.category}，{d.outcome}{where}", now.date())
        s.flush()
        if d.rating in v.BAD_RATINGS:
            _open_rectification(db, s, actor, entry, d.rating, d.rating_words, day)
        return entry.id


def _load(s: Session, entry_id: int) -> ContactEntry:
    entry = s.get(ContactEntry, entry_id)
    if entry is None:
        raise NotFound("首问登记不存在或已被删除")
    return entry


def _is_head(s: Session, actor: Actor) -> bool:
    role = current_role(s, actor)
    return role is not None and role.can_approve


def accept(db: Database, actor: Actor, entry_id: int, accepted_by: str = "", now: dt.datetime | None = None) -> None:
    """已接办.  Inside the office: a member of the receiving 科室 (or a head) confirms it themself.
    Another agency: the first responder records who took it over there (``accepted_by``)."""
    now = now or dt.datetime.now(dt.UTC)
    with db.session(actor=actor.label, action="确认接办") as s:
        require(s, actor, Right.FIRST_RESPONSE)
        entry = _load(s, entry_id)
        if entry.state != v.AWAIT_ACCEPT:
            raise ServiceError(f"首问登记{entry.number}是“{entry.state}”，不是待接办")
        if entry.outcome == v.INTERNAL:
            me = s.get(User, actor.user_id) if actor.user_id is not None else None
            if (me is None or me.department_id != entry.department_id) and not _is_head(s, actor):
                raise PermissionDenied(f"该事项转至{entry.referred_to}，须由{entry.referred_to}的工作人员确认接办")
            who = actor.full_name or actor.label
        else:
            try:
                who = clean_text(accepted_by, 60)
            except Invalid as exc:
                raise ValidationError({"accepted_by": f"接办人{exc}"}) from None
            if not who:
                raise ValidationError({"accepted_by": f"请填写{entry.referred_to}的接办人"})
        entry.accepted_by, entry.accepted_at, entry.state = who[:60], now, v.IN_HAND
        add_event(entry, actor, "接办", f"{entry.referred_to}{who}已接办", now.astimezone().date())


def record_result(db: Database, actor: Actor, entry_id: int, result: str, day: dt.date | None = None) -> None:
    """办理结果 of a referral (then the first responder follows up)."""
    today = db.today()
    day = day or today
    errors: dict[str, str] = {}
    result = text_field(errors, "result", result, 2000, label="办理结果", required="请填写办理结果", multiline=True)
    if errors:
        raise ValidationError(errors)
    with db.session(actor=actor.label, action="登记办理结果") as s:
        require(s, actor, Right.FIRST_RESPONSE)
        entry = _load(s, entry_id)
        if entry.state == v.AWAIT_ACCEPT:
            raise ServiceError("尚未接办，不能登记办理结果")
        if entry.state != v.IN_HAND:
            raise ServiceError(f"首问登记{entry.number}是“{entry.state}”，不能再登记办理结果")
        if day > today:
            raise ValidationError({"day": "办理日期不能晚于今天"})
        if day < entry.day:
            raise ValidationError({"day": "办理日期不能早于登记日期"})
        entry.result, entry.result_day, entry.state = result, day, v.AWAIT_FOLLOWUP
        add_event(entry, actor, "办理结果", result[:200], today)


def _check_followup(f: FollowUp, first: dt.date, today: dt.date) -> tuple[dt.date, str]:
    e: dict[str, str] = {}
    day = f.day or today
    if day > today:
        e["day"] = f"回访日期不能晚于今天（{cn_date(today)}）"
    elif day < first:
        e["day"] = f"回访日期不能早于{cn_date(first)}"
    if f.how not in v.FOLLOWUP_WAYS:
        e["how"] = f"请在{'、'.join(v.FOLLOWUP_WAYS)}中选择回访方式"
    if f.rating not in v.RATINGS:
        e["rating"] = f"请在{'、'.join(v.RATINGS)}中选择群众评价"
    words = text_field(e, "words", f.words, 1000, label="群众意见", multiline=True)
    if e:
        raise ValidationError(e)
    return day, words


def followup_refusal(number: str, state: str) -> str | None:
    """Why an entry in this state cannot be followed up now (the tab asks before opening the form)."""
    if state == v.AWAIT_ACCEPT:
        return f"首问登记{number}尚未接办，不能回访：请等接办科室确认接办并登记办理结果后再回访"
    if state == v.IN_HAND:
        return f"首问登记{number}的接办科室尚未登记办理结果，不能回访"
    if state != v.AWAIT_FOLLOWUP:
        return f"首问登记{number}不需要回访（{state}）"
    return None


def follow_up(db: Database, actor: Actor, entry_id: int, f: FollowUp) -> None:
    """回访 by the first responder (or a head): rating on the 好差评 scale; a 差评 opens a 整改."""
    today = db.today()
    with db.session(actor=actor.label, action="登记回访") as s:
        require(s, actor, Right.FIRST_RESPONSE)
        entry = _load(s, entry_id)
        refusal = followup_refusal(entry.number, entry.state)
        if refusal:
            raise ServiceError(refusal)
        if entry.responder_id != actor.user_id and not _is_head(s, actor):
            raise PermissionDenied(f"回访由首问责任人{entry.responder}或科室负责人以上办理")
        day, words = _check_followup(f, entry.result_day or entry.day, today)
        entry.followup_day, entry.followup_how, entry.rating, entry.followup_words = day, f.how, f.rating, words
        entry.state, entry.closed_day = v.CLOSED, day
        add_event(entry, actor, "回访", f"{f.how}回访，评价“{f.rating}”" + (f"：{words}" if words else ""), today)
        if f.rating in v.BAD_RATINGS:
            _open_rectification(db, s, actor, entry, f.rating, words, day)


def second_follow_up(db: Database, actor: Actor, entry_id: int, f: FollowUp) -> None:
    """The second 回访 after a 差评's rectification was done (已整改 or 已销号)."""
    from app.db.models import RectificationTask

    today = db.today()
    with db.session(actor=actor.label, action="登记整改后回访") as s:
        require(s, actor, Right.FIRST_RESPONSE)
        entry = _load(s, entry_id)
        task = s.get(RectificationTask, entry.rectification_id) if entry.rectification_id else None
        if task is None:
            raise ServiceError("该登记没有差评整改任务，无需再次回访")
        if task.state == rectification.IN_PROGRESS:
            raise ServiceError("整改尚未完成，完成后再回访")
        if entry.followup2_day is not None:
            raise ServiceError("整改后已回访过")
        day, words = _check_followup(f, task.done_on or task.opened_on, today)
        entry.followup2_day, entry.rating2, entry.followup2_words = day, f.rating, words
        add_event(entry, actor, "整改后回访", f"{f.how}回访，评价“{f.rating}”" + (f"：{words}" if words else ""),
                  today)


# -- conversions: the other tabs' forms open pre-filled, then the result is linked ---------------


def prefill(db: Database, entry_id: int) -> dict[str, object]:
    """What the notices checklist or the request intake starts from (name, phone, matter, question)."""
    with db.session() as s:
        entry = _load(s, entry_id)
        return {"person": entry.person, "phone": entry.phone, "matter_id": entry.matter_id,
                "matter_name": entry.matter_name, "question": entry.question, "day": entry.day,
                "channel": entry.channel}


def request_input(db: Database, entry_id: int):  # noqa: ANN201 - intake.RequestInput (imported late)
    """转为政府信息公开申请: the intake form's input with the entry's data carried over."""
    from app.domain.vocab import CHANNELS
    from app.services.requests.intake import RequestInput

    p = prefill(db, entry_id)
    # a visit is handed in at the counter, a letter by post, an online question over the internet
    channel = {"来访": "当面提交", "信函": "邮寄", "网上咨询": "互联网"}.get(str(p["channel"]), "其他")
    assert channel in CHANNELS
    return RequestInput(channel=channel, received_date=p["day"], applicant_name=str(p["person"]),
                        phone=str(p["phone"]), content=str(p["question"]))


def notice_input(db: Database, entry_id: int):  # noqa: ANN201 - issue.NoticeInput (imported late)
    """一次性告知: the checklist's input with the person and the matter carried over."""
    from app.services.notices.issue import NoticeInput

    p = prefill(db, entry_id)
    if p["matter_id"] is None:
        raise ServiceError("该登记没有选择事项清单中的事项，无法出具一次性告知书")
    return NoticeInput(matter_id=int(p["matter_id"]), applicant_name=str(p["person"]),  # type: ignore[call-overload]
                       contact_phone=str(p["phone"]))


def complaint_input(db: Database, entry_id: int) -> dict[str, object]:
    """转为投诉举报: what the complaint form starts from (keys of complaints.register.ComplaintInput).

    The person comes over only if named, and only into the complaint's identity fields, which
    the complaint service seals — never into its facts or anywhere else.  The question becomes
    the facts; the 科室 is carried over when the entry knows it (a referral's 科室, or the
    catalogue matter's 承办科室).
    """
    from app.db.models import MatterVersion

    with db.session() as s:
        entry = _load(s, entry_id)
        out: dict[str, object] = {"received_on": entry.day, "channel": "转自首问", "facts": entry.question,
                                  "contact_entry_id": entry.id, "anonymous": not entry.person}
        if entry.person:
            out.update(name=entry.person, phone=entry.phone)
        dept_id = entry.department_id
        if dept_id is None and entry.matter_id is not None:
            name = s.scalar(select(MatterVersion.department).where(MatterVersion.matter_id == entry.matter_id)
                            .order_by(MatterVersion.version.desc()).limit(1))
            dept_id = s.scalar(select(Department.id).where(Department.name == name)) if name else None
        if dept_id is not None:
            out["target_department_id"] = dept_id
        return out


def _link(db: Database, actor: Actor, entry_id: int, model: type, target_id: int, outcome: str) -> None:
    from app.db.models import Complaint

    with db.session(actor=actor.label, action=f"关联{outcome}") as s:
        require(s, actor, Right.FIRST_RESPONSE)
        entry = _load(s, entry_id)
        target = s.get(model, target_id)
        if target is None:
            raise NotFound("要关联的告知书、申请或投诉举报不存在")
        if entry.outcome != outcome:
            raise ServiceError(f"首问登记{entry.number}的处理方式是“{entry.outcome}”，不能关联")
        if model is Notice:
            entry.notice_id = target_id
        elif model is Complaint:
            # the complaint holds the link (its contact_entry_id, set when it was registered from this entry)
            if target.contact_entry_id != entry.id:
                raise ServiceError(f"投诉举报{target.number}不是由首问登记{entry.number}转来的，不能关联")
        else:
            entry.request_id = target_id
        add_event(entry, actor, "关联", f"{outcome}：{target.number}", db.today())


def link_notice(db: Database, actor: Actor, entry_id: int, notice_id: int) -> None:
    _link(db, actor, entry_id, Notice, notice_id, v.NOTICE)


def link_request(db: Database, actor: Actor, entry_id: int, request_id: int) -> None:
    _link(db, actor, entry_id, InfoRequest, request_id, v.TO_REQUEST)


def link_complaint(db: Database, actor: Actor, entry_id: int, complaint_id: int) -> None:
    """The complaint registered from this entry: its number goes on the entry's timeline."""
    from app.db.models import Complaint

    _link(db, actor, entry_id, Complaint, complaint_id, v.TO_COMPLAINT)


def my_department(db: Database, actor: Actor) -> int | None:
    """The signed-in user's 科室 (转我办理 lists referrals to it)."""
    if actor.user_id is None:
        return None
    with db.session() as s:
        return s.scalar(select(User.department_id).where(User.id == actor.user_id))
