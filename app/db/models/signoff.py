"""The 签批 queue: something a clerk prepared, waiting for a head to approve or return it.

Generic on purpose: ``kind`` names a registered sign-off kind (app/services/signoff.py),
``record_id`` the record it acts on, and ``payload`` holds everything the clerk typed as
typed JSON, so approval applies exactly what was submitted.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, UTCDateTime, utcnow

PENDING = "待签批"
APPROVED = "已批准"
RETURNED = "已退回"
WITHDRAWN = "已撤回"
SIGNOFF_STATES = (PENDING, APPROVED, RETURNED, WITHDRAWN)


class SignoffItem(Base):
    __tablename__ = "signoff_item"
    __table_args__ = (Index("ix_signoff_item_kind_record", "kind", "record_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))
    record_id: Mapped[int] = mapped_column(Integer)
    record_label: Mapped[str] = mapped_column(String(100), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    payload: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(10), index=True, default=PENDING)
    submitted_by: Mapped[str] = mapped_column(String(100))
    submitter_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    submitted_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    submitted_day: Mapped[dt.date] = mapped_column(Date)
    decided_by: Mapped[str] = mapped_column(String(100), default="")
    decided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    decided_day: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    comment: Mapped[str] = mapped_column(Text, default="")
    # A returned item stays in the submitter's 我的待办 until they resubmit or dismiss it.
    acknowledged: Mapped[bool] = mapped_column(Boolean, default=False)

    def audit_label(self) -> str:
        return f"签批事项{self.id}（{self.record_label}）"
