"""``gongkai import ledger`` / ``gongkai export ledger``: the Excel 台账."""

from __future__ import annotations

import argparse

from app.cli.common import run_safely, xlsx_output
from app.cli.transfer import export_xlsx, import_xlsx
from app.services.actor import cli_actor
from app.services.requests import ledger, ledger_export


def register_import(sub) -> tuple[str, object]:  # noqa: ANN001
    p = sub.add_parser("import", help="导入数据", description="导入数据（一次导入一个文件，有任何问题时不做任何修改）")
    kinds = p.add_subparsers(dest="kind", required=True, metavar="种类")
    lp = kinds.add_parser("ledger", help="导入依申请公开台账（Excel）", description="导入依申请公开台账（Excel）")
    lp.add_argument("file", metavar="文件.xlsx", help="台账文件（格式见 gongkai export template）")
    lp.add_argument("--db", dest="db_sub", metavar="路径或地址", help=argparse.SUPPRESS)
    return "import", lambda args: run_safely(_import, args)


def register_export(sub) -> tuple[str, object]:  # noqa: ANN001
    p = sub.add_parser("export", help="导出数据", description="导出数据")
    kinds = p.add_subparsers(dest="kind", required=True, metavar="种类")
    lp = kinds.add_parser("ledger", help="导出依申请公开台账（Excel）", description="导出依申请公开台账（Excel）")
    lp.add_argument("-o", "--output", required=True, metavar="文件.xlsx", help="写出的文件")
    lp.add_argument("--year", type=int, metavar="年份", help="只导出该年收到的申请")
    lp.add_argument("--db", dest="db_sub", metavar="路径或地址", help=argparse.SUPPRESS)
    tp = kinds.add_parser("template", help="导出空白台账模板（含说明页）", description="导出空白台账模板（含说明页）")
    tp.add_argument("-o", "--output", required=True, metavar="文件.xlsx", help="写出的文件")
    return "export", lambda args: run_safely(_export, args)


def _import(args: argparse.Namespace) -> int:
    return import_xlsx(args, "台账", lambda db, path: ledger.import_ledger(db, cli_actor(), path), ledger.LedgerError,
                       lambda count: print(f"已导入{count}件申请"))


def _export(args: argparse.Namespace) -> int:
    if args.kind == "template":
        out = xlsx_output(args)
        ledger_export.write_template(out)
        print(f"已写出台账模板：{out}")
        return 0
    return export_xlsx(args, lambda db, out: ledger_export.export_ledger(db, out, year=args.year),
                       lambda n, out: f"已导出{n}件申请到 {out}")
