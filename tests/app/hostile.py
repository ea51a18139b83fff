"""Shared pieces of the hostile-input suites: what a database looks like, hostile strings."""

from __future__ import annotations

import re

from hypothesis import strategies as st
from sqlalchemy import text

from app.db import Database
from app.db.base import Base

CJK = re.compile(r"[\u4e00-\u9fff]")

NASTY = [
    "", " ", "\t", "\r\n", "\x00", "\x07", "\x1b[31m", "\u202e", "\u200b", "\ufeff", "\ud800", "\U0001f600",
    "𠀀", "䶮", "²", "１２３", "１３８００００００００", "Ｘ", "=1+1", "+1", "-1", "@SUM(A1)", "=HYPERLINK(\"x\")",
    "'; DROP TABLE info_request; --", "%s%s%s", "{0}", "../../etc/passwd", "C:\\CON", "NUL", "x" * 5000,
    "张" * 101, "9" * 20, "1e309", "NaN", "-0", "0x1F", "2026-02-30", "9999-12-31", "0001-01-01", "1999-12-31",
    "2025年3月3日", "２０２５－０３－０３", "11010519491231002X", "1101051949123100²X", "110105194912310021",
    "91350100M000100Y43", "13800000000", "0591-87654321转123", "87654321", "a@b.cn", "a@b", "350000",
    "X财公开〔2025〕1号", "X财公开〔2025〕01号", "X财公开〔２０２５〕１号", "X财公开〔9999〕1号",
    "X财公开〔2025〕12345678901234567890号",
]

hostile_text = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=12),
    st.builds(lambda a, b: a + b, st.sampled_from(NASTY), st.text(max_size=8)),
)


def snapshot(db: Database) -> dict[str, int]:
    """Row count of every table — one query — to show a refusal changed nothing."""
    names = sorted(Base.metadata.tables)
    sql = " UNION ALL ".join(f"SELECT '{n}', COUNT(*) FROM {n}" for n in names)
    with db.engine.connect() as conn:
        counts = dict(conn.execute(text(sql)).all())
        counts["__sequence__"] = conn.execute(text("SELECT COALESCE(SUM(last), 0) FROM number_sequence")).scalar_one()
    return counts


def chinese(message: str) -> bool:
    return bool(CJK.search(message)) and "Traceback" not in message
