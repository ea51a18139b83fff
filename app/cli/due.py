"""``gongkai due``: the last day of a reply period."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys

from app.calendar import WorkCalendar
from app.cli.common import CliError, db_target, open_db, run_safely
from app.paths import default_database
from app.services.holidays import provisional_note
from app.validation import Invalid, dates

HELP = "计算答复期限的最后一天（按国务院办公厅节假日安排的工作日）"


def register(sub) -> tuple[str, object]:  # noqa: ANN001
    p = sub.add_parser("due", help=HELP, description=HELP)
    p.add_argument("received", metavar="收到日期", help="收到申请日期，写成 YYYY-MM-DD，例如 2026-09-25")
    p.add_argument("--days", type=int, default=None, metavar="天数", help="答复期限工作日数（默认：机关设置，通常20）")
    p.add_argument("--extension", type=int, default=0, metavar="天数", help="延期工作日数")
    p.add_argument("--pause", nargs=2, action="append", default=[], metavar=("开始日期", "结束日期"),
                   help="暂停计时的期间（含首尾），可多次使用")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.add_argument("--db", dest="db_sub", metavar="路径或地址", help=argparse.SUPPRESS)
    return "due", lambda args: run_safely(_run, args)


def _date(text: str, what: str) -> dt.date:
    """A date the calendar can count from, in the validation layer's words."""
    try:
        day = dates.parse_date(text)
        if day is None:
            raise Invalid("不能为空")
        return dates.calendar_date(day)
    except Invalid as exc:
        raise CliError(f"{what}{exc}") from None


def _count(n: int, what: str) -> int:
    try:
        return dates.day_count(n)
    except Invalid as exc:
        raise CliError(f"{what}{str(exc).removeprefix('天数')}") from None


def _run(args: argparse.Namespace) -> int:
    received = _date(args.received, "收到申请日期")
    pauses = []
    for start, end in args.pause:
        a, b = _date(start, "暂停开始日期"), _date(end, "暂停结束日期")
        if b < a:
            raise CliError(f"暂停期间 {start} 至 {end}：结束日期早于开始日期")
        pauses.append((a, b))
    if args.extension < 0:
        raise CliError("延期工作日数不能为负数")
    _count(args.extension, "延期工作日数")
    db_arg = db_target(args)
    days = args.days
    if days is not None and days <= 0:
        raise CliError("答复期限工作日数必须大于0")
    if db_arg is None and not default_database().exists():
        calendar = WorkCalendar()  # nothing entered yet: no need to create a database
        default_days = 20
    else:
        from app.services.profile import get_profile

        db = open_db(db_arg)
        try:
            calendar = db.calendar()
            default_days = get_profile(db).answer_days
        finally:
            db.dispose()
    if days is None:
        days = default_days
    _count(days + args.extension, "答复期限与延期合计工作日数")
    try:
        result = calendar.add_working_days(received, days + args.extension, pauses)
    except (ValueError, OverflowError):
        raise CliError(f"从 {received.isoformat()} 起算 {days + args.extension} 个工作日，"
                       f"期限超出了日历范围（最晚到 2099 年）") from None
    if result.provisional:
        sys.stderr.write(f"警告：结果为估算值{provisional_note(result.provisional_years)}\n")
    if args.json:
        print(json.dumps({
            "received": received.isoformat(),
            "due": result.date.isoformat(),
            "days": days,
            "extension": args.extension,
            "pauses": [[a.isoformat(), b.isoformat()] for a, b in pauses],
            "provisional": result.provisional,
            "provisional_years": sorted(result.provisional_years),
        }, ensure_ascii=False))
    else:
        print(result.date.isoformat())
    return 0
