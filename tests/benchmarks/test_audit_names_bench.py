"""操作日志 names referenced records: a page of the viewer stays fast in a log of a million rows.

A demo office (every tab's records) gets 1,000,000 log rows whose changes refer to its
users, 科室, complaints, 首问 entries, 事项, 考核项目 and 督查记录 — and to rows since
deleted.  Timed: one screenful (ui/dialogs/audit_log.CHUNK rows) through ``audit.entries``,
at pages spread over the log, with the names looked up and without (the cost the names add).
"""

from __future__ import annotations

import json
import random
import statistics
import time

from sqlalchemy import func, insert, select, update

from app.db import open_database
from app.db.base import Base, utcnow
from app.db.models import AuditChain, AuditEntry
from app.services import audit, demo, users
from app.services.audit_names import references
from tests.benchmarks.conftest import report
from ui.dialogs.audit_log import CHUNK, AuditLogDialog

ROWS = 1_000_000
BATCH = 50_000
PAGES = 60


def _ids(db, table: str) -> list[int]:
    t = Base.metadata.tables[table]
    key = next(iter(t.primary_key.columns))
    with db.engine.connect() as conn:
        return list(conn.execute(select(key)).scalars())


def _fill(db, n: int, rng: random.Random) -> None:
    """n rows changing a referencing field of a random logged table (1 in 20 to a row that does not exist)."""
    refs = [(entity, key, ref) for entity, cols in references().items() for key, ref in cols.items()
            if not ref.many and entity not in ("audit_log", "audit_chain")]
    existing = {ref.table: _ids(db, ref.table) or [1] for _e, _k, ref in refs}
    with db.engine.connect() as conn:
        start = int(conn.scalar(select(func.max(AuditEntry.id))) or 0) + 1
    at = utcnow()
    with db.engine.begin() as conn:
        for first in range(start, start + n, BATCH):
            rows = []
            for i in range(first, min(first + BATCH, start + n)):
                entity, key, ref = refs[i % len(refs)]
                pool = existing[ref.table]
                before = rng.choice(pool)
                after = rng.choice(pool) if i % 20 else 10_000_000 + i
                changes = json.dumps({key: [before, after], "remarks": ["", "改"]}, ensure_ascii=False)
                rows.append({"id": i, "at": at, "actor": "赵窗口（zhaochuang）", "entity": entity,
                             "entity_id": str(i), "action": "修改", "summary": f"记录{i}", "changes": changes,
                             "hash": ""})
            conn.execute(insert(AuditEntry.__table__), rows)
        conn.execute(update(AuditChain.__table__).where(AuditChain.__table__.c.id == 1)
                     .values(last_id=start + n - 1))


def _plain_entries(db, ids):
    """The same page with ids left as they are: the baseline the names are measured against."""
    with db.session() as s:
        found = {r.id: r for r in s.execute(select(AuditEntry.id, AuditEntry.entity, AuditEntry.changes)
                                            .where(AuditEntry.id.in_(ids)))}
    return [audit.details(r.entity, r.changes) for i in ids if (r := found.get(i)) is not None]


def test_a_page_of_a_million_row_log_with_names(tmp_path, qtbot):
    db = open_database(tmp_path / "audit-names.sqlite3")
    t = time.perf_counter()
    demo.create_demo(db, 300, 2026)
    rng = random.Random(7)
    _fill(db, ROWS, rng)
    report("准备：演示机关 + 100万条引用其他记录的操作日志", time.perf_counter() - t, "s", 600)

    admin = users.sign_in(db, "admin", "gongkai2026").actor()
    t = time.perf_counter()
    every = audit.search_ids(db, admin, audit.AuditFilter())
    listing = (time.perf_counter() - t) * 1000
    last = every[0]
    starts = [rng.randrange(1, last - CHUNK) for _ in range(PAGES)]
    named, plain, tables = [], [], []
    refs = references()
    for first in starts:
        ids = list(range(first + CHUNK - 1, first - 1, -1))  # newest first, as the viewer lists them
        t = time.perf_counter()
        rows = audit.entries(db, ids)
        named.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        _plain_entries(db, ids)
        plain.append((time.perf_counter() - t) * 1000)
        assert len(rows) == CHUNK
        assert not any(f"：{10_000_000 + i}" in r.details for r in rows for i in range(first, first + CHUNK))
        with db.session() as s:
            data = [(e, json.loads(c)) for e, c in s.execute(select(AuditEntry.entity, AuditEntry.changes)
                                                             .where(AuditEntry.id.in_(ids)))]
        tables.append(len({refs[e][k].table for e, d in data for k in d if k in refs.get(e, {})}))
    assert any("已删除（记录号" in r.details for r in rows)
    p50, worst = statistics.median(named), max(named)
    report(f"操作日志一屏{CHUNK}条（含记录名称），100万条中随机{PAGES}屏的中位数", p50, "ms", 100,
           f"最慢 {worst:.1f} ms；不查名称 {statistics.median(plain):.1f} ms；每屏涉及 {statistics.median(tables):.0f} 张表")
    report("列出全部记录号（100万余条，在后台进行）", listing, "ms", 3000)
    t = time.perf_counter()
    dlg = AuditLogDialog(db, admin)
    qtbot.addWidget(dlg)
    blocked = (time.perf_counter() - t) * 1000
    qtbot.waitUntil(lambda: dlg.model.rowCount() > 0, timeout=30_000)
    shown = (time.perf_counter() - t) * 1000
    dlg.model.data(dlg.model.index(0, 5))  # the first screenful, names included
    first = (time.perf_counter() - t) * 1000
    report("打开操作日志窗口：界面线程占用（查询在后台）", blocked, "ms", 200,
           f"{shown:.0f} ms 后列出，{first:.0f} ms 后第一屏有内容")
    assert p50 < 100 and worst < 250 and blocked < 200
    db.dispose()
