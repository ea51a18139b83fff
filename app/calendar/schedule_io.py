"""Read a year's holiday schedule from a file.

Two formats are accepted:

* the JSON published by the holiday-cn project::

    {"year": 2027, "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}, ...]}

* a plain text format an administrator can type from the State Council notice,
  one line per day or range, ``#`` starts a comment::

    休 2027-01-01 元旦
    休 2027-02-06 至 2027-02-13 春节
    班 2027-02-14 春节

  ``休`` (or ``放假``) marks days off, ``班`` (or ``上班``) make-up working days;
  a range may be written ``A 至 B``, ``A..B`` or ``A~B``.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from app.calendar.workcalendar import YearSchedule


class ScheduleFormatError(ValueError):
    """The file could not be read as a schedule; the message is for the user."""


def _parse_date(text: str, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ScheduleFormatError(f"{where}：日期“{text.strip()}”格式不对，应为 YYYY-MM-DD") from None


def _build(year: int | None, entries: list[tuple[dt.date, bool, str]]) -> YearSchedule:
    if not entries:
        raise ScheduleFormatError("文件中没有任何放假或调休日期")
    years = {d.year for d, _, _ in entries}
    if year is None:
        if len(years) != 1:
            raise ScheduleFormatError("文件中的日期跨越多个年份，请一年一个文件")
        year = years.pop()
    holidays: set[dt.date] = set()
    workdays: set[dt.date] = set()
    names: dict[dt.date, str] = {}
    for d, off, name in entries:
        if d.year != year:
            # holiday-cn files list days of the neighbouring year that belong to
            # this year's notice (e.g. 元旦 of the next year); they are not ours.
            continue
        (holidays if off else workdays).add(d)
        if name:
            names[d] = name
    try:
        return YearSchedule(year, frozenset(holidays), frozenset(workdays), names)
    except ValueError as exc:
        raise ScheduleFormatError(str(exc)) from None


def parse_holiday_cn_json(text: str) -> YearSchedule:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ScheduleFormatError(f"JSON 格式错误（第{exc.lineno}行）") from None
    if not isinstance(data, dict) or not isinstance(data.get("days"), list):
        raise ScheduleFormatError("不是 holiday-cn 格式：缺少 days 列表")
    year = data.get("year")
    if year is not None and not isinstance(year, int):
        raise ScheduleFormatError("year 字段应为整数")
    entries = []
    for i, item in enumerate(data["days"], start=1):
        where = f"days 第{i}项"
        if not isinstance(item, dict) or "date" not in item or "isOffDay" not in item:
            raise ScheduleFormatError(f"{where}：缺少 date 或 isOffDay")
        entries.append((_parse_date(str(item["date"]), where), bool(item["isOffDay"]), str(item.get("name", ""))))
    return _build(year, entries)


_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\s*(?:(?:至|到|\.\.|~|～)\s*(\d{4}-\d{2}-\d{2}))?\s*(.*)$")
_OFF = {"休", "放假", "holiday", "off"}
_WORK = {"班", "上班", "workday", "work"}


def parse_text(text: str) -> YearSchedule:
    entries: list[tuple[dt.date, bool, str]] = []
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        where = f"第{lineno}行"
        kind, _, rest = line.partition(" ")
        if kind in _OFF:
            off = True
        elif kind in _WORK:
            off = False
        else:
            raise ScheduleFormatError(f"{where}：应以“休”或“班”开头")
        m = _RANGE.match(rest.strip())
        if not m:
            raise ScheduleFormatError(f"{where}：找不到日期（格式 YYYY-MM-DD）")
        first = _parse_date(m.group(1), where)
        last = _parse_date(m.group(2), where) if m.group(2) else first
        if last < first:
            raise ScheduleFormatError(f"{where}：结束日期早于开始日期")
        if (last - first).days > 31:
            raise ScheduleFormatError(f"{where}：一个区间不应超过31天")
        d = first
        while d <= last:
            entries.append((d, off, m.group(3).strip()))
            d += dt.timedelta(days=1)
    return _build(None, entries)


def parse_schedule(text: str) -> YearSchedule:
    """Parse either format, choosing by the first non-blank character."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("{"):
        return parse_holiday_cn_json(stripped)
    return parse_text(stripped)
