"""The first-responder log (首问负责登记): one row per contact, its referral and follow-up.

Seeds 000 三(四) and 004 六: the first staff member asked is responsible to the end.
The referral's stages live on the entry itself (a referral has exactly one target,
one 接办, one result, one 回访 and, after a 差评's rectification, one second 回访),
so the register lists, filters and counts them with plain indexed columns.  The
due dates of 接办 and of the result are computed once when the referral is made
(working days, the office's limit at that moment) and stored: "overdue" is then
``state = … AND due < today``, an index lookup even over years of entries.
Corrections after the day of entry are ``record_correction`` rows plus a
``ContactEvent``, never silent overwrites (the log is evidence).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base, UTCDateTime, utcnow


class ContactEntry(Base):
    __tablename__ = "contact_entry"
    __table_args__ = (
        UniqueConstraint("year", "seq", name="uq_contact_entry_year_seq"),
        Index("ix_contact_entry_state_accept_due", "state", "accept_due"),
        Index("ix_contact_entry_state_result_due", "state", "result_due"),
        Index("ix_contact_entry_responder_state", "responder_id", "state"),
        Index("ix_contact_entry_department_state", "department_id", "state"),
        Index("ix_contact_entry_contact_at", "contact_at"),  # the log's order: first screen without a sort
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(60), unique=True)
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    # wall-clock time of the contact as the clerk records it (local, no time zone)
    contact_at: Mapped[dt.datetime] = mapped_column(DateTime)
    day: Mapped[dt.date] = mapped_column(Date, index=True)
    channel: Mapped[str] = mapped_column(String(10))  # 方式
    person: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    matter_id: Mapped[int | None] = mapped_column(ForeignKey("matter.id", ondelete="SET NULL"), nullable=True)
    matter_name: Mapped[str] = mapped_column(String(100), default="")
    category: Mapped[str] = mapped_column(String(10), index=True)  # 类别
    question: Mapped[str] = mapped_column(Text)
    responder_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"), nullable=True)
    responder: Mapped[str] = mapped_column(String(40), index=True)  # full name as printed
    outcome: Mapped[str] = mapped_column(String(20), index=True)  # 处理方式
    answer: Mapped[str] = mapped_column(Text, default="")  # what was answered or done on the spot
    # referral: a 科室 of this office, or another agency
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id", ondelete="SET NULL"),
                                                      nullable=True)
    referred_to: Mapped[str] = mapped_column(String(100), default="")  # 转至: 科室 or agency name
    referred_person: Mapped[str] = mapped_column(String(60), default="")  # person / contact there
    referred_how: Mapped[str] = mapped_column(String(200), default="")  # how it was passed on
    accept_due: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    result_due: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    accepted_by: Mapped[str] = mapped_column(String(60), default="")
    accepted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    result: Mapped[str] = mapped_column(Text, default="")
    result_day: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    # 回访 (and the second one after a 差评's rectification)
    followup_day: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    followup_how: Mapped[str] = mapped_column(String(10), default="")
    rating: Mapped[str] = mapped_column(String(10), default="", index=True)
    followup_words: Mapped[str] = mapped_column(Text, default="")
    followup2_day: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    rating2: Mapped[str] = mapped_column(String(10), default="")
    followup2_words: Mapped[str] = mapped_column(Text, default="")
    rectification_id: Mapped[int | None] = mapped_column(
        ForeignKey("rectification_task.id", ondelete="SET NULL"), nullable=True)
    notice_id: Mapped[int | None] = mapped_column(ForeignKey("notice.id", ondelete="SET NULL"), nullable=True)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("info_request.id", ondelete="SET NULL"),
                                                   nullable=True)
    state: Mapped[str] = mapped_column(String(10), index=True)
    closed_day: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    created_by: Mapped[str] = mapped_column(String(100))  # the acting account (may log for a colleague)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    events: Mapped[list[ContactEvent]] = relationship(
        back_populates="entry", cascade="all, delete-orphan", order_by="ContactEvent.id")

    def audit_label(self) -> str:
        return f"首问登记 {self.number}"


class ContactEvent(Base):
    """The entry's timeline: 登记, 接办, 办理结果, 回访, 更正 … (who, when, what)."""

    __tablename__ = "contact_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("contact_entry.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text, default="")
    actor: Mapped[str] = mapped_column(String(100))
    day: Mapped[dt.date] = mapped_column(Date)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    entry: Mapped[ContactEntry] = relationship(back_populates="events")

    def audit_label(self) -> str:
        return f"首问登记事件：{self.kind}"
