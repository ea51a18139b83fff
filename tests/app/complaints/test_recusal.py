"""回避 of the 科室负责人: the head of the 科室 complained about stays out, like the person complained about."""

import datetime as dt

import pytest
from sqlalchemy import func, select

from app.db.models import Complaint, Role
from app.services import signoff, users
from app.services.complaints import handling, listing, register
from app.services.errors import PermissionDenied
from tests.app.complaints.conftest import DAY, named

D = dt.date
FOUND_ON = D(2025, 3, 20)


@pytest.fixture
def section_head(office, admin, section, inspector):
    """钱股长 heads 政务服务科 (the ``section`` fixture); the inspector's key lets named complaints in."""
    return users.create_user(office, admin.actor(), "qg", "钱股长", Role.SECTION_HEAD, "pass1234",
                             department="政务服务科")


def _listed(office, viewer_id: int) -> set[int]:
    with office.session() as s:
        where = listing.where(listing.ComplaintFilter(viewer_id=viewer_id), DAY, 3)
        return set(s.scalars(select(Complaint.id).where(*where)))


def _state(office, cid) -> str:
    with office.session() as s:
        return s.get(Complaint, cid).state


def test_head_of_the_section_complained_about_may_not_handle_or_see_it(office, clerk, head, section, section_head):
    against_section = register.register(office, clerk, named(target_department_id=section), today=DAY)
    other = register.register(office, clerk, named(), today=DAY)
    hd = section_head.actor()
    with pytest.raises(PermissionDenied, match="被投诉举报科室的负责人，应当回避"):
        handling.decide(office, hd, against_section, "受理", DAY, today=DAY)
    assert _state(office, against_section) == "待受理"  # nothing saved
    handling.decide(office, clerk, against_section, "受理", DAY, today=DAY)
    for step in (lambda: handling.investigate(office, hd, against_section, "初步调查"),
                 lambda: handling.extend(office, hd, against_section, 10),
                 lambda: handling.record_finding(office, hd, against_section, "属实", FOUND_ON, "", "属实",
                                                 today=FOUND_ON)):
        with pytest.raises(PermissionDenied, match="应当回避"):
            step()
    assert _state(office, against_section) == "办理中"
    # not listed, not opened, not counted; everyone else (a head of no such 科室) sees it
    assert _listed(office, section_head.id) == {other}
    assert "应当回避" in listing.recusal_reason(office, against_section, section_head.id)
    assert listing.recusal_reason(office, other, section_head.id) == ""
    assert listing.recusal_reason(office, against_section, head.user_id) == ""
    assert _listed(office, head.user_id) == {against_section, other}
    late = D(2026, 1, 1)  # the register's raw-cursor count runs the same condition
    assert listing.due_counts(office, late, 0, section_head.id)[listing.OVERDUE] == 1  # ``other`` only
    assert listing.due_counts(office, late, 0, head.user_id)[listing.OVERDUE] == 2


def test_head_recuses_when_only_a_member_of_the_section_is_named(office, admin, clerk, section_head, staff):
    """The ledger charges the person's 科室 when no 科室 was named: its head has the same stake."""
    cid = register.register(office, clerk, named(target_user_id=staff.id), today=DAY)
    elsewhere = register.register(office, clerk, named(target_user_id=clerk.user_id), today=DAY)  # no 科室
    with pytest.raises(PermissionDenied, match="应当回避"):
        handling.decide(office, section_head.actor(), cid, "受理", DAY, today=DAY)
    handling.decide(office, section_head.actor(), elsewhere, "受理", DAY, today=DAY)  # each complaint its own 科室
    assert _listed(office, section_head.id) == {elsewhere}
    # the rule reads the current role: once no longer the head, they need not recuse
    users.update_user(office, admin.actor(), section_head.id, full_name="钱股长", role=Role.CLERK,
                      department="政务服务科", title="", active=True)
    assert listing.recusal_reason(office, cid, section_head.id) == ""
    assert _listed(office, section_head.id) == {cid, elsewhere}


def test_head_may_not_sign_off_a_finding_against_their_section(office, admin, clerk, head, section, section_head):
    cid = register.register(office, clerk, named(target_department_id=section), today=DAY)
    handling.decide(office, clerk, cid, "受理", DAY, today=DAY)
    item = handling.propose_finding(office, clerk, cid, "属实", FOUND_ON, "批评教育", "经调查属实", today=FOUND_ON)
    assert item is not None
    # not in their queue (nor counted), yet in a head's of another 科室; approving it anyway is refused
    assert [i.id for i in signoff.pending(office, FOUND_ON, section_head.actor())] == []
    assert signoff.pending_count(office, section_head.actor()) == 0
    assert [i.id for i in signoff.pending(office, FOUND_ON, head)] == [item]
    with pytest.raises(PermissionDenied, match="应当回避"):
        signoff.approve(office, section_head.actor(), item, today=FOUND_ON)
    assert _state(office, cid) == "办理中"
    leader = users.create_user(office, admin.actor(), "sj", "孙副局长", Role.LEADER, "pass1234").actor()
    signoff.approve(office, leader, item, today=FOUND_ON)
    assert _state(office, cid) == "已查结"
    with office.session() as s:
        assert s.scalar(select(func.count()).select_from(Complaint).where(Complaint.finding == "属实")) == 1


def test_the_rule_reads_the_same_on_sqlite_and_postgresql(any_db):
    """The correlated condition (the 科室, else the person's 科室) on both databases."""
    from app.services import profile

    admin = users.create_first_admin(any_db, "admin", "王管理", "pass1234", "pass1234").actor()
    profile.add_department(any_db, admin, "预算股")
    head = users.create_user(any_db, admin, "ks", "钱科长", Role.SECTION_HEAD, "pass1234", department="预算股").id
    member = users.create_user(any_db, admin, "yg", "孙预算", Role.CLERK, "pass1234", department="预算股").id
    loner = users.create_user(any_db, admin, "zs", "赵窗口", Role.CLERK, "pass1234").id
    dept = next(i for i, n in listing.departments(any_db) if n == "预算股")

    def anon(**kw) -> int:
        return register.register(any_db, admin, register.ComplaintInput(
            received_on=DAY, channel="电话", category="服务态度", facts="窗口人员态度生硬", anonymous=True, **kw),
            today=DAY)

    section, person, other, unnamed = (anon(target_department_id=dept), anon(target_user_id=member),
                                       anon(target_user_id=loner), anon())
    assert _listed(any_db, head) == {other, unnamed}
    assert [bool(listing.recusal_reason(any_db, c, head)) for c in (section, person, other, unnamed)] == [
        True, True, False, False]
    assert _listed(any_db, loner) == {section, person, unnamed}
