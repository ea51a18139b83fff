"""The request's 签批 kinds: a withholding decision (部分公开, 不予公开…) and an extension.

A clerk prepares either in the window and submits it; the head approves it from the 工作台
and it takes effect then, with the head as signer (签发人 / 批准人) and the day of approval
as the date of the decision.  The clock keeps running while it waits.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import fields

from sqlalchemy import select

from app.dates import cn_date
from app.db import Database
from app.db.models import InfoRequest
from app.db.models.signoff import PENDING
from app.domain import taxonomy
from app.domain.vocab import OPEN_STATES
from app.services import signoff
from app.services.actor import Actor
from app.services.errors import ServiceError
from app.services.requests import actions, decisions
from app.services.requests.intake import add_event

DECISION = "request_decision"
EXTENSION = "request_extension"


def _decision_input(payload: dict) -> decisions.DecisionInput:
    names = {f.name for f in fields(decisions.DecisionInput)}
    return decisions.DecisionInput(**{k: v for k, v in payload.items() if k in names})


def _ctx(c: signoff.SignoffContext) -> actions._Ctx:
    return actions.context_in(c.s, c.db, c.actor, c.record_id, c.today)


def _check_decision(c: signoff.SignoffContext) -> None:
    d = _decision_input(c.payload)
    if not decisions.needs_signoff(d.result_code):
        raise ServiceError("该办理结果不需要签批，请直接作出答复")
    decisions.decide_in(_ctx(c), d, check_right=False, apply=False)


def _apply_decision(c: signoff.SignoffContext) -> None:
    d = _decision_input(c.payload)
    # Signed today by the head: the reply cannot be dated before it was signed.
    d.reply_date = max(d.reply_date or c.today, c.today)
    decisions.decide_in(_ctx(c), d)


def _describe_decision(payload: dict) -> str:
    d = _decision_input(payload)
    leaf = taxonomy.BY_CODE.get(d.result_code)
    text = f"{leaf.label if leaf else d.result_code}，依据{d.article}"
    if d.withheld:
        text += f"；不予公开的内容：{d.withheld[:60]}"
    return text


def _check_extension(c: signoff.SignoffContext) -> None:
    p = c.payload
    actions.extend_in(_ctx(c), p["days"], "待签批", p["reason"], p.get("day"), apply=False)


def _apply_extension(c: signoff.SignoffContext) -> None:
    p = c.payload
    actions.extend_in(_ctx(c), p["days"], c.actor.full_name or c.actor.label, p["reason"], c.today)


def _describe_extension(payload: dict) -> str:
    return f"延期{payload['days']}个工作日，理由：{payload['reason'][:60]}"


def _label(s, record_id: int) -> str:  # noqa: ANN001
    return s.scalar(select(InfoRequest.number).where(InfoRequest.id == record_id)) or f"申请{record_id}"


def _remaining(db: Database, ids: list[int], today: dt.date) -> dict[int, int | None]:
    cal = db.calendar()
    open_states = [s.value for s in OPEN_STATES]
    out: dict[int, int | None] = {}
    with db.session() as s:
        for rid, due, state in s.execute(select(InfoRequest.id, InfoRequest.due_date, InfoRequest.state)
                                         .where(InfoRequest.id.in_(ids))):
            out[rid] = cal.days_left(today, due).days if state in open_states else None
    return out


def _event(c: signoff.SignoffContext, kind: str, text: str) -> None:
    req = c.s.get(InfoRequest, c.record_id)
    if req is not None:
        add_event(req, c.actor, kind, text, c.today)


signoff.register_kind(signoff.SignoffKind(
    key=DECISION, label="答复决定", check=_check_decision, apply=_apply_decision, describe=_describe_decision,
    record_label=_label, remaining=_remaining, on_event=_event, record_type="request"))
signoff.register_kind(signoff.SignoffKind(
    key=EXTENSION, label="延期答复", check=_check_extension, apply=_apply_extension, describe=_describe_extension,
    record_label=_label, remaining=_remaining, on_event=_event, record_type="request"))


def submit_decision(db: Database, actor: Actor, request_id: int, d: decisions.DecisionInput,
                    today: dt.date | None = None) -> int:
    """提交签批 a prepared withholding decision (everything typed is kept)."""
    return signoff.submit(db, actor, DECISION, request_id, _as_payload(d), today)


def submit_extension(db: Database, actor: Actor, request_id: int, days: int, reason: str,
                     day: dt.date | None = None, today: dt.date | None = None) -> int:
    return signoff.submit(db, actor, EXTENSION, request_id, {"days": days, "reason": reason.strip(), "day": day}, today)


def _as_payload(d: decisions.DecisionInput) -> dict:
    return {f.name: getattr(d, f.name) for f in fields(d)}


def waiting_text(db: Database, request_id: int) -> str:
    """A line for the request window: what of this request is with a head right now."""
    items = [i for i in signoff.for_record(db, "request_", request_id) if i.state == PENDING]
    return "；".join(f"{i.kind_label}已于{cn_date(i.submitted_day)}由{i.submitted_by}提交签批，等待审批"
                    for i in items)
