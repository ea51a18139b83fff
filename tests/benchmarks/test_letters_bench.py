"""Issue 4 targets: one letter ≤ 150 ms after warm-up; 500 letters in a batch ≤ 60 s;
the embedded font subset adds ≤ 200 KB to a PDF."""

from __future__ import annotations

import datetime as dt
import statistics
import time

from app.db import open_database
from app.services import letters, profile, users
from app.services.requests import decisions, intake
from tests.benchmarks.conftest import report


def _office(tmp_path, n):
    db = open_database(tmp_path / "letters.sqlite3")
    admin = users.create_first_admin(db, "admin", "王管理", "secret123", "secret123").actor()
    profile.save_profile(db, admin, profile.Profile(full_name="某某县财政局", doc_code="X财公开",
                                                    reconsideration_body="某某县人民政府", court="某某县人民法院"))
    ids = []
    for i in range(n):
        data = intake.RequestInput(channel="当面提交", received_date=dt.date(2025, 3, 3), applicant_name=f"申请人{i}",
                                   id_type="护照", id_number=f"E{i:07d}", phone="13800000000",
                                   content=f"2024年县级部门预算执行情况及第{i}项专项资金的分配明细")
        rid = intake.register(db, admin, data, today=dt.date(2025, 3, 3))
        decisions.decide(db, admin, rid, decisions.DecisionInput(
            result_code="3.4", article="第三十六条第（三）项（不予公开）", reasons="涉及第三方商业秘密",
            legal_basis="《中华人民共和国政府信息公开条例》第十五条", withheld="投标报价明细", reply_date=dt.date(2025, 3, 20)),
            today=dt.date(2025, 3, 20))
        ids.append(rid)
    return db, admin, ids


def test_one_letter_and_pdf_size(tmp_path):
    db, admin, ids = _office(tmp_path, 12)
    letters.render(db, ids[0], "reply")  # warm-up: fonts loaded and registered
    times = []
    for rid in ids[1:]:
        t = time.perf_counter()
        _, pdf = letters.render(db, rid, "reply")
        times.append((time.perf_counter() - t) * 1000)
    report("生成一份答复告知书（中位数）", statistics.median(times), "ms", 150)
    report("单份PDF大小（含嵌入字体子集）", len(pdf) / 1024, "KB", 200)
    assert statistics.median(times) <= 150
    assert len(pdf) <= 200 * 1024


def test_batch_of_500(tmp_path):
    db, admin, ids = _office(tmp_path, 500)
    t = time.perf_counter()
    done, skipped = letters.issue_batch(db, admin, ids, "reply")
    letters.export_batch(db, done, tmp_path / "out")
    seconds = time.perf_counter() - t
    assert len(done) == 500 and not skipped
    report("批量出具并导出500份文书", seconds, "s", 60)
    assert seconds <= 60
