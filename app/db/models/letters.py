"""Issued letters (every version kept, byte for byte) and the office's edited templates."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, UTCDateTime, utcnow


class IssuedLetter(Base):
    __tablename__ = "issued_letter"
    __table_args__ = (UniqueConstraint("doc_number", name="uq_issued_letter_doc_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("info_request.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    title: Mapped[str] = mapped_column(String(60))
    version: Mapped[int] = mapped_column(Integer)
    # its own 发文字号 (NULL only for letters issued before letters were numbered)
    doc_number: Mapped[str | None] = mapped_column(String(60), nullable=True)
    # the consultation a 征求意见书/函 (or the applicant's notice) was issued for
    consultation_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    letter_date: Mapped[dt.date] = mapped_column(Date, index=True)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    issued_by: Mapped[str] = mapped_column(String(100))
    issued_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    # Set when the record it was issued from is corrected: the letter is 已过时, never changed.
    outdated_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    outdated_reason: Mapped[str] = mapped_column(Text, default="")

    def audit_label(self) -> str:
        return f"{self.title} 第{self.version}版（SHA-256 {self.sha256[:12]}…）"


class LetterTemplate(Base):
    __tablename__ = "letter_template"

    kind: Mapped[str] = mapped_column(String(30), primary_key=True)
    body: Mapped[str] = mapped_column(Text)

    def audit_label(self) -> str:
        return f"文书模板 {self.kind}"
