"""Chinese-style dates for the UI and letters."""

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
