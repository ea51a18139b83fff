import sqlite3

import pytest
from sqlalchemy import text

from app.db import DatabaseError, open_database
from app.db.migrate import current_revision, head_revision


def test_upgrade_from_empty_creates_schema(tmp_path):
    db = open_database(tmp_path / "new.sqlite3")
    assert current_revision(db.engine) == head_revision()
    with db.session() as s:
        assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    # no backup for a brand-new file
    assert [p.name for p in tmp_path.iterdir() if "backup" in p.name] == []
    db.dispose()


@pytest.mark.postgres
def test_upgrade_on_postgresql(pg_db):
    assert current_revision(pg_db.engine) == head_revision()


def test_newer_database_is_refused_and_untouched(tmp_path):
    path = tmp_path / "newer.sqlite3"
    db = open_database(path)
    db.dispose()
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = 'ffff_future'")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="比本程序新"):
        open_database(path)
    assert path.read_bytes() == before


def test_upgrade_of_database_with_data_backs_up_first(tmp_path):
    from alembic import command
    from sqlalchemy import create_engine

    from app.db.migrate import _config
    from app.services import users

    path = tmp_path / "old.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    cfg = _config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.exec_driver_sql(
            "INSERT INTO app_user (login, full_name, title, role, password_hash, failed_attempts, active, created_at)"
            " VALUES ('old', '老用户', '', '系统管理员', ?, 0, 1, '2026-01-01 00:00:00')",
            (users.hash_password("secret123"),),
        )
    engine.dispose()
    db = open_database(path)
    assert current_revision(db.engine) == head_revision()
    backups = [p for p in tmp_path.iterdir() if "backup-before" in p.name]
    assert len(backups) == 1
    con = sqlite3.connect(backups[0])
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    con.close()
    assert users.sign_in(db, "old", "secret123").full_name == "老用户"
    db.dispose()
