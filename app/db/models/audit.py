"""The audit trail: who changed what, written in the same transaction as the change.

Each row carries ``hash`` = SHA-256 over its canonical content and the previous
row's hash, so deleting, editing or inserting a row breaks the chain (等保 2.0
second level: audit records protected from deletion and alteration).  The
one-row ``audit_chain`` table holds the chain head (the last id and hash, taken
under a row lock so two desks never fork the chain) and the last row the
start-up check verified, so that check only reads newer rows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, UTCDateTime, utcnow

GENESIS = "0" * 64


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(100), index=True)
    entity: Mapped[str] = mapped_column(String(60), index=True)
    entity_id: Mapped[str] = mapped_column(String(60))
    action: Mapped[str] = mapped_column(String(60))
    # A readable label of the record (e.g. the request number), for people and search.
    summary: Mapped[str] = mapped_column(Text, default="")
    # {"field": [before, after], ...} as JSON: the full values, machine-readable.
    changes: Mapped[str] = mapped_column(Text, default="{}")
    hash: Mapped[str] = mapped_column(String(64), default="")


class AuditChain(Base):
    """The single chain-head row (id 1): appenders lock it; the start-up check remembers its progress."""

    __tablename__ = "audit_chain"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_id: Mapped[int] = mapped_column(Integer, default=0)
    last_hash: Mapped[str] = mapped_column(String(64), default=GENESIS)
    verified_id: Mapped[int] = mapped_column(Integer, default=0)
    verified_hash: Mapped[str] = mapped_column(String(64), default=GENESIS)


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def canonical_time(at: dt.datetime) -> str:
    """UTC with microseconds (2026-11-29T02:17:21.123456): what SQLite and PostgreSQL give back unchanged."""
    if at.tzinfo is not None:
        at = at.astimezone(dt.UTC).replace(tzinfo=None)
    return at.isoformat(timespec="microseconds")


def chain_hash(prev_hash: str, id_: int, at: dt.datetime, actor: str, entity: str, entity_id: str,
               action: str, summary: str, changes: str) -> str:
    """The row's link in the chain.  Any change to this function invalidates every stored hash."""
    return link_hash(prev_hash, id_, canonical_time(at), actor, entity, entity_id, action, summary, changes)


def link_hash(prev_hash: str, id_: int, at_text: str, actor: str, entity: str, entity_id: str,
              action: str, summary: str, changes: str) -> str:
    """``chain_hash`` with the time already canonical (the verifier's fast path over millions of rows)."""
    content = _ENCODER.encode([id_, at_text, actor, entity, entity_id, action, summary, changes])
    return hashlib.sha256((prev_hash + "\n" + content).encode("utf-8")).hexdigest()
