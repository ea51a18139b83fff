"""Helpers shared by the command-line commands."""

from __future__ import annotations

import datetime as dt
import sys

from app.db import Database, DatabaseError, open_database
from app.errors import environment_message
from app.paths import default_database


class CliError(Exception):
    """Print the message to stderr and exit with ``code``."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def parse_date(text: str, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CliError(f"{what}“{text}”不是有效日期，应写成 YYYY-MM-DD，例如 2026-09-25") from None


def db_target(args) -> str | None:  # noqa: ANN001
    """``--db`` may stand before or after the command (``dest=db_sub`` on the sub-command)."""
    return getattr(args, "db_sub", None) or args.db


def open_db(db_arg: str | None) -> Database:
    target = db_arg or str(default_database())
    try:
        return open_database(target)
    except DatabaseError as exc:
        raise CliError(str(exc), 1) from None
    except Exception as exc:  # noqa: BLE001
        msg = environment_message(exc)
        if msg is None:
            raise
        raise CliError(f"{msg}（{target}）", 1) from None


def run_safely(fn, *args) -> int:  # noqa: ANN001
    try:
        return fn(*args)
    except CliError as exc:
        sys.stderr.write(f"gongkai：{exc}\n")
        return exc.code
