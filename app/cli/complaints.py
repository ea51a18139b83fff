"""``gongkai export complaints``: the 投诉举报 register as Excel, identities as （保密） / 匿名.

The command line holds no inspector's key, so it could not show an identity even if asked.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.common import CliError, db_target, open_db, run_safely


def register(sub) -> None:  # noqa: ANN001
    parser = sub.choices["export"]
    exports = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    p = exports.add_parser("complaints", help="导出投诉举报登记（Excel，投诉举报人身份保密）",
                           description="导出投诉举报登记（Excel；署名的投诉举报人、证件号码、联系电话显示为（保密），"
                                       "匿名的显示为匿名）")
    p.add_argument("-o", "--output", required=True, metavar="文件.xlsx", help="写出的文件")
    p.add_argument("--year", type=int, metavar="年份", help="只导出该年收到的投诉举报")
    p.add_argument("--db", dest="db_sub", metavar="路径或地址", help=argparse.SUPPRESS)
    p.set_defaults(_run=lambda args: run_safely(_export, args))


def _export(args: argparse.Namespace) -> int:
    from app.services.complaints.export import export_complaints

    out = Path(args.output)
    if out.suffix.lower() != ".xlsx":
        raise CliError("输出文件应以 .xlsx 结尾")
    if args.year is not None and not 2000 <= args.year <= 2100:
        raise CliError("年份应为2000至2100之间的四位数")
    db = open_db(db_target(args))
    try:
        count = export_complaints(db, out, args.year)
    finally:
        db.dispose()
    print(f"已导出{count}件投诉举报到 {out}")
    return 0
