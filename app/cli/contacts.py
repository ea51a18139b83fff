"""``gongkai export contacts``: the 首问负责登记簿 as Excel, with exactly its columns.

A kind added to the ``export`` command the ledger defines; the service is imported
inside the runner so start-up stays fast.
"""

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
    p = add_kind(sub, "export", "contacts", "导出首问负责登记簿（Excel）",
                 "导出首问负责登记簿（Excel，按时间先后；可只导出某年或某月）")
    p.add_argument("--year", type=int, metavar="年份", help="只导出该年的登记")
    p.add_argument("--month", type=int, metavar="月份", help="只导出该月的登记（须同时写 --year）")
    p.set_defaults(_run=lambda args: run_safely(_export, args))


def _export(args: argparse.Namespace) -> int:
    from app.services.contacts import register

    def check() -> None:
        if args.month is not None:
            if args.year is None:
                raise CliError("按月导出时请同时用 --year 写明年份")
            if not 1 <= args.month <= 12:
                raise CliError("月份应为1至12")
        check_year(args.year)

    return export_xlsx(args, lambda db, out: register.export_contacts(
        db, out, register.ContactFilter(year=args.year, month=args.month)),
        lambda n, out: f"已导出{n}条首问登记到 {out}", check)
