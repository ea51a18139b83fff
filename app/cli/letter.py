"""``gongkai letter NUMBER KIND -o FILE.pdf``: render and issue a letter from the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.common import CliError, db_target, open_db, run_safely
from app.services import letters
from app.services.actor import cli_actor
from app.services.errors import ServiceError
from app.services.requests import queries

HELP = "出具文书（PDF）；用 gongkai letter --list 查看文书种类"


def register(sub) -> tuple[str, object]:  # noqa: ANN001
    p = sub.add_parser("letter", help=HELP, description=HELP)
    p.add_argument("number", nargs="?", metavar="申请编号", help="申请编号，如 X财公开〔2026〕12号")
    p.add_argument("kind", nargs="?", metavar="文书种类", help="文书种类代码（见 --list）")
    p.add_argument("-o", "--output", metavar="文件.pdf", help="写出的 PDF 文件")
    p.add_argument("--list", action="store_true", help="列出文书种类")
    p.add_argument("--db", dest="db_sub", metavar="路径或地址", help=argparse.SUPPRESS)
    return "letter", lambda args: run_safely(_run, args)


def _run(args: argparse.Namespace) -> int:
    if args.list:
        for code, title in letters.kind_list():
            print(f"{code}\t{title}")
        return 0
    if not (args.number and args.kind and args.output):
        raise CliError("用法：gongkai letter 申请编号 文书种类 -o 文件.pdf（文书种类见 --list）")
    codes = {c for c, _ in letters.kind_list()}
    if args.kind not in codes:
        raise CliError(f"没有这种文书：{args.kind}（可用：{'、'.join(sorted(codes))}）")
    db = open_db(db_target(args))
    try:
        rid = queries.find_by_number(db, args.number)
        if rid is None:
            raise CliError(f"找不到申请编号“{args.number}”", 1)
        try:
            info = letters.issue(db, cli_actor(), rid, args.kind)
        except ServiceError as exc:
            raise CliError(str(exc), 1) from None
        Path(args.output).write_bytes(letters.letter_pdf(db, info.id))
    finally:
        db.dispose()
    sys.stdout.write(f"已出具{info.title}第{info.version}版：{args.output}\n")
    return 0
