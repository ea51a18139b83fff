"""Request numbers: ``{文号代字}〔{年}〕{序号}号`` with a gap-free sequence per year.

The sequence row is incremented with an upsert inside the transaction that
saves the request, so two desks saving at once are serialized by the database
(row lock on PostgreSQL, the write lock on SQLite) and a rolled-back save
leaves no gap.
"""

from __future__ import annotations

import re

from sqlalchemy import func
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.db.models import NumberSequence


def format_number(pattern: str, doc_code: str, year: int, seq: int) -> str:
    return pattern.replace("{文号代字}", doc_code).replace("{年}", str(year)).replace("{序号}", str(seq))


def _insert(session: Session):  # noqa: ANN202
    return (postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert)(
        NumberSequence
    )


def next_seq(session: Session, year: int) -> int:
    stmt = _insert(session).values(year=year, last=1)
    stmt = stmt.on_conflict_do_update(
        index_elements=["year"], set_={"last": NumberSequence.last + 1}
    ).returning(NumberSequence.last)
    return int(session.execute(stmt).scalar_one())


def bump_seq(session: Session, year: int, seq: int) -> None:
    """Make sure the sequence continues after an imported number."""
    greatest = func.greatest if session.get_bind().dialect.name == "postgresql" else func.max
    stmt = _insert(session).values(year=year, last=seq)
    stmt = stmt.on_conflict_do_update(
        index_elements=["year"], set_={"last": greatest(NumberSequence.last, stmt.excluded.last)}
    )
    session.execute(stmt)


def parse_number(pattern: str, doc_code: str, number: str) -> tuple[int, int] | None:
    """(year, seq) if ``number`` follows the pattern, else None."""
    regex = re.escape(pattern)
    regex = regex.replace(re.escape("{文号代字}"), re.escape(doc_code))
    regex = regex.replace(re.escape("{年}"), r"(?P<year>\d{4})").replace(re.escape("{序号}"), r"(?P<seq>\d+)")
    m = re.fullmatch(regex, number.strip())
    if not m:
        return None
    return int(m.group("year")), int(m.group("seq"))
