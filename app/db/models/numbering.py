"""Number counters and patterns shared by every numbered kind of record (see app.services.numbering)."""

from __future__ import annotations

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base


class NumberSequence(Base):
    """The last number used per kind and year; incremented inside the saving transaction."""

    __tablename__ = "number_sequence"

    kind: Mapped[str] = mapped_column(String(30), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last: Mapped[int] = mapped_column(Integer, default=0)

    def audit_label(self) -> str:
        return f"{self.year}年{self.kind}编号序列"


class NumberPattern(Base):
    """The office's own number pattern for a kind (absent: the kind's default)."""

    __tablename__ = "number_pattern"

    kind: Mapped[str] = mapped_column(String(30), primary_key=True)
    pattern: Mapped[str] = mapped_column(String(60))

    def audit_label(self) -> str:
        return f"{self.kind}编号格式"
