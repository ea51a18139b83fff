"""Walking a complaint through its states, the clock settings, and the refusals of bad input."""

import datetime as dt

import pytest
from sqlalchemy import func, select

from app.db.models import AccountabilityRecord, Complaint
from app.services.complaints import clock, handling, ledger, register, setup
from app.services.errors import PermissionDenied, ValidationError
from tests.app.complaints.conftest import DAY, named

D = dt.date


def _row(db, cid):
    with db.session() as s:
        r = s.get(Complaint, cid)
        s.expunge(r)
        return r


def test_named_in_person_complaint_walks_to_feedback(office, clerk, head, inspector, staff, section):
    cid = register.register(office, clerk, named(target_user_id=staff.id), today=DAY)
    r = _row(office, cid)
    assert (r.state, r.number, r.due, r.target_person) == ("待受理", "TS2025-0001", D(2025, 3, 18), "徐窗口")
    handling.decide(office, clerk, cid, "受理", D(2025, 3, 5), today=D(2025, 3, 5))
    assert _row(office, cid).due == D(2025, 5, 4)  # 60 calendar days after acceptance
    handling.investigate(office, clerk, cid, "报领导/党组", "孙副局长")
    handling.extend(office, head, cid, 30)
    assert _row(office, cid).due == D(2025, 6, 3)
    with pytest.raises(ValidationError, match="只能延长一次"):
        handling.extend(office, head, cid, 5)
    with pytest.raises(PermissionDenied, match="须提交科室负责人或领导签批"):
        handling.record_finding(office, clerk, cid, "属实", D(2025, 4, 1), "当面道歉", "属实", today=D(2025, 4, 1))
    rec = handling.record_finding(office, head, cid, "属实", D(2025, 4, 1), "当面道歉，批评教育",
                                  "经调阅窗口录像并询问当事人，投诉属实", today=D(2025, 4, 1))
    with office.session() as s:
        entry = s.get(AccountabilityRecord, rec)
        assert (entry.ordinal, entry.measure, entry.department, entry.section_points, entry.head_points,
                entry.state) == (1, "警告，记入个人档案", "政务服务科", 5, 10, "待确认")
    with pytest.raises(PermissionDenied, match="监督检查人员"):
        ledger.confirm(office, clerk, rec)
    ledger.confirm(office, inspector, rec, today=D(2025, 4, 2))
    people, sections = ledger.year_summary(office, 2025)
    assert people[0] == ledger.Tally("徐窗口", 1, 0, 0)
    assert sections[0] == ledger.Tally("政务服务科", 1, 0, 5, 10)
    with pytest.raises(ValidationError, match="反馈日期不能早于"):
        handling.feedback(office, clerk, cid, D(2025, 3, 1), "电话", "已查实并处理", today=D(2025, 4, 3))
    handling.feedback(office, clerk, cid, D(2025, 4, 3), "电话", "已查实并处理", "满意", today=D(2025, 4, 3))
    r = _row(office, cid)
    assert (r.state, r.due, r.finding) == ("已办结", None, "属实")


def test_not_ours_is_told_or_transferred(office, clerk, inspector):
    a = register.register(office, clerk, named(), today=DAY)
    b = register.register(office, clerk, named(), today=DAY)
    with pytest.raises(ValidationError) as e:
        handling.decide(office, clerk, a, "转交有权机关", DAY, "", today=DAY)
    assert "other_body" in e.value.fields
    handling.decide(office, clerk, a, "转交有权机关", DAY, "县市场监督管理局", today=DAY)
    handling.decide(office, clerk, b, "告知向有权机关反映", DAY, "县纪委监委", today=DAY)
    assert (_row(office, a).state, _row(office, b).state) == ("已转交", "已告知")


def test_bad_input_is_refused_with_nothing_saved(office, clerk, inspector):
    with pytest.raises(ValidationError) as e:
        register.register(office, clerk, named(facts="  "), today=DAY)
    assert e.value.fields["facts"] == "请填写投诉举报的事实和理由"
    with pytest.raises(ValidationError) as e:
        register.register(office, clerk, named(anonymous=True, phone="", reply_how="电话"), today=DAY)
    assert "联系电话" in e.value.fields["phone"]
    with pytest.raises(ValidationError) as e:
        register.register(office, clerk, named(id_number="110105194912310021"), today=DAY)
    assert "校验码" in e.value.fields["id_number"]
    with pytest.raises(ValidationError) as e:
        register.register(office, clerk, named(channel="上级交办"), today=DAY)
    assert set(e.value.fields) >= {"assigned_body", "assigned_due"}
    with office.session() as s:
        assert s.scalar(select(func.count()).select_from(Complaint)) == 0
    cid = register.register(office, clerk, named(), today=DAY)
    assert _row(office, cid).number == "TS2025-0001"  # refusals consumed no number
    with pytest.raises(ValidationError, match="请先作受理决定"):
        handling.record_finding(office, clerk, cid, "不属实", DAY, "", "报告", today=DAY)
    with pytest.raises(ValidationError, match="请先作受理决定"):
        handling.propose_finding(office, clerk, cid, "属实", DAY, "", "报告", today=DAY)  # checked before queuing
    with pytest.raises(ValidationError, match="作出调查结论后"):
        handling.feedback(office, clerk, cid, DAY, "电话", "x", today=DAY)
    assert _row(office, cid).state == "待受理"


def test_limits_are_settings_and_working_days_can_be_chosen(office, admin, clerk, inspector):
    setup.save(office, admin.actor(), setup.Limits(accept_days=5, working_days=True))
    cid = register.register(office, clerk, named(), today=DAY)
    assert _row(office, cid).due == D(2025, 3, 10)  # 5 working days after Monday 3 March
    with pytest.raises(PermissionDenied):
        setup.save(office, clerk, setup.Limits())
    with pytest.raises(ValidationError) as e:
        setup.save(office, admin.actor(), setup.Limits(result_days=0))
    assert "result_days" in e.value.fields


def test_list_named_before_anonymous_and_urgency(office, clerk, inspector):
    anon = register.register(office, clerk, named(anonymous=True, wants_reply=False, received_on=D(2025, 3, 4)),
                             today=D(2025, 3, 4))
    name = register.register(office, clerk, named(), today=DAY)
    with office.session() as s:
        assert register.ids_in_list_order(s) == [name, anon]
    assert clock.urgency(D(2025, 3, 18), "待受理", D(2025, 3, 19), 3) == "逾期"
    assert clock.urgency(D(2025, 3, 18), "待受理", D(2025, 3, 16), 3) == "临近期限"
    assert clock.urgency(D(2025, 3, 18), "已办结", D(2025, 3, 19), 3) == ""


def test_heads_view_lists_overdue_and_near_due(office, clerk, inspector):
    a = register.register(office, clerk, named(received_on=D(2025, 3, 3)), today=D(2025, 3, 3))  # due 3-18
    b = register.register(office, clerk, named(received_on=D(2025, 3, 6)), today=D(2025, 3, 6))  # due 3-21
    register.register(office, clerk, named(received_on=D(2025, 3, 10)), today=D(2025, 3, 10))  # due 3-25
    board = clock.due_board(office, D(2025, 3, 19))
    assert [(x[0], x[4]) for x in board] == [(a, "逾期"), (b, "临近期限")]
    handling.decide(office, clerk, a, "告知向有权机关反映", D(2025, 3, 4), "县纪委监委", today=D(2025, 3, 19))
    assert [x[0] for x in clock.due_board(office, D(2025, 3, 19))] == [b]


def test_the_one_complained_about_may_not_handle_it(office, clerk, admin, inspector):
    """回避: the staff member a complaint is about cannot act on it, not even as administrator."""
    cid = register.register(office, clerk, named(target_user_id=admin.id), today=DAY)
    with pytest.raises(PermissionDenied, match="应当回避"):
        handling.decide(office, admin.actor(), cid, "受理", D(2025, 3, 5), today=D(2025, 3, 5))
    assert _row(office, cid).state == "待受理"
    handling.decide(office, clerk, cid, "受理", D(2025, 3, 5), today=D(2025, 3, 5))
    with pytest.raises(PermissionDenied, match="应当回避"):
        handling.investigate(office, admin.actor(), cid, "初步调查")


def test_heads_view_on_a_new_office_reads_default_limits(office):
    """The first read of the limits creates the defaults (audited) instead of failing in a read-only session."""
    assert clock.due_board(office, D(2025, 3, 19)) == []
    assert setup.read(office).near_due_days == 3
