"""Working-day arithmetic on the official calendar.

Sources, strongest first:

1. a year entered by the administrator from the State Council notice (stored in
   the database, passed in as :class:`YearSchedule`);
2. the chinese-calendar package (2004 up to the last year it ships);
3. an estimate: weekends plus the statutory holidays (``estimate.py``).  Every
   answer that touched an estimated day carries that year in
   ``provisional_years`` so the UI, the letters and the CLI can say so.

Each year is turned once into a bytearray of working-day flags, so adding 20
working days is a short loop over integers (10,000 deadlines take ~0.1 s).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import chinese_calendar
from chinese_calendar import constants as _cc_constants

from app.calendar.estimate import statutory_holidays

Pause = tuple[dt.date, dt.date]
"""An inclusive range of days on which the clock stands still."""


def official_years() -> frozenset[int]:
    """Years whose schedule the installed chinese-calendar package knows."""
    return frozenset(d.year for d in _cc_constants.holidays)


_OFFICIAL_YEARS = official_years()
_CHINESE_HOLIDAY_NAMES = {h.value: h.chinese for h in chinese_calendar.Holiday}


@dataclass(frozen=True)
class YearSchedule:
    """One year's State Council schedule as entered by the administrator."""

    year: int
    holidays: frozenset[dt.date] = frozenset()
    workdays: frozenset[dt.date] = frozenset()  # make-up working days (调休上班)
    names: Mapping[dt.date, str] = field(default_factory=dict)
    # False while an entered year lacks some statutory holidays and no administrator has
    # confirmed it: its days are used, but deadlines touching it stay marked 暂估.
    confirmed: bool = True

    def __post_init__(self) -> None:
        for d in self.holidays | self.workdays:
            if d.year != self.year:
                raise ValueError(f"{d.isoformat()} 不属于 {self.year} 年")
        both = self.holidays & self.workdays
        if both:
            first = min(both).isoformat()
            raise ValueError(f"{first} 不能既是放假日又是调休上班日")


@dataclass(frozen=True)
class Deadline:
    """A computed last day, with the unknown years it depends on."""

    date: dt.date
    provisional_years: frozenset[int] = frozenset()

    @property
    def provisional(self) -> bool:
        return bool(self.provisional_years)


@dataclass(frozen=True)
class DayCount:
    """A count of working days, with the unknown years it depends on."""

    days: int
    provisional_years: frozenset[int] = frozenset()

    @property
    def provisional(self) -> bool:
        return bool(self.provisional_years)


class WorkCalendar:
    """The working-day calendar of one database (entered years included)."""

    def __init__(self, entered: Iterable[YearSchedule] = ()) -> None:
        self._entered: dict[int, YearSchedule] = {s.year: s for s in entered}
        self._flags: dict[int, bytearray] = {}

    # -- per-year data ---------------------------------------------------
    def year_source(self, year: int) -> str:
        """'entered', 'official' or 'estimated'."""
        if year in self._entered:
            return "entered"
        if year in _OFFICIAL_YEARS:
            return "official"
        return "estimated"

    def is_known_year(self, year: int) -> bool:
        """False for estimated years and for entered years not yet confirmed (both give 暂估)."""
        source = self.year_source(year)
        if source == "entered":
            return self._entered[year].confirmed
        return source != "estimated"

    def _year_flags(self, year: int) -> bytearray:
        flags = self._flags.get(year)
        if flags is not None:
            return flags
        first = dt.date(year, 1, 1)
        n_days = (dt.date(year + 1, 1, 1) - first).days
        flags = bytearray(n_days)
        source = self.year_source(year)
        if source == "entered":
            sched = self._entered[year]
            for i in range(n_days):
                d = first + dt.timedelta(days=i)
                work = d.weekday() < 5 and d not in sched.holidays or d in sched.workdays
                flags[i] = 1 if work else 0
        elif source == "official":
            for i in range(n_days):
                flags[i] = 1 if chinese_calendar.is_workday(first + dt.timedelta(days=i)) else 0
        else:
            statutory = statutory_holidays(year)
            for i in range(n_days):
                d = first + dt.timedelta(days=i)
                flags[i] = 1 if d.weekday() < 5 and d not in statutory else 0
        self._flags[year] = flags
        return flags

    def is_working_day(self, day: dt.date) -> bool:
        return bool(self._year_flags(day.year)[day.timetuple().tm_yday - 1])

    def holiday_name(self, day: dt.date) -> str | None:
        """The holiday a day belongs to, where the source names one."""
        source = self.year_source(day.year)
        if source == "entered":
            return self._entered[day.year].names.get(day)
        if source == "official":
            _, name = chinese_calendar.get_holiday_detail(day)
            return _CHINESE_HOLIDAY_NAMES.get(name) if name else None
        return statutory_holidays(day.year).get(day)

    # -- arithmetic ------------------------------------------------------
    @staticmethod
    def _pause_ordinals(pauses: Sequence[Pause]) -> list[tuple[int, int]]:
        out = []
        for start, end in pauses:
            if end < start:
                raise ValueError(f"暂停期间的结束日期 {end.isoformat()} 早于开始日期 {start.isoformat()}")
            out.append((start.toordinal(), end.toordinal()))
        return out

    def add_working_days(
        self, start: dt.date, n: int, pauses: Sequence[Pause] = ()
    ) -> Deadline:
        """The ``n``-th working day after ``start`` (day 1 = first working day after it).

        Days inside a pause range do not count.  ``n == 0`` returns ``start``.
        """
        if n < 0:
            raise ValueError("工作日数不能为负数")
        paused = self._pause_ordinals(pauses)
        unknown: set[int] = set()
        ordinal = start.toordinal()
        year = start.year
        flags = self._year_flags(year)
        year_start = dt.date(year, 1, 1).toordinal()
        if not self.is_known_year(year) and n:
            unknown.add(year)
        counted = 0
        while counted < n:
            ordinal += 1
            idx = ordinal - year_start
            if idx >= len(flags):
                year += 1
                flags = self._year_flags(year)
                year_start = dt.date(year, 1, 1).toordinal()
                idx = 0
                if not self.is_known_year(year):
                    unknown.add(year)
            if not flags[idx]:
                continue
            if paused and any(a <= ordinal <= b for a, b in paused):
                continue
            counted += 1
        return Deadline(dt.date.fromordinal(ordinal), frozenset(unknown))

    def days_left(self, today: dt.date, due: dt.date) -> DayCount:
        """Working days left until ``due`` (0: due today; negative: late by that many).

        Any day after ``due`` is late, a rest day too: the Sunday after a Friday deadline is
        −1, not 0, as every register counts ``due < today`` as overdue.
        """
        count = self.working_days_between(today, due)
        return DayCount(-1, count.provisional_years) if today > due and count.days == 0 else count

    def working_days_between(
        self, start: dt.date, end: dt.date, pauses: Sequence[Pause] = ()
    ) -> DayCount:
        """Working days ``d`` with ``start < d <= end`` outside pauses; negative if end < start."""
        if end < start:
            count = self.working_days_between(end, start, pauses)
            return DayCount(-count.days, count.provisional_years)
        paused = self._pause_ordinals(pauses)
        unknown: set[int] = set()
        total = 0
        for year in range(start.year, end.year + 1):
            flags = self._year_flags(year)
            year_start = dt.date(year, 1, 1).toordinal()
            lo = max(start.toordinal() + 1, year_start) - year_start
            hi = min(end.toordinal(), year_start + len(flags) - 1) - year_start
            if lo > hi:
                continue
            if not self.is_known_year(year):
                unknown.add(year)
            if not paused:
                total += sum(flags[lo : hi + 1])
                continue
            for idx in range(lo, hi + 1):
                o = year_start + idx
                if flags[idx] and not any(a <= o <= b for a, b in paused):
                    total += 1
        return DayCount(total, frozenset(unknown))
