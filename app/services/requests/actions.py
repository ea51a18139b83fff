"""Actions on a request after intake: one function each, one transaction, audited, on the timeline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.dates import cn_date
from app.db import Database
from app.db.models import Attachment, Consultation, InfoRequest
from app.domain import fees, taxonomy
from app.domain.vocab import CONSULT_KINDS, SERVICE_METHODS, State
from app.services import attachments
from app.services.actor import Actor
from app.services.errors import NotFound, PermissionDenied, ServiceError, ValidationError
from app.services.profile import Profile, get_profile
from app.services.requests import clock
from app.services.requests.intake import add_event
from app.services.rights import Right, require
from app.validation import Invalid, dates

MAX_ATTACHMENT = attachments.MAX_BYTES


@dataclass
class _Ctx:
    s: Session
    req: InfoRequest
    profile: Profile
    actor: Actor
    today: dt.date
    calendar: object

    def event(self, kind: str, text: str) -> None:
        add_event(self.req, self.actor, kind, text, self.today)

    def refresh(self) -> None:
        clock.refresh_due(self.req, self.calendar, self.profile.answer_days, self.profile.fee_pauses_clock)


@contextmanager
def _acting(db: Database, actor: Actor, request_id: int, action: str,
            today: dt.date | None) -> Iterator[_Ctx]:
    profile = get_profile(db)
    calendar = db.calendar()
    with db.session(actor=actor.label, action=action) as s:
        require(s, actor, Right.HANDLE)
        yield context_in(s, db, actor, request_id, today, profile, calendar)


def context_in(s: Session, db: Database, actor: Actor, request_id: int, today: dt.date | None = None,
               profile: Profile | None = None, calendar: object = None) -> _Ctx:
    """An action context inside a transaction someone else opened (签批 approval, corrections)."""
    req = s.get(InfoRequest, request_id)
    if req is None:
        raise NotFound("申请不存在或已被删除")
    return _Ctx(s, req, profile or get_profile(db), actor, today or db.today(), calendar or db.calendar())


def _require(req: InfoRequest, allowed: set[State], what: str) -> None:
    if State(req.state) not in allowed:
        raise ServiceError(f"申请当前状态为“{req.state}”，不能{what}")


def _check_date(day: dt.date | None, field: str, label: str, today: dt.date,
                not_before: dt.date | None = None, before_label: str = "") -> dt.date:
    if day is None:
        raise ValidationError({field: f"请填写{label}"})
    try:
        dates.event_date(day, today)  # not after today, not before 2000
    except Invalid as exc:
        raise ValidationError({field: f"{label}{exc}"}) from None
    if not_before is not None and day < not_before:
        raise ValidationError({field: f"{label}不能早于{before_label}（{cn_date(not_before)}）"})
    return day


WORKING = {State.REGISTERED, State.CORRECTION_RECEIVED, State.PROCESSING, State.EXTENDED}


def _resume_state(req: InfoRequest) -> str:
    return (State.EXTENDED if req.extension_days else State.PROCESSING).value


def assign(db: Database, actor: Actor, request_id: int, handler: str, today: dt.date | None = None) -> None:
    """分办: hand the request to a section or person; it is then 办理中."""
    if not handler.strip():
        raise ValidationError({"handler": "请填写承办科室或承办人"})
    with _acting(db, actor, request_id, "分办", today) as c:
        _require(c.req, WORKING, "分办")
        c.req.handler = handler.strip()[:60]
        if State(c.req.state) in (State.REGISTERED, State.CORRECTION_RECEIVED):
            c.req.state = State.PROCESSING.value
        c.event("分办", f"交{c.req.handler}办理")


def issue_correction(db: Database, actor: Actor, request_id: int, items: str, deadline: dt.date,
                     issued: dt.date | None = None, today: dt.date | None = None) -> None:
    """补正告知 (第三十条): once, within 7 working days of receipt, listing everything."""
    with _acting(db, actor, request_id, "补正告知", today) as c:
        issued = _check_date(issued or c.today, "issued", "补正告知日期", c.today, c.req.received_date, "收到申请日期")
        _require(c.req, {State.REGISTERED, State.PROCESSING}, "发出补正告知")
        if c.req.correction_date is not None:
            raise ServiceError("补正告知只能发出一次（第三十条：一次性告知需要补正的事项）")
        limit = clock.correction_issue_limit(c.req.received_date, c.calendar)
        if issued > limit:
            raise ValidationError({"issued": f"补正告知应在收到申请之日起7个工作日内发出（最迟{cn_date(limit)}）"})
        if not items.strip():
            raise ValidationError({"items": "请逐项列明需要补正的事项"})
        if deadline <= issued:
            raise ValidationError({"deadline": "补正期限应晚于告知日期"})
        try:
            dates.calendar_date(deadline)
        except Invalid as exc:
            raise ValidationError({"deadline": f"补正期限{exc}"}) from None
        c.req.correction_date, c.req.correction_items, c.req.correction_deadline = issued, items.strip(), deadline
        # the period is so many working days from receipt; the date is an estimate until 送达 is recorded
        c.req.correction_days = c.calendar.working_days_between(issued, deadline).days
        if c.req.correction_days < 1:
            raise ValidationError({"deadline": "补正期限至少应为1个工作日"})
        c.req.state = State.CORRECTION.value
        c.event("补正告知", f"一次性告知补正事项：{items.strip()}；补正期限为收到告知书之日起"
                         f"{c.req.correction_days}个工作日（预计至{cn_date(deadline)}）")


def receive_correction(db: Database, actor: Actor, request_id: int, received: dt.date,
                       today: dt.date | None = None) -> None:
    """The corrected application restarts the 20-working-day clock from its day of receipt."""
    with _acting(db, actor, request_id, "收到补正", today) as c:
        _require(c.req, {State.CORRECTION}, "登记补正")
        _check_date(received, "received", "收到补正日期", c.today, c.req.correction_date, "补正告知日期")
        c.req.correction_received = received
        c.req.clock_start = received
        c.req.state = State.CORRECTION_RECEIVED.value
        c.refresh()
        c.event("收到补正", f"收到补正后的申请，答复期限自{cn_date(received)}起重新计算，至{cn_date(c.req.due_date)}")


def _close(c: _Ctx, code: str, reasons: str, day: dt.date) -> None:
    leaf = taxonomy.BY_CODE[code]
    c.req.result_code = code
    c.req.article = leaf.article
    c.req.reasons = reasons
    c.req.reply_date = day
    c.req.on_time = day <= c.req.due_date
    c.req.state = State.ANSWERED.value
    c.event("答复", f"{leaf.label}：{reasons}")


def close_correction_lapsed(db: Database, actor: Actor, request_id: int, today: dt.date | None = None) -> None:
    """No correction by the deadline: 视为放弃申请, filed as 其他处理-1, in one action."""
    with _acting(db, actor, request_id, "逾期未补正", today) as c:
        _require(c.req, {State.CORRECTION}, "按逾期未补正处理")
        lapsed = clock.lapse_day(c.req.correction_deadline, c.req.correction_delivered, c.today, "补正")
        c.event("逾期未补正", f"申请人未在{cn_date(lapsed)}前补正，视为放弃申请，于该日终止处理")
        _close(c, "6.1", "申请人无正当理由逾期不补正，视为放弃申请，不再处理", lapsed)
        c.req.on_time = True


def start_consultation(db: Database, actor: Actor, request_id: int, kind: str, party: str,
                       sent: dt.date, today: dt.date | None = None) -> None:
    """征求意见: the clock pauses; the party has 15 working days."""
    if kind not in CONSULT_KINDS:
        raise ValidationError({"kind": "请选择征求意见对象类型"})
    if not party.strip():
        raise ValidationError({"party": "请填写第三方或其他机关名称"})
    with _acting(db, actor, request_id, "征求意见", today) as c:
        _require(c.req, WORKING | {State.CONSULTING}, "征求意见")
        _check_date(sent, "sent", "发出征求意见日期", c.today, c.req.clock_start, "答复期限起算日")
        due = c.calendar.add_working_days(sent, clock.CONSULT_DAYS).date
        c.req.consultations.append(Consultation(kind=kind, party=party.strip()[:100], sent_date=sent, reply_due=due))
        c.req.state = State.CONSULTING.value
        c.refresh()
        c.event("征求意见", f"书面征求{party.strip()}（{kind}）意见，{cn_date(sent)}发出，"
                         f"应于{cn_date(due)}前答复；征求意见期间不计入答复期限")


def record_consultation_reply(db: Database, actor: Actor, request_id: int, consultation_id: int,
                              replied: dt.date, opinion: str, today: dt.date | None = None) -> None:
    with _acting(db, actor, request_id, "收到意见", today) as c:
        cons = next((x for x in c.req.consultations if x.id == consultation_id), None)
        if cons is None:
            raise NotFound("征求意见记录不存在")
        if cons.reply_date is not None:
            raise ServiceError("该征求意见已登记答复")
        _check_date(replied, "replied", "收到意见日期", c.today, cons.sent_date, "发出日期")
        if not opinion.strip():
            raise ValidationError({"opinion": "请填写对方意见（同意公开、不同意公开及理由，或逾期未答复）"})
        cons.reply_date, cons.opinion = replied, opinion.strip()
        if all(x.reply_date for x in c.req.consultations):
            c.req.state = _resume_state(c.req)
        c.refresh()
        late = "（已超过15个工作日）" if replied > cons.reply_due else ""
        c.event("收到意见", f"{cons.party}于{cn_date(replied)}答复{late}：{opinion.strip()}；答复期限至{cn_date(c.req.due_date)}")


def extend(db: Database, actor: Actor, request_id: int, days: int, approver: str, reason: str,
           day: dt.date | None = None, today: dt.date | None = None) -> None:
    """延期 (第三十三条第二款): once, at most the profile's limit, approved by a 科室负责人 or above."""
    if not actor.can_approve:
        raise PermissionDenied("延期答复须经科室负责人或以上批准，请提交签批")
    with _acting(db, actor, request_id, "延期答复", today) as c:
        require(c.s, actor, Right.APPROVE, "延期答复须经科室负责人或以上批准，请提交签批")
        extend_in(c, days, approver, reason, day)


def extend_in(c: _Ctx, days: int, approver: str, reason: str, day: dt.date | None, apply: bool = True) -> None:
    """The extension inside an open transaction; ``apply=False`` only checks (提交签批)."""
    _require(c.req, WORKING - {State.EXTENDED}, "延期")
    if c.req.extension_days:
        raise ServiceError("延期只能一次")
    day = _check_date(day or c.today, "day", "延期决定日期", c.today, c.req.clock_start, "答复期限起算日")
    if day > c.req.due_date:
        raise ValidationError({"day": f"原答复期限已于{cn_date(c.req.due_date)}届满，不能再延期"})
    limit = c.profile.extension_days
    if not 1 <= days <= limit:
        raise ValidationError({"days": f"延长期限应为1到{limit}个工作日"})
    if not reason.strip():
        raise ValidationError({"reason": "请填写延期理由"})
    if not approver.strip():
        raise ValidationError({"approver": "请填写批准人"})
    if not apply:
        return
    c.req.extension_days, c.req.extension_reason = days, reason.strip()
    c.req.extension_approver, c.req.extension_date = approver.strip()[:60], day
    c.req.state = State.EXTENDED.value
    c.refresh()
    c.event("延期", f"经{approver.strip()}批准延期{days}个工作日，理由：{reason.strip()}；答复期限延至{cn_date(c.req.due_date)}")


def month_pieces_before(s: Session, req: InfoRequest) -> int:
    """Pieces the same applicant applied for earlier in the calendar month of this application
    (109号第四条): every application counts, including those that stayed free; the month is
    that of the applications, not of the fee notice."""
    start = req.received_date.replace(day=1)
    who = InfoRequest.id_number == req.id_number if req.id_number else InfoRequest.applicant_name == req.applicant_name
    earlier = (InfoRequest.received_date < req.received_date) | (
        (InfoRequest.received_date == req.received_date) & (InfoRequest.id < req.id))
    total = s.scalar(
        select(func.coalesce(func.sum(InfoRequest.piece_count), 0)).where(
            who, InfoRequest.id != req.id, InfoRequest.received_date >= start, earlier,
        )
    )
    return int(total or 0)


def issue_fee_notice(db: Database, actor: Actor, request_id: int, method: str, quantity: int,
                     notice: dt.date | None = None, today: dt.date | None = None) -> int:
    """收费通知 (第四十二条): computes the amount; returns it in 元."""
    if method not in fees.METHODS:
        raise ValidationError({"method": "请选择按件或按量计收"})
    if quantity <= 0:
        raise ValidationError({"quantity": "数量应大于0"})
    with _acting(db, actor, request_id, "收费通知", today) as c:
        _require(c.req, WORKING, "发出收费通知")
        if c.req.fee_notice_date is not None:
            raise ServiceError("该申请已发出过收费通知")
        notice = _check_date(notice or c.today, "notice", "收费通知日期", c.today, c.req.clock_start, "答复期限起算日")
        if method == fees.PER_PIECE:
            c.req.piece_count = quantity  # the pieces this application is split into, recorded with it
        earlier = month_pieces_before(c.s, c.req) if method == fees.PER_PIECE else 0
        amount = fees.amount(method, quantity, earlier)
        if amount == 0:
            raise ValidationError({"quantity": "按此数量不收费（未超过免费额度），无需发出收费通知"})
        c.req.fee_method, c.req.fee_quantity, c.req.fee_amount = method, quantity, amount
        c.req.fee_breakdown = fees.describe(method, quantity, earlier)
        c.req.fee_notice_date = notice
        # 20 working days from the day after receipt: an estimate until 送达 is recorded
        c.req.fee_deadline = clock.received_deadline(notice, None, clock.FEE_PAY_DAYS, c.calendar)[0]
        c.req.state = State.AWAITING_FEE.value
        c.refresh()
        month_note = f"（本月此前已计{earlier}件）" if earlier else ""
        c.event("收费通知", f"{method}{quantity}{'件' if method == fees.PER_PIECE else '页'}{month_note}，"
                         f"应缴{amount}元（{c.req.fee_breakdown}），缴费期限为收到通知书次日起20个工作日"
                         f"（预计至{cn_date(c.req.fee_deadline)}）")
        return amount


def record_fee_paid(db: Database, actor: Actor, request_id: int, paid: dt.date, today: dt.date | None = None) -> None:
    with _acting(db, actor, request_id, "缴费", today) as c:
        _require(c.req, {State.AWAITING_FEE}, "登记缴费")
        assert c.req.fee_notice_date and c.req.fee_deadline
        _check_date(paid, "paid", "缴费日期", c.today, c.req.fee_notice_date, "收费通知日期")
        if c.req.fee_delivered is not None and paid > c.req.fee_deadline:
            raise ValidationError({"paid": f"缴费期限已于{cn_date(c.req.fee_deadline)}届满，应按逾期未缴费处理"})
        c.req.fee_paid_date = paid
        c.req.state = _resume_state(c.req)
        c.refresh()
        c.event("缴费", f"申请人于{cn_date(paid)}缴纳信息处理费{c.req.fee_amount}元；答复期限至{cn_date(c.req.due_date)}")


def close_fee_lapsed(db: Database, actor: Actor, request_id: int, today: dt.date | None = None) -> None:
    """Unpaid after the 20 working days: 视为放弃申请, filed as 其他处理-2."""
    with _acting(db, actor, request_id, "逾期未缴费", today) as c:
        _require(c.req, {State.AWAITING_FEE}, "按逾期未缴费处理")
        lapsed = clock.lapse_day(c.req.fee_deadline, c.req.fee_delivered, c.today, "缴费")
        _close(c, "6.2", "申请人逾期未按收费通知要求缴纳费用，视为放弃申请，不再处理", lapsed)
        c.req.on_time = True


def withdraw(db: Database, actor: Actor, request_id: int, day: dt.date, reason: str = "",
             today: dt.date | None = None) -> None:
    with _acting(db, actor, request_id, "申请人撤回", today) as c:
        _require(c.req, set(State) - {State.ANSWERED, State.DELIVERED, State.ARCHIVED, State.WITHDRAWN,
                                      State.CORRECTION_LAPSED}, "撤回")
        _check_date(day, "day", "撤回日期", c.today, c.req.received_date, "收到申请日期")
        c.req.withdrawn_date = day
        c.req.state = State.WITHDRAWN.value
        c.event("撤回", f"申请人于{cn_date(day)}撤回申请" + (f"：{reason.strip()}" if reason.strip() else ""))


def deliver(db: Database, actor: Actor, request_id: int, method: str, day: dt.date, receiver: str,
            tracking: str = "", today: dt.date | None = None) -> None:
    if method not in SERVICE_METHODS:
        raise ValidationError({"method": "请选择送达方式"})
    if method == "邮寄送达" and not tracking.strip():
        raise ValidationError({"tracking": "邮寄送达请填写邮件单号"})
    with _acting(db, actor, request_id, "送达", today) as c:
        _require(c.req, {State.ANSWERED}, "登记送达")
        _check_date(day, "day", "送达日期", c.today, c.req.reply_date, "答复日期")
        if not receiver.strip() and method not in ("公告送达", "电子送达"):
            raise ValidationError({"receiver": "请填写签收人"})
        c.req.service_method, c.req.delivered_date = method, day
        c.req.receiver, c.req.tracking_number = receiver.strip()[:60], tracking.strip()[:40]
        c.req.state = State.DELIVERED.value
        extra = f"，邮件单号{tracking.strip()}" if tracking.strip() else ""
        c.event("送达", f"{method}，{cn_date(day)}由{receiver.strip() or '—'}签收{extra}")


def archive(db: Database, actor: Actor, request_id: int, today: dt.date | None = None) -> None:
    with _acting(db, actor, request_id, "归档", today) as c:
        _require(c.req, {State.DELIVERED, State.WITHDRAWN}, "归档")
        c.req.archived_date = c.today
        c.req.state = State.ARCHIVED.value
        c.event("归档", "材料整理归档")


def add_attachment(db: Database, actor: Actor, request_id: int, path: Path,
                   today: dt.date | None = None) -> str:
    """Store a file with its SHA-256, taken in by the one attachment mechanism
    (``app.services.attachments.read_file``: size before reading, safe name)."""
    incoming = attachments.read_file(path)
    with _acting(db, actor, request_id, "添加附件", today) as c:
        c.req.attachments.append(Attachment(filename=incoming.name, size=len(incoming.data), sha256=incoming.sha256,
                                            data=incoming.data, added_by=actor.label))
        c.event("附件", f"添加附件{incoming.name}（校验值 {incoming.sha256}）")
    return incoming.sha256


def attachment_bytes(db: Database, attachment_id: int) -> tuple[str, bytes, bool]:
    """(filename, data, intact) — intact is False if the bytes no longer match the checksum."""
    with db.session() as s:
        a = s.get(Attachment, attachment_id)
        if a is None:
            raise NotFound("附件不存在")
        return a.filename, a.data, attachments.intact(a.data, a.sha256)
