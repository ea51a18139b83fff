"""``gongkai report annual --year 2026 -o 报告.pdf|.docx|.xlsx [--json]``: the annual report.

The same ``app.services.annual_report`` the window uses: the PDF, Word and
Excel files and the --json numbers come from one build of the report.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.cli.common import CliError, run_safely, with_db

HELP = "年度报告（国办公开办函〔2021〕30号格式）"
ANNUAL_HELP = "生成某年的政府信息公开工作年度报告（PDF、Word 或 Excel），或用 --json 输出各表数字"
EPILOG = """统计口径：
  一、本年新收：按收到申请日期计入当年（补正后重新计算期限的，仍按原收到日期）；
  二、上年结转：上一年及以前收到、当年1月1日仍未办结的申请；
  三、本年度办理结果：当年办结的申请，按答复的办理结果分类（逾期未补正、逾期未缴费的，以期限届满后
      作出处理之日为办结日期）；申请人撤回的申请计入“（六）其他处理 3．其他”；
  四、结转下年度继续办理：当年12月31日前收到、至12月31日仍未办结的申请。
  每一列都应满足：第一项＋第二项＝第三项（七）总计＋第四项。
  表四：当年曾处于复议或诉讼中的案件（当年之前审结的不计），12月31日前未审结的计入“尚未审结”。
--json 输出：{"year": 年度, "table3": {行: [自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计]},
  "table4": [15个数], "table2": {...}, "fees_yuan": 信息处理费（元）}"""
FORMATS = {".pdf": "pdf", ".docx": "docx", ".xlsx": "xlsx"}


def register(sub) -> tuple[str, object]:  # noqa: ANN001
    p = sub.add_parser("report", help=HELP, description=HELP)
    p.add_argument("--db", dest="db_sub", metavar="路径或地址", help=argparse.SUPPRESS)
    kinds = p.add_subparsers(dest="report_kind", metavar="报告种类")
    # the command line's own (Chinese) help formatter, keeping the epilog's line breaks
    base = p.formatter_class
    keep = (argparse.RawDescriptionHelpFormatter if base is argparse.HelpFormatter
            else type("KeepEpilog", (base, argparse.RawDescriptionHelpFormatter), {}))
    a = kinds.add_parser("annual", help=ANNUAL_HELP, description=ANNUAL_HELP, epilog=EPILOG, formatter_class=keep)
    a.add_argument("--year", type=int, required=True, metavar="年度", help="报告年度，如 2026")
    a.add_argument("-o", "--output", metavar="文件", help="写出的文件：.pdf、.docx 或 .xlsx")
    a.add_argument("--json", action="store_true", help="在标准输出打印各表数字（JSON）")
    a.add_argument("--db", dest="db_sub", metavar="路径或地址", help="数据库文件路径或 postgresql:// 地址")
    return "report", lambda args: run_safely(_run, args)


def _run(args: argparse.Namespace) -> int:
    if getattr(args, "report_kind", None) != "annual":
        raise CliError("用法：gongkai report annual --year 2026 -o 报告.pdf（或 .docx、.xlsx）[--json]")
    if not args.output and not args.json:
        raise CliError("请用 -o 指定输出文件（.pdf、.docx 或 .xlsx），或用 --json 输出数字")
    fmt = None
    if args.output:
        fmt = FORMATS.get(Path(args.output).suffix.lower())
        if fmt is None:
            raise CliError(f"不支持的文件类型“{Path(args.output).suffix or args.output}”：请用 .pdf、.docx 或 .xlsx")
    from app.services.annual_report import output, report
    from app.services.errors import ServiceError

    try:
        r = with_db(args, lambda db: report.build(db, args.year))
    except ServiceError as exc:
        raise CliError(str(exc), 1) from None
    if args.output:
        assert fmt is not None
        Path(args.output).write_bytes(getattr(output, fmt)(r))
    if args.json:
        sys.stdout.write(json.dumps(r.as_json(), ensure_ascii=False) + "\n")
    notes = []
    if r.empty:
        notes.append(f"{args.year}年没有政府信息公开申请和复议、诉讼记录，各表数字均为0")
    notes += r.blocking()
    for note in notes:
        sys.stderr.write(f"注意：{note}\n")
    if args.output:
        sys.stderr.write(f"已生成{r.title}：{args.output}\n")
    return 0
