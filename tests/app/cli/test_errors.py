"""Every command, every broken database: one Chinese line on stderr, exit code != 0, no traceback."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli import main
from app.db import engine as engine_module
from app.db import open_database
from app.services.requests import ledger_export


def _commands(tmp_path: Path) -> dict[str, list[str]]:
    template = tmp_path / "台账.xlsx"
    if not template.exists():
        ledger_export.write_template(template)
    return {
        "due": ["due", "2026-03-02"],
        "import": ["import", "ledger", str(template)],
        "export": ["export", "ledger", "-o", str(tmp_path / "out.xlsx")],
        "letter": ["letter", "X财公开〔2026〕1号", "receipt", "-o", str(tmp_path / "x.pdf")],
        "report": ["report", "annual", "--year", "2025", "--json"],
        "audit-check": ["audit-check"],
        "export notices": ["export", "notices", "-o", str(tmp_path / "n.xlsx")],
    }


COMMANDS = ["due", "import", "export", "letter", "report", "audit-check", "export notices"]


def _is_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _run(capsys, argv: list[str]) -> tuple[int, str]:
    code = main(argv)
    err = capsys.readouterr().err
    return code, err


def _assert_one_chinese_line(code: int, err: str, *needles: str) -> None:
    assert code != 0
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("gongkai：") and _is_chinese(lines[0])
    for needle in needles:
        assert needle in lines[0], err


@pytest.fixture
def good_db(tmp_path) -> Path:
    path = tmp_path / "gk.sqlite3"
    open_database(path).dispose()
    return path


@pytest.fixture
def locked_db(good_db, monkeypatch) -> Iterator[Path]:
    monkeypatch.setattr(engine_module, "SQLITE_BUSY_TIMEOUT_MS", 50)
    holder = sqlite3.connect(good_db, isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("UPDATE alembic_version SET version_num = version_num")
    yield good_db
    holder.execute("ROLLBACK")
    holder.close()


@pytest.mark.parametrize("command", COMMANDS)
def test_missing_folder(capsys, tmp_path, command):
    target = tmp_path / "没有" / "gk.sqlite3"
    code, err = _run(capsys, ["--db", str(target), *_commands(tmp_path)[command]])
    _assert_one_chinese_line(code, err, "文件夹不存在")
    assert not target.parent.exists()


@pytest.mark.parametrize("command", [c for c in COMMANDS if c != "due"])
def test_missing_file(capsys, tmp_path, command):
    target = tmp_path / "gk.sqlite3"
    code, err = _run(capsys, ["--db", str(target), *_commands(tmp_path)[command]])
    _assert_one_chinese_line(code, err, "找不到数据库文件")
    assert not target.exists()


@pytest.mark.parametrize("command", COMMANDS)
def test_not_a_database(capsys, tmp_path, command):
    target = tmp_path / "notes.sqlite3"
    target.write_text("这不是数据库" * 200, encoding="utf-8")
    before = target.read_bytes()
    code, err = _run(capsys, ["--db", str(target), *_commands(tmp_path)[command]])
    _assert_one_chinese_line(code, err, "不是政务公开工作台的数据库")
    assert target.read_bytes() == before


@pytest.mark.parametrize("command", COMMANDS)
def test_newer_database(capsys, tmp_path, good_db, command):
    con = sqlite3.connect(good_db)
    con.execute("UPDATE alembic_version SET version_num = 'ffff_future'")
    con.commit()
    con.close()
    before = good_db.read_bytes()
    code, err = _run(capsys, ["--db", str(good_db), *_commands(tmp_path)[command]])
    _assert_one_chinese_line(code, err, "比本程序新")
    assert good_db.read_bytes() == before


@pytest.mark.parametrize("command", COMMANDS)
def test_locked_database(capsys, tmp_path, locked_db, command):
    code, err = _run(capsys, ["--db", str(locked_db), *_commands(tmp_path)[command]])
    _assert_one_chinese_line(code, err, "占用")


@pytest.fixture
def read_only_db(good_db) -> Iterator[Path]:
    """The database on a location the process cannot write (chmod, or a read-only bind mount as root)."""
    folder = good_db.parent
    if os.geteuid() != 0:
        good_db.chmod(0o444)
        folder.chmod(0o555)
        yield good_db
        folder.chmod(0o755)
        good_db.chmod(0o644)
        return
    mounted = subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True).returncode == 0
    if not mounted:
        pytest.skip("以 root 运行且无法挂载只读目录：只读数据库测试已跳过")
    try:
        if subprocess.run(["mount", "-o", "remount,ro,bind", str(folder)], capture_output=True).returncode:
            pytest.skip("无法把目录重新挂载为只读")
        yield good_db
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


@pytest.mark.parametrize("command", ["import", "letter", "audit-check"])
def test_read_only_database(capsys, tmp_path, read_only_db, command):
    code, err = _run(capsys, ["--db", str(read_only_db), *_commands(_writable(tmp_path))[command]])
    _assert_one_chinese_line(code, err)
    assert "只读" in err or "权限" in err


def _writable(tmp_path: Path) -> Path:
    out = tmp_path.parent / f"{tmp_path.name}-out"
    out.mkdir(exist_ok=True)
    return out


@pytest.mark.parametrize("url, needle", [
    ("foo://server/db", "无法识别数据库地址"),
    ("mysql+pymysql://u:p@localhost/db", "驱动"),
    ("postgresql://u:p@127.0.0.1:1/db", "无法连接数据库服务器"),
    ("://", "写法不正确"),
])
def test_bad_urls(capsys, tmp_path, url, needle):
    code, err = _run(capsys, ["--db", url, *_commands(tmp_path)["export"]])
    _assert_one_chinese_line(code, err, needle)


def test_demo_creates_its_folder(capsys, tmp_path):
    target = tmp_path / "新文件夹" / "demo.sqlite3"
    code = main(["demo", "--db", str(target), "--requests", "0"])
    assert code == 0 and target.exists()


def test_demo_refuses_not_a_database(capsys, tmp_path):
    target = tmp_path / "notes.sqlite3"
    target.write_text("x" * 500, encoding="utf-8")
    code, err = _run(capsys, ["demo", "--db", str(target), "--requests", "0"])
    _assert_one_chinese_line(code, err, "不是政务公开工作台的数据库")


def test_bug_is_logged_masked_and_named_in_one_line(capsys, tmp_path, monkeypatch, good_db):
    from app.cli import due

    personal = ["身份证", "110101199003070011", "张三", "'secret'"]

    def broken(args):
        raise ValueError(" ".join(personal))  # the values are data, not in the source line

    monkeypatch.setattr(due, "_run", broken)
    code, err = _run(capsys, ["due", "2026-03-02"])
    _assert_one_chinese_line(code, err, "程序内部错误，详情已写入日志：")
    log_path = Path(err.strip().split("：", 2)[2])
    text = log_path.read_text(encoding="utf-8")
    assert "in broken" in text and "ValueError" in text
    assert "110101199003070011" not in text and "张三" not in text and "secret" not in text


def test_subprocess_has_no_traceback(tmp_path):
    target = tmp_path / "notes.sqlite3"
    target.write_bytes(b"\x00garbage" * 100)
    env = dict(os.environ, GONGKAI_DATA_DIR=str(tmp_path / "data"))
    proc = subprocess.run([sys.executable, "-m", "app", "--db", str(target), "export", "ledger", "-o",
                           str(tmp_path / "o.xlsx")], capture_output=True, text=True, env=env,
                          cwd=Path(__file__).resolve().parents[3], timeout=120)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip().count("\n") == 0 and _is_chinese(proc.stderr)
