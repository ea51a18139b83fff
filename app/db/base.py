"""Declarative base with a constraint naming convention.

Named constraints are what lets Alembic's batch mode rebuild SQLite tables
reliably, and keeps PostgreSQL and SQLite schemas identical.
"""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from sqlalchemy import DateTime, MetaData, TypeDecorator
from sqlalchemy.orm import DeclarativeBase, Session

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Timestamps stored as naive UTC, returned as aware UTC on every backend."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


R = TypeVar("R", bound="Base")


def settings_row(session: Session, model: type[R]) -> R:
    """The one row (id 1) of a settings table — 机关信息, 督查频次 … — created with its column defaults the
    first time it is written, so a new office needs no setup step before its first save."""
    row = session.get(model, 1)
    if row is None:
        row = model(id=1)
        session.add(row)
    return row


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
