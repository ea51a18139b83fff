"""The demo generator streams in batches and leaves a consistent, searchable, audited database."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select, text

from app.db.models import AuditEntry, ContactEntry, InfoRequest, NumberSequence, RequestEvent
from app.services import demo
from app.services.requests import queries


def test_demo_in_batches(db, monkeypatch):
    monkeypatch.setattr(demo, "BATCH", 400)
    demo.create_demo(db, 1000, seed=7, today=dt.date(2026, 11, 20))
    with db.session() as s:
        # plus the 首问 demo's 转为政府信息公开申请 entries, each registered through the intake service
        converted = s.scalar(select(func.count()).select_from(ContactEntry).where(ContactEntry.request_id.is_not(None)))
        assert converted and s.scalar(select(func.count()).select_from(InfoRequest)) == 1000 + converted
        states = set(s.scalars(select(InfoRequest.state).distinct()))
        assert {st.value for st in demo._STATES_OPEN + demo._STATES_CLOSED} <= states
        # numbers are gap-free per year and the counters continue after them
        for seq in s.scalars(select(NumberSequence).where(NumberSequence.kind == "request")):
            assert s.scalar(select(func.max(InfoRequest.seq)).where(InfoRequest.year == seq.year)) == seq.last
        # every request has its 登记 event and its search document
        assert s.scalar(select(func.count(func.distinct(RequestEvent.request_id)))) == 1000 + converted
        assert s.execute(text("SELECT count(*) FROM search_doc WHERE kind = 'info_request'")).scalar() == (
            1000 + converted)
        batches = s.scalars(select(AuditEntry.summary).where(AuditEntry.action == "生成演示数据")).all()
    assert sum("件演示申请" in b for b in batches) == 3  # 400 + 400 + 200
    first = queries.detail(db, 1)
    assert first.applicant_name and queries.matching_ids(db, first.applicant_name) >= {1}
    assert first.due_date >= first.received_date
