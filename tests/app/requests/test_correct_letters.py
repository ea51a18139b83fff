"""A correction outdates exactly the issued letters that print something it changed."""

import datetime as dt

import pytest

from app.letters import kinds
from app.services import corrections, letters
from app.services.requests import actions, decisions, intake
from tests.app.conftest_requests import make_input

D = dt.date
TODAY = D(2025, 3, 25)


@pytest.fixture
def answered(office, clerk, head):
    return issued_answer(office, clerk, head)


def issued_answer(office, clerk, head) -> int:
    """Received 3 March, answered 20 March (予以公开), delivered; 接收回执, 告知书 and 送达回证 issued."""
    rid = intake.register(office, clerk, make_input(address="某某县人民路9号"), today=D(2025, 3, 3))
    decisions.decide(office, head, rid, decisions.DecisionInput(
        result_code="1", article="第三十六条第（二）项", reasons="", legal_basis="",
        provided_docs="2024年部门预算公开表", page_count=3, reply_date=D(2025, 3, 20)), today=D(2025, 3, 20))
    actions.deliver(office, clerk, rid, "直接送达", D(2025, 3, 21), "张三", today=D(2025, 3, 21))
    for code in ("receipt", "reply", "service"):
        letters.issue(office, clerk, rid, code)
    return rid


def _outdated_after(office, head, rid, changes) -> set[str]:
    corrections.correct(office, head, "request", rid, changes, "录入错误", today=TODAY)
    return {i.kind for i in letters.issued_for(office, rid) if i.outdated}


def _printing(field: str) -> set[str]:
    """Independently of the service: the issued kinds whose template names the field."""
    return {code for code in ("receipt", "reply_public", "service") if "{" + field + "}" in kinds.BY_CODE[code].body}


@pytest.mark.parametrize(("changes", "field"), [
    ({"provided_docs": "2024年部门预算及说明"}, "提供信息"),
    ({"applicant_name": "张叁"}, "申请人"),
    ({"content": "2024年县级部门决算"}, "申请内容"),
    ({"address": "某某县解放路3号"}, "送达地点"),
])
def test_a_correction_outdates_exactly_the_letters_printing_the_field(office, clerk, head, answered, changes,
                                                                      field):
    expected = _printing(field)
    assert expected  # each case is printed by at least one letter …
    assert expected != {"receipt", "reply_public", "service"} or field == "申请人"  # … and most not by all
    assert _outdated_after(office, head, answered, changes) == expected


def test_provided_information_leaves_the_receipt_and_the_service_certificate_current(office, clerk, head, answered):
    # the reviewer's case: 更正 提供的信息 marked the 接收回执 and 送达回证 已过时 as well
    assert _outdated_after(office, head, answered, {"provided_docs": "2024年部门预算及说明"}) == {"reply_public"}
    current = [i for i in letters.issued_for(office, answered) if not i.outdated]
    assert {i.kind for i in current} == {"receipt", "service"}


def test_a_field_no_letter_prints_outdates_none(office, clerk, head, answered):
    assert _outdated_after(office, head, answered, {"phone": "13900000000"}) == set()
    assert _outdated_after(office, head, answered, {"receiver": "李四"}) == set()


def test_a_date_outdates_the_deadline_it_moves(office, clerk, head, answered):
    # the receipt states 收到日期 and the 答复期限 counted from it; the reply states 收到日期
    assert _outdated_after(office, head, answered, {"received_date": D(2025, 2, 28)}) == {"receipt", "reply_public"}


def test_an_edited_template_decides_what_its_letter_prints(office, admin, clerk, head, answered):
    # an office template that also states the address: correcting it now outdates the reply too
    kind = kinds.BY_CODE["reply_public"]
    letters.save_template(office, admin.actor(), kind.code, kind.body + "\n送达地址：{送达地点}")
    assert _outdated_after(office, head, answered, {"address": "某某县解放路3号"}) == {"reply_public", "service"}


def test_a_reply_the_record_no_longer_calls_for_is_outdated(office, clerk, head, answered):
    # 依据条款 changed to 第三十六条第（一）项 (已主动公开): the 予以公开 告知书 is no longer the right letter
    assert "reply_public" in _outdated_after(office, head, answered, {"article": "第三十六条第（一）项"})
    assert letters.issue(office, clerk, answered, "reply").kind == "reply_published"


def test_reissued_letter_is_current_and_earlier_outdated_ones_stay_so(office, clerk, head, answered):
    _outdated_after(office, head, answered, {"provided_docs": "2024年部门预算及说明"})
    old = next(i for i in letters.issued_for(office, answered) if i.outdated)
    new = letters.reissue(office, clerk, old.id)
    assert new.outdated == "" and new.number != old.number
    assert _outdated_after(office, head, answered, {"content": "2024年县级部门决算"}) == {"receipt", "reply_public"}
    assert [i.id for i in letters.issued_for(office, answered) if not i.outdated] == [
        i.id for i in letters.issued_for(office, answered) if i.kind == "service"]


def test_listed_kind_names_are_unique():
    names = [k.name for k in kinds.KINDS]
    assert len(names) == len(set(names)), names
    listed = [title for _code, title in letters.kind_list()]
    assert len(listed) == len(set(listed))
    assert kinds.BY_CODE["reply_public"].title == kinds.BY_CODE["reply_published"].title == "政府信息公开告知书"
