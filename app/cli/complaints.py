"""``gongkai export complaints``: the 投诉举报 register as Excel, identities as （保密） / 匿名.

The command line holds no inspector's key, so it could not show an identity even if asked.
"""

from __future__ import annotations

import argparse

from app.cli.common import add_kind, check_year, run_safely
from app.cli.transfer import export_xlsx


def register(sub) -> None:  # noqa: ANN001
    p = add_kind(sub, "export", "complaints", "导出投诉举报登记（Excel，投诉举报人身份保密）",
                 "导出投诉举报登记（Excel；署名的投诉举报人、证件号码、联系电话显示为（保密），匿名的显示为匿名）")
    p.add_argument("--year", type=int, metavar="年份", help="只导出该年收到的投诉举报")
    p.set_defaults(_run=lambda args: run_safely(_export, args))


def _export(args: argparse.Namespace) -> int:
    from app.services.actor import cli_actor
    from app.services.complaints.export import export_complaints

    return export_xlsx(args, lambda db, out: export_complaints(db, out, args.year, cli_actor()),
                       lambda n, out: f"已导出{n}件投诉举报到 {out}", lambda: check_year(args.year))
