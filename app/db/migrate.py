"""Schema migrations, run programmatically at start-up.

* empty database → create everything through the migrations;
* older schema → copy the SQLite file beside itself (timestamped), then upgrade;
* schema newer than this app (a revision we do not ship) → refuse, touch nothing.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

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


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def backup_sqlite(path: Path, label: str) -> Path:
    """A consistent copy (WAL included) beside the file, named with a timestamp."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.{label}-{stamp}{path.suffix or '.db'}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.stem}.{label}-{stamp}-{n}{path.suffix or '.db'}")
    src = sqlite3.connect(str(path))
    try:
        dst = sqlite3.connect(str(target))
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


def upgrade(engine: Engine, sqlite_file: Path | None) -> UpgradeResult:
    script = ScriptDirectory.from_config(_config())
    head = script.get_current_head()
    assert head is not None
    current = current_revision(engine)
    if current is not None:
        try:
            script.get_revision(current)
        except Exception:
            raise NewerDatabaseError(
                f"数据库版本（{current}）比本程序新，可能已被更高版本的政务公开工作台使用过。"
                "为保护数据，本程序不会打开它。请安装最新版本后再使用。"
            ) from None
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
