"""依申请公开按期答复率 by month, for the 工作台's chart of the last twelve months.

A request counts in the month its outcome became known:
* answered (a reply date, so the clock module's ``on_time`` judgement is set: replied on or before
  the answer deadline — 补正 restarts, consultation and fee pauses and approved extensions
  included, as ``requests.clock`` computes it; a lapse closed as 逾期未补正/逾期未缴费 is on time):
  the month of the reply date, on time or late as judged;
* still open past its deadline (the register's own 已逾期 condition): the month the deadline
  passed, as late — an overdue request must pull the rate down before it is answered.
Withdrawn requests and requests not yet due count nowhere.  A month with nothing to count has no
rate (``None``), not 100%.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import case, func, select

from app.db import Database
from app.db.models import InfoRequest
from app.services.requests import queries

R = InfoRequest


@dataclass(frozen=True)
class MonthRate:
    year: int
    month: int
    on_time: int
    total: int

    @property
    def rate(self) -> float | None:
        """Percent, one decimal; None when no request came due or was answered that month."""
        return round(self.on_time * 100 / self.total, 1) if self.total else None

    @property
    def label(self) -> str:
        """Short enough for twelve labels side by side; the chart's title names the years."""
        return f"{self.month}月"


def span_text(months: list[MonthRate]) -> str:
    """2025年12月至2026年11月: the period a chart of ``months`` covers."""
    if not months:
        return ""
    first, last = months[0], months[-1]
    return f"{first.year}年{first.month}月至{last.year}年{last.month}月"


def month_starts(today: dt.date, months: int) -> list[dt.date]:
    """The first days of the ``months`` months ending with today's, oldest first."""
    out, y, m = [], today.year, today.month
    for _ in range(months):
        out.append(dt.date(y, m, 1))
        y, m = (y - 1, 12) if m == 1 else (y, m - 1)
    return out[::-1]


def monthly_rates(db: Database, today: dt.date | None = None, months: int = 12) -> list[MonthRate]:
    """One indexed range count per month on the reply date (no per-row date function, so SQLite
    and PostgreSQL both walk ``ix_info_request_reply_date`` once), plus the open overdue ones."""
    today = today or db.today()
    starts = month_starts(today, months)
    ends = [*starts[1:], today + dt.timedelta(days=1)]
    overdue = queries.count_predicates(today, today)["overdue"] & (R.due_date >= starts[0])
    good_case = func.sum(case((R.on_time.is_(True), 1), else_=0))
    totals: dict[dt.date, list[int]] = {}
    with db.session() as s:
        for first, after in zip(starts, ends, strict=True):
            n, good = s.execute(select(func.count(), good_case).where(
                R.reply_date >= first, R.reply_date < after, R.on_time.is_not(None))).one()
            totals[first] = [int(good or 0), int(n)]
        for (due,) in s.execute(select(R.due_date).where(overdue)):
            totals[dt.date(due.year, due.month, 1)][1] += 1
    return [MonthRate(d.year, d.month, *totals[d]) for d in starts]


__all__ = ["MonthRate", "month_starts", "monthly_rates", "span_text"]
