"""What the annual report (国办公开办函〔2021〕30号) needs beyond the request register.

* ``DisputeCase``: 行政复议 / 行政诉讼 cases about a request (table 四).
* ``ProactiveFigures``: the year's 主动公开 figures for table 二, entered by hand
  with a source note (a missing figure is NULL, not 0, so the report can say
  which ones are missing and refuse to finalise).
* ``ReportDraft``: the year's editable texts (sections 一、五、六) and the date
  sections must hand in their material (12月20日 by default, seed 002).
* ``AnnualReportVersion``: a finalised report, archived like an issued letter —
  the PDF, Word and Excel bytes with their SHA-256, the numbers, who and when;
  a reissue is a new version with its reason.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, UTCDateTime, utcnow
from app.db.models.requests import InfoRequest

RECONSIDERATION = "行政复议"
LAWSUIT = "行政诉讼"
CASE_KINDS = (RECONSIDERATION, LAWSUIT)
DIRECT_SUIT = "未经复议直接起诉"
SUIT_AFTER_REVIEW = "复议后起诉"
SUIT_ROUTES = (DIRECT_SUIT, SUIT_AFTER_REVIEW)
PENDING = "尚未审结"
CASE_RESULTS = ("结果维持", "结果纠正", "其他结果", PENDING)

# Tables 三 and the check read ranges of this narrow index (replied in or after the year; not
# replied): the requests closed in earlier years are never read, and no wide row is fetched
# (1,000,000 requests over ten years: well under the 2 s the report may take).
CLOSING_INDEX = Index("ix_info_request_closing", InfoRequest.reply_date, InfoRequest.withdrawn_date,
                      InfoRequest.received_date, InfoRequest.result_code, InfoRequest.state,
                      InfoRequest.applicant_type)
# 信息处理费 collected in a year (section 六) without reading the wide rows
FEE_INDEX = Index("ix_info_request_fee_paid", InfoRequest.fee_paid_date, InfoRequest.fee_amount)


class DisputeCase(Base):
    __tablename__ = "dispute_case"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("info_request.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # CASE_KINDS
    route: Mapped[str] = mapped_column(String(10), default="")  # SUIT_ROUTES for a lawsuit, "" for 复议
    case_number: Mapped[str] = mapped_column(String(60))
    body: Mapped[str] = mapped_column(String(100))  # 复议机关 or 法院
    filed_date: Mapped[dt.date] = mapped_column(Date, index=True)
    result: Mapped[str] = mapped_column(String(10), default=PENDING)
    decided_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    remarks: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    def audit_label(self) -> str:
        return f"{self.kind} {self.case_number}"


class ProactiveFigures(Base):
    __tablename__ = "proactive_figures"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    rules_made: Mapped[int | None] = mapped_column(Integer, nullable=True)
    rules_repealed: Mapped[int | None] = mapped_column(Integer, nullable=True)
    rules_current: Mapped[int | None] = mapped_column(Integer, nullable=True)
    norms_made: Mapped[int | None] = mapped_column(Integer, nullable=True)
    norms_repealed: Mapped[int | None] = mapped_column(Integer, nullable=True)
    norms_current: Mapped[int | None] = mapped_column(Integer, nullable=True)
    licensing: Mapped[int | None] = mapped_column(Integer, nullable=True)
    penalty: Mapped[int | None] = mapped_column(Integer, nullable=True)
    enforcement: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # 行政事业性收费 in 元 (shown as 万元 with four decimals): integers, never floats
    fees_yuan: Mapped[int | None] = mapped_column(Integer, nullable=True)
    source_note: Mapped[str] = mapped_column(Text, default="")

    def audit_label(self) -> str:
        return f"{self.year}年主动公开数据"


class ReportDraft(Base):
    __tablename__ = "annual_report_draft"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    overview: Mapped[str] = mapped_column(Text, default="")
    problems: Mapped[str] = mapped_column(Text, default="")
    other: Mapped[str] = mapped_column(Text, default="")
    material_due: Mapped[dt.date | None] = mapped_column(Date, nullable=True)

    def audit_label(self) -> str:
        return f"{self.year}年度报告草稿"


class AnnualReportVersion(Base):
    __tablename__ = "annual_report_version"
    __table_args__ = (UniqueConstraint("year", "version", name="uq_annual_report_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    version: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text, default="")
    numbers: Mapped[str] = mapped_column(Text)  # the --json form of the tables
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    pdf_sha256: Mapped[str] = mapped_column(String(64))
    docx: Mapped[bytes] = mapped_column(LargeBinary)
    docx_sha256: Mapped[str] = mapped_column(String(64))
    xlsx: Mapped[bytes] = mapped_column(LargeBinary)
    xlsx_sha256: Mapped[str] = mapped_column(String(64))
    finalised_by: Mapped[str] = mapped_column(String(100))
    finalised_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    def audit_label(self) -> str:
        return f"{self.year}年度报告 第{self.version}版（PDF SHA-256 {self.pdf_sha256[:12]}…）"
