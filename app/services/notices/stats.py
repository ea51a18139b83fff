"""Statistics for the head: where the one-time-notice duty works and where it fails.

Notices per matter and per clerk; the materials most often missing (a sign the
办事指南 is unclear about them); and repeat notices — the same person (name and
phone) given a second notice for the same matter, which means the first one did
not tell everything at once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from app.db import Database
from app.db.models import Notice, NoticeItem


@dataclass(frozen=True)
class NoticeStats:
    total: int
    by_matter: list[tuple[str, int]]
    by_clerk: list[tuple[str, int]]
    by_state: dict[str, int]
    top_missing: list[tuple[str, int]]
    repeat_pairs: list[tuple[str, str, int]]  # (applicant, matter, notices) with notices ≥ 2
    repeat_notices: int  # notices beyond the first for the same person and matter

    @property
    def repeat_rate(self) -> float:
        """Share of notices that were a second (or later) notice for the same person and matter."""
        return self.repeat_notices / self.total if self.total else 0.0


def statistics(db: Database, start: dt.date | None = None, end: dt.date | None = None,
               top: int = 10) -> NoticeStats:
    """Counts for notices dated ``start``..``end`` (inclusive; open ends mean all)."""
    conds = []
    if start is not None:
        conds.append(Notice.notice_date >= start)
    if end is not None:
        conds.append(Notice.notice_date <= end)
    n = func.count(Notice.id)
    with db.session() as s:
        def grouped(col):  # noqa: ANN001, ANN202
            return [(k, c) for k, c in s.execute(select(col, n).where(*conds).group_by(col)
                                                 .order_by(n.desc(), col))]

        total = s.scalar(select(func.count(Notice.id)).where(*conds)) or 0
        by_matter = grouped(Notice.matter_name)
        by_clerk = grouped(Notice.clerk)
        by_state = dict(grouped(Notice.state))
        items = func.count(NoticeItem.id)
        top_missing = [(k, c) for k, c in s.execute(
            select(NoticeItem.material_name, items).join(Notice, Notice.id == NoticeItem.notice_id).where(*conds)
            .group_by(NoticeItem.material_name).order_by(items.desc(), NoticeItem.material_name).limit(top))]
        pairs = s.execute(select(func.min(Notice.applicant_name), Notice.matter_name, n).where(*conds)
                          .group_by(Notice.person_key, Notice.matter_id, Notice.matter_name).having(n > 1)
                          .order_by(n.desc(), Notice.matter_name)).all()
    repeat_pairs = [(a, m, c) for a, m, c in pairs]
    return NoticeStats(total, by_matter, by_clerk, by_state, top_missing, repeat_pairs,
                       sum(c - 1 for _, _, c in repeat_pairs))
