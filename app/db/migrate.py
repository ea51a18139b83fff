"""Schema migrations, run programmatically at start-up.

* empty database → create everything through the migrations;
* older schema → copy the SQLite file beside itself (timestamped), then upgrade;
* schema newer than this app (a revision we do not ship) → refuse, touch nothing.

"Touch nothing" is literal: a SQLite file's version is read through a
read-only connection before the app's engine opens it (and before WAL is
switched on), so a newer database keeps every byte whatever its journal mode.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, text

from app.db import engine as engine_module
from app.db.engine import enable_wal, sqlite_path

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


class NewerDatabaseError(Exception):
    pass


@dataclass(frozen=True)
class UpgradeResult:
    before: str | None
    after: str
    backup: Path | None

    @property
    def changed(self) -> bool:
        return self.before != self.after


if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory


def _config() -> Config:
    from alembic.config import Config  # alembic is imported only when a migration may be needed

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


_REVISION = re.compile(r"^(down_revision|revision)\s*=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)


def _quick_head() -> str | None:
    """The head revision read from the version files with a regex (start-up without importing alembic);
    None when the files do not form one simple chain (then alembic decides)."""
    revisions, parents = set(), set()
    for f in (MIGRATIONS_DIR / "versions").glob("*.py"):
        found = dict((k, v) for k, v in _REVISION.findall(f.read_text(encoding="utf-8")))
        if "revision" in found:
            revisions.add(found["revision"])
            if "down_revision" in found:
                parents.add(found["down_revision"])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def _stamped_revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).all()
    except Exception:  # noqa: BLE001 - no version table yet: a new or foreign database
        return None
    return rows[0][0] if len(rows) == 1 else None


SQLITE_HEADER = b"SQLite format 3\x00"
UNFINISHED_SUFFIX = ".unfinished"


def peek_sqlite_revision(path: Path) -> str | None:
    """The schema revision of a SQLite file, read without writing anything.

    Raises ``sqlite3.DatabaseError`` ("file is not a database") for other files.
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    with path.open("rb") as fh:
        if fh.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise sqlite3.DatabaseError("file is not a database")
    # No -wal file: everything is in the main file, and ``immutable`` reads it without
    # creating -wal/-shm.  With a -wal file (a crash left it), read it too, read-only.
    wal = Path(f"{path}-wal")
    mode = "mode=ro" if wal.exists() else "immutable=1"
    con = sqlite3.connect(f"{path.resolve().as_uri()}?{mode}", uri=True,
                          timeout=engine_module.SQLITE_BUSY_TIMEOUT_MS / 1000)
    try:
        has_table = con.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        if not has_table:
            return None
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    finally:
        con.close()


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def backup_sqlite(path: Path, label: str) -> Path:
    """A consistent copy (WAL included) beside the file, named with a timestamp.

    The copy is written under a hidden ``….unfinished`` name and renamed only
    when complete and flushed, so a kill or a full disk never leaves a file
    that looks like a usable backup.  Leftovers of an earlier kill are removed.
    """
    suffix = path.suffix or ".db"
    for stale in path.parent.glob(f".{path.stem}.{label.split('-')[0]}*{UNFINISHED_SUFFIX}"):
        stale.unlink(missing_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.{label}-{stamp}{suffix}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.stem}.{label}-{stamp}-{n}{suffix}")
    partial = target.with_name(f".{target.name}{UNFINISHED_SUFFIX}")
    try:
        src = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(str(partial))
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
        with partial.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(partial, target)
        _fsync_dir(target.parent)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target


def check_not_newer(script: ScriptDirectory, current: str | None) -> None:
    """Refuse a revision this app does not ship (written by a newer version)."""
    if current is None:
        return
    try:
        script.get_revision(current)
    except Exception:
        raise NewerDatabaseError(
            f"数据库版本（{current}）比本程序新，可能已被更高版本的政务公开工作台使用过。"
            "为保护数据，本程序不会打开它，也没有做任何改动。请安装最新版本后再使用。"
        ) from None


def upgrade(engine: Engine, sqlite_file: Path | None) -> UpgradeResult:
    """Migrate to head; ``sqlite_file`` (when given) is backed up first if it has data.

    For a SQLite file the version is read read-only before ``engine`` connects.
    An up-to-date database is recognised without importing alembic (start-up time).
    """
    path = sqlite_file if sqlite_file is not None else sqlite_path(engine.url)
    quick = _quick_head()
    if quick is not None and (path is None or peek_sqlite_revision(path) == quick) \
            and _stamped_revision(engine) == quick:
        enable_wal(engine)
        return UpgradeResult(quick, quick, None)
    from alembic import command
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_config())
    head = script.get_current_head()
    assert head is not None
    path = sqlite_file if sqlite_file is not None else sqlite_path(engine.url)
    if path is not None:
        check_not_newer(script, peek_sqlite_revision(path))
    current = current_revision(engine)
    check_not_newer(script, current)
    enable_wal(engine)
    if current == head:
        return UpgradeResult(current, head, None)
    backup = None
    if current is not None and sqlite_file is not None and sqlite_file.exists():
        backup = backup_sqlite(sqlite_file, f"backup-before-{head}")
    cfg = _config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return UpgradeResult(current, head, backup)
