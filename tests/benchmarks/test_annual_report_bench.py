"""Annual report on 1,000,000 requests over 10 years: building it takes ≤ 2 s (issue 17).

The data is generated once with plain SQL inserts (the demo generator's full
life-cycle simulation would take far too long for a million rows) and cached
next to the demo benchmark database; every NOT NULL column gets its model
default, so the rows are what the app would store.
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
import time
from pathlib import Path

import pytest

from app.db import open_database
from app.db.models import InfoRequest
from app.domain import taxonomy
from app.domain.vocab import APPLICANT_TYPES, State
from app.services.annual_report import report
from tests.benchmarks.conftest import cache_dir, demo_db
from tests.benchmarks.conftest import report as bench_report

N = 1_000_000
YEARS = range(2016, 2026)
LIMIT_S = 2.0


def _cache() -> Path:
    return cache_dir() / f"annual-{N}.sqlite3"


def _generate(path: Path) -> None:
    db = open_database(path)  # migrated schema, indexes included
    db.dispose()
    table = InfoRequest.__table__
    rng = random.Random(17)
    leaves = [leaf.code for leaf in taxonomy.LEAVES]
    names = [c.name for c in table.columns if c.name != "id"]
    fixed = {c.name: c.default.arg for c in table.columns
             if c.default is not None and not callable(c.default.arg)}
    now = dt.datetime(2026, 1, 1).isoformat(" ")
    first = dt.date(YEARS[0], 1, 1)
    span = (dt.date(YEARS[-1], 12, 31) - first).days
    per_year: dict[int, int] = {}

    def row(i: int) -> tuple:
        received = first + dt.timedelta(days=rng.randrange(span))
        seq = per_year[received.year] = per_year.get(received.year, 0) + 1
        fate = rng.random()
        closed = received + dt.timedelta(days=rng.choice((3, 15, 25, 40, 120, 400)))
        values = dict(fixed)
        values.update(number=f"B{received.year}-{seq}", year=received.year, seq=seq, channel="当面提交",
                      received_date=received.isoformat(), applicant_type=rng.choice(APPLICANT_TYPES),
                      applicant_name=f"申请人{i}", content="申请公开预算", clock_start=received.isoformat(),
                      due_date=(received + dt.timedelta(days=28)).isoformat(), created_at=now,
                      state=State.PROCESSING.value, reply_date=None, withdrawn_date=None, result_code="")
        if fate < 0.05 and closed.year >= 2025:
            pass  # still open
        elif fate < 0.12:
            values.update(state=State.WITHDRAWN.value, withdrawn_date=closed.isoformat())
        else:
            values.update(state=State.ANSWERED.value, reply_date=closed.isoformat(), result_code=rng.choice(leaves))
        return tuple(values.get(n) for n in names)

    con = sqlite3.connect(path)
    sql = f"INSERT INTO info_request ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
    for start in range(0, N, 50_000):
        con.executemany(sql, (row(i) for i in range(start, min(N, start + 50_000))))
    con.commit()
    con.execute("ANALYZE")
    con.close()


@pytest.fixture(scope="module")
def million(tmp_path_factory) -> Path:
    path = _cache()
    if not path.exists():
        tmp = path.with_suffix(".partial")
        if tmp.exists():
            tmp.unlink()
        _generate(tmp)
        tmp.rename(path)
    return path


@pytest.mark.benchmark
def test_report_on_a_million_requests_within_2_seconds(million):
    db = open_database(million)
    try:
        report.build(db, 2025)  # first read of a cold file is the disk, not the report
        times = []
        for year in (2025, 2020):
            start = time.perf_counter()
            r = report.build(db, year, today=dt.date(2026, 11, 29))
            times.append(time.perf_counter() - start)
            assert r.table3.adds_up
        total = sum(r.table3.rows["本年新收"][6] for r in [report.build(db, y, dt.date(2026, 11, 29))
                                                         for y in YEARS])
        assert total == N
    finally:
        db.dispose()
    bench_report("年度报告（100万件申请，10年）", max(times), "s", LIMIT_S)
    assert max(times) <= LIMIT_S


@pytest.mark.benchmark
def test_report_on_the_million_request_demo_database_within_2_seconds():
    """The same on the demo generator's 1,000,000 requests (full life cycles, real-looking rows)."""
    db = open_database(demo_db(1_000_000))
    try:
        report.build(db, 2025)  # first read of a cold file is the disk, not the report
        start = time.perf_counter()
        r = report.build(db, 2025)
        seconds = time.perf_counter() - start
        assert r.table3.adds_up and r.breaches == []
    finally:
        db.dispose()
    bench_report("年度报告（演示数据库100万件申请）", seconds, "s", LIMIT_S)
    assert seconds <= LIMIT_S
