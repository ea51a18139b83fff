"""Staff accounts and roles."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base, UTCDateTime, utcnow
from app.db.models.profile import Department


class Role(enum.StrEnum):
    """Roles, ordered by authority for the sign-off rules (see ``rank``)."""

    CLERK = "窗口工作人员"
    SECTION_HEAD = "科室负责人"
    LEADER = "分管领导/主要负责人"
    INSPECTOR = "监督检查人员"
    ADMIN = "系统管理员"

    @property
    def can_approve(self) -> bool:
        """科室负责人 or above may approve extensions and sign off withholding decisions."""
        return self in (Role.SECTION_HEAD, Role.LEADER, Role.ADMIN)


class User(Base):
    __tablename__ = "app_user"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    login: Mapped[str] = mapped_column(String(40), unique=True)
    full_name: Mapped[str] = mapped_column(String(40))
    department_id: Mapped[int | None] = mapped_column(
        ForeignKey("department.id", ondelete="SET NULL"), nullable=True
    )
    title: Mapped[str] = mapped_column(String(40), default="")
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(300))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Set when an administrator creates the account or resets its password: the person
    # chooses their own at the next sign-in, so the administrator never knows it.
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    department: Mapped[Department | None] = relationship()

    def audit_label(self) -> str:
        return f"{self.full_name}（{self.login}）"
