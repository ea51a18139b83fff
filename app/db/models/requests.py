"""依申请公开 requests with their consultations, events and attachments."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base, UTCDateTime, utcnow


class InfoRequest(Base):
    __tablename__ = "info_request"
    __table_args__ = (
        UniqueConstraint("year", "seq", name="uq_info_request_year_seq"),
        Index("ix_info_request_state_due", "state", "due_date"),
        # the 督查 figures 补正 / 延期答复 count by these dates within a period, per 科室 (handler): covering
        Index("ix_info_request_correction", "correction_date", "handler"),
        Index("ix_info_request_extension", "extension_date", "handler"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(60), unique=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    seq: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # intake (第二十九条)
    channel: Mapped[str] = mapped_column(String(10))
    received_date: Mapped[dt.date] = mapped_column(Date, index=True)
    applicant_type: Mapped[str] = mapped_column(String(10), index=True)
    applicant_name: Mapped[str] = mapped_column(String(100))
    id_type: Mapped[str] = mapped_column(String(20), default="")
    id_number: Mapped[str] = mapped_column(String(40), default="", index=True)
    phone: Mapped[str] = mapped_column(String(40), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    postcode: Mapped[str] = mapped_column(String(6), default="")
    email: Mapped[str] = mapped_column(String(100), default="")
    contact_person: Mapped[str] = mapped_column(String(40), default="")
    content: Mapped[str] = mapped_column(Text)
    delivery_form: Mapped[str] = mapped_column(String(10), default="纸质")
    oral: Mapped[bool] = mapped_column(Boolean, default=False)
    filled_by: Mapped[str] = mapped_column(String(40), default="")
    remarks: Mapped[str] = mapped_column(Text, default="")
    # clock
    state: Mapped[str] = mapped_column(String(10), index=True)
    clock_start: Mapped[dt.date] = mapped_column(Date)
    due_date: Mapped[dt.date] = mapped_column(Date, index=True)
    due_provisional: Mapped[bool] = mapped_column(Boolean, default=False)
    handler: Mapped[str] = mapped_column(String(60), default="")
    # 补正 (第三十条)
    correction_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    correction_items: Mapped[str] = mapped_column(Text, default="")
    correction_deadline: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    correction_received: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    # the period runs from the day the applicant receives the notice (送达); until recorded,
    # correction_deadline is an estimate from the notice date
    correction_days: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    correction_delivered: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    correction_delivery_method: Mapped[str] = mapped_column(String(10), default="", server_default="")
    # extension (第三十三条第二款)
    extension_days: Mapped[int] = mapped_column(Integer, default=0)
    extension_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    extension_reason: Mapped[str] = mapped_column(Text, default="")
    extension_approver: Mapped[str] = mapped_column(String(60), default="")
    # fee (第四十二条, 109号)
    fee_method: Mapped[str] = mapped_column(String(10), default="")
    fee_quantity: Mapped[int] = mapped_column(Integer, default=0)
    fee_amount: Mapped[int] = mapped_column(Integer, default=0)
    fee_breakdown: Mapped[str] = mapped_column(Text, default="")
    fee_notice_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    fee_deadline: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    fee_paid_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    fee_delivered: Mapped[dt.date | None] = mapped_column(Date, nullable=True)  # 收费通知书送达日期
    fee_delivery_method: Mapped[str] = mapped_column(String(10), default="", server_default="")
    # pieces (件) this application counts for the per-piece fee (109号第四条), free or not
    piece_count: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # decision (第三十六条)
    result_code: Mapped[str] = mapped_column(String(5), default="", index=True)
    article: Mapped[str] = mapped_column(String(60), default="")
    reasons: Mapped[str] = mapped_column(Text, default="")
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    withheld: Mapped[str] = mapped_column(Text, default="")
    responsible_agency: Mapped[str] = mapped_column(String(100), default="")
    responsible_contact: Mapped[str] = mapped_column(String(100), default="")
    provided_docs: Mapped[str] = mapped_column(Text, default="")
    page_count: Mapped[int] = mapped_column(Integer, default=0)
    reply_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    signed_off_by: Mapped[str] = mapped_column(String(60), default="")
    on_time: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    # delivery (送达)
    service_method: Mapped[str] = mapped_column(String(10), default="")
    delivered_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    receiver: Mapped[str] = mapped_column(String(60), default="")
    tracking_number: Mapped[str] = mapped_column(String(40), default="")
    # closing
    withdrawn_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    archived_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    created_by: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    consultations: Mapped[list[Consultation]] = relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="Consultation.id"
    )
    events: Mapped[list[RequestEvent]] = relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="RequestEvent.id"
    )
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="Attachment.id"
    )

    def audit_label(self) -> str:
        return self.number


class Consultation(Base):
    """征求意见 (第三十二条 third party, 第三十四条 other agency): pauses the clock."""

    __tablename__ = "consultation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("info_request.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    party: Mapped[str] = mapped_column(String(100))
    sent_date: Mapped[dt.date] = mapped_column(Date)
    reply_due: Mapped[dt.date] = mapped_column(Date)
    reply_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    opinion: Mapped[str] = mapped_column(Text, default="")
    # the party's 15 working days run from receipt of the letter; reply_due is an estimate until then
    delivered_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    delivery_method: Mapped[str] = mapped_column(String(10), default="", server_default="")
    # 第十五条: the applicant's notice names a third party only if the office decides so
    disclose_party: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    request: Mapped[InfoRequest] = relationship(back_populates="consultations")

    def audit_label(self) -> str:
        return f"征求{self.party}意见"


class RequestEvent(Base):
    """The request's timeline: every action, who and when."""

    __tablename__ = "request_event"
    __audit_skip__ = True  # the timeline is itself a record of audited changes

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("info_request.id", ondelete="CASCADE"), index=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    day: Mapped[dt.date] = mapped_column(Date)
    actor: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text, default="")
    request: Mapped[InfoRequest] = relationship(back_populates="events")

    def audit_label(self) -> str:
        return self.kind


class Attachment(Base):
    """A scan kept with the request, with its SHA-256 so tampering shows."""

    __tablename__ = "attachment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("info_request.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(200))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    added_by: Mapped[str] = mapped_column(String(100))
    added_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    request: Mapped[InfoRequest] = relationship(back_populates="attachments")

    def audit_label(self) -> str:
        return f"{self.filename}（SHA-256 {self.sha256[:12]}…）"
