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

from app.calendar.estimate import statutory_holidays
from app.calendar.workcalendar import YearSchedule

MAX_TEXT = 256 * 1024  # a year's notice is a few KB; anything far larger is not a schedule
MAX_DAYS = 400  # a year has 366 days at most (holiday-cn files list a few of the next year too)
MAX_NAME = 40  # the database column
FIRST_YEAR, LAST_YEAR = 2000, 2098  # app.validation.dates.CALENDAR_FIRST/LAST: the calendar's range
STATUTORY = ("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节")


class ScheduleFormatError(ValueError):
    """The file could not be read as a schedule; the message is for the user."""


def _parse_date(text: object, where: str) -> dt.date:
    if not isinstance(text, str):
        raise ScheduleFormatError(f"{where}：日期应写成带引号的文字，如 \"2027-01-01\"")
    try:
        d = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ScheduleFormatError(f"{where}：日期“{text.strip()[:20]}”格式不对，应为 YYYY-MM-DD") from None
    if not FIRST_YEAR <= d.year <= LAST_YEAR + 1:
        raise ScheduleFormatError(f"{where}：日期{d.isoformat()}超出工作日历的范围（{FIRST_YEAR}年至{LAST_YEAR}年）")
    return d


def clean_name(value: object, where: str) -> str:
    """A holiday's name: one short line, so it cannot add a line to the text format."""
    if not isinstance(value, str):
        raise ScheduleFormatError(f"{where}：name 应为文字")
    name = value.strip()
    bad = next((c for c in name if not c.isprintable() or c == "#"), None)
    if bad is not None:
        shown = "“#”" if bad == "#" else f"U+{ord(bad):04X}"
        raise ScheduleFormatError(f"{where}：节日名称中不能有换行、控制字符或{shown}")
    if len(name) > MAX_NAME:
        raise ScheduleFormatError(f"{where}：节日名称不能超过{MAX_NAME}个字")
    return name


def _build(year: int | None, entries: list[tuple[dt.date, bool, str]]) -> YearSchedule:
    if not entries:
        raise ScheduleFormatError("文件中没有任何放假或调休日期")
    years = {d.year for d, _, _ in entries}
    if year is None:
        if len(years) != 1:
            raise ScheduleFormatError("文件中的日期跨越多个年份，请一年一个文件")
        year = years.pop()
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ScheduleFormatError(f"年份{year}超出工作日历的范围（{FIRST_YEAR}年至{LAST_YEAR}年）")
    holidays: set[dt.date] = set()
    workdays: set[dt.date] = set()
    names: dict[dt.date, str] = {}
    for d, off, label in entries:
        if d.year != year:
            # holiday-cn files list days of the neighbouring year that belong to
            # this year's notice (e.g. 元旦 of the next year); they are not ours.
            continue
        (holidays if off else workdays).add(d)
        if label:
            names[d] = label
    if not holidays:
        raise ScheduleFormatError(f"文件中没有{year}年的放假日")
    try:
        return YearSchedule(year, frozenset(holidays), frozenset(workdays), names)
    except ValueError as exc:
        raise ScheduleFormatError(str(exc)) from None


def missing_holidays(schedule: YearSchedule) -> list[str]:
    """The statutory holidays (全国年节及纪念日放假办法) a schedule does not cover.

    A holiday is covered if one of its statutory days is a day off in the schedule or a
    day off carries its name; a year entered with some of them missing is not complete.
    """
    statutory = statutory_holidays(schedule.year)
    named = {n for d, n in schedule.names.items() if d in schedule.holidays}
    return [h for h in STATUTORY
            if h not in named and not any(n == h and d in schedule.holidays for d, n in statutory.items())]


def parse_holiday_cn_json(text: str) -> YearSchedule:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ScheduleFormatError(f"JSON 格式错误（第{exc.lineno}行）") from None
    except RecursionError:
        raise ScheduleFormatError("JSON 嵌套层数过多，不是 holiday-cn 格式") from None
    if not isinstance(data, dict) or not isinstance(data.get("days"), list):
        raise ScheduleFormatError("不是 holiday-cn 格式：缺少 days 列表")
    year = data.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        raise ScheduleFormatError("year 字段应为整数，如 2027")
    if len(data["days"]) > MAX_DAYS:
        raise ScheduleFormatError(f"days 列表有{len(data['days'])}项，一年不可能有这么多放假或调休日")
    entries = []
    for i, item in enumerate(data["days"], start=1):
        where = f"days 第{i}项"
        if not isinstance(item, dict) or "date" not in item or "isOffDay" not in item:
            raise ScheduleFormatError(f"{where}：缺少 date 或 isOffDay")
        off = item["isOffDay"]
        if not isinstance(off, bool):
            raise ScheduleFormatError(f"{where}：isOffDay 应为 true 或 false（不带引号），现在是 {json.dumps(off)[:20]}")
        entries.append((_parse_date(item["date"], where), off, clean_name(item.get("name", ""), where)))
    return _build(year, entries)


_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\s*(?:(?:至|到|\.\.|~|～)\s*(\d{4}-\d{2}-\d{2}))?\s*(.*)$", re.ASCII)
_OFF = {"休", "放假", "holiday", "off"}
_WORK = {"班", "上班", "workday", "work"}


def parse_text(text: str) -> YearSchedule:
    entries: list[tuple[dt.date, bool, str]] = []
    for lineno, raw in enumerate(text.split("\n"), start=1):
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
        label = clean_name(m.group(3), where)
        d = first
        while d <= last:
            entries.append((d, off, label))
            d += dt.timedelta(days=1)
        if len(entries) > MAX_DAYS:
            raise ScheduleFormatError(f"{where}：放假和调休日合计超过{MAX_DAYS}天，一年不可能有这么多")
    return _build(None, entries)


def parse_schedule(text: str) -> YearSchedule:
    """Parse either format, choosing by the first non-blank character."""
    if len(text) > MAX_TEXT:
        raise ScheduleFormatError(f"文件太大（{len(text) // 1024}KB），节假日安排文件通常只有几KB")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    stripped = text.lstrip("\ufeff \t\n")
    if stripped.startswith("{"):
        return parse_holiday_cn_json(stripped)
    return parse_text(stripped)


def read_schedule_file(path) -> YearSchedule:  # noqa: ANN001 - a pathlib.Path
    """Read a file (size-checked before reading) and parse it; every failure is a ScheduleFormatError."""
    try:
        size = path.stat().st_size
        if size > MAX_TEXT * 4:
            raise ScheduleFormatError(f"文件太大（{size // 1024}KB），节假日安排文件通常只有几KB")
        data = path.read_bytes()
    except OSError as exc:
        raise ScheduleFormatError(f"无法读取文件：{exc.strerror or type(exc).__name__}") from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return parse_schedule(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    raise ScheduleFormatError("文件不是文本文件（无法按 UTF-8 或 GB18030 读取）")
