"""一岗双责 督查: who holds which post (责任分工), the duty frequencies, and which duties were done.

Duties themselves are not stored: they follow from the post assignments, the
frequencies and the working-day calendar (app/services/supervision/duties.py),
so changing a post or a frequency changes the year's duties at once.  Only the
fact that a duty was done (and when) is a record of its own.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base, UTCDateTime, utcnow
from app.db.models.profile import Department
from app.db.models.users import User


class PostAssignment(Base):
    """One person in one post (主要负责人, or 分管负责人 for one 科室) for a range of days."""

    __tablename__ = "post_assignment"
    __table_args__ = (Index("ix_post_assignment_user", "user_id", "post"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="RESTRICT"))
    post: Mapped[str] = mapped_column(String(10))  # 主要负责人 | 分管负责人
    # the 科室 a 分管负责人 covers; None for the 主要负责人
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id", ondelete="RESTRICT"),
                                                      nullable=True)
    start_on: Mapped[dt.date] = mapped_column(Date)
    end_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)  # None: still in post
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    user: Mapped[User] = relationship()
    department: Mapped[Department | None] = relationship()

    def audit_label(self) -> str:
        area = f"（{self.department.name}）" if self.department is not None else ""
        name = self.user.full_name if self.user is not None else str(self.user_id)
        return f"责任分工：{name} {self.post}{area}"


class SupervisionSettings(Base):
    """A single row (id 1): how often each duty falls due, in months (3 = every quarter)."""

    __tablename__ = "supervision_settings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    check_months: Mapped[int] = mapped_column(Integer, default=3)  # 季度督查 by each 分管负责人
    meeting_months: Mapped[int] = mapped_column(Integer, default=6)  # 专题会议 by the 主要负责人

    def audit_label(self) -> str:
        return "督查频次设置"


class DutyCompletion(Base):
    """A duty (kind, holder, period) done on a day; the check or meeting record it came from, if any."""

    __tablename__ = "duty_completion"
    __table_args__ = (UniqueConstraint("kind", "user_id", "period", name="uq_duty_completion"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # 季度督查 | 专题会议
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="RESTRICT"))
    period: Mapped[str] = mapped_column(String(8))  # 2026Q1, 2026H2, 2026
    completed_on: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    def audit_label(self) -> str:
        return f"{self.kind} {self.period} 完成情况"


class ChecklistTemplateItem(Base):
    """One item of the 季度督查 checklist template (seed 001 gives the default items; the office edits them)."""

    __tablename__ = "checklist_template_item"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(60))
    hint: Mapped[str] = mapped_column(Text, default="")  # what to look at, shown beside the item

    def audit_label(self) -> str:
        return f"督查检查项目：{self.name}"


class SupervisionCheck(Base):
    """A 季度督查记录: one per 分管负责人 and period; the office's figures kept as saved (JSON snapshot)."""

    __tablename__ = "supervision_check"
    __table_args__ = (UniqueConstraint("holder_id", "period", name="uq_supervision_check_holder_period"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    holder_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="RESTRICT"))
    period: Mapped[str] = mapped_column(String(8))  # 2026Q1
    areas: Mapped[str] = mapped_column(String(400), default="")  # 科室 names, 、-separated, as checked
    department_ids: Mapped[str] = mapped_column(String(200), default="")  # their ids, comma-separated
    check_date: Mapped[dt.date] = mapped_column(Date)
    checker: Mapped[str] = mapped_column(String(60))  # 督查人 as printed
    participants: Mapped[str] = mapped_column(Text, default="")  # 参加人员
    problems: Mapped[str] = mapped_column(Text, default="")  # 发现的问题
    figures: Mapped[str] = mapped_column(Text, default="[]")  # snapshot: [{key, label, group, value}]
    figures_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)  # the day the snapshot was taken
    state: Mapped[str] = mapped_column(String(10))  # 草稿 | 已完成
    completed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    holder: Mapped[User] = relationship()
    items: Mapped[list[CheckItem]] = relationship(back_populates="check", cascade="all, delete-orphan",
                                                  order_by="CheckItem.position")

    def audit_label(self) -> str:
        return f"季度督查记录 {self.period}"


class CheckItem(Base):
    """One checklist line of a check: the item as it was in the template, a result and a note."""

    __tablename__ = "supervision_check_item"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    check_id: Mapped[int] = mapped_column(ForeignKey("supervision_check.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(60))
    result: Mapped[str] = mapped_column(String(10), default="")  # 符合 | 基本符合 | 不符合 | ''
    note: Mapped[str] = mapped_column(Text, default="")
    check: Mapped[SupervisionCheck] = relationship(back_populates="items")

    def audit_label(self) -> str:
        return f"督查检查项目：{self.name}"


class SupervisionMeeting(Base):
    """A 专题会议 record of the 主要负责人 for a period."""

    __tablename__ = "supervision_meeting"
    __table_args__ = (UniqueConstraint("holder_id", "period", name="uq_supervision_meeting_holder_period"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    holder_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="RESTRICT"))
    period: Mapped[str] = mapped_column(String(8))  # 2026H1
    meeting_date: Mapped[dt.date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(100))
    chair: Mapped[str] = mapped_column(String(60))
    attendees: Mapped[str] = mapped_column(Text)
    reports_heard: Mapped[str] = mapped_column(Text, default="")  # 听取汇报: which reports
    issues: Mapped[str] = mapped_column(Text, default="")  # 研究的问题
    decisions: Mapped[str] = mapped_column(Text, default="")  # 议定事项
    state: Mapped[str] = mapped_column(String(10))  # 草稿 | 已完成
    completed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    holder: Mapped[User] = relationship()

    def audit_label(self) -> str:
        return f"专题会议记录 {self.period}"
