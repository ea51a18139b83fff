import datetime as dt

import pytest

from app.calendar import WorkCalendar, YearSchedule
from app.calendar.estimate import statutory_holidays

D = dt.date


@pytest.fixture
def cal() -> WorkCalendar:
    return WorkCalendar()


def test_2026_national_day_and_make_up_days(cal):
    for day in range(1, 8):
        assert not cal.is_working_day(D(2026, 10, day)), day
    assert cal.is_working_day(D(2026, 10, 10))  # Saturday make-up day
    assert cal.is_working_day(D(2026, 9, 20))  # Sunday make-up day
    assert cal.holiday_name(D(2026, 10, 3)) == "国庆节"


def test_2026_spring_festival(cal):
    assert cal.is_working_day(D(2026, 2, 14))  # Saturday
    assert cal.is_working_day(D(2026, 2, 28))  # Saturday
    for day in range(15, 24):
        assert not cal.is_working_day(D(2026, 2, day)), day
    assert cal.is_working_day(D(2026, 2, 24))


def test_example_from_the_issue(cal):
    # Received on 中秋 Friday: day 1 is Monday 9-28, 国庆 skipped, 10-10 counts.
    result = cal.add_working_days(D(2026, 9, 25), 20)
    assert result.date == D(2026, 10, 29)
    assert not result.provisional


def test_day_one_is_first_working_day_after_receipt(cal):
    assert cal.add_working_days(D(2025, 3, 3), 1).date == D(2025, 3, 4)  # Mon → Tue
    assert cal.add_working_days(D(2025, 3, 7), 1).date == D(2025, 3, 10)  # Fri → Mon
    assert cal.add_working_days(D(2025, 3, 8), 1).date == D(2025, 3, 10)  # Sat → Mon
    assert cal.add_working_days(D(2025, 3, 7), 0).date == D(2025, 3, 7)


def test_pause_stops_the_clock(cal):
    plain = cal.add_working_days(D(2025, 3, 3), 20).date
    paused = cal.add_working_days(D(2025, 3, 3), 20, [(D(2025, 3, 10), D(2025, 3, 14))]).date
    assert plain == D(2025, 3, 31)
    assert paused == D(2025, 4, 8)  # 5 working days later; 4月4日 清明 is off
    with pytest.raises(ValueError):
        cal.add_working_days(D(2025, 3, 3), 20, [(D(2025, 3, 14), D(2025, 3, 10))])


def test_working_days_between(cal):
    assert cal.working_days_between(D(2026, 9, 25), D(2026, 10, 29)).days == 20
    assert cal.working_days_between(D(2026, 10, 29), D(2026, 9, 25)).days == -20
    assert cal.working_days_between(D(2025, 3, 3), D(2025, 3, 3)).days == 0
    paused = cal.working_days_between(D(2025, 3, 3), D(2025, 3, 31), [(D(2025, 3, 10), D(2025, 3, 14))])
    assert paused.days == 15


def test_matches_chinese_calendar_every_day_2004_to_2026(cal):
    import chinese_calendar

    d = D(2004, 1, 1)
    while d <= D(2026, 12, 31):
        assert cal.is_working_day(d) == chinese_calendar.is_workday(d), d
        d += dt.timedelta(days=1)


def test_unknown_year_is_estimated_and_marked(cal):
    assert cal.year_source(2027) == "estimated"
    holidays = statutory_holidays(2027)
    # 2027 lunar new year is 2月6日: 除夕 2月5日 + 初一..初三
    for day in (5, 6, 7, 8):
        assert holidays[D(2027, 2, day)] == "春节"
    assert holidays[D(2027, 4, 5)] == "清明节"
    assert holidays[D(2027, 6, 9)] == "端午节"
    assert holidays[D(2027, 9, 15)] == "中秋节"
    assert len(holidays) == 13
    result = cal.add_working_days(D(2026, 12, 20), 20)
    assert result.provisional_years == {2027}
    # 2027-01-01 is estimated off, so the deadline moves past it
    assert result.date == D(2027, 1, 18)
    inside_2026 = cal.add_working_days(D(2026, 11, 2), 20)
    assert not inside_2026.provisional
    assert cal.working_days_between(D(2026, 12, 1), D(2027, 1, 10)).provisional_years == {2027}


def test_entered_year_wins():
    schedule = YearSchedule(
        2027,
        holidays=frozenset({D(2027, 1, 1), D(2027, 1, 4)}),
        workdays=frozenset({D(2027, 1, 9)}),
    )
    cal = WorkCalendar([schedule])
    assert cal.year_source(2027) == "entered"
    assert not cal.is_working_day(D(2027, 1, 4))  # Monday off by notice
    assert cal.is_working_day(D(2027, 1, 9))  # Saturday make-up
    assert not cal.add_working_days(D(2026, 12, 20), 20).provisional


def test_entered_year_rejects_inconsistent_days():
    with pytest.raises(ValueError):
        YearSchedule(2027, holidays=frozenset({D(2026, 1, 1)}))
    with pytest.raises(ValueError):
        YearSchedule(2027, holidays=frozenset({D(2027, 1, 1)}), workdays=frozenset({D(2027, 1, 1)}))


def test_days_left_counts_a_rest_day_after_the_deadline_as_late(cal):
    friday = dt.date(2026, 11, 27)
    assert cal.days_left(friday, friday).days == 0
    assert cal.days_left(dt.date(2026, 11, 26), friday).days == 1
    assert cal.days_left(dt.date(2026, 11, 29), friday).days == -1  # Sunday: late, though no working day passed
    assert cal.days_left(dt.date(2026, 12, 1), friday).days == -2  # Tuesday: two working days late
