"""The duties of a year, derived from 责任分工, the frequencies and the working-day calendar.

Seed 001 附件1: each 分管负责人 checks the disclosure work of their area every
quarter (季度督查), the 主要负责人 holds a disclosure meeting at least every
half-year (专题会议).  A duty is due on the last working day of its period; it is
待办 until then, 逾期 after, and once done 已完成 or — if done after the due day —
逾期完成, so a late check never looks like a punctual one.

Who owes a period's duty: for each post and area, the person holding it on the
period's last day, or — if the post was vacant then — the last person who held
it during the period.  A deputy covering several 科室 owes one check per period
(covering all of them).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.calendar import WorkCalendar
from app.dates import cn_date
from app.db import Database
from app.db.models import Department, DutyCompletion, PostAssignment, Role, User
from app.services.actor import Actor
from app.services.errors import PermissionDenied, ValidationError
from app.services.rights import current_role
from app.services.supervision.posts import DEPUTY, PRINCIPAL, get_frequencies
from app.validation.text import Invalid, clean_text

CHECK, MEETING = "季度督查", "专题会议"
KIND_POST = {CHECK: DEPUTY, MEETING: PRINCIPAL}
TODO, DONE, OVERDUE, DONE_LATE = "待办", "已完成", "逾期", "逾期完成"
YEAR_FIRST, YEAR_LAST = 2000, 2100


@dataclass(frozen=True)
class Duty:
    kind: str  # 季度督查 | 专题会议
    post: str  # 分管负责人 | 主要负责人
    holder_id: int
    holder_login: str
    holder_name: str
    areas: tuple[str, ...]  # the 科室 a check covers; () for a meeting
    period: str  # 2026Q1 / 2026H2 / 2026 / 2026-01
    start: dt.date
    end: dt.date
    due: dt.date
    completed: dt.date | None
    status: str

    def as_json(self) -> dict[str, object]:
        """The shape `gongkai duties --json` prints (issue 16)."""
        return {"kind": self.kind, "holder": self.holder_login, "post": self.post, "period": self.period,
                "due": self.due.isoformat(), "completed": self.completed.isoformat() if self.completed else None,
                "status": self.status}


def check_year(year: int) -> int:
    if not YEAR_FIRST <= year <= YEAR_LAST:
        raise ValidationError({"year": f"年份应为{YEAR_FIRST}至{YEAR_LAST}之间的四位数"})
    return year


def periods(year: int, months: int) -> list[tuple[str, dt.date, dt.date]]:
    """The periods of a year for a frequency: (label, first day, last day)."""
    out = []
    for i in range(12 // months):
        first = dt.date(year, i * months + 1, 1)
        after = dt.date(year + 1, 1, 1) if (i + 1) * months == 12 else dt.date(year, (i + 1) * months + 1, 1)
        label = {3: f"{year}Q{i + 1}", 6: f"{year}H{i + 1}", 12: f"{year}", 1: f"{year}-{i + 1:02d}"}[months]
        out.append((label, first, after - dt.timedelta(days=1)))
    return out


def last_working_day(calendar: WorkCalendar, last: dt.date) -> dt.date:
    """The last working day on or before ``last`` (a quarter may end on a weekend or in a holiday)."""
    day = last
    while not calendar.is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def status_of(due: dt.date, completed: dt.date | None, today: dt.date) -> str:
    if completed is not None:
        return DONE if completed <= due else DONE_LATE
    return OVERDUE if today > due else TODO


def _holders(assignments: list[PostAssignment], first: dt.date, last: dt.date) -> dict[int, list[str]]:
    """user id → the areas they answer for in the period (see the module docstring for the rule)."""
    by_area: dict[int | None, list[PostAssignment]] = {}
    for a in assignments:
        if a.start_on <= last and (a.end_on is None or a.end_on >= first):
            by_area.setdefault(a.department_id, []).append(a)
    out: dict[int, list[str]] = {}
    for rows in by_area.values():
        on_last = [a for a in rows if a.end_on is None or a.end_on >= last]
        chosen = min(on_last, key=lambda a: a.start_on) if on_last else max(rows, key=lambda a: a.end_on or last)
        areas = out.setdefault(chosen.user_id, [])
        if chosen.department is not None:
            areas.append(chosen.department.name)
    return out


def _duties(s: Session, calendar: WorkCalendar, year: int, today: dt.date) -> list[Duty]:
    freq = get_frequencies(s)
    assignments = list(s.scalars(select(PostAssignment).outerjoin(Department).order_by(
        Department.sort_order, PostAssignment.start_on)))
    users = {u.id: u for u in s.scalars(select(User).where(User.id.in_({a.user_id for a in assignments})))}
    done = {(c.kind, c.user_id, c.period): c.completed_on for c in s.scalars(select(DutyCompletion).where(
        DutyCompletion.period.like(f"{year}%")))}
    out: list[Duty] = []
    for kind, months in ((CHECK, freq.check_months), (MEETING, freq.meeting_months)):
        post = KIND_POST[kind]
        mine = [a for a in assignments if a.post == post]
        for label, first, last in periods(year, months):
            due = last_working_day(calendar, last)
            for user_id, areas in _holders(mine, first, last).items():
                user = users[user_id]
                completed = done.get((kind, user_id, label))
                out.append(Duty(kind, post, user_id, user.login, user.full_name, tuple(areas), label, first, last,
                                due, completed, status_of(due, completed, today)))
    out.sort(key=lambda d: (d.due, d.kind != MEETING, d.holder_login))
    return out


def duties_for_year(db: Database, year: int, today: dt.date | None = None) -> list[Duty]:
    """Every duty of ``year`` with its holder, due day and status as of ``today``."""
    check_year(year)
    calendar = db.calendar()
    with db.session() as s:
        return _duties(s, calendar, year, today or db.today())


def record_completion(db: Database, actor: Actor, kind: str, holder_id: int, period: str, day: dt.date,
                      note: str = "") -> None:
    """Mark a duty done on ``day``: by its holder, or by a 分管领导/主要负责人 or the administrator.

    The check and meeting records call :func:`complete_in` when they are completed; this is
    the way to record a duty done on paper before the app was in use.
    """
    try:
        note = clean_text(note, 500, multiline=True)
    except Invalid as exc:
        raise ValidationError({"note": f"说明{exc}"}) from None
    if kind not in KIND_POST:
        raise ValidationError({"kind": "职责应为“季度督查”或“专题会议”"})
    with db.session(actor=actor.label, action=f"登记{kind}完成") as s:
        complete_in(s, db, actor, kind, holder_id, period, day, note)


def check_may_act(s: Session, actor: Actor, kind: str, holder_id: int) -> None:
    """A duty's record is kept by its holder, or by a 分管领导/主要负责人 or the administrator."""
    role = current_role(s, actor)
    if actor.user_id != holder_id and role not in (Role.LEADER, Role.ADMIN):
        raise PermissionDenied(f"{kind}由负责人本人或分管领导/主要负责人、系统管理员登记")


def duty_of(s: Session, db: Database, kind: str, holder_id: int, period: str) -> Duty:
    """The duty (kind, holder, period) as 责任分工 derives it now; refused if there is none."""
    if not period[:4].isdigit():
        raise ValidationError({"period": "期间无效"})
    year = check_year(int(period[:4]))
    duty = next((d for d in _duties(s, db.calendar(), year, db.today())
                 if d.kind == kind and d.holder_id == holder_id and d.period == period), None)
    if duty is None:
        raise ValidationError({"period": f"按责任分工，该人员在{period}没有{kind}职责"})
    return duty


def complete_in(s: Session, db: Database, actor: Actor, kind: str, holder_id: int, period: str, day: dt.date,
                note: str = "") -> Duty:
    """Record the completion inside the caller's transaction (a record and its duty are completed together)."""
    today = db.today()
    check_may_act(s, actor, kind, holder_id)
    duty = duty_of(s, db, kind, holder_id, period)
    if duty.completed is not None:
        raise ValidationError({"period": f"该{kind}已于{cn_date(duty.completed)}登记完成"})
    if day > today:
        raise ValidationError({"day": "完成日期不能晚于今天"})
    if day < duty.start:
        raise ValidationError({"day": "完成日期不能早于该期间的第一天"})
    s.add(DutyCompletion(kind=kind, user_id=holder_id, period=period, completed_on=day, note=note,
                         recorded_by=actor.full_name or actor.label))
    s.flush()
    return duty
