"""The matter catalogue (事项清单): matters, their immutable versions and the 备案 of every change.

A matter keeps its identity (name, 下架 state); its elements live in versions that
are never edited after they are written, so a one-time notice given from
version 3 still shows version 3 after the catalogue moved on.  Every version is
created by a 备案 record (seed 001 附件3 第四、五条): the reason, its basis, and
one change row per element with the value before and after.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base, UTCDateTime, utcnow


class Matter(Base):
    __tablename__ = "matter"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    current_version: Mapped[int] = mapped_column(Integer, default=1)
    retired: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    retired_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    versions: Mapped[list[MatterVersion]] = relationship(
        back_populates="matter", cascade="all, delete-orphan", order_by="MatterVersion.version"
    )

    def audit_label(self) -> str:
        return f"事项“{self.name}”"


class MatterVersion(Base):
    """One version of a matter's elements; written once, never changed."""

    __tablename__ = "matter_version"
    __table_args__ = (UniqueConstraint("matter_id", "version", name="uq_matter_version_matter_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    matter_id: Mapped[int] = mapped_column(ForeignKey("matter.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    effective_on: Mapped[dt.date] = mapped_column(Date)
    name: Mapped[str] = mapped_column(String(100))
    category: Mapped[str] = mapped_column(String(20))
    implementing_body: Mapped[str] = mapped_column(String(100))
    department: Mapped[str] = mapped_column(String(60))
    legal_basis: Mapped[str] = mapped_column(Text)
    conditions: Mapped[str] = mapped_column(Text)
    procedure: Mapped[str] = mapped_column(Text)
    fee_basis: Mapped[str] = mapped_column(Text, default="")
    fee_standard: Mapped[str] = mapped_column(Text, default="")
    statutory_days: Mapped[int] = mapped_column(Integer)
    promised_days: Mapped[int] = mapped_column(Integer)
    place: Mapped[str] = mapped_column(String(200))
    service_window: Mapped[str] = mapped_column(String(100), default="")
    hours: Mapped[str] = mapped_column(String(200))
    enquiry_phone: Mapped[str] = mapped_column(String(60))
    complaint_phone: Mapped[str] = mapped_column(String(60))
    # 公开要素 (seed 001 附件3 第三条)
    disclosure_content: Mapped[str] = mapped_column(Text)
    update_time: Mapped[str] = mapped_column(String(200))
    disclosure_subject: Mapped[str] = mapped_column(String(100))
    guarantee_unit: Mapped[str] = mapped_column(String(100), default="")
    disclosure_channel: Mapped[str] = mapped_column(String(200))
    disclosure_column: Mapped[str] = mapped_column(String(200), default="")
    disclosure_basis: Mapped[str] = mapped_column(Text, default="")
    audience: Mapped[str] = mapped_column(String(100))
    disclosure_method: Mapped[str] = mapped_column(String(20))

    matter: Mapped[Matter] = relationship(back_populates="versions")
    materials: Mapped[list[MatterMaterial]] = relationship(
        back_populates="version", cascade="all, delete-orphan", order_by="MatterMaterial.position"
    )

    def audit_label(self) -> str:
        return f"事项“{self.name}”第{self.version}版"


class MatterMaterial(Base):
    """One item of a version's 申请材料 list."""

    __tablename__ = "matter_material"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("matter_version.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    original: Mapped[str] = mapped_column(String(10))  # 原件 / 复印件 / 原件及复印件
    copies: Mapped[int] = mapped_column(Integer, default=1)
    medium: Mapped[str] = mapped_column(String(10))  # 纸质 / 电子 / 纸质或电子
    required: Mapped[bool] = mapped_column(Boolean, default=True)
    condition: Mapped[str] = mapped_column(Text, default="")  # 适用情形 when not always required
    requirement: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(200), default="")

    version: Mapped[MatterVersion] = relationship(back_populates="materials")

    def audit_label(self) -> str:
        return f"申请材料“{self.name}”"


class MatterFiling(Base):
    """备案: why a version was made (seed 001 附件3 第四条 reason, 调整依据) and by whom."""

    __tablename__ = "matter_filing"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    matter_id: Mapped[int] = mapped_column(ForeignKey("matter.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(10))  # 新增 / 调整 / 下架
    reason: Mapped[str] = mapped_column(String(20))
    basis: Mapped[str] = mapped_column(Text)
    filed_on: Mapped[dt.date] = mapped_column(Date)
    actor: Mapped[str] = mapped_column(String(100))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    changes: Mapped[list[MatterChange]] = relationship(
        back_populates="filing", cascade="all, delete-orphan", order_by="MatterChange.id"
    )

    def audit_label(self) -> str:
        return f"事项清单备案（{self.action}，第{self.version}版）"


class MatterChange(Base):
    """调整内容 and 调整后内容: one element, before → after."""

    __tablename__ = "matter_change"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    filing_id: Mapped[int] = mapped_column(ForeignKey("matter_filing.id", ondelete="CASCADE"), index=True)
    element: Mapped[str] = mapped_column(String(30))
    before: Mapped[str] = mapped_column(Text, default="")
    after: Mapped[str] = mapped_column(Text, default="")

    filing: Mapped[MatterFiling] = relationship(back_populates="changes")

    def audit_label(self) -> str:
        return f"调整{self.element}"
