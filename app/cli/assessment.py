"""``gongkai export assessment --year Y -o FILE.xlsx``: the year's 百分制考核, one row per 科室."""

from __future__ import annotations

import argparse

from app.cli.common import (
    CliError,
    add_kind,
    check_year,
    run_safely,
)
from app.cli.transfer import export_xlsx


def register(sub) -> None:  # noqa: ANN001
    p = add_kind(sub, "export", "assessment", "导出政务公开百分制考核结果（Excel）",
                 "导出某年度政务公开百分制考核结果（Excel；每个科室一行：各项考核分、责任追究扣分、总分、等次）")
    p.add_argument("--year", type=int, metavar="年份", help="考核年度（必填）")
    p.set_defaults(_run=lambda args: run_safely(_export, args))


def _export(args: argparse.Namespace) -> int:
    from app.services.supervision.assessment_export import export_assessment

    def check() -> None:
        if args.year is None:
            raise CliError("请用 --year 指定考核年度，例如 --year 2026")
        check_year(args.year)

    return export_xlsx(args, lambda db, out: export_assessment(db, out, args.year),
                       lambda n, out: f"已导出{args.year}年度{n}个科室的考核结果到 {out}", check)
