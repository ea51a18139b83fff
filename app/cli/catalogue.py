"""``gongkai export catalogue`` / ``gongkai import catalogue`` / ``gongkai export notices``.

The kinds are added to the ``import`` and ``export`` commands the ledger defines;
each carries its own runner (``_run``).  Services are imported inside the runners
so start-up stays fast.
"""

from __future__ import annotations

import argparse

from app.cli.common import add_kind, run_safely
from app.cli.transfer import export_xlsx, import_xlsx


def register(sub) -> None:  # noqa: ANN001
    ip = add_kind(sub, "import", "catalogue", "导入事项清单（Excel：事项、材料两个工作表）",
                  "导入事项清单：按事项名称匹配；内容未变的不做修改；内容有变化的生成新版本，"
                  "以该行“调整原因”（写成“原因：调整依据”）备案；有任何问题时不做任何修改", output=False)
    ip.add_argument("file", metavar="文件.xlsx", help="事项清单文件（格式同 gongkai export catalogue）")
    ip.set_defaults(_run=lambda args: run_safely(_import, args))
    ep = add_kind(sub, "export", "catalogue", "导出事项清单（Excel）", "导出事项清单（Excel：事项、材料两个工作表）")
    ep.set_defaults(_run=lambda args: run_safely(_export_catalogue, args))
    np = add_kind(sub, "export", "notices", "导出一次性告知书登记（Excel）")
    np.add_argument("--year", type=int, metavar="年份", help="只导出该年出具的告知书")
    np.set_defaults(_run=lambda args: run_safely(_export_notices, args))


def _import(args: argparse.Namespace) -> int:
    from app.services.actor import cli_actor
    from app.services.catalogue import excel

    def report(result: excel.ImportResult) -> None:
        for w in result.warnings:
            print(f"注意：{w}")
        print(f"已导入事项清单：{result.summary()}")

    return import_xlsx(args, "事项清单", lambda db, path: excel.import_catalogue(db, cli_actor(), path),
                       excel.CatalogueFileError, report)


def _export_catalogue(args: argparse.Namespace) -> int:
    from app.services.catalogue import excel

    return export_xlsx(args, excel.export_catalogue, lambda n, out: f"已导出{n}个事项到 {out}")


def _export_notices(args: argparse.Namespace) -> int:
    from app.services.notices import register

    return export_xlsx(args, lambda db, out: register.export_notices(db, out, year=args.year),
                       lambda n, out: f"已导出{n}份一次性告知书到 {out}")
