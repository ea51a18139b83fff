"""百分制考核: the template, grades at their boundaries, the ledger deduction, refusals, notices."""

import datetime as dt

import pytest
from sqlalchemy import func, select

from app.db.models import AssessmentItem, AssessmentScore, RectificationTask, Role, User
from app.services import rectification, users
from app.services.complaints import handling, ledger, register
from app.services.errors import PermissionDenied, ServiceError, ValidationError
from app.services.supervision import assessment as asm
from app.services.supervision import assessment_notices as notices
from tests.app.complaints.conftest import inspector, named, section, staff  # noqa: F401  (fixtures)

D = dt.date
YEAR = 2025


@pytest.fixture
def leader(office, admin):
    return users.create_user(office, admin.actor(), "jz", "周局长", Role.LEADER, "pass1234").actor()


def _full(items, minus: dict[int, str] | None = None) -> list[asm.ScoreInput]:
    """Full marks except the given ordinals, which get the typed score and a reason."""
    minus = minus or {}
    return [asm.ScoreInput(i.ordinal, minus.get(i.ordinal, str(i.weight)),
                           "扣分理由" if i.ordinal in minus else "") for i in items]


def test_default_template_is_the_eight_items_of_the_seed_and_sums_to_100(office):
    items = asm.template(office, YEAR)
    assert [i.name for i in items] == ["组织机构", "公开范围", "公开内容", "公开形式", "监督保障制度",
                                       "公开效果和群众满意", "责任追究和投诉处理", "年度工作要点落实"]
    assert sum(i.weight for i in items) == 100
    assert all(i.rule for i in items)


@pytest.mark.parametrize(("tenths", "expected"), [
    (595, "不合格"), (600, "合格"), (795, "合格"), (800, "良好"), (895, "良好"), (900, "优秀"), (1000, "优秀"),
    (0, "不合格")])
def test_grade_boundaries(tenths, expected):
    assert asm.grade(tenths) == expected


def test_a_total_of_59_5_is_failing_and_60_passes(office, leader, section):  # noqa: F811
    items = asm.template(office, YEAR)
    # 100 − 40.5 = 59.5: 组织机构 10 → 0, 公开范围 10 → 9.5, 公开内容 15 → 0, 公开效果 15 → 0
    asm.save_scores(office, leader, YEAR, section, _full(items, {1: "0", 2: "9.5", 3: "0", 6: "0"}))
    u = asm.assessment(office, YEAR).units[0]
    assert (u.items_tenths, u.total_tenths, u.grade) == (595, 595, "不合格")
    asm.save_scores(office, leader, YEAR, section, _full(items, {1: "0", 3: "0", 6: "0"}))
    assert asm.assessment(office, YEAR).units[0].grade == "合格"
    asm.save_scores(office, leader, YEAR, section, _full(items, {1: "0", 6: "5"}))  # 80
    assert asm.assessment(office, YEAR).units[0].grade == "良好"
    asm.save_scores(office, leader, YEAR, section, _full(items, {1: "０"}))  # 90, full-width digit
    assert asm.assessment(office, YEAR).units[0].grade == "优秀"


def _substantiated(db, head, staff, day):  # noqa: F811
    """A complaint against ``staff`` of their 科室 found 属实 by a head (a head's finding needs no 签批)."""
    with db.session() as s:
        dept = s.get(User, staff.id).department_id
    cid = register.register(db, head, named(target_user_id=staff.id, target_department_id=dept, received_on=day),
                            today=day)
    handling.decide(db, head, cid, "受理", day, today=day)
    return handling.record_finding(db, head, cid, "属实", day, "", "查明属实", today=day)


def test_a_confirmed_ledger_record_is_deducted_as_its_own_line(office, leader, inspector, staff,  # noqa: F811
                                                               section):  # noqa: F811
    items = asm.template(office, YEAR)
    asm.save_scores(office, leader, YEAR, section, _full(items, {8: "10"}))  # 95
    rec = _substantiated(office, leader, staff, D(YEAR, 3, 3))
    year = asm.assessment(office, YEAR)
    assert year.units[0].deduction_tenths == 0  # not confirmed yet: no deduction
    ledger.confirm(office, inspector, rec, today=D(YEAR, 3, 10))
    year = asm.assessment(office, YEAR)
    u = year.units[0]
    assert (u.complaints, u.deduction_tenths, u.items_tenths, u.total_tenths, u.grade) == (1, 50, 950, 900, "优秀")
    assert year.deduction_line(u) == "责任追究：属实投诉1件，扣5分"
    assert year.commended == ["政务服务科"]
    # a second one: 85 → 良好; the setting (section_points) is what is deducted, via the ledger's own query
    ledger.confirm(office, inspector, _substantiated(office, leader, staff, D(YEAR, 4, 1)), today=D(YEAR, 4, 2))
    u = asm.assessment(office, YEAR).units[0]
    assert (u.complaints, u.total_tenths, u.grade) == (2, 850, "良好")
    assert asm.assessment(office, YEAR + 1).units[0].deduction_tenths == 0  # another appraisal year


def test_weights_not_summing_to_100_are_refused_and_nothing_changes(office, leader):
    items = [asm.ItemInput(i.name, i.weight, i.rule) for i in asm.template(office, YEAR)]
    items[0] = asm.ItemInput("组织机构", 15, "")
    with pytest.raises(ValidationError, match="合计应为100分，现为105分"):
        asm.save_template(office, leader, YEAR, items)
    with pytest.raises(ValidationError, match="重复"):
        asm.save_template(office, leader, YEAR, items[:7] + [asm.ItemInput("组织机构", 10)])
    with pytest.raises(ValidationError, match="分值应为整数"):
        asm.save_template(office, leader, YEAR, items[:7] + [asm.ItemInput("年度工作要点落实", "十")])
    with office.session() as s:
        assert s.scalar(select(func.count()).select_from(AssessmentItem)) == 0
    # a valid edit: two items merged into one of 20
    merged = items[1:6] + [asm.ItemInput("责任追究和投诉处理", 15), asm.ItemInput("年度工作要点落实", 15),
                           asm.ItemInput("组织领导", 10, "自定")]
    merged[0] = asm.ItemInput("公开范围", 10)
    asm.save_template(office, leader, YEAR, merged)
    assert [i.name for i in asm.template(office, YEAR)][-1] == "组织领导"
    assert asm.template(office, YEAR + 1)[-1].name == "组织领导"  # next year starts from this one


def test_bad_scores_are_refused_whole_with_chinese_messages(office, leader, clerk, section):  # noqa: F811
    items = asm.template(office, YEAR)
    entries = _full(items)
    entries[0] = asm.ScoreInput(1, "11", "超分")
    entries[2] = asm.ScoreInput(3, "12", "")
    entries[3] = asm.ScoreInput(4, "7.25", "两位小数")
    with pytest.raises(ValidationError) as e:
        asm.save_scores(office, leader, YEAR, section, entries)
    assert e.value.fields["score1"] == "“组织机构”的考核分11分超过该项分值10分"
    assert e.value.fields["reason3"] == "“公开内容”未得满分，请写明扣分理由"
    assert "最多一位小数" in e.value.fields["score4"]
    with office.session() as s:
        assert s.scalar(select(func.count()).select_from(AssessmentScore)) == 0  # nothing half-saved
    with pytest.raises(PermissionDenied, match="局领导"):
        asm.save_scores(office, clerk, YEAR, section, _full(items))
    with pytest.raises(PermissionDenied, match="本科室"):  # a clerk of no / another 科室
        asm.save_scores(office, clerk, YEAR, section, _full(items), self_assessment=True)
    with pytest.raises(ValidationError, match="2000至2100"):
        asm.assessment(office, 1999)


def test_the_section_enters_its_own_self_assessment(office, admin, leader, staff, section):  # noqa: F811
    own = users.sign_in(office, "xw", "pass1234").actor()
    items = asm.template(office, YEAR)
    asm.save_scores(office, own, YEAR, section, _full(items, {2: "8"}), self_assessment=True)
    u = asm.assessment(office, YEAR).units[0]
    assert (u.self_tenths, u.items_tenths, u.grade) == (980, None, asm.UNFINISHED)
    assert u.scores[2] == asm.ItemScore(80, "扣分理由", None, "")


def test_notice_fixes_the_grade_and_a_failing_section_owes_a_plan_in_a_week(office, admin, leader, section):  # noqa: F811
    from app.services import profile

    profile.add_department(office, admin.actor(), "国库股")
    items = asm.template(office, YEAR)
    depts = dict((n, i) for i, n in asm.departments_of(office, YEAR))
    asm.save_scores(office, leader, YEAR, depts["政务服务科"], _full(items, {1: "0", 2: "9.5", 3: "0", 6: "0"}))  # 59.5
    with pytest.raises(ValidationError, match="国库股还有考核项目没有评分"):
        notices.issue_notices(office, leader, YEAR, list(depts.values()), D(2026, 1, 10))
    asm.save_scores(office, leader, YEAR, depts["国库股"], _full(items))
    section_head = users.create_user(office, admin.actor(), "kz", "钱科长", Role.SECTION_HEAD, "pass1234",
                                     department="政务服务科").actor()
    with pytest.raises(PermissionDenied, match="局领导"):
        notices.issue_notices(office, section_head, YEAR, list(depts.values()), D(2026, 1, 10))
    notices.issue_notices(office, leader, YEAR, list(depts.values()), D(2026, 1, 10))
    year = asm.assessment(office, YEAR)
    fail, best = (next(u for u in year.units if u.department == n) for n in ("政务服务科", "国库股"))
    assert (fail.notice.grade, fail.notice.task_due, fail.notice.task_state) == ("不合格", D(2026, 1, 17), "整改中")
    assert best.notice.grade == "优秀" and best.notice.task_id is None
    assert year.commended == ["国库股"]
    task = rectification.list_tasks(office, D(2026, 1, 20), source_kind=asm.SOURCE)[0]
    assert (task.department, task.owner, task.shown_state) == ("政务服务科", "钱科长", "逾期")
    with pytest.raises(ServiceError, match="已经通报"):
        asm.save_scores(office, leader, YEAR, depts["国库股"], _full(items))
    with pytest.raises(ServiceError, match="已经通报"):
        asm.save_template(office, leader, YEAR, [asm.ItemInput("全部", 100)])
    with office.session() as s:
        assert s.scalar(select(func.count()).select_from(RectificationTask)) == 1


def test_figures_beside_the_items_are_the_supervision_figures_of_the_section_and_year(office, leader, inspector,  # noqa: F811
                                                                                       staff, section):  # noqa: F811
    from app.services.supervision import assessment_figures as af
    from app.services.supervision import figures as fg

    _substantiated(office, leader, staff, D(YEAR, 3, 3))
    lines = af.item_figures(office, YEAR, section, today=D(YEAR, 12, 31))
    expected = {f.key: f.value for f in fg.figures(office, D(YEAR, 1, 1), D(YEAR, 12, 31), [section],
                                                   D(YEAR, 12, 31))}
    assert expected["complaints"] == expected["complaints_found"] == 1  # the complaint counts for the 科室
    assert [(x.figure.key, int(x.value)) for x in lines["complaints"]] == [
        (k, expected[k]) for k in ("complaints", "complaints_found", "complaints_overdue")]
    assert lines["tasks"][-1].label == af.ON_TIME and lines["tasks"][-1].value == "—"
    assert "本年查实（属实、部分属实）1" in af.text(lines["complaints"])
    assert (af.on_time_rate(10, 1), af.on_time_rate(3, 0), af.on_time_rate(0, 0)) == ("90.0%", "100.0%", "—")


def test_a_record_confirmed_after_the_notice_does_not_change_the_notified_result(office, leader, inspector,  # noqa: F811
                                                                                  staff, section):  # noqa: F811
    items = asm.template(office, YEAR)
    asm.save_scores(office, leader, YEAR, section, _full(items))
    notices.issue_notices(office, leader, YEAR, [section], D(2026, 1, 10))
    ledger.confirm(office, inspector, _substantiated(office, leader, staff, D(YEAR, 12, 1)), today=D(2026, 1, 11))
    year = asm.assessment(office, YEAR)
    u = year.units[0]
    assert (u.deduction_tenths, u.total_tenths, u.grade, u.complaints) == (0, 1000, "优秀", None)
    assert year.deduction_line(u) == "责任追究：扣0分（按通报时的责任追究台账）"


def test_a_scored_item_can_be_renamed_and_reweighted_but_not_dropped_or_set_below_its_score(office, leader,  # noqa: F811
                                                                                            section):  # noqa: F811
    items = asm.template(office, YEAR)
    asm.save_scores(office, leader, YEAR, section, _full(items, {1: "8"}))
    stored = asm.template(office, YEAR)
    edit = [asm.ItemInput(i.name, i.weight, i.rule, i.figure_key, i.id) for i in stored]
    edit[0] = asm.ItemInput("组织领导和机构", 10, "改名", stored[0].figure_key, stored[0].id)
    asm.save_template(office, leader, YEAR, edit)
    u = asm.assessment(office, YEAR).units[0]
    assert asm.template(office, YEAR)[0].name == "组织领导和机构" and u.scores[1].tenths == 80
    low = list(edit)
    low[0], low[1] = asm.ItemInput("组织领导和机构", 5, "", "", stored[0].id), asm.ItemInput("公开范围", 15, "", "",
                                                                                           stored[1].id)
    with pytest.raises(ValidationError, match="已有8分的评分，分值不能低于该分数"):
        asm.save_template(office, leader, YEAR, low)
    with pytest.raises(ValidationError, match="已有评分，不能删除"):
        asm.save_template(office, leader, YEAR, edit[1:7] + [asm.ItemInput("年度工作要点落实", 25, "", "",
                                                                           stored[7].id)])
    assert asm.template(office, YEAR)[0].weight == 10  # nothing half-saved


def test_scores_notice_and_task_on_both_databases(any_db):
    """The same service path on SQLite and PostgreSQL (sums in tenths, the notice's task)."""
    from app.services import profile

    admin = users.create_first_admin(any_db, "admin", "王管理", "secret123", "secret123").actor()
    for name in ("预算股", "国库股"):
        profile.add_department(any_db, admin, name)
    leader = users.create_user(any_db, admin, "jz", "周局长", Role.LEADER, "pass1234").actor()
    depts = {n: i for i, n in asm.departments_of(any_db, YEAR)}
    items = asm.template(any_db, YEAR)
    asm.save_scores(any_db, leader, YEAR, depts["预算股"], _full(items, {2: "9.5"}))
    asm.save_scores(any_db, leader, YEAR, depts["国库股"], _full(items, {1: "0", 2: "9.5", 3: "0", 6: "0"}))
    notices.issue_notices(any_db, leader, YEAR, list(depts.values()), D(2026, 1, 5))
    got = [(u.department, u.total_tenths, u.grade, u.notice.task_due if u.notice else None)
           for u in asm.assessment(any_db, YEAR).units]
    assert got == [("预算股", 995, "优秀", None), ("国库股", 595, "不合格", D(2026, 1, 12))]


def test_request_figures_say_which_set_each_counts(office, section):  # noqa: F811
    """收到 (received in the year), 答复 (answered in it, whenever received) and 超期未答复 (still open,
    whenever received) are different sets: 1 received, 2 answered, 1 overdue is right, and said so."""
    from app.db.models import Department, InfoRequest
    from app.services.supervision import assessment_figures as af
    from tests.app.supervision.test_figures import filled

    with office.session() as s:
        name = s.get(Department, section).name
    with office.session(actor="测试", action="构造数据") as s:
        for n, (received, replied) in enumerate([(D(YEAR - 1, 12, 20), D(YEAR, 1, 8)),  # received the year before
                                                 (D(YEAR - 1, 11, 2), None),  # never answered: overdue now
                                                 (D(YEAR, 3, 2), D(YEAR, 3, 20))]):
            s.add(filled(InfoRequest, number=f"Q{n}", year=received.year, received_date=received, handler=name,
                         state="已答复" if replied else "办理中", reply_date=replied, on_time=True,
                         clock_start=received, due_date=received + dt.timedelta(days=20)))
    text = af.text(af.item_figures(office, YEAR, section, today=D(YEAR, 12, 31))["tasks"])
    assert text == ("本年收到申请1，本年作出答复（不论何年收到）2，其中超期答复0，至今超期未答复（年末前收到）1，"
                    "本年答复的按期答复率100.0%")
