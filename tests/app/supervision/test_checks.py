"""季度督查记录 and 专题会议记录: pre-filled figures kept as saved, checklist, tasks, completing the duty."""

import datetime as dt

import pytest

from app.db.models import InfoRequest
from app.services import rectification as rect
from app.services.errors import PermissionDenied, ServiceError, ValidationError
from app.services.supervision import checks, meetings, posts
from app.services.supervision import duties as du
from app.services.supervision.posts import DEPUTY, PRINCIPAL, AssignmentInput
from tests.app.supervision.test_figures import filled

D = dt.date


@pytest.fixture
def setup(bureau, monkeypatch):
    db = bureau.db
    monkeypatch.setattr(db, "today", lambda: D(2024, 7, 10))
    posts.save_assignment(db, bureau.admin, AssignmentInput(bureau.chief.id, PRINCIPAL, None, D(2024, 1, 1)))
    for area in ("预算股", "国库股"):
        posts.save_assignment(db, bureau.admin, AssignmentInput(bureau.dep1.id, DEPUTY, bureau.depts[area],
                                                                D(2024, 1, 1)))
    return bureau


def request(db, n, handler, received, reply=None, on_time=None):
    with db.session(actor="测试", action="构造数据") as s:
        s.add(filled(InfoRequest, number=f"Q{n}", year=2024, received_date=received, handler=handler, state="已答复",
                     clock_start=received, due_date=received + dt.timedelta(days=28), reply_date=reply,
                     on_time=on_time))


def duty(db, kind, period):
    return next(d for d in du.duties_for_year(db, int(period[:4])) if d.kind == kind and d.period == period)


def figure(form, key):
    return next(line for line in form.figures if line.figure.key == key)


def answers(form, result="符合"):
    return tuple(checks.ItemInput(i.name, result, "") for i in form.data.items)


def test_check_prefilled_saved_completed_late(setup):
    b, db = setup, setup.db
    request(db, 1, "预算股", D(2024, 5, 6), D(2024, 6, 20), False)
    request(db, 2, "办公室", D(2024, 5, 7), D(2024, 5, 20), True)  # not the deputy's 科室
    q2 = duty(db, du.CHECK, "2024Q2")
    assert q2.status == du.OVERDUE and q2.areas == ("预算股", "国库股")
    form = checks.open_check(db, q2)
    assert form.check_id is None and form.title == "2024年第二季度督查（李副局长）"
    assert [i.name for i in form.data.items][:3] == ["制度落实情况", "目标任务完成情况", "主动公开时效"]
    assert len(form.data.items) == 7 and form.data.checker == "李副局长"
    assert (figure(form, "requests_received").shown, figure(form, "requests_late").shown) == (1, 1)
    assert form.department_ids == (b.depts["预算股"], b.depts["国库股"])

    data = checks.CheckInput(D(2024, 7, 5), "李副局长", "王股长", "两条信息超期公开", form.data.items)
    with pytest.raises(PermissionDenied):
        checks.save_check(db, b.clerk.actor(), q2, data)
    with pytest.raises(ValidationError) as exc:  # completing needs a result for every item
        checks.save_check(db, b.dep1.actor(), q2, data, complete=True)
    assert exc.value.fields["result0"] == "请填写“制度落实情况”的检查结果" and len(exc.value.fields) == 7
    assert checks.find_check(db, b.dep1.id, "2024Q2") is None  # nothing half-saved
    cid = checks.save_check(db, b.dep1.actor(), q2, data)
    request(db, 3, "国库股 张三", D(2024, 6, 3))
    form = checks.open_check(db, q2)
    line = figure(form, "requests_received")
    assert (form.check_id, line.saved, line.figure.value, line.shown) == (cid, 1, 2, 1)  # snapshot kept, live reachable

    with pytest.raises(ValidationError, match="督查日期不能晚于今天"):
        checks.save_check(db, b.dep1.actor(), q2, checks.CheckInput(D(2024, 7, 11), "李副局长", items=answers(form)))
    with pytest.raises(ValidationError, match="不能早于该期间的第一天"):
        checks.save_check(db, b.dep1.actor(), q2, checks.CheckInput(D(2024, 3, 31), "李副局长", items=answers(form)))
    checks.save_check(db, b.dep1.actor(), q2, checks.CheckInput(D(2024, 7, 5), "李副局长", "", "超期", answers(form)),
                      complete=True)
    q2 = duty(db, du.CHECK, "2024Q2")
    assert (q2.status, q2.completed) == (du.DONE_LATE, D(2024, 7, 5))
    form = checks.open_check(db, q2)
    assert form.state == "已完成" and figure(form, "requests_received").saved == 2  # the completing save's figures
    with pytest.raises(ServiceError, match="已完成"):
        checks.save_check(db, b.dep1.actor(), q2, checks.CheckInput(D(2024, 7, 5), "李副局长", items=answers(form)))


def test_problems_become_tasks_one_closed(setup):
    b, db = setup, setup.db
    q2 = duty(db, du.CHECK, "2024Q2")
    form = checks.open_check(db, q2)
    cid = checks.save_check(db, b.dep1.actor(), q2, checks.CheckInput(D(2024, 7, 5), "李副局长",
                                                                      items=answers(form)))
    with pytest.raises(ValidationError, match=r"整改期限不能早于督查日期（2024年7月5日）"):
        checks.add_task(db, b.dep1.actor(), cid, rect.TaskInput("超期公开", "王股长", "预算股", D(2024, 7, 1)))
    first = checks.add_task(db, b.dep1.actor(), cid, rect.TaskInput("超期公开", "王股长", "预算股", D(2024, 7, 31)))
    checks.add_task(db, b.dep1.actor(), cid, rect.TaskInput("告知书未签收", "赵窗口", "国库股", D(2024, 8, 31)))
    rect.mark_done(db, b.clerk.actor(), first, "已补发并更正", D(2024, 7, 8))
    with pytest.raises(PermissionDenied, match="须由督查人李副局长验收销号"):  # another head cannot close it
        rect.verify(db, b.chief.actor(), first, D(2024, 7, 9))
    with pytest.raises(PermissionDenied, match="须由督查人李副局长验收销号"):  # and is told so before any question
        rect.check_may_verify(db, b.chief.actor(), first)
    rect.check_may_verify(db, b.dep1.actor(), first)
    rect.verify(db, b.dep1.actor(), first, D(2024, 7, 9))
    form = checks.open_check(db, q2)
    assert [(t.what, t.state, t.source_label) for t in form.tasks] == [
        ("超期公开", "已销号", "2024年第二季度督查（李副局长）"), ("告知书未签收", "整改中", "2024年第二季度督查（李副局长）")]
    assert [(r.period, r.holder, r.areas, r.open_tasks) for r in checks.list_checks(db, 2024)] == [
        ("2024Q2", "李副局长", "预算股、国库股", 1)]
    assert figure(form, "tasks_open").figure.value == 0  # opened after the quarter: not a Q2 figure


def test_checklist_template_is_editable(setup):
    b, db = setup, setup.db
    with pytest.raises(ValidationError, match="重复"):
        checks.save_template(db, b.admin, [checks.TemplateItem("保密审查"), checks.TemplateItem("保密审查")])
    with pytest.raises(ValidationError, match="至少保留一项"):
        checks.save_template(db, b.admin, [checks.TemplateItem(" ")])
    with pytest.raises(PermissionDenied):
        checks.save_template(db, b.clerk.actor(), [checks.TemplateItem("保密审查")])
    assert len(checks.template(db)) == 7  # seed 001's items until the office has its own
    checks.save_template(db, b.admin, [checks.TemplateItem("保密审查", "公开前审查"), checks.TemplateItem("网站栏目更新")])
    assert checks.template(db) == [checks.TemplateItem("保密审查", "公开前审查"), checks.TemplateItem("网站栏目更新")]
    form = checks.open_check(db, duty(db, du.CHECK, "2024Q3"))
    assert [i.name for i in form.data.items] == ["保密审查", "网站栏目更新"]


def test_meeting_record_completes_the_half_year(setup):
    b, db = setup, setup.db
    h1 = duty(db, du.MEETING, "2024H1")
    form = meetings.open_meeting(db, h1)
    assert form.meeting_id is None and form.data.chair == "孙局长" and form.title == "2024年上半年政务公开专题会议（孙局长）"
    with pytest.raises(ValidationError) as exc:
        meetings.save_meeting(db, b.chief.actor(), h1, meetings.MeetingInput(D(2024, 6, 20), "", "孙局长", "",
                                                                             ), complete=True)
    assert set(exc.value.fields) == {"place", "attendees", "reports_heard", "issues", "decisions"}
    data = meetings.MeetingInput(D(2024, 6, 20), "三楼会议室", "孙局长", "李副局长、周副局长、各股室负责人",
                                 "办公室关于上半年政务公开工作的汇报", "依申请公开超期答复", "建立超期预警")
    with pytest.raises(PermissionDenied):
        meetings.save_meeting(db, b.clerk.actor(), h1, data)
    mid = meetings.save_meeting(db, b.chief.actor(), h1, data, complete=True)
    assert duty(db, du.MEETING, "2024H1").status == du.DONE
    with pytest.raises(ValidationError, match="不能早于会议日期"):
        meetings.add_task(db, b.chief.actor(), mid, rect.TaskInput("预警", "王股长", "办公室", D(2024, 6, 1)))
    meetings.add_task(db, b.chief.actor(), mid, rect.TaskInput("建立超期预警", "王股长", "办公室", D(2024, 9, 30)))
    assert [(r.period, r.place, r.state, r.open_tasks) for r in meetings.list_meetings(db, 2024)] == [
        ("2024H1", "三楼会议室", "已完成", 1)]
    assert meetings.open_meeting(db, h1).tasks[0].source_kind == rect.MEETING


def test_scans_attach_to_a_check_and_a_meeting(setup, tmp_path):
    from app.services import attachments

    b, db = setup, setup.db
    q2 = duty(db, du.CHECK, "2024Q2")
    cid = checks.save_check(db, b.dep1.actor(), q2, checks.CheckInput(D(2024, 7, 5), "李副局长",
                                                                      items=answers(checks.open_check(db, q2))))
    scan = tmp_path / "签字记录.pdf"
    scan.write_bytes(b"%PDF-1.4 signed record")
    with pytest.raises(PermissionDenied):  # a clerk cannot add to a head's record
        attachments.add(db, b.clerk.actor(), checks.RECORD_TYPE, cid, scan)
    attachments.add(db, b.dep1.actor(), checks.RECORD_TYPE, cid, scan, "签字扫描件")
    assert [(a.filename, a.note) for a in attachments.listing(db, b.clerk.actor(), checks.RECORD_TYPE, cid)] == [
        ("签字记录.pdf", "签字扫描件")]
    h1 = duty(db, du.MEETING, "2024H1")
    mid = meetings.save_meeting(db, b.chief.actor(), h1, meetings.MeetingInput(D(2024, 6, 20), "会议室", "孙局长", "全体"))
    attachments.add(db, b.chief.actor(), meetings.RECORD_TYPE, mid, scan)
    assert attachments.count(db, meetings.RECORD_TYPE, [mid]) == {mid: 1}
    with pytest.raises(Exception, match="不存在"):
        attachments.add(db, b.chief.actor(), meetings.RECORD_TYPE, mid + 99, scan)
