"""Demo 投诉举报: every state, named and anonymous with identities sealed, the ledger with its ladder and a
表扬, items waiting in the 签批 queue, and bulk complaints audited, numbered and searchable."""

import datetime as dt

from sqlalchemy import func, select, text

from app.db.models import (
    AccountabilityRecord,
    AuditEntry,
    Complaint,
    NumberSequence,
    RecordAttachment,
)
from app.services import demo, signoff, users
from app.services.complaints import demo as complaints_demo
from app.services.complaints import identity
from app.services.complaints.vocab import DONE, FOUND, HANDLING, TOLD, TRANSFERRED, WAITING

TODAY = dt.date(2026, 11, 20)


def test_demo_complaints(db, monkeypatch):
    monkeypatch.setattr(complaints_demo, "BATCH", 40)
    demo.create_demo(db, 0, seed=7, today=TODAY, contacts=0, complaints=complaints_demo.HANDMADE + 100)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Complaint)) == 14 + 100 + 1  # no 首问 entry to convert; + the 考核 demo's
        states = set(s.scalars(select(Complaint.state).distinct()))
        assert {WAITING, HANDLING, FOUND, DONE, TOLD, TRANSFERRED} <= states
        assert {True, False} <= set(s.scalars(select(Complaint.anonymous).distinct()))
        named = s.scalars(select(Complaint).where(Complaint.anonymous.is_(False))).all()
        assert named and all(c.identity is not None and c.identity[:1] == b"\x01" for c in named)
        # numbers gap-free per year, counters after them
        for seq in s.scalars(select(NumberSequence).where(NumberSequence.kind == "complaint")):
            nums = sorted(s.scalars(select(Complaint.seq).where(Complaint.year == seq.year)))
            assert nums == list(range(1, seq.last + 1))
        recs = s.scalars(select(AccountabilityRecord)).all()
        assert {(r.kind, r.state) for r in recs} >= {("责任追究", "已确认"), ("责任追究", "待确认"), ("表扬", "已确认"),
                                                     ("表扬", "待确认")}
        zhao = sorted((r.year, r.ordinal) for r in recs if r.person == "赵窗口" and r.kind == "责任追究")
        assert zhao == [(2024, 1), (2024, 2), (2026, 1)]  # the ladder restarts each appraisal year
        assert s.scalar(select(func.count()).select_from(RecordAttachment)) == 1
        assert s.execute(text("SELECT count(*) FROM search_doc WHERE kind = 'complaint'")).scalar() == \
            s.scalar(select(func.count()).select_from(Complaint))
        bulk_audited = s.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.entity == "complaint", AuditEntry.action == "生成演示数据"))
        assert bulk_audited == 100
        assert "（保密）" in s.scalar(select(AuditEntry.changes).where(AuditEntry.entity == "complaint",
                                                                    AuditEntry.action == "生成演示数据").limit(1))
    kinds = {i.kind for i in signoff.pending(db, TODAY)}
    assert kinds == {"complaint_finding", "complaint_ledger_confirm"}
    # the inspector's sign-in unwraps the key the demo created: identities read back
    info = users.sign_in(db, "lijian", "gongkai2026")
    try:
        with db.session() as s:
            blob, number, cid = s.execute(select(Complaint.identity, Complaint.number, Complaint.id)
                                          .where(Complaint.anonymous.is_(False)).limit(1)).one()
        ident = identity.reveal(db, info.actor(), cid, blob, number)
        assert ident is not None and len(ident.id_number) == 18 and ident.phone.startswith("1")
    finally:
        identity.forget(db, info.id)
