"""Files kept with any record (complaint evidence, check and meeting scans, …), each with its SHA-256.

One table for every record type: ``record_type`` names the kind registered in
``app.services.attachments`` and ``record_id`` its row, so a new kind of record
gets attachments without a schema change.  The checksum is taken when the file
is added; a later mismatch means the stored bytes were changed behind the app.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, UTCDateTime, utcnow


class RecordAttachment(Base):
    __tablename__ = "record_attachment"
    __audit_name__ = "附件"
    __table_args__ = (Index("ix_record_attachment_record", "record_type", "record_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_type: Mapped[str] = mapped_column(String(40), info={"label": "记录种类"})
    record_id: Mapped[int] = mapped_column(Integer, info={"label": "所属记录"})
    filename: Mapped[str] = mapped_column(String(200), info={"label": "文件名"})
    size: Mapped[int] = mapped_column(Integer, info={"label": "大小（字节）"})
    sha256: Mapped[str] = mapped_column(String(64), info={"label": "校验值"})
    # deferred: listing a record's files never loads their contents
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True, info={"label": "文件内容"})
    note: Mapped[str] = mapped_column(Text, default="", info={"label": "说明"})
    added_by: Mapped[str] = mapped_column(String(100), info={"label": "添加人"})
    added_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, info={"label": "添加时间"})

    def audit_label(self) -> str:
        return f"{self.filename}（SHA-256 {self.sha256[:12]}…）"
