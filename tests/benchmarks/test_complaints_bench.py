"""Issue 15 targets for the 投诉举报 register on a demo database with 10,000 complaints (the other registers'
targets): opening the tab shows first rows ≤ 300 ms; a search keystroke updates the list ≤ 100 ms (P95).

The database is ``gongkai demo --complaints 10000`` (named complaints sealed like real ones, every row
audited), generated once and cached like the other benchmark databases."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import pytest

from app.db import open_database
from app.services import demo, users
from tests.benchmarks.conftest import cache_dir, report
from ui.complaints.page import ComplaintsPage

COMPLAINTS = 10_000
QUERIES = ["态", "服务态度", "TS2025", "TS2024-00", "窗口", "zck", "赵窗口", "预算股", "材料", "补贴", "拖延",
           "意思一下", "村委会证明", "县市场监督管理局", "取号机", "国库", "tdsy", "钱科长", "公开", "无人维修"]


@pytest.fixture(scope="module")
def complaints_db() -> Path:
    path = cache_dir() / f"demo-complaints-{COMPLAINTS}-seed2026-v1.sqlite3"
    if not path.exists():
        tmp = path.with_suffix(".partial")
        for p in tmp.parent.glob(tmp.name + "*"):
            p.unlink()
        db = open_database(tmp)
        t = time.perf_counter()
        demo.create_demo(db, 0, 2026, contacts=0, complaints=COMPLAINTS)
        db.dispose()
        tmp.rename(path)
        report(f"生成{COMPLAINTS:,}件投诉举报演示数据", time.perf_counter() - t, "s", 120)
    return path


def _head(db):  # noqa: ANN001, ANN202
    info = users.sign_in(db, "sunju", "gongkai2026")  # a head: every complaint, no identity key
    return info.actor()


def _first_screen(page: ComplaintsPage) -> None:
    for r in range(min(30, page.model.rowCount())):
        for c in range(page.model.columnCount()):
            page.model.data(page.model.index(r, c))


def test_open_tab_first_rows(qtbot, complaints_db):
    db = open_database(complaints_db)
    actor = _head(db)
    times = []
    for _ in range(5):
        t = time.perf_counter()
        page = ComplaintsPage(db, actor)
        qtbot.addWidget(page)
        _first_screen(page)
        times.append((time.perf_counter() - t) * 1000)
        assert page.model.rowCount() > 0
    report("投诉举报页打开到首屏（10,000件）", statistics.median(times), "ms", 300)
    assert statistics.median(times) <= 300


def test_search_keystrokes(qtbot, complaints_db):
    db = open_database(complaints_db)
    page = ComplaintsPage(db, _head(db))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.model.busy, timeout=30_000)
    shown = [0]
    page.model.results_changed.connect(lambda: shown.__setitem__(0, shown[0] + 1))
    times = []
    for text in QUERIES * 2:
        before = shown[0]
        t = time.perf_counter()
        page.search.setText(text)
        qtbot.waitUntil(lambda b=before: shown[0] > b or not page.model.busy, timeout=20_000)
        _first_screen(page)
        times.append((time.perf_counter() - t) * 1000)
        qtbot.waitUntil(lambda: not page.model.busy, timeout=20_000)
    assert page.model.rowCount() > 0  # the last query (无人维修) matches the demo's 其他 complaints
    p95 = statistics.quantiles(times, n=20)[18]
    report("投诉举报搜索按键到首屏（P95，10,000件）", p95, "ms", 100)
    assert p95 <= 100
