"""Corrections of a 首问登记 (registered with the generic app/services/corrections.py).

The author may correct an entry on the day it was logged, in place (the issue's rule: a
slip caught the same day is not an event of the case; the audit trail and the correction
record still keep it).  Later, or another person's entry, it takes a 科室负责人 or above,
and the correction is a timeline event with who, when, before → after and the reason,
never a silent overwrite — the log is evidence in accountability cases.
"""

from __future__ import annotations

from typing import Any

from app.services import corrections as c
from app.services.contacts import vocab as v
from app.services.contacts.entry import add_event
from app.services.corrections import CHOICE, LONG_TEXT, TEXT, CorrectableField, Recorded
from app.services.errors import ValidationError
from app.validation import contact
from app.validation.text import Invalid

TYPE = "contact"


def _load(s: Any, record_id: int) -> Any:
    from app.db.models import ContactEntry

    return s.get(ContactEntry, record_id)


def _recorded(ctx: c.CorrectionContext, kind: str, fallback: Recorded) -> Recorded:
    """Who typed a step in, and on which day: its timeline event (the day typed, which for a call
    logged afterwards is later than the call).  Events name people as the window shows them, so the
    signed-in person's own step is matched by that name."""
    event = next((x for x in reversed(ctx.obj.events) if x.kind == kind), None)
    if event is None:
        return fallback
    me = ctx.actor.full_name or ctx.actor.label
    return Recorded(ctx.actor.label if event.actor == me else event.actor, event.day)


def _fields(ctx: c.CorrectionContext) -> list[CorrectableField]:
    e = ctx.obj
    rec = Recorded(e.created_by, next((x.day for x in e.events if x.kind == "登记"), e.day))

    def f(name: str, label: str, type_: str, **kw: Any) -> CorrectableField:
        return CorrectableField(name, label, type_, lambda: getattr(e, name), lambda x: setattr(e, name, x),
                                "首问登记", rec, **kw)

    out = [f("channel", "方式", CHOICE, choices=v.CHANNELS),
           f("person", "姓名或名称", TEXT, optional=True, max_len=100),
           f("phone", "联系电话", TEXT, optional=e.outcome not in v.REFERRALS, max_len=40),
           f("matter_name", "事项", TEXT, optional=True, max_len=100),
           f("category", "类别", CHOICE, choices=v.CATEGORIES),
           f("question", "问题", LONG_TEXT, max_len=2000)]
    if e.outcome in v.ON_THE_SPOT:
        out.append(f("answer", "答复或办理情况", LONG_TEXT, max_len=2000))
    if e.state == v.AWAIT_ACCEPT:  # sent to the wrong place: put right before anyone has taken it up
        if e.outcome == v.INTERNAL:
            ids = {name: did for did, name in ctx.extra or []}

            def move(name: str) -> None:
                e.department_id, e.referred_to = ids[name], name

            out.append(CorrectableField("referred_to", "转至科室", CHOICE, lambda: e.referred_to, move, "首问登记", rec,
                                        choices=tuple(ids)))
        else:
            out.append(f("referred_to", "转至机关", TEXT, max_len=100))
    if e.outcome in v.REFERRALS:
        out += [f("referred_person", "接收人", TEXT, optional=True, max_len=60),
                f("referred_how", "转交方式", TEXT, optional=e.outcome == v.INTERNAL, max_len=200)]
    if e.result:
        out.append(CorrectableField("result", "办理结果", LONG_TEXT, lambda: e.result,
                                    lambda x: setattr(e, "result", x), "办理结果",
                                    _recorded(ctx, "办理结果", Recorded(e.accepted_by, e.result_day or e.day)),
                                    max_len=2000))
    return out


def _validate(ctx: c.CorrectionContext) -> None:
    e = ctx.obj
    if e.phone:
        try:
            e.phone = contact.phone(e.phone)
        except Invalid as exc:
            raise ValidationError({"phone": str(exc)}) from None
    if e.outcome == v.TO_COMPLAINT and e.category != v.COMPLAINT:
        raise ValidationError({"category": "转为投诉举报的登记，类别只能是投诉举报"})


def in_place(ctx: c.CorrectionContext) -> bool:
    """The author's own same-day fix: every changed value was entered by this account today."""
    return bool(ctx.changes) and all(
        f.recorded is not None and f.recorded.by == ctx.actor.label and f.recorded.day == ctx.today
        for f, _old, _new in ctx.changes)


def _event(ctx: c.CorrectionContext, kind: str, text: str) -> None:
    if kind == "更正" and in_place(ctx):
        return
    add_event(ctx.obj, ctx.actor, kind, text, ctx.today)


def _departments(db: Any) -> list[tuple[int, str]]:
    from app.services.contacts.register import departments

    return departments(db)


c.register_type(c.RecordType(key=TYPE, label="首问登记", load=_load, fields=_fields, validate=_validate,
                             recompute=lambda ctx: [], event=_event, prepare=_departments))
