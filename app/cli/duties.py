"""``gongkai duties --year Y [--json]``: every 一岗双责 duty of a year (issue 16).

Text output is one line per duty for a person to read; ``--json`` prints the
list the issue specifies (kind, holder login, post, period, due, completed,
status as of today) for other tools.
"""

from __future__ import annotations

import argparse
import json
import sys

from app.cli.common import CliError, run_safely, with_db

HELP = "列出某年的一岗双责职责（季度督查、专题会议）及完成情况"


def register(sub) -> tuple[str, object]:  # noqa: ANN001
    p = sub.add_parser("duties", help=HELP, description=HELP)
    p.add_argument("--year", type=int, required=True, metavar="年份", help="年份，例如 2026")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.add_argument("--db", dest="db_sub", metavar="路径或地址", help=argparse.SUPPRESS)
    return "duties", lambda args: run_safely(_run, args)


def _run(args: argparse.Namespace) -> int:
    from app.services.errors import ValidationError
    from app.services.supervision import duties

    try:
        duties.check_year(args.year)
    except ValidationError as exc:
        raise CliError(str(exc)) from None
    rows = with_db(args, lambda db: duties.duties_for_year(db, args.year))
    if args.json:
        json.dump([d.as_json() for d in rows], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    if not rows:
        print(f"{args.year}年没有职责：请先在“督查”的责任分工中设置主要负责人和分管负责人")
        return 0
    for d in rows:
        areas = f"（{'、'.join(d.areas)}）" if d.areas else ""
        done = f"，{d.completed.isoformat()}完成" if d.completed else ""
        print(f"{d.period}\t{d.kind}\t{d.post} {d.holder_name}（{d.holder_login}）{areas}\t"
              f"截止 {d.due.isoformat()}\t{d.status}{done}")
    return 0
