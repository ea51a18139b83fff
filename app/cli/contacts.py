"""``gongkai export contacts``: the 首问负责登记簿 as Excel, with exactly its columns.

A kind added to the ``export`` command the ledger defines; the service is imported
inside the runner so start-up stays fast.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.common import CliError, db_target, open_db, run_safely


def register(sub) -> None:  # noqa: ANN001
    parser = sub.choices["export"]
    exports = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    p = exports.add_parser("contacts", help="导出首问负责登记簿（Excel）",
                           description="导出首问负责登记簿（Excel，按时间先后；可只导出某年或某月）")
    p.add_argument("-o", "--output", required=True, metavar="文件.xlsx", help="写出的文件")
    p.add_argument("--year", type=int, metavar="年份", help="只导出该年的登记")
    p.add_argument("--month", type=int, metavar="月份", help="只导出该月的登记（须同时写 --year）")
    p.add_argument("--db", dest="db_sub", metavar="路径或地址", help=argparse.SUPPRESS)
    p.set_defaults(_run=lambda args: run_safely(_export, args))


def _export(args: argparse.Namespace) -> int:
    from app.services.contacts import register

    out = Path(args.output)
    if out.suffix.lower() != ".xlsx":
        raise CliError("输出文件应以 .xlsx 结尾")
    if args.month is not None:
        if args.year is None:
            raise CliError("按月导出时请同时用 --year 写明年份")
        if not 1 <= args.month <= 12:
            raise CliError("月份应为1至12")
    if args.year is not None and not 2000 <= args.year <= 2100:
        raise CliError("年份应为2000至2100之间的四位数")
    db = open_db(db_target(args))
    try:
        count = register.export_contacts(db, out, register.ContactFilter(year=args.year, month=args.month))
    finally:
        db.dispose()
    print(f"已导出{count}条首问登记到 {out}")
    return 0
