"""Corrections of saved records: one row per corrected field, kept as evidence.

Generic: ``record_type`` is a type registered in app/services/corrections.py
("request", later notices, complaints...), ``field`` the corrected field or the
undone action.  The record's own timeline gets a readable event as well.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, UTCDateTime, utcnow


class RecordCorrection(Base):
    __tablename__ = "record_correction"
    __table_args__ = (Index("ix_record_correction_record", "record_type", "record_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_type: Mapped[str] = mapped_column(String(30))
    record_id: Mapped[int] = mapped_column(Integer)
    field: Mapped[str] = mapped_column(String(60))
    label: Mapped[str] = mapped_column(String(60))
    before: Mapped[str] = mapped_column(Text, default="")
    after: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(Text)
    consequences: Mapped[str] = mapped_column(Text, default="")
    actor: Mapped[str] = mapped_column(String(100))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    day: Mapped[dt.date] = mapped_column(Date)

    def audit_label(self) -> str:
        return f"更正{self.label}"
