"""Opening databases touches nothing it should not: newer files, missing folders, backups."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app.db import DatabaseError, open_database
from app.db.migrate import backup_sqlite, head_revision


def _digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


def _files(path: Path) -> dict[str, str | None]:
    return {p.name: _digest(p) for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm"))}


def _make_newer(path: Path, journal_mode: str) -> None:
    db = open_database(path)
    db.dispose()
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA journal_mode={journal_mode}")
    con.execute("UPDATE alembic_version SET version_num = 'ffff_future'")
    con.commit()
    con.close()


@pytest.mark.parametrize("journal_mode", ["WAL", "DELETE"])
def test_newer_database_keeps_every_byte(tmp_path, journal_mode):
    path = tmp_path / "newer.sqlite3"
    _make_newer(path, journal_mode)
    before = _files(path)
    with pytest.raises(DatabaseError, match="比本程序新"):
        open_database(path)
    assert _files(path) == before
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0].upper() == journal_mode
    con.close()


def test_newer_version_still_in_the_wal_is_seen_and_not_checkpointed(tmp_path):
    """A newer app crashed with its version bump only in the -wal file."""
    path = tmp_path / "live.sqlite3"
    db = open_database(path)
    db.dispose()
    writer = sqlite3.connect(path)
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute("UPDATE alembic_version SET version_num = 'ffff_future'")
    writer.commit()
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for suffix in ("", "-wal"):  # copy while the writer is open: the state a kill leaves
        shutil.copyfile(f"{path}{suffix}", crashed / f"gk.sqlite3{suffix}")
    writer.close()
    copy = crashed / "gk.sqlite3"
    main_before, wal_before = _digest(copy), _digest(Path(f"{copy}-wal"))
    with pytest.raises(DatabaseError, match="比本程序新"):
        open_database(copy)
    assert _digest(copy) == main_before
    assert _digest(Path(f"{copy}-wal")) == wal_before


def test_missing_folder_is_refused_not_created(tmp_path):
    target = tmp_path / "no" / "such" / "gk.sqlite3"
    with pytest.raises(DatabaseError, match="文件夹不存在"):
        open_database(target)
    assert not (tmp_path / "no").exists()


def test_creating_commands_may_create_the_folder(tmp_path):
    target = tmp_path / "new" / "gk.sqlite3"
    db = open_database(target, create_folder=True)
    db.dispose()
    assert target.exists()


def test_reading_an_absent_file_is_refused_when_asked(tmp_path):
    with pytest.raises(DatabaseError, match="找不到数据库文件"):
        open_database(tmp_path / "absent.sqlite3", create=False)
    assert not (tmp_path / "absent.sqlite3").exists()


def test_folder_given_as_database_is_refused(tmp_path):
    with pytest.raises(DatabaseError, match="是一个文件夹"):
        open_database(tmp_path)


def test_backup_is_renamed_only_when_complete(tmp_path):
    path = tmp_path / "gk.sqlite3"
    open_database(path).dispose()
    backup = backup_sqlite(path, "backup-before-x")
    assert backup.exists() and backup.suffix == ".sqlite3"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".unfinished")] == []
    con = sqlite3.connect(backup)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == (head_revision(),)
    con.close()


def test_killed_backup_leaves_no_complete_looking_file(tmp_path):
    """SIGKILL at the worst moment (copy written, not yet renamed): nothing looks like a backup."""
    path = tmp_path / "gk.sqlite3"
    open_database(path).dispose()
    script = textwrap.dedent(f"""
        import os, signal
        from pathlib import Path
        from app.db import migrate
        migrate.os.replace = lambda *a: os.kill(os.getpid(), signal.SIGKILL)
        migrate.backup_sqlite(Path({str(path)!r}), "backup-before-x")
    """)
    proc = subprocess.run([sys.executable, "-c", script], cwd=Path(__file__).resolve().parents[2],
                          capture_output=True, timeout=60)
    assert proc.returncode == -9
    names = sorted(p.name for p in tmp_path.iterdir())
    assert not [n for n in names if "backup-before" in n and n.endswith(".sqlite3")]
    assert [n for n in names if n.endswith(".unfinished")]  # the partial copy, hidden and named so
    # the next backup clears the leftover
    backup = backup_sqlite(path, "backup-before-y")
    assert backup.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".unfinished")]
