"""The one shape of an Excel import/export kind: file checked first, then the kind's options, the
database closed after the work (also when it fails), an import refused as a whole with its problems."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from app.cli import transfer
from app.cli.common import EXIT_FAILED, CliError


class _Refused(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("refused")
        self.problems = problems


@pytest.fixture
def opened(monkeypatch):
    """Databases the helpers open, each recording whether it was disposed."""

    class FakeDb:
        def __init__(self) -> None:
            self.disposed = False

        def dispose(self) -> None:
            self.disposed = True

    made: list[FakeDb] = []

    def open_db(_target):  # noqa: ANN001
        made.append(FakeDb())
        return made[-1]

    monkeypatch.setattr("app.cli.common.open_db", open_db)  # with_db opens through it
    return made


def _args(**kw) -> argparse.Namespace:
    return argparse.Namespace(db=None, **kw)


def test_export_checks_the_file_then_the_options_before_opening(opened, capsys, tmp_path):
    def bad_year() -> None:
        raise CliError("年份应为2000至2100之间的四位数")

    with pytest.raises(CliError, match="输出文件应以 .xlsx 结尾"):
        transfer.export_xlsx(_args(output=str(tmp_path / "a.csv")), lambda db, out: 1, str, bad_year)
    with pytest.raises(CliError, match="年份应为"):
        transfer.export_xlsx(_args(output=str(tmp_path / "a.xlsx")), lambda db, out: 1, str, bad_year)
    assert opened == []
    out = tmp_path / "a.xlsx"
    code = transfer.export_xlsx(_args(output=str(out)), lambda db, path: 3 if path == out else 0,
                                lambda n, path: f"已导出{n}件到 {path.name}")
    assert code == 0 and capsys.readouterr().out == "已导出3件到 a.xlsx\n" and opened[-1].disposed


def test_export_failure_still_closes_the_database(opened, tmp_path):
    def fail(db, out) -> int:  # noqa: ANN001
        raise OSError("disk full")

    with pytest.raises(OSError):
        transfer.export_xlsx(_args(output=str(tmp_path / "a.xlsx")), fail, str)
    assert len(opened) == 1 and opened[0].disposed


def test_import_refused_lists_the_problems_and_changes_nothing(opened, capsys, tmp_path):
    with pytest.raises(CliError, match="找不到文件"):
        transfer.import_xlsx(_args(file=str(tmp_path / "none.xlsx")), "台账", lambda db, p: 0, _Refused, print)
    assert opened == []
    src = tmp_path / "in.xlsx"
    src.write_bytes(b"x")

    def refuse(db, path: Path) -> int:  # noqa: ANN001
        raise _Refused(["第3行：收到日期不是有效日期"])

    assert transfer.import_xlsx(_args(file=str(src)), "台账", refuse, _Refused, print) == EXIT_FAILED
    err = capsys.readouterr().err
    assert "台账未导入，没有做任何修改" in err and "第3行：收到日期不是有效日期" in err and opened[-1].disposed
    reported = []
    assert transfer.import_xlsx(_args(file=str(src)), "台账", lambda db, p: 7, _Refused, reported.append) == 0
    assert reported == [7] and opened[-1].disposed
