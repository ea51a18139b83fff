"""Attachments for any kind of record: one way to take in a file, checksum it, store it and give it back.

Why one mechanism: complaint evidence, the scans of a 督查 check or a meeting, and
the papers of a request all need the same guarantees — the size refused before the
file is read, a name that cannot disguise itself (direction overrides, control
characters), the SHA-256 taken on the way in so later tampering shows, an audited
insert, and the reader's rights checked at the moment of asking.  A module that
wants attachments registers its record type once with the rights that govern it
and a function telling whether a record exists; nothing else about the record is
known here, so there is no import from the modules that use it.

Requests keep their own table (their attachments predate this one) but take files
in through :func:`read_file` and check them with :func:`intact`, so the rules live
only here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db import Database
from app.db.models import RecordAttachment
from app.services.actor import Actor
from app.services.errors import NotFound, ServiceError, ValidationError
from app.services.rights import Right, require
from app.validation import Invalid
from app.validation.files import stored_name
from app.validation.text import clean_text

MAX_BYTES = 50 * 1024 * 1024
MAX_NOTE = 200


@dataclass(frozen=True)
class RecordType:
    """How one kind of record governs its attachments."""

    key: str
    label: str  # what the record is called in messages, e.g. 投诉举报
    read_right: Right
    add_right: Right
    exists: Callable[[Session, int], bool]


@dataclass
class AttachmentInfo:
    """One attachment as listed (never its bytes)."""

    id: int
    filename: str
    size: int
    sha256: str
    note: str
    added_by: str
    added_at: dt.datetime


@dataclass(frozen=True)
class IncomingFile:
    """A file read and checked, ready to store: the same for every table that keeps files."""

    name: str
    data: bytes
    sha256: str


_TYPES: dict[str, RecordType] = {}


def register_record_type(record_type: str, label: str, read_right: Right, add_right: Right,
                         exists: Callable[[Session, int], bool]) -> RecordType:
    """Called once by the module owning ``record_type`` (at import); re-registering replaces it."""
    entry = RecordType(record_type, label, read_right, add_right, exists)
    _TYPES[record_type] = entry
    return entry


def _lookup(key: str) -> RecordType:
    try:
        return _TYPES[key]
    except KeyError:
        raise ServiceError("这类记录没有附件功能") from None


def size_text(size: int) -> str:
    """大小 as people read it: 812 字节, 35 KB, 4.2 MB."""
    if size < 1024:
        return f"{size} 字节"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def read_file(path: Path, limit: int = MAX_BYTES) -> IncomingFile:
    """Read a file someone chose: size checked before reading (a 1 GiB file is refused without
    loading it), at most ``limit`` + 1 bytes read in case it grew since, SHA-256 taken, name cleaned."""
    too_big = f"附件不能超过{limit // 1024 // 1024}MB"
    try:
        if not path.is_file():
            raise ValidationError({"file": f"找不到文件或不是文件：{path.name}"})
        if path.stat().st_size > limit:
            raise ValidationError({"file": too_big})
        with path.open("rb") as f:
            data = f.read(limit + 1)
    except OSError as exc:
        raise ValidationError({"file": f"无法读取文件：{exc.strerror or type(exc).__name__}"}) from None
    if len(data) > limit:
        raise ValidationError({"file": too_big})
    return IncomingFile(stored_name(path.name), data, hashlib.sha256(data).hexdigest())


def intact(data: bytes, sha256: str) -> bool:
    """True while the stored bytes still match the checksum taken when they came in."""
    return hashlib.sha256(data).hexdigest() == sha256


def verified(data: bytes, sha256: str, what: str) -> bytes:
    """An issued document's stored bytes, given out only while they match the checksum taken at issue
    (文书, 告知书: a reprint is the original or nothing); ``what`` names the document in the refusal."""
    if not intact(data, sha256):
        raise ServiceError(f"{what}内容与出具时的校验值不一致，可能已被篡改")
    return data


def _note(note: str) -> str:
    try:
        return clean_text(note, MAX_NOTE)
    except Invalid as exc:
        raise ValidationError({"note": str(exc)}) from None


def add(db: Database, actor: Actor, record_type: str, record_id: int, path: Path, note: str = "") -> int:
    """添加附件: the file is read and checked before the transaction, so a refused file stores nothing."""
    kind = _lookup(record_type)
    incoming = read_file(path)
    text = _note(note)
    with db.session(actor=actor.label, action="添加附件") as s:
        require(s, actor, kind.add_right)
        if not kind.exists(s, record_id):
            raise NotFound(f"该{kind.label}不存在")
        row = RecordAttachment(record_type=kind.key, record_id=record_id, filename=incoming.name,
                               size=len(incoming.data), sha256=incoming.sha256, data=incoming.data, note=text,
                               added_by=actor.full_name or actor.label)
        s.add(row)
        s.flush()
        return row.id


def listing(db: Database, actor: Actor, record_type: str, record_id: int) -> list[AttachmentInfo]:
    """The record's files in the order added, without loading their contents."""
    kind = _lookup(record_type)
    with db.session() as s:
        require(s, actor, kind.read_right)
        rows = s.execute(
            select(RecordAttachment.id, RecordAttachment.filename, RecordAttachment.size, RecordAttachment.sha256,
                   RecordAttachment.note, RecordAttachment.added_by, RecordAttachment.added_at)
            .where(RecordAttachment.record_type == kind.key, RecordAttachment.record_id == record_id)
            .order_by(RecordAttachment.id))
        return [AttachmentInfo(*r) for r in rows]


def count(db: Database, record_type: str, record_ids: list[int]) -> dict[int, int]:
    """How many files each record has (for a list column); records without files are absent."""
    if not record_ids:
        return {}
    with db.session() as s:
        rows = s.execute(select(RecordAttachment.record_id, func.count())
                         .where(RecordAttachment.record_type == record_type,
                                RecordAttachment.record_id.in_(record_ids))
                         .group_by(RecordAttachment.record_id))
        return {rid: n for rid, n in rows}


def _load(s: Session, actor: Actor, attachment_id: int) -> RecordAttachment:
    row = s.get(RecordAttachment, attachment_id)
    if row is None:
        raise NotFound("附件不存在")
    require(s, actor, _lookup(row.record_type).read_right)
    return row


def content(db: Database, actor: Actor, attachment_id: int) -> tuple[str, bytes, bool]:
    """(filename, bytes, checksum_ok) — checksum_ok is False if the bytes were changed since they came in."""
    with db.session() as s:
        row = _load(s, actor, attachment_id)
        return row.filename, row.data, intact(row.data, row.sha256)


def verify(db: Database, actor: Actor, record_type: str, record_id: int) -> dict[int, bool]:
    """Checksum of every file of the record, one file in memory at a time (the panel runs it off the UI thread)."""
    out: dict[int, bool] = {}
    for info in listing(db, actor, record_type, record_id):
        out[info.id] = content(db, actor, info.id)[2]
    return out
