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
