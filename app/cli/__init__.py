"""Command line: ``gongkai [--db PATH_OR_URL] COMMAND ...``; no command opens the window.

Everything a user reads here is Chinese, argparse's own texts included
("usage:", "options", "-h" …), and :func:`main` is the one place that turns
any failure into one Chinese line on stderr and a non-zero exit code.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections.abc import Callable, Sequence

from app import APP_TITLE, __version__

# argparse's own English, as produced by Python 3.11-3.13, in the order tried.
_ERROR_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"^argument (\S+): invalid choice: '?(.*?)'? \(choose from (.*)\)$", r"参数 \1：无效的选项“\2”（可选：\3）"),
    (r"^invalid choice: '?(.*?)'? \(choose from (.*)\)$", r"无效的选项“\1”（可选：\2）"),
    (r"^argument (\S+): invalid (\w+) value: '(.*)'$", r"参数 \1：“\3”不是有效的\2"),
    (r"^argument (\S+): expected one argument$", r"参数 \1 后面需要一个值"),
    (r"^argument (\S+): expected (\d+) arguments$", r"参数 \1 后面需要 \2 个值"),
    (r"^argument (\S+): expected at least one argument$", r"参数 \1 后面至少需要一个值"),
    (r"^argument (\S+): ignored explicit argument '(.*)'$", r"参数 \1 不接受值“\2”"),
    (r"^argument (\S+): not allowed with argument (\S+)$", r"参数 \1 不能与 \2 同时使用"),
    (r"^argument (\S+): (.*)$", r"参数 \1：\2"),
    (r"^the following arguments are required: (.*)$", r"缺少必需的参数：\1"),
    (r"^one of the arguments (.*) is required$", r"必须给出以下参数之一：\1"),
    (r"^unrecognized arguments: (.*)$", r"无法识别的参数：\1"),
    (r"^ambiguous option: (\S+) could match (.*)$", r"参数 \1 有歧义，可能是：\2"),
)
_TYPE_NAMES = {"int": "整数", "float": "数字"}


def translate_error(message: str) -> str:
    """argparse's English error message in Chinese (unknown ones pass through)."""
    for pattern, replacement in _ERROR_PATTERNS:
        match = re.match(pattern, message, re.S)
        if match:
            text = match.expand(replacement)
            text = text.replace("'", "").replace(", ", "、")
            for en, zh in _TYPE_NAMES.items():
                text = text.replace(f"不是有效的{en}", f"不是有效的{zh}")
            return text
    return message


class ChineseHelpFormatter(argparse.HelpFormatter):
    """``用法：`` instead of ``usage:``, full-width colons after section titles,
    and the command list without a repeated "命令" line."""

    def add_usage(self, usage, actions, groups, prefix=None) -> None:  # noqa: ANN001
        super().add_usage(usage, actions, groups, prefix="用法：" if prefix is None else prefix)

    def _format_action(self, action: argparse.Action) -> str:
        if isinstance(action, argparse._SubParsersAction):
            return "".join(self._format_action(sub) for sub in action._get_subactions())
        return super()._format_action(action)

    def format_help(self) -> str:
        text = re.sub(r"^(\S[^\n]*):$", r"\1：", super().format_help(), flags=re.M)
        return "\n".join(_align_wide(line) for line in text.split("\n"))


_ACTION_LINE = re.compile(r"^(\s+)(\S.*?)( {2,})(\S.*)$")


def _align_wide(line: str) -> str:
    """argparse pads by character count; a Chinese metavar is two columns wide per character,
    so take those columns back from the gap before the help text (when the gap allows)."""
    match = _ACTION_LINE.match(line)
    if match is None:
        return line
    indent, invocation, gap, rest = match.groups()
    wide = sum(1 for ch in invocation if unicodedata.east_asian_width(ch) in "WF")
    if wide == 0 or len(gap) - wide < 2:
        return line
    return f"{indent}{invocation}{' ' * (len(gap) - wide)}{rest}"


class ChineseArgumentParser(argparse.ArgumentParser):
    """argparse with Chinese help, section titles and errors (exit code 2)."""

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        add_help = kwargs.pop("add_help", True)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "位置参数"
        self._optionals.title = "选项"
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                              help="显示本帮助并退出")

    def add_subparsers(self, **kwargs):  # noqa: ANN003, ANN201
        kwargs.setdefault("title", "命令")
        kwargs.setdefault("parser_class", ChineseArgumentParser)
        return super().add_subparsers(**kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        from app.cli.common import printable

        sys.stderr.write(f"{self.prog}：错误：{printable(translate_error(message))}\n用法见 {self.prog} --help\n")
        sys.exit(2)


def build_parser() -> ChineseArgumentParser:
    parser = ChineseArgumentParser(prog="gongkai", description=f"{APP_TITLE}（政务公开）。不写命令时打开程序窗口。")
    parser.add_argument("--version", action="version", version=f"gongkai {__version__}",
                        help="显示版本号并退出")
    parser.add_argument("--db", metavar="路径或地址",
                        help="数据库文件路径或 postgresql:// 地址（默认：用户数据目录中的数据库）")
    sub = parser.add_subparsers(dest="command", metavar="命令")
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
    from app.cli import (
        assessment,
        audit,
        catalogue,
        complaints,
        contacts,
        demo,
        due,
        duties,
        ledger,
        letter,
        report,
    )

    return [due.register, ledger.register_import, ledger.register_export, demo.register, letter.register,
            catalogue.register, report.register, audit.register, contacts.register, complaints.register,
            duties.register, assessment.register]


def _window_only(argv: list[str]) -> str | None:
    """``--db X`` (or nothing) means "open the window": returns X ("" for the default), else None."""
    if not argv:
        return ""
    if len(argv) == 2 and argv[0] == "--db" and not argv[1].startswith("-"):
        return argv[1]
    if len(argv) == 1 and argv[0].startswith("--db=") and len(argv[0]) > 5:
        return argv[0][5:]
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Parse, dispatch, and turn every failure into one Chinese line (see common.guard)."""
    from app.cli.common import guard

    def dispatch() -> int:
        gui_db = _window_only(sys.argv[1:] if argv is None else list(argv))
        if gui_db is not None:  # no command: open the window without importing every command's module
            from ui.application import run_gui

            return run_gui(gui_db or None)
        args = build_parser().parse_args(argv)
        if args.command is None:
            from ui.application import run_gui

            return run_gui(args.db)
        # a kind added to an existing command carries its own runner (see app.cli.catalogue)
        return getattr(args, "_run", args._commands[args.command])(args)

    return guard(dispatch)
