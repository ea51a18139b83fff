"""Rectification tasks (整改): one tracker for every tab that finds something to put right.

Engineer "supervision" owns this module and app/db/models/rectification.py; it was
created by the 首问负责 log (a 差评 opens a task) with a generic API so the
supervision tab's findings use the same table and states:

    task = open_task(s, Source("contact", entry.id, "首问登记 SW2026-000012"), what, owner, department,
                     opened_on, due)            # inside the caller's transaction
    mark_done(db, actor, task.id, evidence, day)   # 整改中 → 已整改 (what was done, when)
    verify(db, actor, task.id, day)                # 已整改 → 已销号 (a 科室负责人 or above; a 督查's
                                                   # or 专题会议's own tasks: the one who checked)

    add_task(db, actor, Source("supervision", check.id, "2026年第一季度督查"), TaskInput(...))
                                                   # a finding turned into a task as its own action
    list_tasks(db, overdue=True, today=today)      # the head's view, the 督查 tab

Overdue is ``state == 整改中 and due_date < today`` (indexed).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db import Database
from app.db.models import (
    Department,
    RectificationTask,
    Role,
    SupervisionCheck,
    SupervisionMeeting,
    User,
)
from app.services.actor import Actor
from app.services.errors import NotFound, PermissionDenied, ServiceError, ValidationError
from app.services.rights import Right, current_role, require
from app.validation.text import text_field

IN_PROGRESS, DONE, CLOSED = "整改中", "已整改", "已销号"
STATES = (IN_PROGRESS, DONE, CLOSED)
OVERDUE = "逾期"  # shown, never stored: 整改中 past its due date
SUPERVISION = "supervision"  # source kind of a 季度督查 finding (source id: the check record)
MEETING = "supervision_meeting"  # source kind of a 专题会议 decision (source id: the meeting record)


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
    errors: dict[str, str] = {}
    evidence = text_field(errors, "evidence", evidence, 2000, label="整改情况",
                          required="请写明整改情况（做了什么、结果如何）", multiline=True)
    if errors:
        raise ValidationError(errors)
    with db.session(actor=actor.label, action="登记整改情况") as s:
        require(s, actor, right)
        task = _load(s, task_id)
        if task.state != IN_PROGRESS:
            raise ServiceError(f"该整改任务已是“{task.state}”")
        task.done_on = _day(day or today, task.opened_on, today)
        task.evidence, task.state = evidence, DONE


_RECORDS = {SUPERVISION: (SupervisionCheck, "督查人"), MEETING: (SupervisionMeeting, "会议主持人")}


def _require_checker(s: Session, actor: Actor, role: Role, task: RectificationTask) -> None:
    """A problem found by a 督查 or decided at a 专题会议 is 销号 by the one who found it
    (issue 16: 已销号 "verified by the checker"); the 系统管理员 may act when that person has left."""
    record = _RECORDS.get(task.source_kind)
    if record is None or role is Role.ADMIN:
        return
    model, title = record
    holder = s.scalar(select(model.holder_id).where(model.id == task.source_id))
    if holder is not None and holder != actor.user_id:
        name = s.scalar(select(User.full_name).where(User.id == holder))
        raise PermissionDenied(f"该整改任务须由{title}{name}验收销号")


def _may_verify(s: Session, actor: Actor, task_id: int) -> RectificationTask:
    """The task if ``actor`` may 销号 it now; refused otherwise (the one rule, asked before and at 销号)."""
    role = current_role(s, actor)
    if role is None or not role.can_approve:
        raise PermissionDenied("整改销号须由科室负责人或以上确认")
    task = _load(s, task_id)
    _require_checker(s, actor, role, task)
    if task.state != DONE:
        raise ServiceError(f"该整改任务是“{task.state}”，整改完成后才能销号")
    return task


def check_may_verify(db: Database, actor: Actor, task_id: int) -> None:
    """Before the window asks “销号？”: the refusal :func:`verify` would give, so none comes after a yes."""
    with db.session() as s:
        _may_verify(s, actor, task_id)


def verify(db: Database, actor: Actor, task_id: int, day: dt.date | None = None) -> None:
    """已整改 → 已销号: a 科室负责人 or above checks the evidence and closes the task."""
    today = db.today()
    with db.session(actor=actor.label, action="整改销号") as s:
        task = _may_verify(s, actor, task_id)
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


def open_by_source(db: Database, source_kind: str) -> dict[int, int]:
    """source id → tasks not yet 已销号 (a record list's "open tasks" column, one grouped count)."""
    T = RectificationTask
    with db.session() as s:
        return {int(i): int(n) for i, n in s.execute(select(T.source_id, func.count()).where(
            T.source_kind == source_kind, T.state != CLOSED).group_by(T.source_id))}


@dataclass(frozen=True)
class TaskInput:
    """A task as typed in a check or meeting record: 整改什么, 责任人, 责任科室, 整改期限."""

    what: str
    owner: str
    department: str
    due: dt.date | None


def check_task(s: Session, data: TaskInput, opened_on: dt.date) -> tuple[dict[str, str], TaskInput]:
    """Every field problem of one task (the one place for these rules), and the cleaned input."""
    errors: dict[str, str] = {}
    what = text_field(errors, "what", data.what, 2000, label="整改内容", required="请写明需要整改的问题",
                      multiline=True)
    owner = text_field(errors, "owner", data.owner, 60, label="责任人", required="请填写责任人（整改任务不能没有人负责）")
    department = text_field(errors, "department", data.department, 60, label="责任科室")
    if department and s.scalar(select(Department.id).where(Department.name == department)) is None:
        errors["department"] = f"没有名为“{department}”的科室"
    if data.due is None:
        errors["due"] = "请填写整改期限"
    elif data.due < opened_on:
        errors["due"] = "整改期限不能早于发现问题的日期"
    return errors, TaskInput(what, owner, department, data.due)


def add_task(db: Database, actor: Actor, source: Source, data: TaskInput, opened_on: dt.date | None = None) -> int:
    """A finding becomes a task (a 科室负责人 or above); refused as a whole with per-field messages."""
    today = db.today()
    opened_on = opened_on or today
    if opened_on > today:
        raise ValidationError({"opened_on": "发现问题的日期不能晚于今天"})
    with db.session(actor=actor.label, action="下达整改任务") as s:
        role = current_role(s, actor)
        if role is None or not role.can_approve:
            raise PermissionDenied("整改任务由科室负责人或以上下达")
        errors, clean = check_task(s, data, opened_on)
        if errors:
            raise ValidationError(errors)
        assert clean.due is not None
        return open_task(s, source, clean.what, clean.owner, clean.department, opened_on, clean.due,
                         actor.full_name or actor.label).id


@dataclass(frozen=True)
class TaskRow:
    id: int
    source_kind: str
    source_id: int
    source_label: str
    what: str
    owner: str
    department: str
    opened_on: dt.date
    due_date: dt.date
    state: str  # stored state
    shown_state: str  # 逾期 for a task still 整改中 after its due date
    evidence: str
    done_on: dt.date | None
    verified_by: str
    verified_on: dt.date | None


def shown_state(state: str, due: dt.date, today: dt.date) -> str:
    return OVERDUE if state == IN_PROGRESS and due < today else state


def list_tasks(db: Database, today: dt.date, *, source_kind: str | None = None, source_id: int | None = None,
               state: str | None = None, overdue: bool = False, limit: int = 1000,
               ids: list[int] | None = None) -> list[TaskRow]:
    """Tasks by due date (oldest first); ``overdue`` keeps those still 整改中 after their due date;
    ``ids`` keeps only those (the list behind a figure)."""
    T = RectificationTask
    q = select(T).order_by(T.due_date, T.id).limit(limit)
    if ids is not None:
        q = q.where(T.id.in_(ids))
    if source_kind is not None:
        q = q.where(T.source_kind == source_kind)
    if source_id is not None:
        q = q.where(T.source_id == source_id)
    if state is not None:
        q = q.where(T.state == state)
    if overdue:
        q = q.where(T.state == IN_PROGRESS, T.due_date < today)
    with db.session() as s:
        return [TaskRow(t.id, t.source_kind, t.source_id, t.source_label, t.what, t.owner, t.department,
                        t.opened_on, t.due_date, t.state, shown_state(t.state, t.due_date, today), t.evidence,
                        t.done_on, t.verified_by, t.verified_on) for t in s.scalars(q)]
