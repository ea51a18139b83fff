"""Handling a 投诉举报 after registration: 受理 decision, investigation, finding, extension, 反馈.

Each step is one service function and one transaction; the state machine is
checked inside it so a finding before acceptance, or a feedback dated before the
complaint, is refused with nothing saved.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from app.db import Database
from app.db.models import Complaint
from app.services.actor import Actor
from app.services.complaints import clock, ledger, recusal
from app.services.complaints.identity import settings
from app.services.complaints.vocab import (
    DECISIONS,
    DONE,
    FEEDBACK_HOW,
    FINDINGS,
    FOUND,
    HANDLING,
    INVESTIGATIONS,
    TOLD,
    TRANSFERRED,
    WAITING,
)
from app.services.errors import NotFound, PermissionDenied, ValidationError
from app.services.rights import Right, require
from app.validation.text import text_field


def _get(s: Session, cid: int, actor: Actor) -> Complaint:
    """The complaint to act on — never by someone who must recuse (回避, ``recusal``): the staff member
    complained about or the head of the 科室 complained about may not accept, investigate, extend,
    conclude, approve or answer it, the administrator included."""
    row = s.get(Complaint, cid)
    if row is None:
        raise NotFound("该投诉举报不存在")
    why = recusal.reason(s, cid, actor.user_id)
    if why:
        raise PermissionDenied(why)
    return row


def _day(errors: dict[str, str], key: str, day: dt.date | None, row: Complaint, today: dt.date, what: str) -> None:
    if day is None:
        errors[key] = f"请填写{what}日期"
    elif day < row.received_on:
        errors[key] = f"{what}日期不能早于收到投诉举报的日期（{row.received_on:%Y-%m-%d}）"
    elif day > today:
        errors[key] = f"{what}日期不能晚于今天"


def decide(db: Database, actor: Actor, cid: int, decision: str, day: dt.date, other_body: str = "",
           today: dt.date | None = None) -> None:
    """受理, or 不属于本机关受理范围: 告知向有权机关反映 / 转交有权机关 (which body)."""
    today = today or db.today()
    with db.session(actor=actor.label, action="投诉举报受理决定") as s:
        require(s, actor, Right.COMPLAINT_HANDLE)
        row = _get(s, cid, actor)
        e: dict[str, str] = {}
        if row.state != WAITING:
            raise ValidationError(f"该投诉举报已是“{row.state}”，不能再作受理决定")
        if decision not in DECISIONS:
            e["decision"] = "请选择受理决定"
        _day(e, "day", day, row, today, "决定")
        body = text_field(e, "other_body", other_body, 100,
                          required="请填写有权处理的机关" if decision in DECISIONS[1:] else "")
        if e:
            raise ValidationError(e)
        row.decision, row.decision_on, row.other_body = decision, day, body if decision != "受理" else ""
        if decision == "受理":
            row.state, row.due = HANDLING, clock.result_due(s, db, day)
        else:
            row.state, row.due = (TOLD if decision == DECISIONS[1] else TRANSFERRED), None


def investigate(db: Database, actor: Actor, cid: int, how: str, approved_by: str = "") -> None:
    """初步调查 (quick) or 报领导/党组 (complex, with who approved)."""
    with db.session(actor=actor.label, action="投诉举报调查方式") as s:
        require(s, actor, Right.COMPLAINT_HANDLE)
        row = _get(s, cid, actor)
        e: dict[str, str] = {}
        if row.state != HANDLING:
            raise ValidationError("只有已受理、尚未查结的投诉举报才能安排调查")
        if how not in INVESTIGATIONS:
            e["investigation"] = "请选择调查方式"
        who = text_field(e, "approved_by", approved_by, 60,
                         required="报领导/党组的，请填写批准的领导" if how == INVESTIGATIONS[1] else "")
        if e:
            raise ValidationError(e)
        row.investigation, row.approved_by = how, who


def extend(db: Database, actor: Actor, cid: int, days: int) -> None:
    """One extension of at most the set number of days, approved by a head (the actor)."""
    with db.session(actor=actor.label, action="投诉举报延期") as s:
        require(s, actor, Right.APPROVE, "延长办理期限须由科室负责人或领导批准")
        row = _get(s, cid, actor)
        limit = settings(s).extension_max_days
        if row.state != HANDLING:
            raise ValidationError("只有办理中的投诉举报才能延期")
        if row.extension_days:
            raise ValidationError("办理期限只能延长一次")
        if not 1 <= days <= limit:
            raise ValidationError({"days": f"延长期限应为1至{limit}日"})
        row.extension_days, row.extension_approved_by = days, actor.full_name or actor.label
        row.due = clock.result_due(s, db, row.decision_on, days)


NEEDS_SIGNOFF = ("属实", "部分属实")
SIGNOFF_MESSAGE = "调查结论为属实或部分属实的，须提交科室负责人或领导签批，批准后生效"


def record_finding(db: Database, actor: Actor, cid: int, finding: str, day: dt.date, measures: str,
                   report: str, today: dt.date | None = None) -> int | None:
    """调查结论 with measures and the 初步审查报告; 属实/部分属实 against a person opens a ledger record.

    属实/部分属实 take effect only with a head's signature: called directly, this needs the
    approve right (a head recording their own finding, the CLI-free tests); a handler uses
    ``propose_finding``, which puts it in the 签批 queue, and the approval calls this logic."""
    today = today or db.today()
    with db.session(actor=actor.label, action="投诉举报调查结论") as s:
        require(s, actor, Right.COMPLAINT_HANDLE)
        if finding in NEEDS_SIGNOFF:
            require(s, actor, Right.APPROVE, SIGNOFF_MESSAGE)
        return record_finding_in(s, db, actor, cid, finding, day, measures, report, today)


def propose_finding(db: Database, actor: Actor, cid: int, finding: str, day: dt.date, measures: str,
                    report: str, today: dt.date | None = None) -> int | None:
    """The window's 保存调查结论: 不属实/无法查实 (or a head's own finding) is recorded now and returns
    None; 属实/部分属实 by a handler is checked in full and submitted for 签批 — returns the item id."""
    from app.services import signoff
    from app.services.complaints.signoff_kinds import FINDING

    today = today or db.today()
    if finding in NEEDS_SIGNOFF and not actor.can_approve:
        payload = {"finding": finding, "day": day, "measures": measures, "report": report}
        return signoff.submit(db, actor, FINDING, cid, payload, today)
    record_finding(db, actor, cid, finding, day, measures, report, today)
    return None


def record_finding_in(s: Session, db: Database, actor: Actor, cid: int, finding: str, day: dt.date | None,
                      measures: str, report: str, today: dt.date, apply: bool = True) -> int | None:
    """The finding's checks and effect inside an open transaction (``apply=False``: checks only, for
    the 签批 submission).  A ledger record it opens goes to the 监督检查人员's confirmation queue."""
    row = _get(s, cid, actor)
    e: dict[str, str] = {}
    if row.state == WAITING:
        raise ValidationError("尚未受理的投诉举报不能作出调查结论，请先作受理决定")
    if row.state != HANDLING:
        raise ValidationError(f"该投诉举报已是“{row.state}”，不能再作调查结论")
    if finding not in FINDINGS:
        e["finding"] = "请选择调查结论"
    _day(e, "day", day, row, today, "查结")
    if day is not None and row.decision_on and day < row.decision_on:
        e["day"] = "查结日期不能早于受理日期"
    measures = text_field(e, "measures", measures, 4000, multiline=True)
    report = text_field(e, "report", report, 8000, required="请填写初步审查报告（调查经过和结论）", multiline=True)
    if e:
        raise ValidationError(e)
    if not apply:
        return None
    row.finding, row.finding_on, row.measures, row.report = finding, day, measures, report
    row.state = FOUND
    if finding in NEEDS_SIGNOFF and (row.target_user_id or row.department_id):
        record_id = ledger.open_record(s, actor, row)
        ledger.queue_confirmation(s, db, actor, record_id, today)
        return record_id
    return None


def feedback(db: Database, actor: Actor, cid: int, day: dt.date, how: str, words: str, response: str = "",
             today: dt.date | None = None) -> None:
    """反馈 to the complainant (method, date, what was said, their response); closes the complaint."""
    today = today or db.today()
    with db.session(actor=actor.label, action="投诉举报反馈") as s:
        require(s, actor, Right.COMPLAINT_HANDLE)
        row = _get(s, cid, actor)
        e: dict[str, str] = {}
        if row.state != FOUND:
            raise ValidationError("作出调查结论后才能反馈投诉举报人")
        if how not in FEEDBACK_HOW:
            e["how"] = "请选择反馈方式"
        _day(e, "day", day, row, today, "反馈")
        words = text_field(e, "words", words, 4000, required="请填写反馈的内容", multiline=True)
        response = text_field(e, "response", response, 2000, multiline=True)
        if e:
            raise ValidationError(e)
        row.feedback_on, row.feedback_how, row.feedback_words, row.feedback_response = day, how, words, response
        row.state, row.due = DONE, None
