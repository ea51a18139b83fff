"""The yearly 100-point assessment (百分制考核, seed 001 附件5, seed 002): items, 科室, scores, notices.

Scores are stored in tenths of a point (an ``Integer``) so 59.5 is exact on every
database and sums never drift; the service turns them into points.  The grade
is never stored while scoring goes on — it follows from the scores and the
责任追究 ledger — and is fixed only when the result notice is issued.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base, UTCDateTime, utcnow
from app.db.models.profile import Department


class AssessmentItem(Base):
    """One item of a year's template (组织机构 …) with its weight (full marks) and scoring rule."""

    __tablename__ = "assessment_item"
    __table_args__ = (Index("ix_assessment_item_year", "year", "ordinal"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    ordinal: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(40))
    weight: Mapped[int] = mapped_column(Integer)  # whole points; a year's weights sum to 100
    rule: Mapped[str] = mapped_column(Text, default="")  # 评分标准 as the office writes it
    # which of the app's own figures inform this item (a default item's key; "" for the office's own items)
    figure_key: Mapped[str] = mapped_column(String(20), default="")

    def audit_label(self) -> str:
        return f"{self.year}年度考核项目：{self.name}"


class AssessmentUnit(Base):
    """A 科室 taking part in a year's assessment (局领导 and the like do not)."""

    __tablename__ = "assessment_unit"
    __table_args__ = (UniqueConstraint("year", "department_id", name="uq_assessment_unit"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id", ondelete="RESTRICT"))
    department: Mapped[Department] = relationship()

    def audit_label(self) -> str:
        return f"{self.year}年度参加考核的科室：{self.department.name if self.department else self.department_id}"


class AssessmentScore(Base):
    """One 科室's 自评分 and 考核分 for one item, each with its reason (tenths of a point)."""

    __tablename__ = "assessment_score"
    __table_args__ = (UniqueConstraint("item_id", "department_id", name="uq_assessment_score"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("assessment_item.id", ondelete="RESTRICT"))
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id", ondelete="RESTRICT"), index=True)
    self_tenths: Mapped[int | None] = mapped_column(Integer, nullable=True)
    self_reason: Mapped[str] = mapped_column(Text, default="")
    self_by: Mapped[str] = mapped_column(String(100), default="")
    score_tenths: Mapped[int | None] = mapped_column(Integer, nullable=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    scored_by: Mapped[str] = mapped_column(String(100), default="")
    item: Mapped[AssessmentItem] = relationship()
    department: Mapped[Department] = relationship()

    def audit_label(self) -> str:
        who = self.department.name if self.department else self.department_id
        what = self.item.name if self.item else self.item_id
        return f"考核评分：{who} {what}"


class AssessmentNotice(Base):
    """The result notice (考核结果通报) of one 科室 for a year: the figures and grade as notified."""

    __tablename__ = "assessment_notice"
    __table_args__ = (UniqueConstraint("year", "department_id", name="uq_assessment_notice"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id", ondelete="RESTRICT"))
    notified_on: Mapped[dt.date] = mapped_column(Date)
    items_tenths: Mapped[int] = mapped_column(Integer)  # sum of the items' 考核分
    deduction_tenths: Mapped[int] = mapped_column(Integer)  # from the 责任追究 ledger
    total_tenths: Mapped[int] = mapped_column(Integer)
    grade: Mapped[str] = mapped_column(String(10))
    task_id: Mapped[int | None] = mapped_column(ForeignKey("rectification_task.id", ondelete="SET NULL"),
                                                nullable=True)  # 不合格: the rectification plan
    notified_by: Mapped[str] = mapped_column(String(100))
    # 文号 of the 考核结果通知, assigned when the result is notified ("" for notices issued before
    # notices were numbered: those print as they were first issued, without one)
    number: Mapped[str] = mapped_column(String(60), default="", server_default="", info={"label": "文号"})
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    department: Mapped[Department] = relationship()

    def audit_label(self) -> str:
        who = self.department.name if self.department else self.department_id
        return f"{self.year}年度考核结果通报：{who}"
