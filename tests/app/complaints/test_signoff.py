"""Findings and ledger confirmations through the shared 签批 queue: a head signs a 属实 finding, the
监督检查人员 confirms the ledger record; each sees only the items they sign."""

import datetime as dt

import pytest
from sqlalchemy import func, select

from app.db.models import AccountabilityRecord, Complaint
from app.services import signoff
from app.services.complaints import handling, ledger, register
from app.services.complaints.signoff_kinds import CONFIRM, FINDING
from app.services.errors import PermissionDenied
from tests.app.complaints.conftest import DAY, named

D = dt.date


def _accepted(office, clerk, staff) -> int:
    cid = register.register(office, clerk, named(target_user_id=staff.id), today=DAY)
    handling.decide(office, clerk, cid, "受理", DAY, today=DAY)
    return cid


def _records(office) -> list[AccountabilityRecord]:
    with office.session() as s:
        rows = list(s.scalars(select(AccountabilityRecord).order_by(AccountabilityRecord.id)))
        s.expunge_all()
        return rows


def _state(office, cid) -> str:
    with office.session() as s:
        return s.get(Complaint, cid).state


def test_finding_signed_by_head_then_record_confirmed_by_inspector(office, admin, clerk, head, inspector, staff):
    cid = _accepted(office, clerk, staff)
    item = handling.propose_finding(office, clerk, cid, "属实", D(2025, 3, 20), "批评教育", "经调查属实",
                                    today=D(2025, 3, 20))
    assert item is not None and _state(office, cid) == "办理中" and _records(office) == []
    [queued] = signoff.pending(office, D(2025, 3, 21), head)
    assert (queued.kind, queued.record_label, queued.record_type) == (FINDING, "TS2025-0001", "complaint")
    # due 2025-05-02 (60 calendar days after acceptance); counted in working days like every queue item
    assert "属实" in queued.summary and queued.remaining == office.calendar().working_days_between(
        D(2025, 3, 21), D(2025, 5, 2)).days == 28  # 清明 and 劳动节 left out, 4月27日 worked
    assert signoff.pending(office, D(2025, 3, 21), inspector) == []  # not the inspector's to sign
    with pytest.raises(PermissionDenied, match="科室负责人或以上"):
        signoff.approve(office, clerk, item)
    with pytest.raises(PermissionDenied, match="科室负责人或以上"):
        signoff.approve(office, inspector, item)
    signoff.approve(office, head, item, today=D(2025, 3, 21))
    assert _state(office, cid) == "已查结"
    [rec] = _records(office)
    assert (rec.state, rec.person, rec.measure, rec.year) == ("待确认", "徐窗口", "警告，记入个人档案", 2025)
    # the confirmation waits for the 监督检查人员, not for heads
    assert signoff.pending(office, D(2025, 3, 21), head) == []
    assert signoff.may_sign_any(inspector) and not signoff.may_sign_any(clerk)
    [confirm] = signoff.pending(office, D(2025, 3, 21), inspector)
    # each signer's count is their own list (the register's 待签批 button): 1 for the inspector, 0 for the head
    assert (signoff.pending_count(office, inspector), signoff.pending_count(office, head)) == (1, 0)
    assert confirm.kind == CONFIRM and confirm.record_id == rec.id and "徐窗口" in confirm.summary
    assert "2025年责任追究（徐窗口，TS2025-0001）" == confirm.record_label
    with pytest.raises(PermissionDenied, match="只有监督检查人员可以签批"):
        signoff.approve(office, head, confirm.id)
    with pytest.raises(PermissionDenied, match="只有监督检查人员可以签批"):
        signoff.approve(office, admin.actor(), confirm.id)  # the administrator holds every right, not this role
    signoff.approve(office, inspector, confirm.id, today=D(2025, 3, 22))
    [rec] = _records(office)
    assert (rec.state, rec.confirmed_by, rec.confirmed_on) == ("已确认", "李监督", D(2025, 3, 22))
    assert signoff.pending(office, D(2025, 3, 22)) == []


def test_other_findings_take_effect_at_once_and_returns_go_back(office, clerk, head, inspector, staff):
    a, b = _accepted(office, clerk, staff), _accepted(office, clerk, staff)
    assert handling.propose_finding(office, clerk, a, "无法查实", D(2025, 3, 20), "", "证据不足",
                                    today=D(2025, 3, 20)) is None
    assert _state(office, a) == "已查结" and _records(office) == []
    item = handling.propose_finding(office, clerk, b, "部分属实", D(2025, 3, 20), "", "部分属实",
                                    today=D(2025, 3, 20))
    signoff.return_item(office, head, item, "请补充调阅录像的情况", today=D(2025, 3, 21))
    [back] = signoff.returned_to(office, clerk, D(2025, 3, 21))
    assert back.comment == "请补充调阅录像的情况" and back.payload["finding"] == "部分属实"
    assert _state(office, b) == "办理中" and _records(office) == []
    # a head's own finding is signed by them: no queue
    assert handling.propose_finding(office, head, b, "部分属实", D(2025, 3, 22), "", "部分属实",
                                    today=D(2025, 3, 22)) is None
    assert len(_records(office)) == 1


def test_commendation_queued_and_settled_by_direct_confirmation(office, clerk, inspector, staff):
    rid = ledger.commend(office, clerk, staff.id, 2025, "群众来信表扬窗口服务热情")
    [item] = signoff.pending(office, DAY, inspector)
    assert item.kind == CONFIRM and item.record_id == rid and item.summary.startswith("表扬：")
    ledger.confirm(office, inspector, rid, today=D(2025, 3, 5))  # the ledger tab's direct button
    assert signoff.pending(office, DAY, inspector) == []
    with office.session() as s:
        from app.db.models import SignoffItem

        assert s.scalar(select(func.count()).select_from(SignoffItem).where(
            SignoffItem.state == "已批准", SignoffItem.decided_by == "李监督")) == 1
