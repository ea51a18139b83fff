"""Rectification tasks (整改): one tracker shared by the 首问负责 tab and the supervision tab.

Engineer "supervision": this table and app/services/rectification.py are yours to extend;
the 首问负责 log (app/services/contacts) opens tasks with source_kind "contact".
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, UTCDateTime, utcnow


class RectificationTask(Base):
    __tablename__ = "rectification_task"
    __table_args__ = (
        Index("ix_rectification_task_source", "source_kind", "source_id"),
        Index("ix_rectification_task_state_due", "state", "due_date"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_kind: Mapped[str] = mapped_column(String(30))  # "contact", supervision findings …
    source_id: Mapped[int] = mapped_column(Integer)
    source_label: Mapped[str] = mapped_column(String(100), default="")  # e.g. 首问登记 SW2026-000012
    what: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(60), default="")  # 责任人
    department: Mapped[str] = mapped_column(String(60), default="")  # 责任科室
    opened_on: Mapped[dt.date] = mapped_column(Date)
    due_date: Mapped[dt.date] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(10))  # 整改中 → 已整改 → 已销号
    evidence: Mapped[str] = mapped_column(Text, default="")
    done_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    verified_by: Mapped[str] = mapped_column(String(60), default="")
    verified_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    def audit_label(self) -> str:
        return f"整改任务：{self.source_label or self.what[:20]}"
