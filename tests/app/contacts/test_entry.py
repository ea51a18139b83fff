import datetime as dt

import pytest
from sqlalchemy import func, select

from app.db.models import ContactEntry, RectificationTask
from app.services import corrections, rectification
from app.services.contacts import entry as ce
from app.services.contacts import register as reg
from app.services.contacts import vocab as v
from app.services.errors import PermissionDenied, ServiceError, ValidationError
from tests.app.contacts.conftest import MONDAY_10, quick, referral

NOW = dt.datetime(2025, 3, 3, 10, 30)
MON = NOW.date()


def _count(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(ContactEntry))


def test_on_the_spot_answer_is_numbered_and_closed(office, clerk):
    eid = ce.log_entry(office, clerk, quick(), now=NOW)
    d = reg.detail(office, eid)
    assert d.row.number == "SW2025-000001" and d.row.state == v.CLOSED
    assert d.row.responder == "赵窗口" and d.row.contact_at == MONDAY_10
    assert [e.kind for e in d.events] == ["登记"]
    assert ce.log_entry(office, clerk, quick(), now=NOW) != eid
    assert reg.detail(office, eid + 1).row.number == "SW2025-000002"


@pytest.mark.parametrize(("change", "field", "words"), [
    (dict(question="  "), "question", "请填写来访或来电反映的问题"),
    (dict(outcome=v.INTERNAL, department_id=None), "department_id", "请选择转至哪个科室"),
    (dict(outcome=v.EXTERNAL, agency=""), "agency", "请填写转至哪个机关"),
    (dict(phone="12345"), "phone", "不是有效的电话号码"),
    (dict(phone="87654321"), "phone", "缺少区号"),
    (dict(contact_at=NOW + dt.timedelta(days=1)), "contact_at", "不能晚于现在"),
    (dict(answer=""), "answer", "请写明答复或办理的内容"),
    (dict(outcome=v.INTERNAL, phone="", department_id=1), "phone", "需要回访"),
    (dict(rating="还行"), "rating", "非常满意"),
])
def test_bad_input_is_refused_with_a_chinese_message_and_nothing_saved(office, clerk, change, field, words):
    with pytest.raises(ValidationError) as exc:
        ce.log_entry(office, clerk, quick(**change), now=NOW)
    assert words in exc.value.fields[field]
    assert _count(office) == 0


def test_landline_and_400_numbers_are_phone_numbers(office, clerk):
    for phone in ("0851-86123456", "400-123-4567"):
        ce.log_entry(office, clerk, quick(phone=phone), now=NOW)
    assert _count(office) == 2


def test_complaint_outcome_keeps_category_complaint(office, clerk):
    eid = ce.log_entry(office, clerk, quick(outcome=v.TO_COMPLAINT, category="咨询", answer="", person="", phone=""),
                       now=NOW)
    assert reg.detail(office, eid).row.category == v.COMPLAINT


def test_complainant_identity_never_in_the_log(office, clerk, depts):
    """The log is plain, searchable and printed: who complained is typed only into the sealed 投诉举报 form."""
    with pytest.raises(ValidationError) as exc:
        ce.log_entry(office, clerk, quick(category=v.COMPLAINT), now=NOW)
    assert set(exc.value.fields) == {"person", "phone"} and "身份须保密" in exc.value.fields["person"]
    with pytest.raises(ValidationError) as exc:
        ce.log_entry(office, clerk, referral(depts, category=v.COMPLAINT, person="", phone=""), now=NOW)
    assert set(exc.value.fields) == {"outcome"} and "转为投诉举报" in exc.value.fields["outcome"]
    with pytest.raises(ValidationError):
        ce.log_entry(office, clerk, quick(outcome=v.TO_COMPLAINT, answer=""), now=NOW)
    with office.session() as s:
        assert s.scalar(select(func.count()).select_from(ContactEntry)) == 0
    eid = ce.log_entry(office, clerk, quick(category=v.COMPLAINT, person="", phone=""), now=NOW)
    assert reg.detail(office, eid).row.person == ""


def test_referral_to_a_department_followed_to_the_end(office, clerk, budget_clerk, other_clerk, depts):
    eid = ce.log_entry(office, clerk, referral(depts), now=NOW)
    d = reg.detail(office, eid, MON)
    assert d.row.state == v.AWAIT_ACCEPT and d.row.referred_to == "预算股"
    assert d.accept_due == dt.date(2025, 3, 4) and d.result_due == dt.date(2025, 3, 10)
    with pytest.raises(ServiceError, match="尚未接办"):
        ce.follow_up(office, clerk, eid, ce.FollowUp(rating="满意"))
    with pytest.raises(ServiceError, match="尚未接办"):
        ce.record_result(office, budget_clerk, eid, "已拨付")
    with pytest.raises(PermissionDenied, match="预算股的工作人员"):
        ce.accept(office, other_clerk, eid)
    ce.accept(office, budget_clerk, eid)
    assert reg.detail(office, eid, MON).row.state == v.IN_HAND
    assert reg.detail(office, eid, MON).row.accepted_by == "孙预算"
    with pytest.raises(ServiceError, match="尚无办理结果|尚未登记办理结果"):
        ce.follow_up(office, clerk, eid, ce.FollowUp(rating="满意"))
    ce.record_result(office, budget_clerk, eid, "资金已于3月5日拨付到位", day=dt.date(2025, 3, 5))
    with pytest.raises(PermissionDenied, match="首问责任人"):
        ce.follow_up(office, budget_clerk, eid, ce.FollowUp(rating="满意"))
    with pytest.raises(ValidationError, match="不能早于"):
        ce.follow_up(office, clerk, eid, ce.FollowUp(day=dt.date(2025, 3, 4), rating="满意"))
    ce.follow_up(office, clerk, eid, ce.FollowUp(day=dt.date(2025, 3, 6), how="电话", rating="非常满意",
                                                 words="办得很快"))
    d = reg.detail(office, eid, MON)
    assert d.row.state == v.CLOSED and d.row.rating == "非常满意"
    assert [e.kind for e in d.events] == ["登记", "接办", "办理结果", "回访"]
    assert d.row.followup_text == "电话回访：非常满意"


def test_external_referral_records_who_took_it_over(office, clerk):
    eid = ce.log_entry(office, clerk, quick(outcome=v.EXTERNAL, answer="", agency="县人力资源和社会保障局",
                                            referred_person="劳动监察大队", referred_how="电话联系后函转"), now=NOW)
    with pytest.raises(ValidationError, match="接办人"):
        ce.accept(office, clerk, eid, "")
    ce.accept(office, clerk, eid, "王科员")
    d = reg.detail(office, eid)
    assert d.row.referred_to == "县人力资源和社会保障局" and d.row.accepted_by == "王科员"


def test_overdue_without_acceptance_or_result(office, clerk, budget_clerk, head, depts):
    late = ce.log_entry(office, clerk, referral(depts), now=NOW)
    slow = ce.log_entry(office, clerk, referral(depts), now=NOW)
    ce.accept(office, budget_clerk, slow)
    ce.log_entry(office, clerk, quick(), now=NOW)
    tue, wed, tue_next = dt.date(2025, 3, 4), dt.date(2025, 3, 5), dt.date(2025, 3, 11)
    assert reg.list_ids(office, reg.ContactFilter(state=v.OVERDUE), today=tue) == []
    assert reg.list_ids(office, reg.ContactFilter(state=v.OVERDUE), today=wed) == [late]
    assert reg.fetch_rows(office, [late], today=wed)[late].state == v.OVERDUE
    assert sorted(reg.list_ids(office, reg.ContactFilter(state=v.OVERDUE), today=tue_next)) == [late, slow]
    assert reg.counts(office, head.user_id, None, today=tue_next)[v.OVERDUE] == 2
    assert reg.list_ids(office, reg.ContactFilter(state=v.AWAIT_ACCEPT), today=wed) == []


def test_result_limit_is_an_office_setting(office, admin, clerk, depts):
    ce.set_limits(office, admin.actor(), 10, 15)
    eid = ce.log_entry(office, clerk, referral(depts), now=NOW)
    assert reg.detail(office, eid).result_due == dt.date(2025, 3, 17)
    with pytest.raises(ValidationError, match="1至60"):
        ce.set_limits(office, admin.actor(), 0, 15)
    with pytest.raises(PermissionDenied):
        ce.set_limits(office, clerk, 3, 15)


def test_my_entries_and_referrals_to_my_department(office, clerk, budget_clerk, depts):
    mine = ce.log_entry(office, clerk, referral(depts), now=NOW)
    ce.log_entry(office, clerk, quick(), now=NOW)  # closed: not in 我的首问
    dept = ce.my_department(office, budget_clerk)
    assert reg.list_ids(office, reg.ContactFilter(view=reg.MINE, user_id=clerk.user_id)) == [mine]
    assert reg.list_ids(office, reg.ContactFilter(view=reg.TO_ME, department_id=dept)) == [mine]
    assert reg.list_ids(office, reg.ContactFilter(view=reg.MINE, user_id=budget_clerk.user_id)) == []
    assert len(reg.list_ids(office, reg.ContactFilter(view=reg.ALL))) == 2


def test_bad_rating_opens_rectification_and_a_second_followup(office, clerk, budget_clerk, head, depts):
    eid = ce.log_entry(office, clerk, referral(depts), now=NOW)
    ce.accept(office, budget_clerk, eid)
    ce.record_result(office, budget_clerk, eid, "已答复")
    with pytest.raises(ServiceError, match="没有差评整改任务"):
        ce.second_follow_up(office, clerk, eid, ce.FollowUp(rating="满意"))
    ce.follow_up(office, clerk, eid, ce.FollowUp(rating="不满意", words="答复含糊"))
    with office.session() as s:
        task = s.scalars(select(RectificationTask)).one()
        assert task.source_kind == "contact" and task.state == rectification.IN_PROGRESS
        assert task.department == "预算股" and task.owner == "孙预算" and "答复含糊" in task.what
        task_id = task.id
    with pytest.raises(ServiceError, match="整改尚未完成"):
        ce.second_follow_up(office, clerk, eid, ce.FollowUp(rating="满意"))
    rectification.mark_done(office, budget_clerk, task_id, "重新书面答复并当面解释")
    with pytest.raises(PermissionDenied):
        rectification.verify(office, budget_clerk, task_id)
    rectification.verify(office, head, task_id)
    ce.second_follow_up(office, clerk, eid, ce.FollowUp(rating="满意"))
    d = reg.detail(office, eid)
    assert d.row.rating2 == "满意" and "整改后回访：满意" in d.row.followup_text
    assert [e.kind for e in d.events][-2:] == ["差评整改", "整改后回访"]


def test_bad_rating_at_the_counter_opens_rectification(office, clerk):
    ce.log_entry(office, clerk, quick(rating="非常不满意", rating_words="态度不好"), now=NOW)
    assert rectification.counts(office, "contact", dt.date(2025, 3, 3))[rectification.IN_PROGRESS] == 1


def test_correction_after_the_day_is_a_timeline_event(office, clerk, head):
    eid = ce.log_entry(office, clerk, quick(), now=NOW)
    later = dt.date(2025, 3, 4)
    with pytest.raises(PermissionDenied, match="当天"):
        corrections.correct(office, clerk, "contact", eid, {"person": "张山"}, "听错", today=later)
    with pytest.raises(ValidationError, match="电话"):
        corrections.correct(office, head, "contact", eid, {"phone": "123"}, "号码记错", today=later)
    corrections.correct(office, head, "contact", eid, {"person": "张山", "phone": "13900002222"}, "听错",
                        today=later)
    d = reg.detail(office, eid)
    assert d.row.person == "张山" and d.row.phone == "13900002222"
    assert "张三 → 张山" in d.events[-1].text and d.events[-1].kind == "更正"
    assert [h.before for h in corrections.history(office, "contact", eid)] == ["张三", "13800001111"]
    assert reg.list_ids(office, reg.ContactFilter(search="zhangshan")) == [eid]


def test_clerk_corrects_own_entry_the_same_day(office, clerk):
    eid = ce.log_entry(office, clerk, quick(contact_at=dt.datetime.now() - dt.timedelta(minutes=1)))
    corrections.correct(office, clerk, "contact", eid, {"question": "低保资金发放时间"}, "录错")
    assert reg.detail(office, eid).row.question == "低保资金发放时间"


def test_inspector_cannot_log(office, admin):
    from app.db.models import Role
    from app.services import users

    inspector = users.create_user(office, admin.actor(), "jc", "李监督", Role.INSPECTOR, "pass1234").actor()
    with pytest.raises(PermissionDenied):
        ce.log_entry(office, inspector, quick(), now=NOW)
