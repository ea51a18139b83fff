"""One database: engine, sessionmaker, transactions, migrations and the calendar.

``Database.session(actor=...)`` is the only way code changes data: one call is
one transaction, committed when the block ends and rolled back on any error,
with every change audited under ``actor``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, sessionmaker

from app.db import audit_listener, migrate
from app.db.engine import WRITE_INTENT, is_network_path, make_engine, sqlite_path, to_url
from app.db.models import HolidayYear
from app.errors import DatabaseError
from app.services.search import index as search_index
from app.validation import guard as validation_guard


class Database:
    def __init__(self, url: URL) -> None:
        self.url = url
        self.engine: Engine = make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        validation_guard.install(self._sessions)  # before the audit: a refused value stages nothing
        audit_listener.install(self._sessions)
        search_index.install(self._sessions)  # search documents follow every flush
        self._calendar = None

    # -- description ------------------------------------------------------
    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.url)

    def describe(self) -> str:
        """A location to show the user (never the password)."""
        if self.path is not None:
            return str(self.path)
        return self.url.render_as_string(hide_password=True)

    def network_warning(self) -> str | None:
        path = self.path
        if path is not None and is_network_path(path):
            return (
                f"数据库文件位于网络共享位置（{path}）。SQLite 数据库放在网络驱动器上"
                "容易损坏，多台电脑共用请改用 PostgreSQL 服务器。"
            )
        return None

    # -- transactions -------------------------------------------------------
    @contextmanager
    def session(self, actor: str | None = None, action: str = "") -> Iterator[Session]:
        """One transaction.  Pass ``actor`` to write; ``action`` labels the audit rows."""
        token = WRITE_INTENT.set(actor is not None)
        session = self._sessions()
        if actor is not None:
            session.info["actor"] = actor
            if action:
                session.info["action"] = action
        try:
            yield session
            if actor is not None:
                session.commit()
            else:
                session.rollback()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()
            WRITE_INTENT.reset(token)

    # -- schema -------------------------------------------------------------
    def upgrade(self, backup: bool = True) -> migrate.UpgradeResult:
        """Bring the schema to the app's version (backing up an older SQLite file first)."""
        try:
            return migrate.upgrade(self.engine, self.path if backup else None)
        except migrate.NewerDatabaseError as exc:
            raise DatabaseError(str(exc)) from None

    # -- calendar -----------------------------------------------------------
    def calendar(self):
        """The working-day calendar with this database's entered years (cached)."""
        cal = self._calendar
        if cal is None:
            with self.session() as s:
                cal = build_calendar(s)
            self._calendar = cal
        return cal

    def invalidate_calendar(self) -> None:
        """Called after the holiday schedule changed."""
        self._calendar = None

    def today(self) -> dt.date:
        return dt.date.today()

    def dispose(self) -> None:
        self.engine.dispose()


def build_calendar(session: Session):  # noqa: ANN201
    """A WorkCalendar from the holiday years visible in ``session`` (flushed changes included)."""
    from app.calendar import WorkCalendar, YearSchedule

    schedules = [
        YearSchedule(
            y.year,
            frozenset(d.day for d in y.days if d.off),
            frozenset(d.day for d in y.days if not d.off),
            {d.day: d.name for d in y.days if d.name},
            confirmed=y.confirmed,
        )
        for y in session.scalars(select(HolidayYear))
    ]
    return WorkCalendar(schedules)


def check_location(url: URL, *, create: bool = True, create_folder: bool = False) -> None:
    """Refuse a SQLite location that is surely a mistake, before anything is created.

    A mistyped ``--db`` must not leave a new empty database (and folders) behind:
    only commands that create databases pass ``create_folder``; commands that
    read an existing register pass ``create=False``.
    """
    path = sqlite_path(url)
    if path is None:
        return
    if path.is_dir():
        raise DatabaseError(
            f"“{path}”是一个文件夹，不是数据库文件。请写出文件名，例如 {path / 'gongkai.sqlite3'}"
        )
    if not path.parent.is_dir():
        if not create_folder:
            raise DatabaseError(f"文件夹不存在：{path.parent}。请检查数据库路径（程序不会自动创建文件夹）。")
        path.parent.mkdir(parents=True, exist_ok=True)
    if not create and not path.exists():
        raise DatabaseError(f"找不到数据库文件：{path}。请检查数据库路径。")


def open_database(
    path_or_url: str | Path, upgrade: bool = True, *, create: bool = True, create_folder: bool = False
) -> Database:
    """Open (and migrate) a database; see :func:`check_location` for ``create``/``create_folder``."""
    url = to_url(path_or_url)
    check_location(url, create=create, create_folder=create_folder)
    db = Database(url)
    try:
        if upgrade:
            db.upgrade()
    except BaseException:
        db.dispose()
        raise
    return db
