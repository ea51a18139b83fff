"""Chinese-style dates for the UI and letters, and how many working days a clock has left."""

from __future__ import annotations

import datetime as dt


def cn_date(d: dt.date | None) -> str:
    """2026年11月21日 (no leading zeros, as in official documents)."""
    if d is None:
        return ""
    return f"{d.year}年{d.month}月{d.day}日"


WEEKDAYS = "一二三四五六日"


def cn_date_weekday(d: dt.date) -> str:
    return f"{cn_date(d)}（星期{WEEKDAYS[d.weekday()]}）"


def days_left_text(days: int | None) -> str:
    """Working days left on a clock (``WorkCalendar.days_left``: 0 due today, negative late) in words.

    The one wording of that state: the request window, the 工作台's lines and 待签批, and the ledger's
    work list all say it so, so a head reading one and a clerk reading another see the same words
    (the Sunday after a Friday deadline is 已逾期1个工作日 everywhere).  ``None``: the clock stopped.
    """
    if days is None:
        return "已办结"
    if days < 0:
        return f"已逾期{-days}个工作日"
    if days == 0:
        return "今天到期"
    return f"还剩{days}个工作日"
