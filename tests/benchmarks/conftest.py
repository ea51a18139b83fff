"""Benchmarks run on purpose (``make bench``), never in ``make test`` (pytest does not recurse here).

Demo databases of 100,000 and 1,000,000 requests are generated once and cached
under ``$XDG_CACHE_HOME/gongkai-bench`` (or ``GONGKAI_BENCH_DIR``), never in the
repository; the generation time is reported when it happens.  A cached file is
upgraded like any database when the schema moved on.
"""

from __future__ import annotations

import os
import resource
import time
from pathlib import Path

import pytest

from app.db import open_database
from app.services import demo

SIZES = {"100k": 100_000, "1m": 1_000_000}


def cache_dir() -> Path:
    folder = Path(os.environ.get("GONGKAI_BENCH_DIR")
                  or Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "gongkai-bench")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def demo_db(requests: int) -> Path:
    path = cache_dir() / f"demo-{requests}-seed2026-v2.sqlite3"
    if not path.exists():
        tmp = path.with_suffix(".partial")
        for p in tmp.parent.glob(tmp.name + "*"):
            p.unlink()
        db = open_database(tmp)
        t = time.perf_counter()
        demo.create_demo(db, requests, 2026)
        seconds = time.perf_counter() - t
        db.dispose()
        tmp.rename(path)
        report(f"生成{requests:,}件演示数据", seconds, "s", 300 if requests >= 1_000_000 else 60)
    return path


@pytest.fixture(scope="session", params=list(SIZES))
def bench_db_path(request) -> Path:
    """The demo database of each size in turn (100k, then 1M)."""
    return demo_db(SIZES[request.param])


@pytest.fixture(scope="session")
def bench_100k() -> Path:
    return demo_db(SIZES["100k"])


def rss_mb() -> float:
    """Current resident memory (not the peak: flat-while-scrolling needs the present value)."""
    with open("/proc/self/statm", encoding="ascii") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20


def report(name: str, value: float, unit: str, limit: float, reference: str = "") -> None:
    ref = f"; {reference}" if reference else ""
    print(f"\n[bench] {name}: {value:.1f} {unit} (target ≤ {limit:g} {unit}{ref})")
