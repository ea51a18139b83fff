"""The search documents every register's text search reads (see app.services.search).

One row per searchable record: ``body`` is the normalised text of the record's
searchable fields plus the pinyin of names.  On SQLite two FTS5 tables index it
(created by migration 0008, not modelled here: virtual tables are not ORM
tables); on PostgreSQL a pg_trgm GIN index on ``body`` does.
"""

from __future__ import annotations

from sqlalchemy import Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base


class SearchDoc(Base):
    """Derived data, rewritten with its record in the same transaction; not audited itself."""

    __tablename__ = "search_doc"
    __table_args__ = (UniqueConstraint("kind", "record_id", name="uq_search_doc_kind_record"),)
    __audit_skip__ = True

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text, default="")
