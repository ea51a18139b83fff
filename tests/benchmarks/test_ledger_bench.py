"""Issue 12 target: importing a 10,000-row ledger takes ≤ 3× the floor measured in the same run —
reading the same file with openpyxl and inserting its rows with one executemany into a plain table."""

from __future__ import annotations

import datetime as dt
import sqlite3
import time

from openpyxl import Workbook, load_workbook

from app.db import open_database
from app.services import profile, users
from app.services.requests import ledger
from tests.benchmarks.conftest import report


def _floor(path, tmp_path) -> float:
    """The least any import must do: read every cell, write every row once."""
    t = time.perf_counter()
    wb = load_workbook(path, read_only=True, data_only=True)
    rows = [tuple(None if v is None else str(v) for v in r) for r in wb["台账"].iter_rows(min_row=2, values_only=True)]
    wb.close()
    conn = sqlite3.connect(tmp_path / "floor.sqlite3")
    conn.execute(f"CREATE TABLE t ({', '.join(f'c{i} TEXT' for i in range(len(ledger.COLUMNS)))})")
    with conn:
        conn.executemany(f"INSERT INTO t VALUES ({', '.join('?' * len(ledger.COLUMNS))})", rows)
    conn.close()
    return time.perf_counter() - t


def test_import_10000_rows(tmp_path):
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("台账")
    ws.append(ledger.COLUMNS)
    for i in range(10_000):
        day = dt.date(2025, 1, 2) + dt.timedelta(days=i % 300)
        ws.append(["", day, "当面提交", "自然人", f"申请人{i % 3000}", "护照", f"E{i:07d}", "13800000000", "", "",
                   f"第{i}项政府信息", "纸质", "予以公开" if i % 3 else "",
                   day + dt.timedelta(days=10) if i % 3 else None, "否", "", ""])
    path = tmp_path / "ledger.xlsx"
    wb.save(path)
    db = open_database(tmp_path / "db.sqlite3")
    admin = users.create_first_admin(db, "admin", "王管理", "secret123", "secret123").actor()
    profile.save_profile(db, admin, profile.Profile(full_name="某局", doc_code="X财公开"))
    floor = _floor(path, tmp_path)
    t = time.perf_counter()
    assert ledger.import_ledger(db, admin, path, today=dt.date(2026, 1, 1)) == 10_000
    seconds = time.perf_counter() - t
    report("导入1万行台账（读取、校验、编号、写入、留痕）", seconds, "s", round(3 * floor, 1),
           f"同次测得下限{floor:.1f} s（openpyxl读取+executemany），为其{seconds / floor:.1f}倍")
    assert seconds <= 3 * floor


def test_deadline_computations():
    from app.calendar import WorkCalendar

    cal = WorkCalendar()
    start = dt.date(2024, 1, 1)
    t = time.perf_counter()
    for i in range(10_000):
        cal.add_working_days(start + dt.timedelta(days=i % 1000), 20)
    ms = (time.perf_counter() - t) * 1000
    report("1万次期限计算", ms, "ms", 1000)
    assert ms < 1000
