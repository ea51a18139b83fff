"""Rectification tasks (整改): one tracker for every tab that finds something to put right.

Engineer "supervision" owns this module and app/db/models/rectification.py; it was
created by the 首问负责 log (a 差评 opens a task) with a generic API so the
supervision tab's findings use the same table and states:

    task = open_task(s, Source("contact", entry.id, "首问登记 SW2026-000012"), what, owner, department,
                     opened_on, due)            # inside the caller's transaction
    mark_done(db, actor, task.id, evidence, day)   # 整改中 → 已整改 (what was done, when)
    verify(db, actor, task.id, day)                # 已整改 → 已销号 (a 科室负责人 or above confirms)

Overdue is ``state == 整改中 and due_date < today`` (indexed).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db import Database
from app.db.models import RectificationTask
from app.services.actor import Actor
from app.services.errors import NotFound, PermissionDenied, ServiceError, ValidationError
from app.services.rights import Right, current_role, require
from app.validation.text import Invalid, clean_text

IN_PROGRESS, DONE, CLOSED = "整改中", "已整改", "已销号"
STATES = (IN_PROGRESS, DONE, CLOSED)


@dataclass(frozen=True)
class Source:
    kind: str  # "contact", …
    id: int
    label: str  # what the task list shows as its origin


def open_task(s: Session, source: Source, what: str, owner: str, department: str, opened_on: dt.date,
              due: dt.date, created_by: str) -> RectificationTask:
    """Add a task in the caller's transaction (the finding and its task are saved together)."""
    task = RectificationTask(source_kind=source.kind, source_id=source.id, source_label=source.label[:100],
                             what=what, owner=owner[:60], department=department[:60], opened_on=opened_on,
                             due_date=due, state=IN_PROGRESS, created_by=created_by)
    s.add(task)
    s.flush()
    return task


def _load(s: Session, task_id: int) -> RectificationTask:
    task = s.get(RectificationTask, task_id)
    if task is None:
        raise NotFound("整改任务不存在")
    return task


def _day(day: dt.date, first: dt.date, today: dt.date) -> dt.date:
    if day > today:
        raise ValidationError({"day": "日期不能晚于今天"})
    if day < first:
        raise ValidationError({"day": "日期不能早于整改任务的开始日期"})
    return day


def mark_done(db: Database, actor: Actor, task_id: int, evidence: str, day: dt.date | None = None,
              right: Right = Right.FIRST_RESPONSE) -> None:
    """整改中 → 已整改 with what was done (the evidence) and when."""
    today = db.today()
    try:
        evidence = clean_text(evidence, 2000, multiline=True)
    except Invalid as exc:
        raise ValidationError({"evidence": f"整改情况{exc}"}) from None
    if not evidence:
        raise ValidationError({"evidence": "请写明整改情况（做了什么、结果如何）"})
    with db.session(actor=actor.label, action="登记整改情况") as s:
        require(s, actor, right)
        task = _load(s, task_id)
        if task.state != IN_PROGRESS:
            raise ServiceError(f"该整改任务已是“{task.state}”")
        task.done_on = _day(day or today, task.opened_on, today)
        task.evidence, task.state = evidence, DONE


def verify(db: Database, actor: Actor, task_id: int, day: dt.date | None = None) -> None:
    """已整改 → 已销号: a 科室负责人 or above checks the evidence and closes the task."""
    today = db.today()
    with db.session(actor=actor.label, action="整改销号") as s:
        role = current_role(s, actor)
        if role is None or not role.can_approve:
            raise PermissionDenied("整改销号须由科室负责人或以上确认")
        task = _load(s, task_id)
        if task.state != DONE:
            raise ServiceError(f"该整改任务是“{task.state}”，整改完成后才能销号")
        task.verified_on = _day(day or today, task.done_on or task.opened_on, today)
        task.verified_by, task.state = actor.full_name or actor.label, CLOSED


def counts(db: Database, source_kind: str, today: dt.date) -> dict[str, int]:
    """Tasks of one source per state, and those overdue (still 整改中 after their due date)."""
    with db.session() as s:
        rows = s.execute(select(RectificationTask.state, func.count()).where(
            RectificationTask.source_kind == source_kind).group_by(RectificationTask.state)).all()
        out = {state: int(n) for state, n in rows}
        out["逾期"] = int(s.scalar(select(func.count()).select_from(RectificationTask).where(
            RectificationTask.source_kind == source_kind, RectificationTask.state == IN_PROGRESS,
            RectificationTask.due_date < today)) or 0)
        return out
