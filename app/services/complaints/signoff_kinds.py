"""The complaint's 签批 kinds: a 属实/部分属实 finding (a head signs) and a ledger record's confirmation
(the 监督检查人员 signs).

Why through the shared queue: a finding against a colleague has consequences (the
ladder's measure, the deductions), so it takes effect only when a head approves it —
with everything the handler typed kept unchanged — and the resulting 责任追究 (or a
表扬) counts only once the 监督检查人员 has confirmed it.  Both wait in the one 签批
queue, each shown to whoever signs that kind — never to a head who must recuse (``recusal``: the
approval is refused to them too, by the same rule); the direct service functions
(``handling.record_finding``, ``ledger.confirm``) are the apply steps.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import Database
from app.db.base import utcnow
from app.db.models import AccountabilityRecord, Complaint, Role
from app.db.models.signoff import APPROVED, PENDING, SignoffItem
from app.services import signoff
from app.services.actor import Actor
from app.services.complaints import handling, ledger, recusal
from app.services.complaints.vocab import OPEN_STATES, UNCONFIRMED
from app.services.errors import NotFound, ValidationError
from app.services.rights import Right

FINDING = "complaint_finding"
CONFIRM = "complaint_ledger_confirm"


def _finding_args(c: signoff.SignoffContext) -> tuple:
    p = c.payload
    return p.get("finding", ""), p.get("day"), p.get("measures", ""), p.get("report", "")


def _check_finding(c: signoff.SignoffContext) -> None:
    finding, day, measures, report = _finding_args(c)
    if finding not in handling.NEEDS_SIGNOFF:
        raise ValidationError({"finding": "只有属实、部分属实的调查结论需要签批，其他结论请直接保存"})
    handling.record_finding_in(c.s, c.db, c.actor, c.record_id, finding, day, measures, report, c.today,
                               apply=False)


def _apply_finding(c: signoff.SignoffContext) -> None:
    finding, day, measures, report = _finding_args(c)
    handling.record_finding_in(c.s, c.db, c.actor, c.record_id, finding, day, measures, report, c.today)


def _describe_finding(payload: dict) -> str:
    return f"调查结论：{payload.get('finding', '')}；处理措施：{(payload.get('measures') or '无')[:60]}"


def _complaint_label(s: Session, cid: int) -> str:
    return s.scalar(select(Complaint.number).where(Complaint.id == cid)) or f"投诉举报{cid}"


def _days_left(db: Database, ids: list[int], today: dt.date) -> dict[int, int | None]:
    """Working days to the complaint's running deadline, as the queue counts for every kind (the 工作台
    shows 还剩N个工作日), whether the office counts complaint limits in calendar or working days."""
    cal = db.calendar()
    with db.session() as s:
        return {cid: cal.days_left(today, due).days if due is not None and state in OPEN_STATES else None
                for cid, due, state in s.execute(select(Complaint.id, Complaint.due, Complaint.state)
                                                 .where(Complaint.id.in_(ids)))}


def _check_confirm(c: signoff.SignoffContext) -> None:
    rec = c.s.get(AccountabilityRecord, c.record_id)
    if rec is None:
        raise NotFound("该责任追究记录不存在")
    if rec.state != UNCONFIRMED:
        raise ValidationError("该记录已经确认")


def _apply_confirm(c: signoff.SignoffContext) -> None:
    ledger.confirm_in(c.s, c.actor, c.record_id, c.today)


def _record_label(s: Session, record_id: int) -> str:
    row = s.execute(select(AccountabilityRecord.kind, AccountabilityRecord.year, AccountabilityRecord.person,
                           AccountabilityRecord.department, Complaint.number)
                    .outerjoin(Complaint, Complaint.id == AccountabilityRecord.complaint_id)
                    .where(AccountabilityRecord.id == record_id)).first()
    if row is None:
        return f"责任追究记录{record_id}"
    who = row.person or row.department
    return f"{row.year}年{row.kind}（{who}" + (f"，{row.number}）" if row.number else "）")


def settle_confirmation(s: Session, actor: Actor, record_id: int, today: dt.date) -> None:
    """A record confirmed directly (ledger tab, tests) leaves the queue as approved by the confirmer."""
    for item in s.scalars(select(SignoffItem).where(SignoffItem.kind == CONFIRM, SignoffItem.record_id == record_id,
                                                    SignoffItem.state == PENDING)):
        item.state, item.decided_by = APPROVED, actor.full_name or actor.label
        item.decided_at, item.decided_day = utcnow(), today

signoff.register_kind(signoff.SignoffKind(
    key=FINDING, label="投诉举报调查结论", check=_check_finding, apply=_apply_finding, describe=_describe_finding,
    record_label=_complaint_label, remaining=_days_left, record_type="complaint",
    submit_right=Right.COMPLAINT_HANDLE, approve_right=Right.APPROVE,
    recused=lambda user_id: select(Complaint.id).where(recusal.recused(user_id))))
signoff.register_kind(signoff.SignoffKind(
    key=CONFIRM, label="责任追究记录确认", check=_check_confirm, apply=_apply_confirm,
    describe=lambda payload: payload.get("what", ""), record_label=_record_label, record_type="complaint_ledger",
    submit_right=Right.COMPLAINT_HANDLE, approve_right=Right.COMPLAINT_CONFIRM,
    approver_roles=frozenset({Role.INSPECTOR}), approver="监督检查人员"))
