"""Benchmarks run on purpose (``make bench``), never in ``make test``.

The 100,000-request demo database is generated once and cached (about a
minute); set GONGKAI_BENCH_DB to use another file.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.db import open_database
from app.services import demo

BENCH_REQUESTS = 100_000


def _cache_path() -> Path:
    env = os.environ.get("GONGKAI_BENCH_DB")
    if env:
        return Path(env)
    folder = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "gongkai-bench"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"demo-{BENCH_REQUESTS}-seed2026.sqlite3"


@pytest.fixture(scope="session")
def bench_db_path() -> Path:
    path = _cache_path()
    if not path.exists():
        tmp = path.with_suffix(".partial")
        for p in tmp.parent.glob(tmp.name + "*"):
            p.unlink()
        db = open_database(tmp)
        demo.create_demo(db, BENCH_REQUESTS, 2026)
        db.dispose()
        tmp.rename(path)
    return path


def report(name: str, value: float, unit: str, limit: float) -> None:
    print(f"\n[bench] {name}: {value:.1f} {unit} (target ≤ {limit} {unit})")
