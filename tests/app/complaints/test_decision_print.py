"""责任追究决定: only for a confirmed record; names the staff member and deductions, never the complainant."""

import datetime as dt

import pytest

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
    assert decision_print.layout(office, rec).meta_title == "责任追究决定（徐窗口，2025年度第1次）"
    assert decision_print.pdf(office, rec).startswith(b"%PDF")
    assert decision_print.pdf(office, rec, "某某县财政局", inspector).startswith(b"%PDF")
    with pytest.raises(PermissionDenied):
        decision_print.layout(office, rec, actor=Actor(label="无人"))
