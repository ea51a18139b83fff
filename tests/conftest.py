"""Shared fixtures: isolated data folder, a fresh database per test, a PostgreSQL server."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text

from app.db import Database, open_database
from app.services import users
from tests.pg_server import PgServer, find_bindir

_counter = itertools.count()


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path, monkeypatch) -> None:
    """Never touch the real user data folder."""
    folder = tmp_path / "userdata"
    folder.mkdir()
    monkeypatch.setenv("GONGKAI_DATA_DIR", str(folder))


@pytest.fixture(autouse=True)
def _fast_password_hashing(monkeypatch) -> None:
    """The production scrypt cost (N=2^17, a few tenths of a second per hash) for every account
    a fixture creates would add minutes to the suite; tests of the real cost set it back."""
    monkeypatch.setattr(users, "SCRYPT_N", 2**10)


@pytest.fixture
def db(tmp_path) -> Iterator[Database]:
    database = open_database(tmp_path / "gongkai.sqlite3")
    yield database
    database.dispose()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    bindir = find_bindir()
    if bindir is None:
        if os.environ.get("CI"):
            pytest.fail("CI 必须运行 PostgreSQL 测试，但找不到 initdb（请安装 Debian 软件包 postgresql）")
        pytest.skip("找不到 PostgreSQL（initdb）：PostgreSQL 测试已跳过；安装 Debian 软件包 postgresql 后可运行")
    server = PgServer(bindir)
    try:
        server.start()
    except Exception as exc:  # noqa: BLE001
        server.stop()
        if os.environ.get("CI"):
            raise
        pytest.skip(f"无法启动 PostgreSQL 测试服务器：{exc}")
    yield server
    server.stop()


@pytest.fixture
def pg_db(pg_server) -> Iterator[Database]:
    name = f"gk_test_{os.getpid()}_{next(_counter)}"
    admin = create_engine(pg_server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    database = open_database(pg_server.url(name))
    yield database
    database.dispose()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_db(request) -> Database:
    """The same test against SQLite and a real PostgreSQL server."""
    return request.getfixturevalue("db" if request.param == "sqlite" else "pg_db")


@pytest.fixture
def admin(db) -> users.UserInfo:
    return users.create_first_admin(db, "admin", "王管理", "secret123", "secret123")


from tests.app.conftest_requests import clerk, head, office, registered  # noqa: E402,F401  (shared fixtures)
