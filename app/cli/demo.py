"""``gongkai demo``: a realistic demo database."""

from __future__ import annotations

import argparse

from app.cli.common import CliError, db_target, open_db, run_safely
from app.services import demo, users

HELP = "生成演示数据库（机关信息、工作人员和若干年的依申请公开记录）"


def register(sub) -> tuple[str, object]:  # noqa: ANN001
    p = sub.add_parser("demo", help=HELP, description=HELP)
    p.add_argument("--db", dest="db_sub", metavar="路径或地址", help="演示数据库位置（必须是新的空数据库；文件夹不存在时会创建）")
    p.add_argument("--requests", type=int, default=2000, metavar="件数", help="申请件数（默认2000；0 表示只建机关和人员）")
    p.add_argument("--contacts", type=int, default=40, metavar="条数", help="首问负责登记条数（默认40；基准测试用200000）")
    p.add_argument("--complaints", type=int, default=15, metavar="件数",
                   help="投诉举报件数（默认15，覆盖各个状态；基准测试用10000）")
    p.add_argument("--seed", type=int, default=2026, metavar="数字", help="随机种子（相同种子生成相同数据）")
    p.add_argument("--password", default="gongkai2026", metavar="密码", help="演示账号的密码（默认 gongkai2026）")
    return "demo", lambda args: run_safely(_run, args)


def _run(args: argparse.Namespace) -> int:
    target = db_target(args)
    if not target:
        raise CliError("请用 --db 指定演示数据库的位置（不会写入正式数据库）")
    if args.requests < 0:
        raise CliError("申请件数不能为负数")
    if args.contacts < 0:
        raise CliError("首问登记条数不能为负数")
    if args.complaints < 0:
        raise CliError("投诉举报件数不能为负数")
    try:
        users.check_password_rules(args.password)
    except Exception as exc:  # noqa: BLE001
        raise CliError(f"演示密码不符合要求：{exc}") from None
    db = open_db(target, create=True)
    try:
        if not users.needs_first_admin(db):
            raise CliError("该数据库中已有数据，演示数据只能写入新的空数据库")
        demo.create_demo(db, args.requests, args.seed, args.password, contacts=args.contacts,
                         complaints=args.complaints)
    finally:
        db.dispose()
    print(f"已生成演示数据库：{target}（{args.requests}件申请，{args.contacts}条首问登记，{args.complaints}件投诉举报）")
    print(f"登录名 admin（系统管理员）、zhaochuang（窗口）、qianke（科室负责人）、sunju（分管领导）、"
          f"lijian（监督检查人员，可查看投诉举报人身份），密码 {args.password}；"
          "除 admin 外，各账号首次登录时须先设置自己的新密码")
    return 0
