from pathlib import Path

from app.db import engine
from app.db.engine import is_network_path, to_url


def test_unc_paths_are_network():
    assert is_network_path(Path("//fileserver/share/gongkai.sqlite3"))
    assert is_network_path(Path("\\\\fileserver\\share\\gongkai.sqlite3"))


def test_network_mount_detected(monkeypatch, tmp_path):
    monkeypatch.setattr(engine, "_mount_fstype", lambda p: "cifs")
    assert is_network_path(tmp_path / "x.sqlite3")
    monkeypatch.setattr(engine, "_mount_fstype", lambda p: "ext4")
    assert not is_network_path(tmp_path / "x.sqlite3")


def test_urls():
    assert to_url("postgresql://u:p@h/db").drivername == "postgresql+psycopg"
    assert to_url("/tmp/a.sqlite3").get_backend_name() == "sqlite"


def test_network_warning_text(db, monkeypatch):
    monkeypatch.setattr("app.db.database.is_network_path", lambda p: True)
    assert "PostgreSQL" in db.network_warning()
