"""Command line: ``gongkai [--db PATH_OR_URL] COMMAND ...``; no command opens the window."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from app import APP_TITLE, __version__


class ChineseArgumentParser(argparse.ArgumentParser):
    """argparse with Chinese errors and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        translations = {
            "the following arguments are required": "缺少必需的参数",
            "unrecognized arguments": "无法识别的参数",
            "invalid choice": "无效的选项",
            "expected one argument": "需要一个值",
            "expected 2 arguments": "需要两个值",
            "invalid int value": "不是有效的整数",
        }
        for en, zh in translations.items():
            message = message.replace(en, zh)
        sys.stderr.write(f"{self.prog}：错误：{message}\n用法见 {self.prog} --help\n")
        sys.exit(2)


def build_parser() -> ChineseArgumentParser:
    parser = ChineseArgumentParser(prog="gongkai", description=f"{APP_TITLE}（政务公开）")
    parser.add_argument("--version", action="version", version=f"gongkai {__version__}")
    parser.add_argument("--db", metavar="PATH_OR_URL", help="数据库文件路径或 SQLAlchemy URL（默认：用户数据目录）")
    sub = parser.add_subparsers(dest="command", parser_class=ChineseArgumentParser)
    commands: dict[str, Callable[[argparse.Namespace], int]] = {}
    for register in _command_registrars():
        entry = register(sub)
        if entry is not None:  # None: the registrar added kinds to an existing command (import/export)
            name, run = entry
            commands[name] = run
    parser.set_defaults(_commands=commands)
    return parser


def _command_registrars() -> list:
    """Each registrar adds a sub-command and returns ``(name, run)``, or None after adding kinds to
    an existing command (those kinds set their own ``_run``)."""
    from app.cli import audit, catalogue, demo, due, ledger, letter, report

    return [due.register, ledger.register_import, ledger.register_export, demo.register, letter.register,
            report.register, audit.register, catalogue.register]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from ui.application import run_gui

        return run_gui(args.db)
    # a kind added to an existing command carries its own runner (see app.cli.catalogue)
    return getattr(args, "_run", args._commands[args.command])(args)
