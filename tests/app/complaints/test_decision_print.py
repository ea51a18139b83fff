"""责任追究决定: only for a confirmed record; names the staff member and deductions, never the complainant."""

import datetime as dt
import json

import pytest
from sqlalchemy import select

from app.db.models import AccountabilityRecord, AuditEntry
from app.services import letters, numbering
from app.services.actor import Actor
from app.services.complaints import decision_print, handling, ledger, register
from app.services.errors import PermissionDenied, ValidationError
from tests.app.complaints.conftest import DAY, NAME, named


def test_decision_after_confirmation(office, clerk, head, inspector, staff):
    cid = register.register(office, clerk, named(target_user_id=staff.id), today=DAY)
    handling.decide(office, clerk, cid, "受理", DAY, today=DAY)
    rec = handling.record_finding(office, head, cid, "属实", DAY, "", "属实", today=DAY)
    with pytest.raises(ValidationError, match="确认后"):
        decision_print.layout(office, rec)
    ledger.confirm(office, inspector, rec, today=dt.date(2025, 3, 5))
    text = "\n".join(b.text for b in decision_print.layout(office, rec).blocks)
    assert "徐窗口在2025年度的第1次责任追究" in text and "警告，记入个人档案" in text
    assert "政务服务科扣减目标责任制考核5分，科室负责人扣减年度考评10分" in text
    assert "2025年3月5日" in text and NAME not in text
    assert "被追究人：徐窗口\n所在科室：政务服务科" in text  # two parties, not one "、" list
    assert "被追究人签收：" in text and "确认人：" in text
    text = "\n".join(b.text for b in decision_print.layout(office, rec, "某某县财政局").blocks)
    assert "某某县财政局\n2025年3月5日" in text  # issued in the office's name, dated
    # the PDF's Title names the 文号, as the preview and the file name do
    assert decision_print.layout(office, rec).meta_title == "责任追究决定 X财公开责〔2025〕1号（徐窗口，2025年度第1次）"
    assert decision_print.pdf(office, rec).startswith(b"%PDF")
    assert decision_print.pdf(office, rec, "某某县财政局", inspector).startswith(b"%PDF")
    with pytest.raises(PermissionDenied):
        decision_print.layout(office, rec, actor=Actor(label="无人"))


def _found(office, clerk, head, staff, day):
    cid = register.register(office, clerk, named(target_user_id=staff.id, received_on=day), today=day)
    handling.decide(office, clerk, cid, "受理", day, today=day)
    return handling.record_finding(office, head, cid, "属实", day, "", "属实", today=day)


def _last(office, year):
    with office.session() as s:
        return numbering.last_seq(s, ledger.DECISION_NUMBER.key, year)


def _row(office, rec):
    with office.session() as s:
        r = s.get(AccountabilityRecord, rec)
        return r.number, r.state


def test_confirmation_issues_the_decision_with_its_own_number(office, clerk, head, inspector, staff):
    first = _found(office, clerk, head, staff, DAY)
    second = _found(office, clerk, head, staff, DAY)
    assert _row(office, first)[0] == ""  # nothing is numbered before it is issued
    ledger.confirm(office, inspector, second, today=dt.date(2025, 3, 5))
    ledger.confirm(office, inspector, first, today=dt.date(2025, 3, 6))
    # numbered in the order the decisions are issued, per year, from the office's 文号代字
    assert _row(office, second) == ("X财公开责〔2025〕1号", "已确认")
    assert _row(office, first)[0] == "X财公开责〔2025〕2号"
    blocks = decision_print.layout(office, first).blocks
    assert blocks[0].text == "责任追究决定" and blocks[1].text == "X财公开责〔2025〕2号"
    assert blocks[1].align == "center" and blocks[2].text == ""  # the 发文字号 position of the letters
    # a reprint is the same decision: same number, and printing draws no new one
    again = decision_print.pdf(office, first, "某某县财政局", inspector)
    assert again == decision_print.pdf(office, first, "某某县财政局", inspector)
    assert _last(office, 2025) == 2
    # a refused confirmation (already confirmed) uses no number: the sequence stays gap-free
    with pytest.raises(ValidationError, match="已经确认"):
        ledger.confirm(office, inspector, first, today=dt.date(2025, 3, 7))
    third = _found(office, clerk, head, staff, DAY)
    ledger.confirm(office, inspector, third, today=dt.date(2025, 3, 7))
    assert _row(office, third)[0] == "X财公开责〔2025〕3号"
    # a new year starts at 1
    fourth = _found(office, clerk, head, staff, dt.date(2026, 1, 5))
    ledger.confirm(office, inspector, fourth, today=dt.date(2026, 1, 6))
    assert _row(office, fourth)[0] == "X财公开责〔2026〕1号"


def test_the_number_is_in_the_audit_log_and_follows_the_pattern_setting(office, admin, clerk, head, inspector,
                                                                        staff):
    letters.set_number_pattern(office, admin.actor(), ledger.DECISION_NUMBER.key, "{文号代字}纪〔{年}〕{序号:3}号")
    rec = _found(office, clerk, head, staff, DAY)
    ledger.confirm(office, inspector, rec, today=dt.date(2025, 3, 5))
    assert _row(office, rec)[0] == "X财公开纪〔2025〕001号"
    with office.session() as s:
        changes = s.scalars(select(AuditEntry.changes).where(AuditEntry.action == "确认责任追究",
                                                             AuditEntry.entity == "accountability_record")).one()
    assert "X财公开纪〔2025〕001号" in json.dumps(json.loads(changes), ensure_ascii=False)


def test_praise_has_no_decision_number(office, clerk, inspector, staff):
    rec = ledger.commend(office, clerk, staff.id, 2025, "群众送来锦旗")
    ledger.confirm(office, inspector, rec, today=dt.date(2025, 3, 5))
    assert _row(office, rec) == ("", "已确认")
    assert _last(office, 2025) == 0


def test_a_decision_issued_before_numbering_reprints_without_one(office, clerk, head, inspector, staff):
    """Confirmed before 文号 existed (migration 0023 leaves ""): it was delivered unnumbered, so its
    reprint stays unnumbered — no number is made up at print time, none is drawn from the sequence."""
    rec = _found(office, clerk, head, staff, DAY)
    ledger.confirm(office, inspector, rec, today=dt.date(2025, 3, 5))
    with office.session(actor="测试", action="模拟升级前的记录") as s:
        s.get(AccountabilityRecord, rec).number = ""
    blocks = decision_print.layout(office, rec).blocks
    assert blocks[0].text == "责任追究决定" and blocks[1].text == "" and blocks[2].text.startswith("被追究人：")
    assert "〔" not in "\n".join(b.text for b in blocks)
    decision_print.pdf(office, rec, "某某县财政局", inspector)
    assert _row(office, rec)[0] == "" and _last(office, 2025) == 1
