"""Issue target: the start-up check of the 操作日志 chain stays fast at millions of rows.

A log of 1,000,000 chained rows is written directly (as the listener would, in
batches), then: the full verification (帮助 → 检查数据完整性) is timed, and the
incremental start-up check after 1,000 more rows is timed against it.  Also the
cost the chain adds to writing: one transaction appending 1,000 audit rows.
"""

from __future__ import annotations

import time

from sqlalchemy import insert, update

from app.db import open_database
from app.db.audit_listener import append
from app.db.base import utcnow
from app.db.models import AuditChain, AuditEntry
from app.db.models.audit import GENESIS, chain_hash
from app.services import audit
from tests.benchmarks.conftest import report

ROWS = 1_000_000
BATCH = 50_000


def _fill(db, n: int) -> None:
    """n chained rows with realistic content (an update of a request with three changed fields)."""
    last_hash, at = GENESIS, utcnow()
    changes = '{"due_date":["2026-03-31","2026-04-21"],"extension_days":[0,15],"state":["办理中","已延期"]}'
    with db.engine.begin() as conn:
        for start in range(1, n + 1, BATCH):
            rows = []
            for i in range(start, min(start + BATCH, n + 1)):
                row = {"id": i, "at": at, "actor": "赵窗口（zs）", "entity": "info_request", "entity_id": str(i),
                       "action": "延期答复", "summary": f"X财公开〔2026〕{i}号", "changes": changes}
                last_hash = row["hash"] = chain_hash(last_hash, i, at, row["actor"], row["entity"],
                                                     row["entity_id"], row["action"], row["summary"], changes)
                rows.append(row)
            conn.execute(insert(AuditEntry.__table__), rows)
        conn.execute(update(AuditChain.__table__).where(AuditChain.__table__.c.id == 1)
                     .values(last_id=n, last_hash=last_hash))


def test_verify_a_million_rows_full_and_incremental(tmp_path):
    db = open_database(tmp_path / "audit.sqlite3")
    t = time.perf_counter()
    _fill(db, ROWS)
    report("写入100万条操作日志（准备数据）", time.perf_counter() - t, "s", 600)

    t = time.perf_counter()
    first = audit.verify(db, full=False)  # nothing verified yet: reads everything once
    full_seconds = time.perf_counter() - t
    assert first.ok and first.checked == ROWS
    report("完整校验100万条操作日志（帮助→检查数据完整性）", full_seconds, "s", 120)
    assert full_seconds < 120

    with db.engine.begin() as conn:
        append(conn, [{"actor": "赵窗口（zs）", "entity": "info_request", "entity_id": str(i), "action": "修改",
                       "summary": f"X财公开〔2026〕{i}号", "changes": "{}"} for i in range(1000)])
    t = time.perf_counter()
    again = audit.verify(db, full=False)
    incremental = time.perf_counter() - t
    assert again.ok and again.checked == 1000 and again.last_id == ROWS + 1000
    report("启动时增量校验（100万条之后新增1000条）", incremental * 1000, "ms", 500,
           f"完整校验 {full_seconds:.1f} s")
    assert incremental < 0.5
    db.dispose()


def test_appending_a_thousand_audit_rows(tmp_path):
    db = open_database(tmp_path / "audit.sqlite3")
    rows = [{"actor": "赵窗口（zs）", "entity": "info_request", "entity_id": str(i), "action": "导入台账",
             "summary": f"X财公开〔2026〕{i}号", "changes": '{"applicant_name":[null,"张三"]}'} for i in range(1000)]
    t = time.perf_counter()
    with db.engine.begin() as conn:
        append(conn, rows)
    ms = (time.perf_counter() - t) * 1000
    report("一次事务写入1000条链式操作日志", ms, "ms", 500)
    assert ms < 500
    assert audit.verify(db).ok
    db.dispose()
