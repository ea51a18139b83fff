"""One-time notices (一次性告知书) given at the counter, with what was missing and the printed PDF.

The notice points at the matter version it was given from, and keeps its own
copy of each missing item's name and requirement, so neither a later catalogue
change nor a deleted material alters what the applicant was told.  The PDF is
stored with its SHA-256 and reprinted byte for byte.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base, UTCDateTime, utcnow


class Notice(Base):
    __tablename__ = "notice"
    __table_args__ = (
        UniqueConstraint("year", "seq", name="uq_notice_year_seq"),
        Index("ix_notice_person_matter", "person_key", "matter_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(60), unique=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    seq: Mapped[int] = mapped_column(Integer)
    notice_date: Mapped[dt.date] = mapped_column(Date, index=True)
    applicant_name: Mapped[str] = mapped_column(String(100))
    contact_phone: Mapped[str] = mapped_column(String(40))
    # normalised name + phone: the same person coming back for the same matter
    person_key: Mapped[str] = mapped_column(String(160))
    matter_id: Mapped[int] = mapped_column(ForeignKey("matter.id"), index=True)
    matter_version_id: Mapped[int] = mapped_column(ForeignKey("matter_version.id"))
    matter_name: Mapped[str] = mapped_column(String(100))
    matter_version: Mapped[int] = mapped_column(Integer)
    clerk: Mapped[str] = mapped_column(String(100), index=True)  # full name as printed
    clerk_label: Mapped[str] = mapped_column(String(100))  # the acting account
    clerk_phone: Mapped[str] = mapped_column(String(60))
    state: Mapped[str] = mapped_column(String(10), index=True)
    completed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    closed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    request_id: Mapped[int | None] = mapped_column(
        ForeignKey("info_request.id", ondelete="SET NULL"), nullable=True, index=True
    )
    remarks: Mapped[str] = mapped_column(Text, default="")
    # the items as one line ("营业执照（不符合要求）；章程"), written once at issue: the register shows it
    missing: Mapped[str] = mapped_column(Text, default="")
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    items: Mapped[list[NoticeItem]] = relationship(
        back_populates="notice", cascade="all, delete-orphan", order_by="NoticeItem.position"
    )

    def audit_label(self) -> str:
        return f"一次性告知书 {self.number}"


class NoticeItem(Base):
    """A material the notice lists: 缺少 or 不符合要求 (with the reason)."""

    __tablename__ = "notice_item"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    notice_id: Mapped[int] = mapped_column(ForeignKey("notice.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    material_id: Mapped[int | None] = mapped_column(
        ForeignKey("matter_material.id", ondelete="SET NULL"), nullable=True
    )
    material_name: Mapped[str] = mapped_column(String(200), index=True)
    problem: Mapped[str] = mapped_column(String(10))  # 缺少 / 不符合要求
    reason: Mapped[str] = mapped_column(Text, default="")
    requirement: Mapped[str] = mapped_column(Text, default="")

    notice: Mapped[Notice] = relationship(back_populates="items")

    def audit_label(self) -> str:
        return f"{self.problem}：{self.material_name}"
