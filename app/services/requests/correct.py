"""Corrections of a request: every field of intake and of each recorded action, and undoing an action.

Registered with the generic app/services/corrections.py.  After any change the dependent
figures are recomputed from the corrected facts — clock start, consultation and fee periods,
the due date, on-time, the state — and the timeline event names each one that moved.
Letters already issued that print something the correction changed are marked 已过时
(app.services.letters.printed_values before and after, mark_outdated).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any

from app.dates import cn_date
from app.db.models import Consultation, InfoRequest
from app.domain import fees
from app.domain.vocab import (
    APPLICANT_TYPES,
    CHANNELS,
    CONSULT_KINDS,
    DELIVERY_FORMS,
    ID_TYPES,
    SERVICE_METHODS,
    State,
)
from app.services import corrections as c
from app.services.corrections import (
    BOOL,
    CHOICE,
    DATE,
    INT,
    LONG_TEXT,
    TEXT,
    CorrectableField,
    Recorded,
    Undoable,
)
from app.services.errors import ValidationError
from app.services.profile import get_profile
from app.services.requests import clock, intake, queries
from app.services.requests.actions import month_pieces_before
from app.services.requests.intake import add_event

TYPE = "request"


@dataclass(frozen=True)
class _Snapshot:
    due_date: dt.date
    on_time: bool | None
    state: str
    fee_deadline: dt.date | None
    fee_amount: int
    reply_dues: dict[int, dt.date]
    problems: dict[str, str]
    letters: dict[int, Any]  # current letters' printed values (app.services.letters.printed_values)


def _recorded(req: InfoRequest, *kinds: str, containing: str = "") -> Recorded | None:
    """The last timeline event of one of ``kinds`` (optionally mentioning ``containing``)."""
    for e in reversed(req.events):
        if e.kind in kinds and containing in e.text:
            return Recorded(e.actor, e.day)
    return None


def _attr(obj: Any, name: str) -> tuple[Callable[[], Any], Callable[[Any], None]]:
    return (lambda: getattr(obj, name)), (lambda v: setattr(obj, name, v))


def _fields(ctx: c.CorrectionContext) -> list[CorrectableField]:
    req: InfoRequest = ctx.obj
    out: list[CorrectableField] = []

    def add(name: str, label: str, type_: str, group: str, rec: Recorded | None, obj: Any = None,
            key: str = "", **kw: Any) -> None:
        get, set_ = _attr(obj if obj is not None else req, name)
        out.append(CorrectableField(key or name, label, type_, get, set_, group, rec, **kw))

    intake_rec = _recorded(req, "登记", "导入")
    g = "申请信息"
    add("channel", "申请方式", CHOICE, g, intake_rec, choices=CHANNELS)
    add("received_date", "收到申请日期", DATE, g, intake_rec)
    add("applicant_type", "申请人类型", CHOICE, g, intake_rec, choices=APPLICANT_TYPES)
    add("applicant_name", "姓名或名称", TEXT, g, intake_rec, max_len=100)
    add("id_type", "证件类型", CHOICE, g, intake_rec, choices=ID_TYPES)
    add("id_number", "证件号码", TEXT, g, intake_rec, optional=True, max_len=40)
    add("contact_person", "联系人", TEXT, g, intake_rec, optional=True, max_len=40)
    add("phone", "联系电话", TEXT, g, intake_rec, optional=True, max_len=40)
    add("address", "通信地址", TEXT, g, intake_rec, optional=True, max_len=200)
    add("postcode", "邮政编码", TEXT, g, intake_rec, optional=True, max_len=6)
    add("email", "电子邮箱", TEXT, g, intake_rec, optional=True, max_len=100)
    add("content", "所需信息", LONG_TEXT, g, intake_rec)
    add("delivery_form", "获取方式", CHOICE, g, intake_rec, choices=DELIVERY_FORMS)
    add("oral", "口头申请", BOOL, g, intake_rec)
    add("remarks", "备注", LONG_TEXT, g, intake_rec, optional=True)
    if req.handler:
        add("handler", "承办科室或承办人", TEXT, "分办", _recorded(req, "分办"), max_len=60)
    if req.correction_date is not None:
        rec = _recorded(req, "补正告知")
        add("correction_date", "补正告知日期", DATE, "补正", rec)
        add("correction_items", "补正事项", LONG_TEXT, "补正", rec)
        add("correction_deadline", "补正期限", DATE, "补正", rec)
        if req.correction_received is not None:
            add("correction_received", "收到补正日期", DATE, "补正", _recorded(req, "收到补正"))
    for i, cons in enumerate(req.consultations, start=1):
        grp = f"征求意见{i}（{cons.party}）"
        rec = _recorded(req, "征求意见", containing=cons.party)
        add("party", "征求对象", TEXT, grp, rec, obj=cons, key=f"consultation.{cons.id}.party", max_len=100)
        add("kind", "对象类型", CHOICE, grp, rec, obj=cons, key=f"consultation.{cons.id}.kind", choices=CONSULT_KINDS)
        add("sent_date", "发出日期", DATE, grp, rec, obj=cons, key=f"consultation.{cons.id}.sent_date")
        if cons.reply_date is not None:
            rec = _recorded(req, "收到意见", containing=cons.party)
            add("reply_date", "收到意见日期", DATE, grp, rec, obj=cons, key=f"consultation.{cons.id}.reply_date")
            add("opinion", "对方意见", LONG_TEXT, grp, rec, obj=cons, key=f"consultation.{cons.id}.opinion")
    if req.extension_days:
        rec = _recorded(req, "延期")
        add("extension_days", "延长工作日数", INT, "延期", rec)
        add("extension_reason", "延期理由", LONG_TEXT, "延期", rec)
        add("extension_approver", "批准人", TEXT, "延期", rec, max_len=60)
        add("extension_date", "延期决定日期", DATE, "延期", rec)
    if req.fee_notice_date is not None:
        rec = _recorded(req, "收费通知")
        add("fee_method", "计收方式", CHOICE, "信息处理费", rec, choices=fees.METHODS)
        add("fee_quantity", "件数/页数", INT, "信息处理费", rec)
        add("fee_notice_date", "收费通知日期", DATE, "信息处理费", rec)
        if req.fee_paid_date is not None:
            add("fee_paid_date", "缴费日期", DATE, "信息处理费", _recorded(req, "缴费"))
    if req.result_code:
        rec = _recorded(req, "答复")
        g = "答复"
        add("reply_date", "答复日期", DATE, g, rec)
        add("article", "依据条款", TEXT, g, rec, max_len=60)
        add("reasons", "理由", LONG_TEXT, g, rec, optional=req.result_code == "1")
        add("legal_basis", "法律依据", LONG_TEXT, g, rec, optional=True)
        add("withheld", "不予公开的内容及理由", LONG_TEXT, g, rec, optional=True)
        add("responsible_agency", "负责公开的机关", TEXT, g, rec, optional=True, max_len=100)
        add("responsible_contact", "该机关联系方式", TEXT, g, rec, optional=True, max_len=100)
        add("provided_docs", "提供的信息/获取途径", LONG_TEXT, g, rec, optional=True)
        add("page_count", "页数", INT, g, rec)
    if req.delivered_date is not None:
        rec = _recorded(req, "送达")
        add("service_method", "送达方式", CHOICE, "送达", rec, choices=SERVICE_METHODS)
        add("delivered_date", "送达日期", DATE, "送达", rec)
        add("receiver", "签收人", TEXT, "送达", rec, optional=True, max_len=60)
        add("tracking_number", "邮件单号", TEXT, "送达", rec, optional=True, max_len=40)
    return out


# -- undo --------------------------------------------------------------------------------


def _clear(req: InfoRequest, *names: str) -> None:
    for name in names:
        column = InfoRequest.__table__.c[name]
        setattr(req, name, None if column.nullable else (0 if name in _INTS else ""))


_INTS = {"extension_days", "fee_quantity", "fee_amount", "page_count", "correction_days"}
_DECISION = ("result_code", "article", "reasons", "legal_basis", "withheld", "responsible_agency",
             "responsible_contact", "provided_docs", "page_count", "reply_date", "signed_off_by", "on_time")


def _undoables(ctx: c.CorrectionContext) -> list[Undoable]:
    req: InfoRequest = ctx.obj
    out: list[Undoable] = []

    def undo_fn(names: tuple[str, ...], text: str) -> Callable[[c.CorrectionContext], str]:
        def run(_ctx: c.CorrectionContext) -> str:
            _clear(req, *names)
            return text
        return run

    if req.correction_date is not None and req.correction_received is None and not req.result_code:
        out.append(Undoable("correction", "补正告知", undo_fn(
            ("correction_date", "correction_items", "correction_deadline", "correction_days", "correction_delivered",
             "correction_delivery_method"),
            f"{cn_date(req.correction_date)}的补正告知（{req.correction_items[:40]}）"), _recorded(req, "补正告知")))
    if req.correction_received is not None and not req.result_code:
        out.append(Undoable("correction_received", "收到补正", undo_fn(
            ("correction_received",), f"{cn_date(req.correction_received)}收到补正"), _recorded(req, "收到补正")))
    if not req.result_code:
        for cons in req.consultations:
            if cons.reply_date is not None:
                out.append(Undoable(f"consultation_reply.{cons.id}", f"收到{cons.party}意见",
                                    _undo_reply(cons), _recorded(req, "收到意见", containing=cons.party)))
            else:
                out.append(Undoable(f"consultation.{cons.id}", f"征求{cons.party}意见",
                                    _undo_consultation(req, cons), _recorded(req, "征求意见", containing=cons.party)))
    if req.extension_days and not req.result_code:
        out.append(Undoable("extension", "延期", undo_fn(
            ("extension_days", "extension_reason", "extension_approver", "extension_date"),
            f"延期{req.extension_days}个工作日（{req.extension_approver}批准）"), _recorded(req, "延期")))
    if req.fee_notice_date is not None and not req.result_code:
        if req.fee_paid_date is not None:
            out.append(Undoable("fee_paid", "缴费", undo_fn(("fee_paid_date",), f"{cn_date(req.fee_paid_date)}缴费"),
                                _recorded(req, "缴费")))
        else:
            out.append(Undoable("fee", "收费通知", undo_fn(
                ("fee_method", "fee_quantity", "fee_amount", "fee_breakdown", "fee_notice_date", "fee_deadline",
                 "fee_delivered", "fee_delivery_method"),
                f"{cn_date(req.fee_notice_date)}的收费通知（{req.fee_amount}元）"), _recorded(req, "收费通知")))
    if req.result_code and req.delivered_date is None and req.archived_date is None:
        out.append(Undoable("decision", "答复", undo_fn(_DECISION, f"{cn_date(req.reply_date)}的答复"),
                            _recorded(req, "答复")))
    if req.delivered_date is not None and req.archived_date is None:
        out.append(Undoable("delivery", "送达", undo_fn(
            ("service_method", "delivered_date", "receiver", "tracking_number"),
            f"{cn_date(req.delivered_date)}{req.service_method}"), _recorded(req, "送达")))
    if req.withdrawn_date is not None and req.archived_date is None:
        out.append(Undoable("withdrawal", "申请人撤回", undo_fn(("withdrawn_date",),
                                                            f"{cn_date(req.withdrawn_date)}撤回"), _recorded(req, "撤回")))
    if req.archived_date is not None:
        out.append(Undoable("archive", "归档", undo_fn(("archived_date",), f"{cn_date(req.archived_date)}归档"),
                            _recorded(req, "归档")))
    return out


def _undo_reply(cons: Consultation) -> Callable[[c.CorrectionContext], str]:
    def run(_ctx: c.CorrectionContext) -> str:
        text = f"{cons.party}于{cn_date(cons.reply_date)}的答复意见"
        cons.reply_date, cons.opinion = None, ""
        return text
    return run


def _undo_consultation(req: InfoRequest, cons: Consultation) -> Callable[[c.CorrectionContext], str]:
    def run(ctx: c.CorrectionContext) -> str:
        text = f"{cn_date(cons.sent_date)}征求{cons.party}（{cons.kind}）意见"
        req.consultations.remove(cons)
        ctx.s.flush()
        return text
    return run


# -- rules and consequences --------------------------------------------------------------


def derive_state(req: InfoRequest) -> str:
    """The state the recorded facts imply (used after a correction or an undo)."""
    if req.archived_date:
        s = State.ARCHIVED
    elif req.withdrawn_date:
        s = State.WITHDRAWN
    elif req.delivered_date:
        s = State.DELIVERED
    elif req.result_code:
        s = State.ANSWERED
    elif req.fee_notice_date and not req.fee_paid_date:
        s = State.AWAITING_FEE
    elif any(x.reply_date is None for x in req.consultations):
        s = State.CONSULTING
    elif req.correction_date and not req.correction_received:
        s = State.CORRECTION
    elif req.extension_days:
        s = State.EXTENDED
    elif req.handler or req.consultations or req.fee_notice_date:
        s = State.PROCESSING
    elif req.correction_received:
        s = State.CORRECTION_RECEIVED
    else:
        s = State.REGISTERED
    return s.value


def problems(req: InfoRequest, today: dt.date, extension_limit: int) -> dict[str, str]:
    """Every rule the recorded facts break (intake rules, then the order of the action dates)."""
    e: dict[str, str] = {}
    data = intake.RequestInput(**{f.name: getattr(req, f.name) for f in fields(intake.RequestInput)})
    try:
        intake.validate(data, today)
    except ValidationError as exc:
        e.update(exc.fields)

    def order(key: str, day: dt.date | None, label: str, not_before: dt.date | None, before_label: str) -> None:
        if day is None:
            return
        if day > today:
            e.setdefault(key, f"{label}不能晚于今天")
        elif not_before is not None and day < not_before:
            e.setdefault(key, f"{label}不能早于{before_label}（{cn_date(not_before)}）")

    order("correction_date", req.correction_date, "补正告知日期", req.received_date, "收到申请日期")
    if req.correction_date and req.correction_deadline and req.correction_deadline <= req.correction_date:
        e.setdefault("correction_deadline", "补正期限应晚于告知日期")
    order("correction_received", req.correction_received, "收到补正日期", req.correction_date, "补正告知日期")
    start = req.correction_received or req.received_date
    for cons in req.consultations:
        order(f"consultation.{cons.id}.sent_date", cons.sent_date, "发出征求意见日期", start, "答复期限起算日")
        order(f"consultation.{cons.id}.reply_date", cons.reply_date, "收到意见日期", cons.sent_date, "发出日期")
    if req.extension_days:
        if not 1 <= req.extension_days <= extension_limit:
            e.setdefault("extension_days", f"延长期限应为1到{extension_limit}个工作日")
        order("extension_date", req.extension_date, "延期决定日期", start, "答复期限起算日")
    if req.fee_notice_date is not None:
        if req.fee_quantity <= 0:
            e.setdefault("fee_quantity", "数量应大于0")
        order("fee_notice_date", req.fee_notice_date, "收费通知日期", start, "答复期限起算日")
        order("fee_paid_date", req.fee_paid_date, "缴费日期", req.fee_notice_date, "收费通知日期")
    order("reply_date", req.reply_date, "答复日期", req.received_date, "收到申请日期")
    if req.page_count < 0:
        e.setdefault("page_count", "页数不能为负数")
    order("delivered_date", req.delivered_date, "送达日期", req.reply_date, "答复日期")
    return e


def _prepare(db: Any) -> tuple[Any, Any]:
    return get_profile(db), db.calendar()


def _letters_printed(ctx: c.CorrectionContext) -> dict[int, Any]:
    from app.services import letters

    req: InfoRequest = ctx.obj
    profile, calendar = ctx.extra
    return letters.printed_values(ctx.s, ctx.db, queries.view(req, calendar, profile, ctx.today), profile)


def _snapshot(ctx: c.CorrectionContext) -> _Snapshot:
    req: InfoRequest = ctx.obj
    profile, _ = ctx.extra
    return _Snapshot(req.due_date, req.on_time, req.state, req.fee_deadline, req.fee_amount,
                     {x.id: x.reply_due for x in req.consultations}, problems(req, ctx.today, profile.extension_days),
                     _letters_printed(ctx))


def _validate(ctx: c.CorrectionContext) -> None:
    """Refuse only what the correction breaks; a rule the record already broke is left for its own fix."""
    req: InfoRequest = ctx.obj
    profile, _ = ctx.extra
    before: _Snapshot = ctx.before
    now = problems(req, ctx.today, profile.extension_days)
    new = {k: v for k, v in now.items() if before.problems.get(k) != v}
    if new:
        raise ValidationError(new)


def _recompute(ctx: c.CorrectionContext) -> list[str]:
    req: InfoRequest = ctx.obj
    profile, calendar = ctx.extra
    before: _Snapshot = ctx.before
    notes: list[str] = []
    req.clock_start = req.correction_received or req.received_date
    changed = {f.key for f, _old, _new in ctx.changes}
    if req.correction_date is not None and req.correction_deadline is not None:
        # The 补正 period is so many working days from receipt of the notice (estimated from its date
        # until 送达 is recorded): a corrected deadline changes the period, a corrected date moves the deadline.
        base = req.correction_delivered or req.correction_date
        if "correction_deadline" in changed or not req.correction_days:
            req.correction_days = calendar.working_days_between(base, req.correction_deadline).days
        elif "correction_date" in changed:
            old_deadline = req.correction_deadline
            req.correction_deadline = clock.received_deadline(req.correction_date, req.correction_delivered,
                                                              req.correction_days, calendar)[0]
            if old_deadline != req.correction_deadline:
                notes.append(f"补正期限由{cn_date(old_deadline)}改为{cn_date(req.correction_deadline)}")
    for cons in req.consultations:
        due = clock.received_deadline(cons.sent_date, cons.delivered_date, clock.CONSULT_DAYS, calendar)[0]
        if cons.reply_due != due:
            old = before.reply_dues.get(cons.id)
            cons.reply_due = due
            if old is not None and old != due:
                notes.append(f"{cons.party}答复期限由{cn_date(old)}改为{cn_date(due)}")
    if req.fee_notice_date is not None:
        req.fee_deadline = clock.received_deadline(req.fee_notice_date, req.fee_delivered, clock.FEE_PAY_DAYS,
                                                   calendar)[0]
        earlier = month_pieces_before(ctx.s, req, req.fee_notice_date) if req.fee_method == fees.PER_PIECE else 0
        req.fee_amount = fees.amount(req.fee_method, req.fee_quantity, earlier)
        req.fee_breakdown = fees.describe(req.fee_method, req.fee_quantity, earlier)
        if before.fee_deadline and before.fee_deadline != req.fee_deadline:
            notes.append(f"缴费期限由{cn_date(before.fee_deadline)}改为{cn_date(req.fee_deadline)}")
        if before.fee_amount != req.fee_amount:
            notes.append(f"应缴费用由{before.fee_amount}元改为{req.fee_amount}元")
    clock.refresh_due(req, calendar, profile.answer_days, profile.fee_pauses_clock)
    if req.due_date != before.due_date:
        notes.append(f"答复期限由{cn_date(before.due_date)}改为{cn_date(req.due_date)}")
    if req.reply_date is not None and req.result_code not in ("6.1", "6.2"):
        req.on_time = req.reply_date <= req.due_date
    if req.on_time != before.on_time and before.on_time is not None and req.on_time is not None:
        notes.append("答复由按期变为超期" if before.on_time else "答复由超期变为按期")
    req.state = derive_state(req)
    if req.state != before.state:
        notes.append(f"状态由“{before.state}”改为“{req.state}”")
    return notes


def _event(ctx: c.CorrectionContext, kind: str, text: str) -> None:
    add_event(ctx.obj, ctx.actor, kind, text, ctx.today)


def _after(ctx: c.CorrectionContext, summary: str) -> None:
    """Only the letters that print something the correction changed become 已过时."""
    from app.services import letters

    letters.mark_outdated(ctx.s, summary, ctx.before.letters, _letters_printed(ctx))


c.register_type(c.RecordType(
    key=TYPE, label="依申请公开申请", load=lambda s, rid: s.get(InfoRequest, rid), fields=_fields,
    validate=_validate, recompute=_recompute, undoables=_undoables, event=_event, after=_after,
    prepare=_prepare, snapshot=_snapshot))

