"""Excel in and out on the command line: the one shape of every ``gongkai import`` / ``gongkai export`` kind.

Why one module: each kind (台账, 事项清单, 告知书, 首问登记簿, 投诉举报, 考核) does the same
steps in the same order — the file named on the command line checked before anything is
opened, the database opened only for the work and closed whatever happens, an import refused
as a whole with its row-numbered problems — and differs only in the service it calls and the
line it prints.  The kinds pass those two; services stay imported inside their runners.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from app.cli.common import input_file, refused, with_db, xlsx_output

if TYPE_CHECKING:
    from app.db import Database

R = TypeVar("R")


class FileRefusal(Protocol):
    """An import's own error: the file as a whole refused, with row-numbered problems."""

    problems: list[str]


def export_xlsx(args: argparse.Namespace, write: Callable[[Database, Path], int], said: Callable[[int, Path], str],
                check: Callable[[], None] | None = None) -> int:
    """``-o 文件.xlsx`` checked, then ``check`` (the kind's own options), then ``write`` → count, one line said."""
    out = xlsx_output(args)
    if check is not None:
        check()
    count = with_db(args, lambda db: write(db, out))
    print(said(count, out))
    return 0


def import_xlsx(args: argparse.Namespace, what: str, load: Callable[[Database, Path], R],
                refusal: type[Exception], report: Callable[[R], None]) -> int:
    """The input file checked, ``load`` run; ``refusal`` (the kind's file error) lists its problems and
    nothing is changed (exit 1); otherwise ``report`` says what was imported."""
    path = input_file(args)
    try:
        result = with_db(args, lambda db: load(db, path))
    except refusal as exc:
        problems: FileRefusal = exc  # type: ignore[assignment] - each kind's error carries its problems
        return refused(what, problems.problems)
    report(result)
    return 0
