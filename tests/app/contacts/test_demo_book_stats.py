"""Demo data (every category, outcome and stage), the printed 登记簿, and the statistics."""

import datetime as dt
from collections import Counter

import pytest
from sqlalchemy import select

from app.db.models import ContactEntry, RectificationTask
from app.letters import tables
from app.services import demo, rectification
from app.services.contacts import book, stats
from app.services.contacts import demo as contacts_demo
from app.services.contacts import entry as ce
from app.services.contacts import register as reg
from app.services.contacts import vocab as v
from app.services.errors import ValidationError
from tests.app.contacts.conftest import MONDAY_10, quick, referral

TODAY = dt.date(2026, 11, 20)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    from app.db.database import open_database

    db = open_database(str(tmp_path_factory.mktemp("demo") / "d.sqlite3"), create=True)
    demo.create_demo(db, 0, seed=5, today=TODAY, contacts=contacts_demo.HANDMADE + 300)
    yield db
    db.dispose()


def test_demo_has_every_category_outcome_and_stage(demo_db):
    ids = reg.list_ids(demo_db, today=TODAY)
    assert len(ids) == contacts_demo.HANDMADE + 300
    rows = reg.fetch_rows(demo_db, ids, TODAY).values()
    assert {r.category for r in rows} == set(v.CATEGORIES)
    assert {r.outcome for r in rows} == set(v.OUTCOMES)
    states = Counter(r.state for r in rows if r.outcome in v.REFERRALS)
    assert set(states) == set(v.SHOWN_STATES), states
    with demo_db.session() as s:
        tasks = Counter(s.scalars(select(RectificationTask.state)))
        assert tasks[rectification.IN_PROGRESS] >= 1 and tasks[rectification.DONE] >= 1
        assert s.scalar(select(ContactEntry.id).where(ContactEntry.rating2 != "")) is not None
        numbers = sorted((y, q) for y, q in s.execute(select(ContactEntry.year, ContactEntry.seq)))
    for year in {y for y, _ in numbers}:  # gap-free per year, bulk and hand-made together
        seqs = [q for y, q in numbers if y == year]
        assert seqs == list(range(1, len(seqs) + 1))
    assert reg.list_ids(demo_db, reg.ContactFilter(search=rows.__iter__().__next__().person), today=TODAY)


def test_demo_conversions_are_linked_to_real_notices_and_requests(demo_db):
    from app.db.models import InfoRequest, Notice

    with demo_db.session() as s:
        handmade = s.scalars(select(ContactEntry).where(ContactEntry.created_by != "演示数据",
                                                        ContactEntry.outcome.in_((v.NOTICE, v.TO_REQUEST)))).all()
        assert {e.outcome for e in handmade} == {v.NOTICE, v.TO_REQUEST}
        for e in handmade:
            if e.outcome == v.NOTICE:
                notice = s.get(Notice, e.notice_id)
                assert notice is not None and (notice.applicant_name, notice.matter_id) == (e.person, e.matter_id)
            else:
                req = s.get(InfoRequest, e.request_id)
                assert req is not None and (req.applicant_name, req.phone, req.content) == (
                    e.person, e.phone, e.question)
            assert e.events[-1].kind == "关联"


def test_printed_book_is_a_landscape_ruled_table(demo_db):
    first, last = book.period(year=TODAY.year, month=TODAY.month)
    assert (first, last) == (dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    doc = book.document(demo_db, first, last)
    assert doc.frame == tables.LANDSCAPE
    table = doc.items[-1]
    assert [c.text for c in table.header[0]] == book.HEADER
    in_month = reg.list_ids(demo_db, reg.ContactFilter(date_from=first, date_to=last), today=TODAY)
    assert len(table.rows) == len(in_month) > 0
    pdf = book.render(demo_db, first, last)
    assert pdf.startswith(b"%PDF") and tables.page_count(doc) >= 2
    # a converted entry names the notice or request it led to, under its 处理方式
    with demo_db.session() as s:
        converted = s.execute(select(ContactEntry.number, ContactEntry.notice_id, ContactEntry.request_id)
                              .where(ContactEntry.day >= first, ContactEntry.notice_id.is_not(None))).first()
    from app.db.models import Notice

    with demo_db.session() as s:
        notice_number = s.get(Notice, converted.notice_id).number
    row = next(r for r in table.rows if r[0].text == converted.number)
    assert row[7].text == f"{v.NOTICE}\n{notice_number.replace('〔', chr(10) + '〔')}"
    with pytest.raises(ValidationError):
        book.period(year=2026, month=13)


def test_printed_book_keeps_complainants_secret(demo_db):
    """A 投诉举报 entry's person is a complainant: the book, which anyone may print, names nobody."""
    first, last = book.period(year=TODAY.year, month=TODAY.month)
    with demo_db.session() as s:
        secret = s.execute(select(ContactEntry.number, ContactEntry.person, ContactEntry.phone).where(
            ContactEntry.day >= first, ContactEntry.category == v.COMPLAINT)).all()
        others = s.execute(select(ContactEntry.number, ContactEntry.person).where(
            ContactEntry.day >= first, ContactEntry.category != v.COMPLAINT, ContactEntry.outcome != v.TO_COMPLAINT,
            ContactEntry.person != "")).first()
    assert secret and others
    assert all(person == phone == "" for _, person, phone in secret)  # the log never holds who complained
    rows = {r[0].text: r for r in book.document(demo_db, first, last).items[-1].rows}
    assert all(rows[number][3].text in ("", "（保密）") for number, _, _ in secret)
    assert others.person in rows[others.number][3].text


def test_empty_day_prints_one_line(demo_db):
    doc = book.document(demo_db, dt.date(2001, 1, 1), dt.date(2001, 1, 1))
    assert doc.items[-1].rows[0][0].text == "本期无登记"


def test_statistics(office, clerk, head, budget_clerk, depts):
    now = MONDAY_10 + dt.timedelta(hours=8)
    ce.log_entry(office, clerk, quick(matter_name="惠农补贴"), now=now)
    ce.log_entry(office, clerk, quick(matter_name="惠农补贴", outcome=v.DONE_ON_SPOT), now=now)
    late = ce.log_entry(office, head, referral(depts), now=now)
    done = ce.log_entry(office, clerk, referral(depts), now=now)
    ce.accept(office, budget_clerk, done)
    ce.record_result(office, budget_clerk, done, "已办结")
    ce.follow_up(office, clerk, done, ce.FollowUp(rating="非常不满意"))
    st = stats.compute(office, MONDAY_10.date(), MONDAY_10.date(), today=dt.date(2025, 3, 5))
    assert (st.total, st.on_the_spot, st.referrals, st.overdue) == (4, 2, 2, 1)
    assert st.on_the_spot_rate == "50.0%" and st.followup_rate == "100.0%"
    assert st.bad == 1 and st.rectification_rate == "0.0%" and st.satisfaction_rate == "0.0%"
    assert [(x.name, x.entries, x.overdue) for x in st.by_clerk] == [("赵窗口", 3, 0), ("钱科长", 1, 1)]
    assert [(x.name, x.referrals, x.overdue) for x in st.by_department] == [("预算股", 2, 1)]
    assert st.top_matters == [("惠农补贴", 2)]
    with office.session() as s:
        task = s.scalar(select(RectificationTask.id))
    rectification.mark_done(office, budget_clerk, task, "已重新答复")
    st = stats.compute(office, MONDAY_10.date(), MONDAY_10.date())
    assert (st.rectification_rate, st.bad_followup_rate) == ("100.0%", "0.0%")
    ce.second_follow_up(office, clerk, done, ce.FollowUp(rating="满意"))
    assert stats.compute(office, MONDAY_10.date(), MONDAY_10.date()).bad_followup_rate == "100.0%"
    assert late
