"""考核结果通知 文号: drawn from the numbering service when the result is notified, printed under the
title like a letter's, the same on every reprint; a notice from before numbering prints without one."""

import datetime as dt

import pytest
from sqlalchemy import select

from app.db.models import AssessmentNotice, Role
from app.letters import tables as t
from app.services import letters, numbering, profile, users
from app.services.errors import ValidationError
from app.services.supervision import assessment as asm
from app.services.supervision import assessment_notices as notices
from app.services.supervision import assessment_print as ap
from tests.app.complaints.conftest import section  # noqa: F401  (fixture)
from tests.app.supervision.test_assessment import _full

D = dt.date
YEAR = 2025


@pytest.fixture
def scored(office, admin, section):  # noqa: F811
    """Three 科室 fully scored for 2025, none notified yet; the leader who notifies."""
    leader = users.create_user(office, admin.actor(), "jz", "周局长", Role.LEADER, "pass1234").actor()
    for name in ("国库股", "预算股"):
        profile.add_department(office, admin.actor(), name)
    depts = {n: i for i, n in asm.departments_of(office, YEAR)}
    items = asm.template(office, YEAR)
    for dept_id in depts.values():
        asm.save_scores(office, leader, YEAR, dept_id, _full(items))
    return leader, depts


def _numbers(office) -> dict[int, str]:
    with office.session() as s:
        return {d: n for d, n in s.execute(select(AssessmentNotice.department_id, AssessmentNotice.number))}


def _last(office, year: int) -> int:
    with office.session() as s:
        return numbering.last_seq(s, notices.NOTICE_NUMBER.key, year)


def test_notices_are_numbered_when_notified_and_reprinted_with_the_same_number(office, admin, scored):
    leader, depts = scored
    notices.issue_notices(office, leader, YEAR, [depts["国库股"], depts["政务服务科"]], D(2026, 1, 12))
    # one number per 科室's notice, in the year of the notice's date, in the order given
    assert _numbers(office) == {depts["国库股"]: "X财公开考〔2026〕1号", depts["政务服务科"]: "X财公开考〔2026〕2号"}
    doc = ap.notice_document(office, YEAR, depts["国库股"])
    title = doc.items[0]
    assert isinstance(title, t.Title) and title.number == "X财公开考〔2026〕1号"
    assert doc.meta_title == "2025年度政务公开工作考核结果通知 X财公开考〔2026〕1号（国库股）"  # the PDF's Title
    assert t.page_count(doc) == 1
    pdf = ap.render_notice(office, YEAR, depts["国库股"])
    assert pdf == ap.render_notice(office, YEAR, depts["国库股"])  # a reprint is the same notice
    assert _last(office, 2026) == 2  # printing drew no number
    # a refused notice (already notified) draws none either: the sequence stays gap-free
    with pytest.raises(ValidationError, match="已于"):
        notices.issue_notices(office, leader, YEAR, [depts["预算股"], depts["国库股"]], D(2026, 1, 13))
    assert _last(office, 2026) == 2 and depts["预算股"] not in _numbers(office)
    letters.set_number_pattern(office, admin.actor(), notices.NOTICE_NUMBER.key, "{文号代字}考评〔{年}〕{序号}号")
    notices.issue_notices(office, leader, YEAR, [depts["预算股"]], D(2026, 1, 13))
    assert _numbers(office)[depts["预算股"]] == "X财公开考评〔2026〕3号"
    assert _numbers(office)[depts["国库股"]] == "X财公开考〔2026〕1号"  # issued numbers never change


def test_a_notice_issued_before_numbering_prints_without_one(office, scored):
    leader, depts = scored
    notices.issue_notices(office, leader, YEAR, [depts["国库股"]], D(2026, 1, 12))
    with office.session(actor="测试", action="模拟升级前的通知") as s:
        s.scalars(select(AssessmentNotice)).one().number = ""
    doc = ap.notice_document(office, YEAR, depts["国库股"])
    assert doc.items[0].number == "" and "〔" not in t.all_text(doc) and "〔" not in doc.meta_title
    ap.render_notice(office, YEAR, depts["国库股"])
    assert _numbers(office)[depts["国库股"]] == "" and _last(office, 2026) == 1

