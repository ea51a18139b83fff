"""``gongkai export catalogue`` / ``gongkai import catalogue`` / ``gongkai export notices``.

The kinds are added to the ``import`` and ``export`` commands the ledger defines;
each carries its own runner (``_run``).  Services are imported inside the runners
so start-up stays fast.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.common import CliError, db_target, open_db, run_safely


def _kinds(sub, command: str):  # noqa: ANN001, ANN202
    parser = sub.choices[command]
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))


def register(sub) -> None:  # noqa: ANN001
    imports, exports = _kinds(sub, "import"), _kinds(sub, "export")
    ip = imports.add_parser("catalogue", help="导入事项清单（Excel：事项、材料两个工作表）",
                            description="导入事项清单：按事项名称匹配；内容未变的不做修改；内容有变化的生成新版本，"
                                        "以该行“调整原因”（写成“原因：调整依据”）备案；有任何问题时不做任何修改")
    ip.add_argument("file", metavar="文件.xlsx", help="事项清单文件（格式同 gongkai export catalogue）")
    ip.add_argument("--db", dest="db_sub", metavar="路径或地址", help=argparse.SUPPRESS)
    ip.set_defaults(_run=lambda args: run_safely(_import, args))
    ep = exports.add_parser("catalogue", help="导出事项清单（Excel）", description="导出事项清单（Excel：事项、材料两个工作表）")
    ep.add_argument("-o", "--output", required=True, metavar="文件.xlsx", help="写出的文件")
    ep.add_argument("--db", dest="db_sub", metavar="路径或地址", help=argparse.SUPPRESS)
    ep.set_defaults(_run=lambda args: run_safely(_export_catalogue, args))
    np = exports.add_parser("notices", help="导出一次性告知书登记（Excel）", description="导出一次性告知书登记（Excel）")
    np.add_argument("-o", "--output", required=True, metavar="文件.xlsx", help="写出的文件")
    np.add_argument("--year", type=int, metavar="年份", help="只导出该年出具的告知书")
    np.add_argument("--db", dest="db_sub", metavar="路径或地址", help=argparse.SUPPRESS)
    np.set_defaults(_run=lambda args: run_safely(_export_notices, args))


def _output(args: argparse.Namespace) -> Path:
    out = Path(args.output)
    if out.suffix.lower() != ".xlsx":
        raise CliError("输出文件应以 .xlsx 结尾")
    return out


def _import(args: argparse.Namespace) -> int:
    from app.services.actor import cli_actor
    from app.services.catalogue import excel

    path = Path(args.file)
    if not path.exists():
        raise CliError(f"找不到文件：{path}")
    db = open_db(db_target(args))
    try:
        result = excel.import_catalogue(db, cli_actor(), path)
    except excel.CatalogueFileError as exc:
        sys.stderr.write("事项清单未导入，没有做任何修改。问题如下：\n")
        for p in exc.problems:
            sys.stderr.write(f"  {p}\n")
        return 1
    finally:
        db.dispose()
    for w in result.warnings:
        print(f"注意：{w}")
    print(f"已导入事项清单：{result.summary()}")
    return 0


def _export_catalogue(args: argparse.Namespace) -> int:
    from app.services.catalogue import excel

    out = _output(args)
    db = open_db(db_target(args))
    try:
        count = excel.export_catalogue(db, out)
    finally:
        db.dispose()
    print(f"已导出{count}个事项到 {out}")
    return 0


def _export_notices(args: argparse.Namespace) -> int:
    from app.services.notices import register

    out = _output(args)
    db = open_db(db_target(args))
    try:
        count = register.export_notices(db, out, year=args.year)
    finally:
        db.dispose()
    print(f"已导出{count}份一次性告知书到 {out}")
    return 0
