"""The 责任追究 ledger: records per appraisal year, the ladder as editable data, confirmation, deductions.

The step of a record is the person's count of confirmed-or-pending 责任追究 records
in that appraisal year (the 1st, 2nd, 3rd …); past the last step the last applies.
The ladder itself lives in ``accountability_step`` rows (two presets seeded), so an
office edits its steps without code.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db import Database
from app.db.models import AccountabilityRecord, Complaint, LadderStep, Role, User
from app.services import numbering
from app.services.actor import Actor
from app.services.complaints.identity import settings
from app.services.complaints.vocab import BLAME, CONFIRMED, PRAISE, PRESETS, UNCONFIRMED
from app.services.errors import NotFound, PermissionDenied, ValidationError
from app.services.rights import Right, current_role, require
from app.validation.text import Invalid, clean_text

# 文号 of the 责任追究决定: issued when the 监督检查人员 confirms the record, gap-free per year
DECISION_NUMBER = numbering.register_kind("accountability_decision", "责任追究决定文号",
                                          "{文号代字}责〔{年}〕{序号}号")


def ensure_ladders(s: Session) -> None:
    """Seed the two presets once (they are data afterwards) and choose the first as default."""
    if s.scalar(select(func.count()).select_from(LadderStep)):
        return
    for preset, steps in PRESETS.items():
        for i, (measure, points) in enumerate(steps, start=1):
            s.add(LadderStep(preset=preset, ordinal=i, measure=measure, person_points=points))
    conf = settings(s)
    if not conf.ladder_preset:
        conf.ladder_preset = next(iter(PRESETS))
    s.flush()


def ladder(s: Session, preset: str | None = None) -> list[LadderStep]:
    ensure_ladders(s)
    name = preset or settings(s).ladder_preset
    return list(s.scalars(select(LadderStep).where(LadderStep.preset == name).order_by(LadderStep.ordinal)))


def set_ladder(db: Database, actor: Actor, preset: str, steps: list[tuple[int, str, int]]) -> None:
    """Replace one preset's steps; the steps must be 1, 2, 3 … with no gap."""
    e: dict[str, str] = {}
    try:
        name = clean_text(preset, 40)  # the column's width: a longer name is refused, never cut
    except Invalid as err:
        name, e["preset"] = "", f"方案名称{err}"
    if not name and "preset" not in e:
        e["preset"] = "请填写方案名称"
    ordinals = sorted(o for o, _m, _p in steps)
    if not steps:
        e["steps"] = "请至少填写一级处理措施"
    elif ordinals != list(range(1, len(steps) + 1)):
        missing = sorted(set(range(1, max(ordinals) + 1)) - set(ordinals))
        e["steps"] = (f"处理措施的级次应从第1次起连续编排，缺少第{'、'.join(map(str, missing))}次" if missing
                      else "处理措施的级次应从第1次起连续编排，不能重复")
    for o, measure, points in steps:
        try:
            if not clean_text(measure, 400):
                e["steps"] = f"第{o}次的处理措施不能为空"
        except Invalid as err:
            e["steps"] = f"第{o}次的处理措施：{err}"
        if not 0 <= points <= 100:
            e["steps"] = f"第{o}次的扣分应为0至100分"
    if e:
        raise ValidationError(e)
    with db.session(actor=actor.label, action="修改责任追究方案") as s:
        require(s, actor, Right.EDIT_PROFILE, "只有系统管理员可以修改责任追究方案")
        ensure_ladders(s)
        for old in s.scalars(select(LadderStep).where(LadderStep.preset == name)):
            s.delete(old)
        s.flush()
        for o, measure, points in sorted(steps):
            s.add(LadderStep(preset=name, ordinal=o, measure=measure.strip(), person_points=points))


def _count_in_year(s: Session, person_id: int, year: int) -> int:
    return s.scalar(select(func.count()).select_from(AccountabilityRecord).where(
        AccountabilityRecord.person_user_id == person_id, AccountabilityRecord.year == year,
        AccountabilityRecord.kind == BLAME)) or 0


def open_record(s: Session, actor: Actor, row: Complaint) -> int:
    """A 属实/部分属实 finding opens a pending record with the ladder's step for that year."""
    year = row.finding_on.year
    conf = settings(s)
    steps = ladder(s)
    person, ordinal, measure, points = "", 0, "", 0
    if row.target_user_id:
        person = row.target_person
        ordinal = _count_in_year(s, row.target_user_id, year) + 1
        step = steps[min(ordinal, len(steps)) - 1]
        measure, points = step.measure, step.person_points
    dept_name, dept_id = row.target_department, row.department_id
    if dept_id is None and row.target_user_id:
        user = s.get(User, row.target_user_id)
        if user is not None and user.department is not None:
            dept_name, dept_id = user.department.name, user.department_id
    rec = AccountabilityRecord(
        kind=BLAME, year=year, complaint_id=row.id, person_user_id=row.target_user_id, person=person,
        department_id=dept_id, department=dept_name, ordinal=ordinal,
        measure=measure or "科室责任（未确定具体责任人）", person_points=points,
        section_points=conf.section_points if dept_name else 0, head_points=conf.head_points if dept_name else 0,
        reason=f"投诉举报{row.number}经调查{row.finding}", state=UNCONFIRMED, created_by=actor.label)
    s.add(rec)
    s.flush()
    return rec.id


def queue_confirmation(s: Session, db: Database, actor: Actor, record_id: int, today: dt.date) -> int:
    """Put a new record in the 签批 queue of the 监督检查人员 (in the transaction that created it)."""
    from app.services import signoff
    from app.services.complaints.signoff_kinds import CONFIRM

    rec = s.get(AccountabilityRecord, record_id)
    who = "、".join(x for x in (rec.department, rec.person) if x)
    what = f"{rec.kind}：{who}，{rec.measure}"
    return signoff.submit_in(s, db, actor, CONFIRM, record_id, {"what": what[:200]}, today)


def confirm(db: Database, actor: Actor, record_id: int, today=None) -> None:  # noqa: ANN001
    """确认: only a 监督检查人员 (read now) confirms a ledger record; its queue item is settled with it."""
    with db.session(actor=actor.label, action="确认责任追究") as s:
        confirm_in(s, actor, record_id, today or db.today())


def confirm_in(s: Session, actor: Actor, record_id: int, today: dt.date) -> None:
    """The confirmation inside an open transaction (the 签批 approval runs it too)."""
    require(s, actor, Right.COMPLAINT_CONFIRM, "责任追究记录须由监督检查人员确认")
    if current_role(s, actor) is not Role.INSPECTOR:
        raise PermissionDenied("责任追究记录须由监督检查人员确认")
    rec = s.get(AccountabilityRecord, record_id)
    if rec is None:
        raise NotFound("该责任追究记录不存在")
    if rec.state == CONFIRMED:
        raise ValidationError("该记录已经确认")
    rec.state, rec.confirmed_by, rec.confirmed_on = CONFIRMED, actor.full_name or actor.label, today
    if rec.kind == BLAME:  # confirming issues the 责任追究决定: its 文号 now, in this transaction, once
        rec.number, _seq = numbering.next_number(s, DECISION_NUMBER.key, today.year)
    from app.services.complaints.signoff_kinds import settle_confirmation

    settle_confirmation(s, actor, record_id, today)


def commend(db: Database, actor: Actor, person_id: int, year: int, reason: str) -> int:
    """表扬 (seed 004 四), recorded in the same ledger and confirmed the same way."""
    e: dict[str, str] = {}
    try:
        reason = clean_text(reason, 1000, multiline=True)
    except Invalid as err:
        e["reason"] = str(err)
    if not reason and "reason" not in e:
        e["reason"] = "请填写表扬的事由"
    if not 2000 <= year <= 2100:
        e["year"] = "考评年度应为2000至2100之间的四位数"
    if e:
        raise ValidationError(e)
    with db.session(actor=actor.label, action="登记表扬") as s:
        require(s, actor, Right.COMPLAINT_HANDLE)
        user = s.get(User, person_id)
        if user is None:
            raise ValidationError({"person": "该工作人员不存在"})
        rec = AccountabilityRecord(kind=PRAISE, year=year, person_user_id=user.id, person=user.full_name,
                                   department_id=user.department_id,
                                   department=user.department.name if user.department else "",
                                   measure="表扬", reason=reason, state=UNCONFIRMED, created_by=actor.label)
        s.add(rec)
        s.flush()
        queue_confirmation(s, db, actor, rec.id, db.today())
        return rec.id


def record_year(db: Database, record_id: int) -> int | None:
    """The appraisal year a ledger record belongs to (the 工作台 opens the ledger at that year)."""
    with db.session() as s:
        return s.scalar(select(AccountabilityRecord.year).where(AccountabilityRecord.id == record_id))


@dataclass(frozen=True)
class _Rec:
    kind: str
    person: str
    department: str
    person_points: int
    section_points: int
    head_points: int


@dataclass(frozen=True)
class Tally:
    name: str
    blames: int
    praises: int
    points: int  # deducted from the person, or from the section's 目标责任制 score
    head_points: int = 0  # a section's head: deducted from their annual appraisal


def year_summary(db: Database, year: int) -> tuple[list[Tally], list[Tally]]:
    """Per person and per section: the year's confirmed records and the resulting deductions."""
    with db.session() as s:
        recs = [_Rec(r.kind, r.person, r.department, r.person_points, r.section_points, r.head_points)
                for r in s.scalars(select(AccountabilityRecord).where(
                    AccountabilityRecord.year == year, AccountabilityRecord.state == CONFIRMED))]
    people: dict[str, list[int]] = {}
    sections: dict[str, list[int]] = {}
    for r in recs:
        for key, book, pts in ((r.person, people, r.person_points),
                               (r.department, sections, r.section_points)):
            if not key:
                continue
            t = book.setdefault(key, [0, 0, 0])
            t[0 if r.kind == BLAME else 1] += 1
            t[2] += pts
    heads: dict[str, int] = {}
    for r in recs:
        if r.department:
            heads[r.department] = heads.get(r.department, 0) + r.head_points
    return ([Tally(k, *v) for k, v in sorted(people.items())],
            [Tally(k, v[0], v[1], v[2], heads.get(k, 0)) for k, v in sorted(sections.items())])
