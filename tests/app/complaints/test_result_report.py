"""办理结果报告 to the body that assigned a complaint: only for 上级交办, only once there is a result, no identity."""

import datetime as dt

import pytest
from sqlalchemy import select

from app.db.models import AuditEntry, Complaint
from app.services import users
from app.services.actor import Actor
from app.services.complaints import handling, register, result_report
from app.services.errors import PermissionDenied, ValidationError
from tests.app.complaints.conftest import DAY, ID, NAME, PHONE, named

D = dt.date


def _text(lay) -> str:
    return "\n".join(b.text for b in lay.blocks)


def _assigned(office, clerk, **kw) -> int:
    return register.register(office, clerk, named(channel="上级交办", assigned_body="某某县纪委监委信访室",
                                                  assigned_due=D(2025, 4, 30), **kw), today=DAY)


def test_report_after_finding_and_feedback(office, clerk, head, inspector, staff):
    cid = _assigned(office, clerk, target_user_id=staff.id)
    with pytest.raises(ValidationError, match="作出调查结论"):
        result_report.layout(office, clerk, cid)
    handling.decide(office, clerk, cid, "受理", D(2025, 3, 4), today=D(2025, 3, 4))
    handling.investigate(office, clerk, cid, "报领导/党组", "孙副局长")
    handling.record_finding(office, head, cid, "部分属实", D(2025, 3, 20), "批评教育\n限期整改",
                            "调阅窗口录像，询问当事人", today=D(2025, 3, 20))
    text = _text(result_report.layout(office, clerk, cid, "某某县财政局", today=D(2025, 3, 21)))
    assert text.startswith(result_report.TITLE) and "某某县纪委监委信访室：" in text
    assert "2025年3月3日，本机关收到你单位交办的投诉举报一件" in text and "2025年4月30日前" in text
    assert "决定受理，报局领导（党组）研究，经孙副局长批准后开展调查。" in text and "投诉举报编号：" in text
    assert "经孙副局长批准" in text and "反映的问题部分属实。" in text and "批评教育；限期整改。" in text
    assert "尚未向投诉举报人反馈" in text and "特此报告。" in text and "2025年3月21日" in text
    assert "徐窗口" in text  # the person complained about is named; the complainant never
    handling.feedback(office, clerk, cid, D(2025, 3, 25), "电话", "已电话告知调查结论和处理措施", "表示满意",
                      today=D(2025, 3, 25))
    # not issued yet: a draft is dated the day it is looked at
    text = _text(result_report.layout(office, inspector, cid, "某某县财政局", today=D(2025, 5, 6)))
    assert "2025年3月25日以电话方式向投诉举报人反馈" in text and "表示满意" in text
    assert "晚于要求的报送期限" in text  # issued after the assigning body's deadline
    for secret in (NAME, ID, PHONE):
        assert secret not in text
    assert result_report.pdf(office, clerk, cid, "某某县财政局", today=D(2025, 5, 6)).startswith(b"%PDF")
    assert _report_on(office, cid) == D(2025, 5, 6)


def _report_on(office, cid):
    with office.session() as s:
        return s.get(Complaint, cid).report_on


def _found(office, clerk, head, staff) -> int:
    cid = _assigned(office, clerk, target_user_id=staff.id)
    handling.decide(office, clerk, cid, "受理", D(2025, 3, 4), today=D(2025, 3, 4))
    handling.investigate(office, clerk, cid, "初步调查", "")
    handling.record_finding(office, head, cid, "属实", D(2025, 3, 20), "批评教育", "调阅录像", today=D(2025, 3, 20))
    return cid


def test_first_issue_stores_the_day_and_reprints_keep_it(office, clerk, head, inspector, staff):
    cid = _found(office, clerk, head, staff)
    assert _report_on(office, cid) is None
    first = result_report.pdf(office, clerk, cid, "某某县财政局", today=D(2025, 3, 21))
    assert _report_on(office, cid) == D(2025, 3, 21)
    with office.session() as s:  # one audited action issued it
        logged = s.execute(select(AuditEntry.actor, AuditEntry.changes).where(
            AuditEntry.action == "出具投诉举报办理结果报告")).all()
    assert len(logged) == 1 and logged[0].actor == clerk.label and "2025-03-21" in logged[0].changes
    # feedback given after the report, then a reprint after the assigning body's deadline: the report is
    # still the one sent on 3月21日 — its date, no lateness, and not the later feedback
    handling.feedback(office, clerk, cid, D(2025, 3, 25), "电话", "已电话告知", "表示满意", today=D(2025, 3, 25))
    text = _text(result_report.layout(office, inspector, cid, "某某县财政局", today=D(2025, 5, 6)))
    assert text.endswith("某某县财政局\n2025年3月21日") and "2025年5月6日" not in text
    assert "晚于要求的报送期限" not in text and "尚未向投诉举报人反馈" in text and "表示满意" not in text
    again = result_report.pdf(office, inspector, cid, "某某县财政局", today=D(2025, 5, 6))
    assert again == first  # the same report, byte for byte
    assert _report_on(office, cid) == D(2025, 3, 21)
    with office.session() as s:
        assert len(s.scalars(select(AuditEntry.id).where(AuditEntry.action == "出具投诉举报办理结果报告")).all()) == 1


def test_only_a_handler_issues_the_report_and_not_the_one_complained_about(office, admin, clerk, head, inspector,
                                                                           staff):
    cid = _found(office, clerk, head, staff)
    with pytest.raises(PermissionDenied, match="须由办理投诉举报的工作人员出具"):
        result_report.pdf(office, inspector, cid, today=D(2025, 3, 21))  # the inspector reads, never issues
    xw = users.sign_in(office, "xw", "pass1234").actor()
    with pytest.raises(PermissionDenied, match="回避"):
        result_report.pdf(office, xw, cid, today=D(2025, 3, 21))
    assert _report_on(office, cid) is None  # nothing half-saved by a refusal
    with pytest.raises(ValidationError, match="只有上级交办"):
        result_report.issue(office, clerk, register.register(office, clerk, named(channel="电话"), today=DAY))


def test_report_for_a_transferred_complaint(office, clerk, inspector):
    cid = _assigned(office, clerk)
    handling.decide(office, clerk, cid, "转交有权机关", D(2025, 3, 5), "县市场监督管理局", today=D(2025, 3, 5))
    text = _text(result_report.layout(office, clerk, cid, today=D(2025, 3, 6)))
    assert "不属于本机关受理范围" in text and "2025年3月5日转交县市场监督管理局依法处理" in text


def test_refused_for_other_channels_and_without_read_right(office, clerk, inspector):
    cid = register.register(office, clerk, named(channel="电话"), today=DAY)
    with pytest.raises(ValidationError, match="只有上级交办的投诉举报.*本件为电话"):
        result_report.layout(office, clerk, cid)
    with pytest.raises(PermissionDenied):
        result_report.layout(office, Actor(label="无人"), _assigned(office, clerk))
