"""The bureau's own details (机关信息) and its departments."""

from __future__ import annotations

from sqlalchemy import Boolean, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base

DEFAULT_NUMBER_PATTERN = "{文号代字}〔{年}〕{序号}号"


class AgencyProfile(Base):
    """A single row (id 1).  Letters, receipts and reports read it; nothing is hard-coded."""

    __tablename__ = "agency_profile"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    full_name: Mapped[str] = mapped_column(String(100), default="")
    doc_code: Mapped[str] = mapped_column(String(30), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    postcode: Mapped[str] = mapped_column(String(6), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    window_location: Mapped[str] = mapped_column(String(200), default="")
    window_hours: Mapped[str] = mapped_column(String(200), default="")
    disclosure_office: Mapped[str] = mapped_column(String(100), default="")
    reconsideration_body: Mapped[str] = mapped_column(String(100), default="")
    court: Mapped[str] = mapped_column(String(100), default="")
    answer_days: Mapped[int] = mapped_column(Integer, default=20)
    extension_days: Mapped[int] = mapped_column(Integer, default=20)
    fee_pauses_clock: Mapped[bool] = mapped_column(Boolean, default=True)
    number_pattern: Mapped[str] = mapped_column(String(60), default=DEFAULT_NUMBER_PATTERN)
    # 首问负责: working days a referred 科室 has for its result, and a 差评's rectification limit
    contact_result_days: Mapped[int] = mapped_column(Integer, default=5)
    rectification_days: Mapped[int] = mapped_column(Integer, default=15)

    def audit_label(self) -> str:
        return self.full_name or "机关信息"


class Department(Base):
    __tablename__ = "department"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    def audit_label(self) -> str:
        return self.name
