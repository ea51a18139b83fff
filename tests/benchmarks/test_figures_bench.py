"""督查 figures on the 100,000-request demo database: the 补正 and 延期答复 counts of a quarter come from
their covering indexes (migration 0023), not a scan of every request.

Before 0023 each of the two counts read the whole table (25–60 ms at 100k, ten times that at 1M,
and a check's figures are counted for every 科室 it covers); with the index each is a range read of
the quarter's few hundred rows.  The whole quarter's figure set is reported beside it for reference.
"""

from __future__ import annotations

import calendar
import datetime as dt
import statistics
import time
from pathlib import Path

from sqlalchemy import func, select

from app.db import open_database
from app.db.models import Department, InfoRequest
from app.services.supervision import figures as fg
from tests.benchmarks.conftest import report

LIMIT_MS = 5.0  # per count: an index range read; a scan of 100,000 rows is 25 ms and more


def _quarter(today: dt.date) -> tuple[dt.date, dt.date]:
    """The current quarter (the demo's 补正 and 延期 are recent)."""
    first = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    end = first.month + 2
    return first, dt.date(today.year, end, calendar.monthrange(today.year, end)[1])


def test_correction_and_extension_figures_use_their_index(bench_100k: Path) -> None:
    db = open_database(bench_100k)
    try:
        today = db.today()
        first, last = _quarter(today)
        with db.session() as s:
            one = [s.scalar(select(Department.id).order_by(Department.id).limit(1))]
            for key in ("corrections", "extensions"):
                for label, depts in (("全局", None), ("一个科室", one)):
                    sc = fg._scope(s, first, last, depts, today)
                    stmt = select(func.count()).select_from(InfoRequest).where(*fg.SPECS[key].where(sc))
                    s.scalar(stmt)  # warm
                    times = []
                    for _ in range(20):
                        t = time.perf_counter()
                        s.scalar(stmt)
                        times.append((time.perf_counter() - t) * 1000)
                    ms = statistics.median(times)
                    report(f"督查数据“{fg.SPECS[key].label}”（{label}，100,000件申请）", ms, "ms", LIMIT_MS)
                    assert ms <= LIMIT_MS
        times = []
        for _ in range(3):
            t = time.perf_counter()
            fg.figures(db, first, last, one, today)
            times.append((time.perf_counter() - t) * 1000)
        report("一个季度全部督查数据（一个科室，参考）", statistics.median(times), "ms", 1000)
    finally:
        db.dispose()
