"""Holiday schedules entered by the administrator for years the package does not know."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base, UTCDateTime, utcnow


class HolidayYear(Base):
    __tablename__ = "holiday_year"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    source: Mapped[str] = mapped_column(String(200), default="")
    entered_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    # A year missing some statutory holidays stays provisional (暂估) until an administrator confirms it.
    confirmed: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    days: Mapped[list[HolidayDay]] = relationship(
        back_populates="year_row", cascade="all, delete-orphan", order_by="HolidayDay.day"
    )

    def audit_label(self) -> str:
        return f"{self.year}年节假日安排（{len(self.days)}天）"


class HolidayDay(Base):
    __tablename__ = "holiday_day"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(ForeignKey("holiday_year.year", ondelete="CASCADE"), index=True)
    day: Mapped[dt.date] = mapped_column(Date, unique=True)
    off: Mapped[bool] = mapped_column(Boolean)
    name: Mapped[str] = mapped_column(String(40), default="")
    year_row: Mapped[HolidayYear] = relationship(back_populates="days")
