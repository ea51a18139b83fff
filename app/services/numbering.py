"""Document numbers for every kind of record: gap-free per kind and year, a pattern per kind.

One mechanism serves requests (申请编号), letters (发文字号), one-time notices,
first-responder entries, complaints and any later register.  A kind registers
itself once with a default pattern; the office may change the pattern (a
setting).  The counter row ``(kind, year)`` is incremented with an upsert inside
the transaction that saves the record, so two desks saving at once are
serialised by the database (row lock on PostgreSQL, the write lock on SQLite)
and a rolled-back save leaves no gap.

Patterns use the placeholders ``{文号代字}`` (the office's document code from
机关信息), ``{年}`` and ``{序号}``; ``{序号}`` may carry a width, ``{序号:3}``
(zero-padded to 3 digits).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.db.models import NumberPattern, NumberSequence
from app.services.errors import ValidationError

MAX_SEQ = 999_999  # six digits: beyond any office's yearly volume, and fits every integer column


@dataclass(frozen=True)
class NumberKind:
    """A kind of numbered record.  ``profile_field`` names an 机关信息 field that holds the pattern."""

    key: str
    label: str  # what the user sees, e.g. "申请编号"
    default_pattern: str
    profile_field: str = ""


_KINDS: dict[str, NumberKind] = {}


def register_kind(key: str, label: str, default_pattern: str, profile_field: str = "") -> NumberKind:
    """Declare a numbered kind (idempotent; modules call this at import time)."""
    check_pattern(default_pattern)
    kind = NumberKind(key, label, default_pattern, profile_field)
    _KINDS[key] = kind
    return kind


def kinds() -> list[NumberKind]:
    return list(_KINDS.values())


def kind(key: str) -> NumberKind:
    try:
        return _KINDS[key]
    except KeyError:
        raise ValueError(f"unknown number kind {key!r}") from None



# -- patterns -----------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\{(文号代字|年|序号)(?::(\d))?\}")


def check_pattern(pattern: str) -> str:
    """Return the pattern or raise ValidationError with a message a clerk can act on."""
    p = pattern.strip()
    if not p:
        raise ValidationError({"pattern": "编号格式不能为空"})
    if len(p) > 60:
        raise ValidationError({"pattern": "编号格式不能超过60个字"})
    names = [m.group(1) for m in _PLACEHOLDER.finditer(p)]
    if "年" not in names or "序号" not in names:
        raise ValidationError({"pattern": "编号格式必须包含“{年}”和“{序号}”两个位置"})
    if len(names) != len(set(names)):
        raise ValidationError({"pattern": "编号格式中每个位置只能出现一次"})
    leftover = _PLACEHOLDER.sub("", p)
    if "{" in leftover or "}" in leftover:
        raise ValidationError({"pattern": "编号格式中只能使用“{文号代字}”“{年}”“{序号}”三个位置"})
    return p


def format_number(pattern: str, doc_code: str, year: int, seq: int) -> str:
    def sub(m: re.Match[str]) -> str:
        name, width = m.group(1), m.group(2)
        if name == "文号代字":
            return doc_code
        if name == "年":
            return str(year)
        return str(seq).zfill(int(width)) if width else str(seq)

    return _PLACEHOLDER.sub(sub, pattern)


def normalise(number: str) -> str:
    """NFKC (full-width digits and letters to ASCII), spaces removed; brackets kept as typed."""
    text = unicodedata.normalize("NFKC", number).strip()
    # NFKC turns 〔〕 into themselves but （） into (); keep the office's own brackets comparable.
    return re.sub(r"\s+", "", text)


def parse_number(pattern: str, doc_code: str, number: str) -> tuple[int, int] | None:
    """(year, seq) if ``number`` follows the pattern, else None.

    Full-width digits, spaces and leading zeros are accepted, so "01号", "1号" and
    "１号" are the same number: collisions are compared as numbers, not text.
    """
    parts: list[str] = []
    pos = 0
    for m in _PLACEHOLDER.finditer(pattern):
        parts.append(re.escape(normalise(pattern[pos : m.start()])))
        name = m.group(1)
        if name == "文号代字":
            parts.append(re.escape(normalise(doc_code)))
        elif name == "年":
            parts.append(r"(?P<year>\d{4})")
        else:
            parts.append(r"(?P<seq>\d{1,12})")
        pos = m.end()
    parts.append(re.escape(normalise(pattern[pos:])))
    m = re.fullmatch("".join(parts), normalise(number))
    if not m:
        return None
    return int(m.group("year")), int(m.group("seq"))


def pattern_for(session: Session, key: str) -> str:
    """The office's pattern for a kind (its setting, else the default)."""
    k = kind(key)
    if k.profile_field:
        from app.db.models import AgencyProfile

        profile = session.get(AgencyProfile, 1)
        value = getattr(profile, k.profile_field, "") if profile is not None else ""
        return value or k.default_pattern
    row = session.get(NumberPattern, key)
    return row.pattern if row is not None else k.default_pattern


def set_pattern(session: Session, key: str, pattern: str) -> None:
    """Change a kind's pattern inside the caller's (audited) transaction."""
    k = kind(key)
    p = check_pattern(pattern)
    if k.profile_field:
        from app.db.models import AgencyProfile

        profile = session.get(AgencyProfile, 1)
        if profile is None:
            raise ValidationError({"pattern": "请先填写机关信息"})
        setattr(profile, k.profile_field, p)
        return
    row = session.get(NumberPattern, key)
    if row is None:
        session.add(NumberPattern(kind=key, pattern=p))
    else:
        row.pattern = p


REQUEST = register_kind("request", "申请编号", "{文号代字}〔{年}〕{序号}号", profile_field="number_pattern")


# -- counters -------------------------------------------------------------------


def _insert(session: Session):  # noqa: ANN202
    return (postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert)(
        NumberSequence
    )


def next_seq(session: Session, key: str, year: int) -> int:
    """The next sequence number of ``key`` in ``year``, reserved in the caller's transaction."""
    kind(key)
    stmt = _insert(session).values(kind=key, year=year, last=1)
    stmt = stmt.on_conflict_do_update(
        index_elements=["kind", "year"], set_={"last": NumberSequence.last + 1}
    ).returning(NumberSequence.last).execution_options(audited=True)
    seq = int(session.execute(stmt).scalar_one())
    _audit(session, key, year, seq - 1 if seq > 1 else None, seq)
    if seq > MAX_SEQ:
        raise ValidationError({"number": f"{year}年的{kind(key).label}已用完（最多{MAX_SEQ}个）"})
    return seq


def next_seqs(session: Session, key: str, year: int, count: int) -> int:
    """Reserve ``count`` consecutive sequence numbers in one statement (bulk import); returns the first."""
    kind(key)
    stmt = _insert(session).values(kind=key, year=year, last=count)
    stmt = stmt.on_conflict_do_update(
        index_elements=["kind", "year"], set_={"last": NumberSequence.last + count}
    ).returning(NumberSequence.last).execution_options(audited=True)
    last = int(session.execute(stmt).scalar_one())
    first = last - count + 1
    _audit(session, key, year, first - 1 if first > 1 else None, last)
    if last > MAX_SEQ:
        raise ValidationError({"number": f"{year}年的{kind(key).label}已用完（最多{MAX_SEQ}个）"})
    return first


def bump_seq(session: Session, key: str, year: int, seq: int) -> None:
    """Make sure the sequence continues after an explicitly given (imported) number."""
    kind(key)
    before = session.scalar(
        select(NumberSequence.last).where(NumberSequence.kind == key, NumberSequence.year == year)
    )
    if before is not None and before >= seq:
        return
    greatest = func.greatest if session.get_bind().dialect.name == "postgresql" else func.max
    stmt = _insert(session).values(kind=key, year=year, last=seq)
    stmt = stmt.on_conflict_do_update(
        index_elements=["kind", "year"], set_={"last": greatest(NumberSequence.last, stmt.excluded.last)}
    ).execution_options(audited=True)
    session.execute(stmt)
    _audit(session, key, year, before, seq)


def _audit(session: Session, key: str, year: int, before: int | None, after: int) -> None:
    """The counter moves by a Core upsert, which the flush does not see: record it in the 操作日志."""
    from app.services import audit

    row = {"kind": key, "year": year}
    audit.record_row(session, NumberSequence.__table__, None if before is None else {**row, "last": before},
                     {**row, "last": after}, label=f"{year}年{kind(key).label}")


def next_number(session: Session, key: str, year: int, doc_code: str | None = None) -> tuple[str, int]:
    """Reserve and format the next number: ``(number, seq)``."""
    if doc_code is None:
        from app.db.models import AgencyProfile

        profile = session.get(AgencyProfile, 1)
        doc_code = profile.doc_code if profile is not None else ""
    seq = next_seq(session, key, year)
    return format_number(pattern_for(session, key), doc_code, year, seq), seq


def last_seq(session: Session, key: str, year: int) -> int:
    """The last number issued (0 if none), for display and tests."""
    value = session.scalar(
        select(NumberSequence.last).where(NumberSequence.kind == key, NumberSequence.year == year)
    )
    return int(value or 0)
