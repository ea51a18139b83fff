"""责任分工: who is 主要负责人 and which 分管负责人 covers which 科室, over which days.

People change posts, so every assignment has a date range and the duties of a
year are derived from whoever held the post at the time.  Two rules keep that
derivation unambiguous: an assignment always names a person, and one person's
assignments to the same post and area never overlap.  The duty frequencies are
kept here too (settings of the same screen).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.dates import cn_date
from app.db import Database
from app.db.base import settings_row
from app.db.models import Department, PostAssignment, SupervisionSettings, User
from app.services.actor import Actor
from app.services.errors import NotFound, ValidationError
from app.services.rights import Right, require
from app.validation import Invalid, dates

PRINCIPAL, DEPUTY = "主要负责人", "分管负责人"
POSTS = (PRINCIPAL, DEPUTY)
# allowed frequencies (months between two duties) and their names
FREQUENCIES = {1: "每月", 3: "每季度", 6: "每半年", 12: "每年"}


@dataclass(frozen=True)
class AssignmentInput:
    user_id: int | None
    post: str
    department_id: int | None
    start_on: dt.date | None
    end_on: dt.date | None = None


@dataclass(frozen=True)
class AssignmentRow:
    id: int
    user_id: int
    login: str
    full_name: str
    post: str
    department_id: int | None
    department: str
    start_on: dt.date
    end_on: dt.date | None


def _overlaps(a_start: dt.date, a_end: dt.date | None, b_start: dt.date, b_end: dt.date | None) -> bool:
    return (b_end is None or a_start <= b_end) and (a_end is None or b_start <= a_end)


def _check(s: Session, data: AssignmentInput, today: dt.date, own_id: int | None) -> dict[str, str]:
    """Every field problem of one assignment, as per-field Chinese messages (one place for the rules)."""
    errors: dict[str, str] = {}
    if data.user_id is None:
        errors["user"] = "请选择担任该职责的人员（职责不能没有人负责）"
    elif s.get(User, data.user_id) is None:
        errors["user"] = "所选人员不存在，请重新选择"
    if data.post not in POSTS:
        errors["post"] = "职务应为“主要负责人”或“分管负责人”"
    elif data.post == DEPUTY and data.department_id is None:
        errors["department"] = "请选择该分管负责人分管的科室"
    elif data.post == PRINCIPAL and data.department_id is not None:
        errors["department"] = "主要负责人负责全局工作，不选分管科室"
    if data.department_id is not None and s.get(Department, data.department_id) is None:
        errors["department"] = "所选科室不存在，请重新选择"
    for key, day, what in (("start_on", data.start_on, "开始日期"), ("end_on", data.end_on, "结束日期")):
        if day is None:
            if key == "start_on":
                errors[key] = "请填写开始日期"
            continue
        try:
            dates.event_date(day, today, not_after_today=False)
        except Invalid as exc:
            errors[key] = f"{what}{exc}"
    if data.start_on and data.end_on and data.end_on < data.start_on and "end_on" not in errors:
        errors["end_on"] = "结束日期不能早于开始日期"
    if errors:
        return errors
    assert data.start_on is not None
    others = s.scalars(select(PostAssignment).where(
        PostAssignment.user_id == data.user_id, PostAssignment.post == data.post,
        PostAssignment.department_id.is_(None) if data.department_id is None
        else PostAssignment.department_id == data.department_id)).all()
    for other in others:
        if other.id != own_id and _overlaps(data.start_on, data.end_on, other.start_on, other.end_on):
            until = cn_date(other.end_on) if other.end_on else "今后"
            errors["start_on"] = (f"该人员已在{cn_date(other.start_on)}至{until}担任同一职务"
                                  f"{'（同一科室）' if data.department_id else ''}，任职期间不能重叠")
            break
    return errors


def save_assignment(db: Database, actor: Actor, data: AssignmentInput, assignment_id: int | None = None) -> int:
    """Add (or change) one assignment; refused as a whole with per-field messages."""
    with db.session(actor=actor.label, action="修改责任分工" if assignment_id else "添加责任分工") as s:
        require(s, actor, Right.MANAGE_USERS, "责任分工由系统管理员设置")
        row = None
        if assignment_id is not None:
            row = s.get(PostAssignment, assignment_id)
            if row is None:
                raise NotFound("该责任分工已不存在")
        errors = _check(s, data, db.today(), assignment_id)
        if errors:
            raise ValidationError(errors)
        if row is None:
            row = PostAssignment()
            s.add(row)
        row.user_id, row.post, row.department_id = data.user_id, data.post, data.department_id  # type: ignore[assignment]
        row.start_on, row.end_on = data.start_on, data.end_on  # type: ignore[assignment]
        s.flush()
        return row.id


def delete_assignment(db: Database, actor: Actor, assignment_id: int) -> None:
    with db.session(actor=actor.label, action="删除责任分工") as s:
        require(s, actor, Right.MANAGE_USERS, "责任分工由系统管理员设置")
        row = s.get(PostAssignment, assignment_id)
        if row is None:
            raise NotFound("该责任分工已不存在")
        s.delete(row)


def list_assignments(db: Database) -> list[AssignmentRow]:
    with db.session() as s:
        rows = s.execute(select(PostAssignment, User, Department).join(User, PostAssignment.user_id == User.id)
                         .outerjoin(Department, PostAssignment.department_id == Department.id)
                         .order_by(PostAssignment.post.desc(), Department.sort_order, PostAssignment.start_on)).all()
        return [AssignmentRow(a.id, u.id, u.login, u.full_name, a.post, a.department_id, d.name if d else "",
                              a.start_on, a.end_on) for a, u, d in rows]


@dataclass(frozen=True)
class Frequencies:
    check_months: int = 3
    meeting_months: int = 6


def get_frequencies(s: Session) -> Frequencies:
    row = s.get(SupervisionSettings, 1)
    return Frequencies(row.check_months, row.meeting_months) if row is not None else Frequencies()


def save_frequencies(db: Database, actor: Actor, freq: Frequencies) -> None:
    """How often each duty falls due; only the months in ``FREQUENCIES`` divide a year evenly."""
    errors = {}
    allowed = "、".join(FREQUENCIES.values())
    if freq.check_months not in FREQUENCIES:
        errors["check_months"] = f"督查频次应为{allowed}之一"
    if freq.meeting_months not in FREQUENCIES:
        errors["meeting_months"] = f"专题会议频次应为{allowed}之一"
    if errors:
        raise ValidationError(errors)
    with db.session(actor=actor.label, action="修改督查频次") as s:
        require(s, actor, Right.MANAGE_USERS, "督查频次由系统管理员设置")
        row = settings_row(s, SupervisionSettings)
        row.check_months, row.meeting_months = freq.check_months, freq.meeting_months


def departments(db: Database) -> list[tuple[int, str]]:
    """The 科室 a 分管负责人 can cover, in the office's order (id, name) — for the 责任分工 form."""
    with db.session() as s:
        return [(d.id, d.name) for d in s.scalars(select(Department).order_by(Department.sort_order, Department.id))]


def current_frequencies(db: Database) -> Frequencies:
    with db.session() as s:
        return get_frequencies(s)
