"""Estimate the statutory holidays of a year whose State Council schedule is unknown.

The 全国年节及纪念日放假办法 (2024 revision) fixes which days are holidays; the
State Council then shifts and bridges them each year by notice.  Until that
notice is entered we can only count the statutory days themselves, so every
result built on an estimated year is marked provisional.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import chinese_calendar
from lunardate import LunarDate


def _lunar(year: int, month: int, day: int) -> dt.date:
    return LunarDate(year, month, day).to_solar_date()


def _qingming(year: int) -> dt.date:
    """The day of the 清明 solar term, computed by chinese-calendar's solar-term tables."""
    terms = chinese_calendar.get_solar_terms(dt.date(year, 4, 1), dt.date(year, 4, 10))
    for day, name in terms:
        if name == "清明":
            return day
    raise ValueError(f"no 清明 found for {year}")  # pragma: no cover - tables cover 1900-2100


@lru_cache(maxsize=256)
def statutory_holidays(year: int) -> dict[dt.date, str]:
    """The statutory public-holiday days of ``year`` (2024 rules), keyed by date."""
    days: dict[dt.date, str] = {dt.date(year, 1, 1): "元旦"}
    new_year = _lunar(year, 1, 1)
    for offset in range(-1, 3):  # 除夕 + 初一..初三
        days[new_year + dt.timedelta(days=offset)] = "春节"
    days[_qingming(year)] = "清明节"
    days[dt.date(year, 5, 1)] = "劳动节"
    days[dt.date(year, 5, 2)] = "劳动节"
    days[_lunar(year, 5, 5)] = "端午节"
    days[_lunar(year, 8, 15)] = "中秋节"
    for d in (1, 2, 3):
        days[dt.date(year, 10, d)] = "国庆节"
    return days
