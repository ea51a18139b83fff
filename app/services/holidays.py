"""Entered holiday schedules for years the calendar package does not know."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.calendar import YearSchedule, official_years
from app.calendar.schedule_io import (
    FIRST_YEAR,
    LAST_YEAR,
    ScheduleFormatError,
    clean_name,
    missing_holidays,
)
from app.db import Database
from app.db.models import HolidayDay, HolidayYear
from app.services.actor import Actor
from app.services.errors import NotFound, PermissionDenied, ValidationError
from app.services.profile import get_profile
from app.services.rights import Right, require
from app.validation import Field, Invalid


@dataclass(frozen=True)
class YearStatus:
    year: int
    source: str  # 'entered' | 'official' | 'estimated'
    note: str
    confirmed: bool = True

    @property
    def label(self) -> str:
        if self.source == "entered" and not self.confirmed:
            return "已录入（不完整，暂估）"
        return {"entered": "已录入", "official": "官方（内置）", "estimated": "未知（按法定节日估算）"}[
            self.source
        ]


SOURCE_FIELD = Field("source", "依据（通知文号）", 200)


def missing_note(missing: list[str]) -> str:
    """The sentence telling the administrator which statutory holidays are not in a year."""
    return (f"缺少法定节日：{'、'.join(missing)}。该年按已录入的日期计算，但涉及该年的期限仍标注“暂估”，"
            "核对国务院办公厅通知无误后请点“确认完整”") if missing else ""


def enter_year(db: Database, actor: Actor, schedule: YearSchedule, source: str = "",
               confirm: bool = False) -> list[str]:
    """Store (or replace) a year's schedule; it wins over the package from now on.

    Returns the statutory holidays the schedule lacks.  A year lacking some is stored but
    stays provisional (暂估) until ``confirm`` (here or by :func:`confirm_year`).
    """
    if not actor.is_admin:
        raise PermissionDenied("只有系统管理员可以录入节假日安排")
    if not schedule.holidays:
        raise ValidationError({"days": "至少要有一个放假日"})
    if not FIRST_YEAR <= schedule.year <= LAST_YEAR:
        raise ValidationError({"year": f"年份应在{FIRST_YEAR}到{LAST_YEAR}之间"})
    try:
        source = SOURCE_FIELD.clean(source)
    except Invalid as exc:
        raise ValidationError({"source": f"{SOURCE_FIELD.label}{exc}"}) from None
    try:
        for name in schedule.names.values():
            holiday_name(name)
    except ScheduleFormatError as exc:
        raise ValidationError({"days": str(exc)}) from None
    missing = missing_holidays(schedule)
    with _calendar_change(db, actor, f"录入{schedule.year}年节假日安排", "只有系统管理员可以录入节假日安排") as s:
        old = s.get(HolidayYear, schedule.year)
        if old is not None:
            s.delete(old)
            s.flush()
        row = HolidayYear(year=schedule.year, source=source, confirmed=confirm or not missing)
        for d in sorted(schedule.holidays | schedule.workdays):
            row.days.append(HolidayDay(day=d, off=d in schedule.holidays, name=schedule.names.get(d, "")))
        s.add(row)
    return missing


def confirm_year(db: Database, actor: Actor, year: int) -> None:
    """The administrator checked an incomplete year against the notice: stop marking it 暂估."""
    with _calendar_change(db, actor, f"确认{year}年节假日安排完整", "只有系统管理员可以确认节假日安排") as s:
        _year_row(s, year).confirmed = True


def holiday_name(name: str) -> str:
    """Names go back into the text format one per line: no line breaks or "#"."""
    return clean_name(name, "节日名称")


def remove_year(db: Database, actor: Actor, year: int) -> None:
    with _calendar_change(db, actor, f"删除{year}年节假日安排", "只有系统管理员可以删除节假日安排") as s:
        s.delete(_year_row(s, year))


@contextmanager
def _calendar_change(db: Database, actor: Actor, action: str, refusal: str) -> Iterator[Session]:
    """Every change of the holiday schedules: the administrator's right checked again in the transaction,
    open requests' stored due dates recomputed in the same transaction, the cached calendar dropped after."""
    if not actor.is_admin:
        raise PermissionDenied(refusal)
    profile = get_profile(db)
    with db.session(actor=actor.label, action=action) as s:
        require(s, actor, Right.EDIT_HOLIDAYS, refusal)
        yield s
        s.flush()
        _recompute_open_deadlines(profile, s)
    db.invalidate_calendar()


def _year_row(s: Session, year: int) -> HolidayYear:
    row = s.get(HolidayYear, year)
    if row is None:
        raise NotFound(f"没有录入{year}年的节假日安排")
    return row


def _recompute_open_deadlines(profile, s) -> None:  # noqa: ANN001
    """Stored due dates of open requests follow the calendar just changed."""
    from app.db.database import build_calendar
    from app.db.models import InfoRequest
    from app.services.requests.clock import refresh_due
    from app.services.requests.queries import OPEN

    s.expire_all()
    calendar = build_calendar(s)
    for req in s.scalars(select(InfoRequest).where(InfoRequest.state.in_(OPEN))):
        refresh_due(req, calendar, profile.answer_days, profile.fee_pauses_clock)


def entered_schedule(db: Database, year: int) -> YearSchedule | None:
    with db.session() as s:
        row = s.get(HolidayYear, year)
        if row is None:
            return None
        return YearSchedule(
            year,
            frozenset(d.day for d in row.days if d.off),
            frozenset(d.day for d in row.days if not d.off),
            {d.day: d.name for d in row.days if d.name},
            confirmed=row.confirmed,
        )


def year_statuses(db: Database, years: range) -> list[YearStatus]:
    with db.session() as s:
        entered = {y.year: (y.source, y.confirmed) for y in s.scalars(select(HolidayYear))}
    known = official_years()
    out = []
    for y in years:
        if y in entered:
            out.append(YearStatus(y, "entered", *entered[y]))
        elif y in known:
            out.append(YearStatus(y, "official", "chinese-calendar"))
        else:
            out.append(YearStatus(y, "estimated", "尚未录入国务院办公厅放假安排"))
    return out


def provisional_note(years: frozenset[int] | set[int]) -> str:
    """The sentence shown next to any provisional date."""
    if not years:
        return ""
    ys = "、".join(f"{y}年" for y in sorted(years))
    return f"（暂估：{ys}节假日安排尚未公布或未录入，按法定节日估算，以国务院办公厅通知为准）"
