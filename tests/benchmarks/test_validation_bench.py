"""Issue 9 numbers: a 1 GiB cell is refused before loading (today it takes 2.4 GB of memory before
failing); the one validation layer costs little per ledger row."""

from __future__ import annotations

import datetime as dt
import io
import time
import zipfile

import pytest
from openpyxl import Workbook

from app.services.requests import intake, ledger
from tests.benchmarks.conftest import report, rss_mb


def test_one_gib_cell_refused_before_loading(db, tmp_path):
    wb = Workbook()
    wb.active.title = "台账"
    wb.active.append(ledger.COLUMNS)
    raw = io.BytesIO()
    wb.save(raw)
    path = tmp_path / "huge-cell.xlsx"
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                dst.writestr(info, src.read(info))
        with dst.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            part.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                       b'<row r="2"><c r="A2" t="inlineStr"><is><t>')
            chunk = b"A" * (1 << 20)
            for _ in range(1024):
                part.write(chunk)
            part.write(b"</t></is></c></row></sheetData></worksheet>")
    before = rss_mb()
    t = time.perf_counter()
    with pytest.raises(ledger.LedgerError) as e:
        ledger.read_ledger(db, path, today=dt.date(2026, 1, 5))
    seconds, grown = time.perf_counter() - t, rss_mb() - before
    report("拒绝含1 GiB单元格的台账（用时）", seconds, "s", 1.0, e.value.problems[0][:30])
    report("拒绝含1 GiB单元格的台账（内存增长）", grown, "MB", 50, "原来需要约2.4 GB")
    assert seconds <= 1.0 and grown <= 50


def test_request_rules_per_row(db):
    rows = [intake.RequestInput(received_date=dt.date(2025, 3, 3), applicant_name=f"张三{i}",
                                id_number="11010519491231002X", phone="0591-87654321转12", email="a@b.cn",
                                address="某县人民路1号", content=f"第{i}项政府信息") for i in range(10_000)]
    t = time.perf_counter()
    for r in rows:
        intake.check(r, dt.date(2025, 6, 1))
    seconds = time.perf_counter() - t
    report("校验1万条申请（同一规则：窗口、台账、命令行）", seconds, "s", 1.0)
    assert seconds <= 1.0
