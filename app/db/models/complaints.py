"""投诉举报 (complaints and reports about the office's own staff) and the 责任追究 ledger.

Seeds 000 六 and 004 二/四.  The complainant's identity (name, ID number, phone,
address, the phone given for a reply) is held only in ``identity``: AES-GCM
ciphertext sealed to the office's complaint key (see
``app.services.complaints.identity``).  The column is marked
``info={"audit": "confidential"}`` so the automatic audit writes （保密）, never
the ciphertext.  Due dates are computed when the complaint is registered,
accepted or extended and stored, so "overdue" is an indexed comparison.
"""

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
)
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, UTCDateTime, utcnow

CONFIDENTIAL = {"audit": "confidential"}


class ComplaintSettings(Base):
    """The office's one row of complaint settings (time limits, ladder, who may see identities)."""

    __tablename__ = "complaint_settings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    accept_days: Mapped[int] = mapped_column(Integer, default=15)  # tell whether accepted (信访工作条例 §31)
    result_days: Mapped[int] = mapped_column(Integer, default=60)  # result after acceptance (§34)
    extension_max_days: Mapped[int] = mapped_column(Integer, default=30)
    working_days: Mapped[bool] = mapped_column(Boolean, default=False)  # calendar days unless set
    near_due_days: Mapped[int] = mapped_column(Integer, default=3)
    ladder_preset: Mapped[str] = mapped_column(String(40), default="")
    section_points: Mapped[int] = mapped_column(Integer, default=5)  # 科室目标责任制 deduction
    head_points: Mapped[int] = mapped_column(Integer, default=10)  # 科室负责人年度考评 deduction
    viewer_ids: Mapped[str] = mapped_column(String(400), default="")  # users named to see identities
    public_key: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)  # X25519, not secret

    def audit_label(self) -> str:
        return "投诉举报设置"

class ComplaintKeyWrap(Base):
    """The complaint key, wrapped for one authorised user under a scrypt key from their password."""

    __tablename__ = "complaint_key_wrap"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), unique=True)
    salt: Mapped[bytes] = mapped_column(LargeBinary, info={"audit": "secret"})
    scrypt_n: Mapped[int] = mapped_column(Integer)
    nonce: Mapped[bytes] = mapped_column(LargeBinary, info={"audit": "secret"})
    wrapped: Mapped[bytes] = mapped_column(LargeBinary, info={"audit": "secret"})
    granted_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    def audit_label(self) -> str:
        return "查看投诉举报人身份的密钥"  # whose: the 用户 column, named by the log

class Complaint(Base):
    __tablename__ = "complaint"
    __table_args__ = (
        UniqueConstraint("year", "seq", name="uq_complaint_year_seq"),
        Index("ix_complaint_state_due", "state", "due"),
        Index("ix_complaint_list", "anonymous", "received_on"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(60), unique=True)
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    received_on: Mapped[dt.date] = mapped_column(Date, index=True)
    channel: Mapped[str] = mapped_column(String(10))
    assigned_body: Mapped[str] = mapped_column(String(100), default="")  # 上级交办: the body
    assigned_due: Mapped[dt.date | None] = mapped_column(Date, nullable=True)  # its reply deadline
    contact_entry_id: Mapped[int | None] = mapped_column(
        ForeignKey("contact_entry.id", ondelete="SET NULL"), nullable=True)  # 转自首问
    anonymous: Mapped[bool] = mapped_column(Boolean)
    identity: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True, info=CONFIDENTIAL)
    wants_reply: Mapped[bool] = mapped_column(Boolean, default=False)
    reply_how: Mapped[str] = mapped_column(String(10), default="")
    target_user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"),
                                                       nullable=True)
    target_person: Mapped[str] = mapped_column(String(40), default="")
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id", ondelete="SET NULL"),
                                                      nullable=True)
    target_department: Mapped[str] = mapped_column(String(100), default="")
    category: Mapped[str] = mapped_column(String(20))
    facts: Mapped[str] = mapped_column(Text)
    happened: Mapped[str] = mapped_column(String(200), default="")  # time and place as told
    taken_by: Mapped[str] = mapped_column(String(40))
    taken_place: Mapped[str] = mapped_column(String(100), default="")
    state: Mapped[str] = mapped_column(String(10), index=True)
    due: Mapped[dt.date | None] = mapped_column(Date, nullable=True)  # the running deadline
    # 受理 decision
    decision: Mapped[str] = mapped_column(String(20), default="")
    decision_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    other_body: Mapped[str] = mapped_column(String(100), default="")
    # investigation and findings
    investigation: Mapped[str] = mapped_column(String(20), default="")
    approved_by: Mapped[str] = mapped_column(String(60), default="")
    finding: Mapped[str] = mapped_column(String(10), default="")
    finding_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    measures: Mapped[str] = mapped_column(Text, default="")
    report: Mapped[str] = mapped_column(Text, default="")
    extension_days: Mapped[int] = mapped_column(Integer, default=0)
    extension_approved_by: Mapped[str] = mapped_column(String(60), default="")
    # 反馈
    feedback_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    feedback_how: Mapped[str] = mapped_column(String(10), default="")
    feedback_words: Mapped[str] = mapped_column(Text, default="")
    feedback_response: Mapped[str] = mapped_column(Text, default="")
    # 上级交办: the day the 办理结果报告 was first issued (报送日期); a reprint is dated this day, not the print day
    report_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True, info={"label": "报送日期"})
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    def audit_label(self) -> str:
        return f"投诉举报{self.number}"


class LadderStep(Base):
    """One step of a 责任追究 ladder preset: data an office may edit, never code."""

    __tablename__ = "accountability_step"
    __table_args__ = (UniqueConstraint("preset", "ordinal", name="uq_accountability_step"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    preset: Mapped[str] = mapped_column(String(40))
    ordinal: Mapped[int] = mapped_column(Integer)  # the nth 属实 record of the person in the year
    measure: Mapped[str] = mapped_column(Text)
    person_points: Mapped[int] = mapped_column(Integer, default=0)

    def audit_label(self) -> str:
        return f"责任追究方案{self.preset}第{self.ordinal}次"

class AccountabilityRecord(Base):
    """A 责任追究 (or 表扬) entry of the ledger, per appraisal year."""

    __tablename__ = "accountability_record"
    __table_args__ = (Index("ix_accountability_year_person", "year", "person_user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # 责任追究 / 表扬
    year: Mapped[int] = mapped_column(Integer, index=True)  # appraisal year
    complaint_id: Mapped[int | None] = mapped_column(ForeignKey("complaint.id", ondelete="SET NULL"),
                                                     nullable=True)
    person_user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"),
                                                       nullable=True)
    person: Mapped[str] = mapped_column(String(40), default="")
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id", ondelete="SET NULL"),
                                                      nullable=True)
    department: Mapped[str] = mapped_column(String(100), default="")
    ordinal: Mapped[int] = mapped_column(Integer, default=0)  # step of the ladder (0 for 表扬)
    measure: Mapped[str] = mapped_column(Text)
    person_points: Mapped[int] = mapped_column(Integer, default=0)
    section_points: Mapped[int] = mapped_column(Integer, default=0)
    head_points: Mapped[int] = mapped_column(Integer, default=0)
    reason: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(10))  # 待确认 / 已确认
    confirmed_by: Mapped[str] = mapped_column(String(60), default="")
    confirmed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    # 文号 of the 责任追究决定, assigned when the record is confirmed ("" for 表扬 and records confirmed
    # before decisions were numbered: those print as they were first issued, without one)
    number: Mapped[str] = mapped_column(String(60), default="", server_default="", info={"label": "文号"})
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    def audit_label(self) -> str:
        who = self.person or self.department
        return f"{self.year}年度{self.kind}（{who}）" + (f"{self.number}" if self.number else "")
