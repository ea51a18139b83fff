"""The duty view: each source's lines for a head, and for a clerk only their own work; every line
names the record it opens.  Built through the modules' own services on a fresh database."""

import datetime as dt

from app.dates import days_left_text
from app.services import dashboard, rectification
from app.services.complaints import clock as complaint_clock
from app.services.complaints import listing
from app.services.complaints import register as complaints
from app.services.contacts import entry as contacts
from app.services.contacts import vocab as cv
from app.services.dashboard.model import (
    ANNUAL_REPORT,
    COMPLAINTS,
    CONSULTATIONS,
    CORRECTIONS,
    DUTIES,
    REFERRALS,
    REQUESTS,
    SIGNOFF,
    TASKS,
)
from app.services.requests import actions, queries
from app.services.requests.signoff_kinds import submit_decision
from app.services.supervision import posts
from app.services.supervision.posts import DEPUTY, AssignmentInput
from tests.app.dashboard.conftest import D, register


def _kind(office, actor, kind, today):
    return dashboard.duty_view(office, actor, today=today).group(kind)


def test_request_near_then_past_its_deadline_head_and_own_clerk(office, clerk, head, budget, registered):
    near = D(2025, 3, 27)  # due 2025-03-31: two working days left (the register's 3-day "due soon")
    g = _kind(office, head, REQUESTS, near)
    (line,) = g.lines
    assert (line.record_type, line.record_id, line.due) == ("request", registered, D(2025, 3, 31))
    assert line.state.startswith("还剩2个工作日") and not line.overdue and "张三" in line.title
    assert _kind(office, head, REQUESTS, D(2025, 3, 20)).count == 0  # not yet near
    # unassigned: the clerk who registered it owns it; another 科室's clerk does not
    assert _kind(office, clerk, REQUESTS, near).count == 1
    assert _kind(office, budget, REQUESTS, near).count == 0
    actions.assign(office, clerk, registered, "预算股", today=near)
    assert _kind(office, budget, REQUESTS, near).count == 1
    assert _kind(office, clerk, REQUESTS, near).count == 0
    late = _kind(office, head, REQUESTS, D(2025, 4, 2)).lines[0]
    assert late.overdue and late.state.startswith("已逾期2个工作日") and "承办：预算股" in late.state


def test_request_counts_are_the_registers_own(office, clerk, head):
    for day in (D(2025, 3, 3), D(2025, 3, 4), D(2025, 3, 5), D(2025, 3, 20)):
        register(office, clerk, day, content=f"{day}收到的申请")
    today = D(2025, 4, 1)
    c = queries.counts(office, today)
    assert _kind(office, head, REQUESTS, today).count == c.overdue + c.due_soon == 3


def test_correction_and_consultation_waiting(office, clerk, head, budget, registered):
    other = register(office, clerk, D(2025, 3, 3), content="2024年政府采购合同")
    actions.issue_correction(office, clerk, registered, "请写明所需文件的名称", D(2025, 3, 20), issued=D(2025, 3, 4),
                             today=D(2025, 3, 4))
    actions.start_consultation(office, clerk, other, "第三方", "某某县恒信建设有限公司", D(2025, 3, 5),
                               today=D(2025, 3, 5))
    view = dashboard.duty_view(office, head, today=D(2025, 3, 10))
    (corr,) = view.group(CORRECTIONS).lines
    assert corr.record_id == registered and "补正期限至" in corr.state and not corr.overdue
    (cons,) = view.group(CONSULTATIONS).lines
    assert cons.record_id == other and "恒信建设" in cons.title and cons.due > D(2025, 3, 10)
    assert view.group(REQUESTS).count == 0  # neither is near its answer deadline
    later = dashboard.duty_view(office, head, today=D(2025, 4, 30))
    assert later.group(CORRECTIONS).lines[0].overdue and "已过" in later.group(CORRECTIONS).lines[0].state
    assert later.group(CONSULTATIONS).lines[0].overdue
    assert dashboard.duty_view(office, budget, today=D(2025, 3, 10)).total == 0


def test_referral_not_taken_for_responder_and_receiving_section(office, clerk, head, budget, deputy, depts):
    eid = contacts.log_entry(office, clerk, contacts.EntryInput(
        contact_at=dt.datetime(2025, 3, 3, 10, 5), person="李四", phone="13800001111", category="办事",
        question="专项资金拨付进度", outcome=cv.INTERNAL, department_id=depts["预算股"], referred_person="孙预算"),
        now=dt.datetime(2025, 3, 3, 10, 6))
    for actor in (head, clerk, budget):  # head: all; 赵窗口: 我的首问; 孙预算: 转我办理 (预算股)
        (line,) = _kind(office, actor, REFERRALS, D(2025, 3, 3)).lines
        assert (line.record_type, line.record_id) == ("contact", eid) and line.state.startswith(cv.AWAIT_ACCEPT)
    assert _kind(office, deputy, REFERRALS, D(2025, 3, 3)).count == 1  # a head
    late = _kind(office, head, REFERRALS, D(2025, 3, 6)).lines[0]
    assert late.overdue and late.state.startswith(cv.OVERDUE)
    contacts.accept(office, budget, eid, now=dt.datetime(2025, 3, 6, 1, 0, tzinfo=dt.UTC))
    assert _kind(office, budget, REFERRALS, D(2025, 3, 6)).count == 1  # 办理中: result due this week


def test_complaints_near_their_limit_never_shown_to_the_person_complained_about(office, clerk, head, budget):
    today = D(2025, 3, 17)
    received = today - dt.timedelta(days=13)  # 15 calendar days to decide: due in 2 days (near: 3)
    about_budget = complaints.register(office, budget, complaints.ComplaintInput(
        received_on=received, channel="电话", category="服务态度", facts="窗口人员态度生硬", anonymous=True,
        target_user_id=budget.user_id), today=today)
    taken = complaints.register(office, clerk, complaints.ComplaintInput(
        received_on=received, channel="当面", category="效率低下/拖延", facts="材料交齐后一个月没有答复",
        anonymous=True), today=today)
    about_head = complaints.register(office, clerk, complaints.ComplaintInput(
        received_on=received, channel="信函", category="刁难", facts="分管领导不签字", anonymous=True,
        target_user_id=head.user_id), today=today)
    head_lines = _kind(office, head, COMPLAINTS, today).lines
    assert {line.record_id for line in head_lines} == {about_budget, taken}  # not the one about the head (回避)
    assert all(line.record_type == "complaint" and "临近期限" in line.state for line in head_lines)
    assert [line.record_id for line in _kind(office, clerk, COMPLAINTS, today).lines] == [taken, about_head]
    # the tab's counter and the status bar read the same conditions
    later = today + dt.timedelta(days=5)
    assert listing.overdue_count(office, later, head.user_id) == 2 == len(_kind(office, head, COMPLAINTS, later).lines)
    assert listing.overdue_count(office, later, clerk.user_id) == 3
    assert _kind(office, budget, COMPLAINTS, today).count == 0  # took it, but it is about them
    late = _kind(office, head, COMPLAINTS, today + dt.timedelta(days=5)).lines
    assert late and all(line.overdue for line in late)
    # the register's 办理期限 column, word for word (2025年3月19日（逾期）)
    assert all(line.state.endswith(f"，办理期限{complaint_clock.due_text(line.due, '逾期')}") for line in late)
    assert all(line.state.endswith("（临近期限）") for line in head_lines)


def test_duties_this_quarter_and_a_missed_december(office, admin, clerk, deputy, head, depts):
    posts.save_assignment(office, admin.actor(), AssignmentInput(deputy.user_id, DEPUTY, depts["预算股"],
                                                                  D(2025, 10, 1), None))
    (line,) = _kind(office, deputy, DUTIES, D(2025, 12, 5)).lines
    assert line.record_type == "duty" and line.record_id == deputy.user_id and line.record_key == "季度督查|2025Q4"
    assert line.due == D(2025, 12, 31) and not line.overdue and "预算股" in line.title
    assert _kind(office, head, DUTIES, D(2025, 12, 5)).count == 1
    assert _kind(office, clerk, DUTIES, D(2025, 12, 5)).count == 0
    missed = _kind(office, deputy, DUTIES, D(2026, 1, 10))
    assert [(x.record_key, x.overdue) for x in missed.lines] == [("季度督查|2025Q4", True), ("季度督查|2026Q1", False)]


def test_rectification_tasks_overdue_for_the_owner(office, head, clerk, budget):
    source = rectification.Source(rectification.SUPERVISION, 1, "2025年第一季度督查")
    tid = rectification.add_task(office, head, source, rectification.TaskInput(
        "依申请公开答复书未写明救济途径", "孙预算", "预算股", D(2025, 3, 20)), opened_on=D(2025, 3, 10))
    rectification.add_task(office, head, source, rectification.TaskInput(
        "更新公开指南", "钱科长", "办公室", D(2025, 6, 30)), opened_on=D(2025, 3, 10))
    (line,) = _kind(office, budget, TASKS, D(2025, 3, 24)).lines
    assert (line.record_type, line.record_id, line.overdue) == ("rectification", tid, True)
    assert "2025年第一季度督查" in line.title and line.state.startswith("逾期")
    assert _kind(office, head, TASKS, D(2025, 3, 24)).count == 1  # the June task is not due this week
    assert _kind(office, clerk, TASKS, D(2025, 3, 24)).count == 0


def test_annual_report_dates_material_for_all_publication_for_heads(office, head, clerk):
    heads = _kind(office, head, ANNUAL_REPORT, D(2025, 12, 5))
    assert [line.due for line in heads.lines] == [D(2025, 12, 20), D(2026, 1, 31)]
    assert all(line.record_type == "annual_report" and line.record_id == 2025 for line in heads.lines)
    assert [line.due for line in _kind(office, clerk, ANNUAL_REPORT, D(2025, 12, 5)).lines] == [D(2025, 12, 20)]
    assert _kind(office, head, ANNUAL_REPORT, D(2025, 6, 5)).count == 0


def test_signoff_waiting_for_the_head_and_the_submitter(office, clerk, head, budget, registered):
    from tests.app.test_signoff import _withhold

    submit_decision(office, clerk, registered, _withhold(), today=D(2025, 3, 10))
    (line,) = _kind(office, head, SIGNOFF, D(2025, 3, 10)).lines
    assert (line.record_type, line.record_id) == ("request", registered) and line.state.startswith("等候签批")
    assert _kind(office, clerk, SIGNOFF, D(2025, 3, 10)).count == 1
    assert _kind(office, budget, SIGNOFF, D(2025, 3, 10)).count == 0


def test_demoted_head_gets_the_clerks_view(office, admin, head, clerk, registered):
    from app.db.models import Role
    from app.services import users

    assert dashboard.duty_view(office, head, today=D(2025, 3, 27)).everything
    users.update_user(office, admin.actor(), head.user_id, full_name="钱科长", role=Role.CLERK, department="",
                      title="", active=True)
    view = dashboard.duty_view(office, head, today=D(2025, 3, 27))
    assert not view.everything and view.group(REQUESTS).count == 0


def test_counts_stay_exact_beyond_the_listed_lines(office, clerk, head, monkeypatch):
    from app.services.dashboard import model

    monkeypatch.setattr(model, "LINE_LIMIT", 2)
    monkeypatch.setattr("app.services.dashboard.requests_src.LINE_LIMIT", 2)
    for day in (D(2025, 3, 3), D(2025, 3, 4), D(2025, 3, 5), D(2025, 3, 27)):
        register(office, clerk, day, content=f"{day}收到的申请")
    g = _kind(office, head, REQUESTS, D(2025, 4, 3))  # three past their deadline, the fourth not near
    assert (g.count, g.overdue, len(g.lines)) == (3, 3, 2)
    g = _kind(office, head, REQUESTS, D(2025, 4, 1))  # 03-31 passed; 04-01 and 04-02 near
    assert (g.count, g.overdue, len(g.lines)) == (3, 1, 2)


def test_a_friday_deadline_is_overdue_on_sunday_as_in_the_register(office, clerk, head):
    rid = register(office, clerk, D(2025, 2, 28))
    assert queries.detail(office, rid).due_date == D(2025, 3, 28)  # a Friday
    sunday = D(2025, 3, 30)  # no working day has passed since, yet the deadline has
    g = _kind(office, head, REQUESTS, sunday)
    (line,) = g.lines
    assert line.overdue and g.overdue == queries.counts(office, sunday).overdue == 1
    # the request window's rule and words (WorkCalendar.days_left: a rest day after the deadline is −1)
    assert queries.detail(office, rid, sunday).clock.remaining == -1
    assert line.state.startswith(days_left_text(-1)) and line.state.startswith("已逾期1个工作日")
    assert _kind(office, head, REQUESTS, D(2025, 3, 31)).lines[0].state.startswith("已逾期1个工作日")
