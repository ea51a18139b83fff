"""转为投诉举报 (prefill, sealed identity, link back), the two limits' rights, same-day corrections in place."""

import datetime as dt

import pytest
from sqlalchemy import select, text

from app.db.models import Department, Role
from app.services import corrections, users
from app.services.complaints.register import ComplaintInput, register
from app.services.contacts import entry as ce
from app.services.contacts import register as reg
from app.services.contacts import vocab as v
from app.services.errors import PermissionDenied, ServiceError, ValidationError
from tests.app.complaints.conftest import inspector  # noqa: F401  (the office's complaint key)
from tests.app.contacts.conftest import MONDAY_10, quick

NOW = dt.datetime(2025, 3, 3, 10, 30)


def test_complaint_prefill_carries_person_only_into_the_identity(office, clerk, inspector):  # noqa: F811
    eid = ce.log_entry(office, clerk, quick(outcome=v.TO_COMPLAINT, answer="", question="窗口人员态度生硬",
                                            person="", phone=""), now=NOW)
    p = ce.complaint_input(office, eid)
    assert p == {"received_on": MONDAY_10.date(), "channel": "转自首问", "facts": "窗口人员态度生硬",
                 "contact_entry_id": eid, "anonymous": True}
    # the clerk types who complained into the complaint form only (sealed there)
    p.update(anonymous=False, name="张三", phone="13800001111")
    cid = register(office, clerk, ComplaintInput(**p, category="服务态度"), today=MONDAY_10.date())
    ce.link_complaint(office, clerk, eid, cid)
    d = reg.detail(office, eid)
    assert d.complaint_id == cid and d.linked == "投诉举报TS2025-0001"
    assert d.events[-1].kind == "关联" and d.events[-1].text == "转为投诉举报：TS2025-0001"
    with office.session() as s:  # the name went into the sealed identity, not into any column of either record
        rows = [s.execute(text(f"select * from {t}")).mappings().one() for t in ("complaint", "contact_entry")]
    assert not any("张三" in str(x) or "13800001111" in str(x) for row in rows for x in row.values())


def test_complaint_prefill_unnamed_is_anonymous_and_knows_the_department(office, clerk, head):
    from app.services.catalogue import service as catalogue
    from tests.app.notices.conftest import FILING, make_matter  # the catalogue's own sample matter

    with office.session(actor="测试", action="添加科室") as s:
        s.add(Department(name=make_matter().department))
    mid = catalogue.create_matter(office, head, make_matter(), FILING, today=dt.date(2025, 3, 1))
    eid = ce.log_entry(office, clerk, quick(outcome=v.TO_COMPLAINT, answer="", person="", phone="", matter_id=mid), now=NOW)
    p = ce.complaint_input(office, eid)
    assert p["anonymous"] is True and "name" not in p and "phone" not in p
    with office.session() as s:
        assert p["target_department_id"] == s.scalar(select(Department.id).where(
            Department.name == make_matter().department))


def test_complaint_link_refused_for_another_entry_or_outcome(office, clerk, inspector):  # noqa: F811
    first = ce.log_entry(office, clerk, quick(outcome=v.TO_COMPLAINT, answer="", person="", phone=""), now=NOW)
    other = ce.log_entry(office, clerk, quick(outcome=v.TO_COMPLAINT, answer="", person="", phone=""), now=NOW)
    answered = ce.log_entry(office, clerk, quick(), now=NOW)
    cid = register(office, clerk, ComplaintInput(**ce.complaint_input(office, first), category="服务态度"),
                   today=MONDAY_10.date())
    with pytest.raises(ServiceError, match="不是由首问登记"):
        ce.link_complaint(office, clerk, other, cid)
    with pytest.raises(ServiceError, match="不能关联"):
        ce.link_complaint(office, clerk, answered, cid)
    assert reg.detail(office, other).events[-1].kind == "登记"


def test_limits_set_by_admin_or_head_not_clerk(office, admin, clerk, head):
    ce.set_limits(office, head, 7, 20)
    with office.session() as s:
        assert ce.limits(s) == (7, 20)
    with pytest.raises(PermissionDenied, match="系统管理员或科室负责人"):
        ce.set_limits(office, clerk, 3, 3)
    with pytest.raises(ValidationError) as exc:
        ce.set_limits(office, admin.actor(), 0, 61)
    assert set(exc.value.fields) == {"result_days", "rectification_days"}
    with office.session() as s:
        assert ce.limits(s) == (7, 20)


def test_author_same_day_corrects_in_place_later_it_is_an_event(office, admin, clerk, head):
    eid = ce.log_entry(office, clerk, quick(contact_at=dt.datetime.now() - dt.timedelta(minutes=1)))
    corrections.correct(office, clerk, "contact", eid, {"person": "张山"}, "听错")
    d = reg.detail(office, eid)
    assert d.row.person == "张山" and [e.kind for e in d.events] == ["登记"] and d.corrections == ()
    assert [h.before for h in corrections.history(office, "contact", eid)] == ["张三"]  # still on record
    # a head correcting the clerk's entry, even the same day, is an event on the timeline
    corrections.correct(office, head, "contact", eid, {"phone": "13900002222"}, "号码记错")
    d = reg.detail(office, eid)
    assert [e.kind for e in d.corrections] == ["更正"] and "13800001111 → 13900002222" in d.corrections[0].text
    assert d.corrections[0].actor == "钱科长"
    other = users.create_user(office, admin.actor(), "c2", "李窗口", Role.CLERK, "pass1234").actor()
    with pytest.raises(PermissionDenied):
        corrections.correct(office, other, "contact", eid, {"person": "张珊"}, "听错")


def test_future_days_refused_at_each_step_and_nothing_half_saved(office, clerk, budget_clerk, depts):  # noqa: F811
    from tests.app.contacts.conftest import referral

    eid = ce.log_entry(office, clerk, referral(depts, contact_at=dt.datetime.now() - dt.timedelta(minutes=5)))
    ce.accept(office, budget_clerk, eid)
    tomorrow = office.today() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        ce.record_result(office, budget_clerk, eid, "已办结", day=tomorrow)
    assert exc.value.fields["day"] == "办理日期不能晚于今天"
    d = reg.detail(office, eid)
    assert d.row.state == v.IN_HAND and d.row.result == "" and [e.kind for e in d.events] == ["登记", "接办"]
    ce.record_result(office, budget_clerk, eid, "已办结")
    with pytest.raises(ValidationError) as exc:
        ce.follow_up(office, clerk, eid, ce.FollowUp(day=tomorrow, rating="满意"))
    assert "回访日期不能晚于今天" in exc.value.fields["day"]
    d = reg.detail(office, eid)
    assert d.row.state == v.AWAIT_FOLLOWUP and d.row.rating == "" and d.events[-1].kind == "办理结果"


def test_who_typed_a_step_corrects_it_that_day(office, clerk, budget_clerk, other_clerk, depts):  # noqa: F811
    from tests.app.contacts.conftest import referral

    # a call from yesterday logged today: its author may still correct it today
    eid = ce.log_entry(office, clerk, referral(depts, contact_at=dt.datetime.now() - dt.timedelta(days=1)))
    corrections.correct(office, clerk, "contact", eid, {"question": "专项资金拨付进度查询"}, "补全")
    ce.accept(office, budget_clerk, eid)
    ce.record_result(office, budget_clerk, eid, "已拨付")
    corrections.correct(office, budget_clerk, "contact", eid, {"result": "已于本周拨付"}, "写错")
    d = reg.detail(office, eid)
    assert d.row.result == "已于本周拨付" and d.corrections == ()  # both in place, by their authors
    with pytest.raises(PermissionDenied, match="当天"):
        corrections.correct(office, other_clerk, "contact", eid, {"result": "已办结"}, "改")


def test_referral_sent_to_the_wrong_section_is_redirected_before_acceptance(office, clerk, head, budget_clerk,
                                                                           other_clerk, depts):
    from tests.app.contacts.conftest import referral

    eid = ce.log_entry(office, clerk, referral(depts, contact_at=dt.datetime.now() - dt.timedelta(minutes=5)))
    later = office.today() + dt.timedelta(days=1)
    corrections.correct(office, head, "contact", eid, {"referred_to": "办公室", "referred_person": "周办公"},
                        "转错科室", today=later)
    d = reg.detail(office, eid)
    assert (d.row.referred_to, d.department_id, d.referred_person) == ("办公室", depts["办公室"], "周办公")
    assert "更正转至科室：预算股 → 办公室" in d.corrections[-1].text
    assert reg.list_ids(office, reg.ContactFilter(view=reg.TO_ME, department_id=depts["办公室"])) == [eid]
    with pytest.raises(PermissionDenied):
        ce.accept(office, budget_clerk, eid)
    ce.accept(office, other_clerk, eid)
    fields, _ = corrections.correctable(office, head, "contact", eid)
    assert "referred_to" not in {f.key for f in fields}  # taken up: no longer movable
