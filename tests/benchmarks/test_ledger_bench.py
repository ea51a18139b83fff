"""Issue target: importing a 10,000-row ledger takes under 20 seconds."""

from __future__ import annotations

import datetime as dt
import time

from openpyxl import Workbook

from app.db import open_database
from app.services import profile, users
from app.services.requests import ledger
from tests.benchmarks.conftest import report


def test_import_10000_rows(tmp_path):
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("台账")
    ws.append(ledger.COLUMNS)
    for i in range(10_000):
        day = dt.date(2025, 1, 2) + dt.timedelta(days=i % 300)
        ws.append(["", day, "当面提交", "自然人", f"申请人{i}", "", "", "13800000000", "", "", f"第{i}项政府信息",
                   "纸质", "予以公开" if i % 3 else "", day + dt.timedelta(days=10) if i % 3 else None, "否", "", ""])
    path = tmp_path / "ledger.xlsx"
    wb.save(path)
    db = open_database(tmp_path / "db.sqlite3")
    admin = users.create_first_admin(db, "admin", "王管理", "secret123", "secret123").actor()
    profile.save_profile(db, admin, profile.Profile(full_name="某局", doc_code="X财公开"))
    t = time.perf_counter()
    assert ledger.import_ledger(db, admin, path, today=dt.date(2026, 1, 1)) == 10_000
    seconds = time.perf_counter() - t
    report("导入1万行台账", seconds, "s", 20)
    assert seconds < 20


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
