"""``gongkai audit-check [--full]``: verify the 操作日志 hash chain from the command line.

Exit code 0 when the chain is whole, 1 with the first broken link named otherwise,
so a scheduled task can watch it.
"""

from __future__ import annotations

import argparse
import sys

from app.cli.common import run_safely, with_db

HELP = "检查操作日志完整性（默认只校验上次检查之后新增的记录；--full 校验全部）"


def register(sub) -> tuple[str, object]:  # noqa: ANN001
    p = sub.add_parser("audit-check", help=HELP, description=HELP)
    p.add_argument("--full", action="store_true", help="校验全部操作日志（数量多时需要几十秒）")
    p.add_argument("--db", dest="db_sub", metavar="路径或地址", help=argparse.SUPPRESS)
    return "audit-check", lambda args: run_safely(_run, args)


def _run(args: argparse.Namespace) -> int:
    from app.services import audit

    result = with_db(args, lambda db: audit.verify(db, full=args.full))
    sys.stdout.write(result.message() + "\n")
    return 0 if result.ok else 1
