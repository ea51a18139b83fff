"""Dates as typed or read from a file, and the ranges they must fall in.

Two ranges, for two reasons:

* events (a request received, a reply sent): 2000-01-01 to the end of next year.
  Nothing this office records happened before 2000 (the 条例 dates from 2007), and a
  date years ahead is a typing error (2062 for 2026);
* deadlines and dates fed to the working-day calendar: the calendar's own range.
  Its lunar tables end in 2099 and a deadline may run into the following year, so
  the last start date accepted is 2098-12-31.
"""

from __future__ import annotations

import datetime as dt
import re

from app.dates import cn_date
from app.validation.text import Invalid, normalise_identifier

EVENT_FIRST = dt.date(2000, 1, 1)
CALENDAR_FIRST = dt.date(2000, 1, 1)
CALENDAR_LAST = dt.date(2098, 12, 31)

_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", re.ASCII)
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})", re.ASCII)


def event_last(today: dt.date) -> dt.date:
    return dt.date(today.year + 1, 12, 31)


def parse_date(value: object) -> dt.date | None:
    """A date from a cell or a typed string; None for blank; Invalid for anything else.

    Accepts date/datetime objects, 2026-03-02, 2026/3/2, 2026.3.2, 2026年3月2日,
    20260302 and full-width digits.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raw = str(value)
    if len(raw) > 40:
        raise Invalid("不是有效日期（应为 YYYY-MM-DD，如 2026-03-02）")
    text = normalise_identifier(raw)
    if not text:
        return None
    m = _DATE.fullmatch(text) or _COMPACT.fullmatch(text)
    if not m:
        raise Invalid(f"“{raw.strip()}”不是有效日期（应为 YYYY-MM-DD，如 2026-03-02）")
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise Invalid(f"“{raw.strip()}”这一天不存在") from None


def check_range(day: dt.date, first: dt.date, last: dt.date) -> dt.date:
    if not first <= day <= last:
        raise Invalid(f"应在{cn_date(first)}至{cn_date(last)}之间")
    return day


def event_date(day: dt.date, today: dt.date, not_after_today: bool = True) -> dt.date:
    """An event date: from 2000 on, and not after today (or, for planned events, next year's end)."""
    if not_after_today and day > today:
        raise Invalid(f"不能晚于今天（{cn_date(today)}）")
    return check_range(day, EVENT_FIRST, event_last(today))


def calendar_date(day: dt.date) -> dt.date:
    """A date the working-day calendar can count from."""
    return check_range(day, CALENDAR_FIRST, CALENDAR_LAST)


def day_count(n: int, limit: int = 3650) -> int:
    """A number of days given to the calendar (an extension, a correction period)."""
    if not 0 <= n <= limit:
        raise Invalid(f"天数应在0到{limit}之间")
    return n
