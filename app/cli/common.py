"""Helpers shared by the command-line commands, and the one error wrapper."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from app.errors import DatabaseError, environment_message
from app.paths import default_database

if TYPE_CHECKING:
    from app.db import Database

R = TypeVar("R")

EXIT_USAGE = 2
EXIT_FAILED = 1
EXIT_INTERNAL = 70  # EX_SOFTWARE: a bug, details in the log
EXIT_INTERRUPTED = 130


class CliError(Exception):
    """Print the message to stderr and exit with ``code``."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


def parse_date(text: str, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CliError(f"{what}“{text}”不是有效日期，应写成 YYYY-MM-DD，例如 2026-09-25") from None


def add_kind(sub, command: str, name: str, help: str, description: str = "",  # noqa: A002, ANN001
             output: bool = True) -> argparse.ArgumentParser:
    """Add a kind to ``gongkai import`` / ``gongkai export`` (the commands the ledger defines), with
    ``-o 文件.xlsx`` for exports and the hidden ``--db`` that may follow the kind."""
    parser = sub.choices[command]
    kinds = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    p = kinds.add_parser(name, help=help, description=description or help)
    if output:
        p.add_argument("-o", "--output", required=True, metavar="文件.xlsx", help="写出的文件")
    p.add_argument("--db", dest="db_sub", metavar="路径或地址", help=argparse.SUPPRESS)
    return p


def xlsx_output(args: argparse.Namespace) -> Path:
    """The ``-o`` file of an Excel export, refused unless it ends in .xlsx."""
    out = Path(args.output)
    if out.suffix.lower() != ".xlsx":
        raise CliError("输出文件应以 .xlsx 结尾")
    return out


def input_file(args: argparse.Namespace) -> Path:
    """The file an import reads, refused before the database is opened if it does not exist."""
    path = Path(args.file)
    if not path.exists():
        raise CliError(f"找不到文件：{path}")
    return path


def refused(what: str, problems: list[str]) -> int:
    """An import refused as a whole: say that nothing changed, list the row-numbered problems."""
    sys.stderr.write(f"{what}未导入，没有做任何修改。问题如下：\n")
    for p in problems:
        sys.stderr.write(f"  {p}\n")
    return EXIT_FAILED


def check_year(year: int | None) -> None:
    """``--year`` of an export: a four-digit year the registers can hold."""
    if year is not None and not 2000 <= year <= 2100:
        raise CliError("年份应为2000至2100之间的四位数")


def db_target(args) -> str | None:  # noqa: ANN001
    """``--db`` may stand before or after the command (``dest=db_sub`` on the sub-command)."""
    return getattr(args, "db_sub", None) or args.db


def open_db(db_arg: str | None, *, create: bool = False) -> Database:
    """Open the database a command works on.

    Commands read or change an existing register, so a missing file or folder
    is refused (a typo must not leave an empty database behind); only commands
    that create databases pass ``create=True`` (folders included).
    """
    from app.db import open_database

    target = db_arg or str(default_database())
    try:
        return open_database(target, create=create, create_folder=create)
    except DatabaseError as exc:
        raise CliError(str(exc), EXIT_FAILED) from None


def with_db(args: argparse.Namespace, work: Callable[[Database], R]) -> R:
    """Run ``work`` on the command's database (``--db``), closed afterwards whatever happens."""
    db = open_db(db_target(args))
    try:
        return work(db)
    finally:
        db.dispose()


def printable(text: str) -> str:
    """User input echoed in a message, with control characters shown as \\xNN, not sent to the terminal."""
    return "".join(ch if ch.isprintable() or ch == "\n" else f"\\x{ord(ch):02x}" for ch in text)


def _say(message: str) -> None:
    try:
        sys.stderr.write(f"gongkai：{printable(message)}\n")
        sys.stderr.flush()
    except (OSError, ValueError):  # stderr closed or a broken pipe: nothing left to tell
        pass


def guard(fn: Callable[[], int]) -> int:
    """Run a command; any failure becomes one Chinese line on stderr and an exit code.

    * ``CliError``/``DatabaseError``/``ServiceError``: the user's input or data; the message as is.
    * environment errors (disk full, locked, read-only, no server, …): ``app.errors``.
    * anything else is a bug: a masked traceback goes to the log, the user gets its path.
    A traceback on the command line is always a bug, so none is ever printed.
    """
    from app.services.errors import ServiceError

    try:
        return fn()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        _say("已中断，未完成的操作没有保存。")
        return EXIT_INTERRUPTED
    except CliError as exc:
        _say(str(exc))
        return exc.code
    except (DatabaseError, ServiceError) as exc:
        _say(str(exc))
        return EXIT_FAILED
    except BaseException as exc:  # noqa: BLE001 - the one place that decides
        message = environment_message(exc)
        if message is not None:
            _say(message)
            return EXIT_FAILED
        from app.logging_setup import log_internal_error

        path = log_internal_error(exc, "command line")
        if path is None:
            _say(f"程序内部错误（{type(exc).__name__}），且日志无法写入。请联系技术支持。")
        else:
            _say(f"程序内部错误，详情已写入日志：{path}")
        return EXIT_INTERNAL


def run_safely(fn: Callable[..., int], *args: object) -> int:
    """Run ``fn(*args)`` under :func:`guard` (for commands called outside ``main``)."""
    return guard(lambda: fn(*args))
