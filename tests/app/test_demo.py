"""The demo generator streams in batches and leaves a consistent, searchable, audited database."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import func, select, text

from app.db.models import AuditEntry, ContactEntry, InfoRequest, NumberSequence, RequestEvent
from app.services import demo
from app.services.requests import queries


def test_demo_in_batches(db, monkeypatch):
    monkeypatch.setattr(demo, "BATCH", 400)
    demo.create_demo(db, 1000, seed=7, today=dt.date(2026, 11, 20))
    with db.session() as s:
        # plus the 首问 demo's 转为政府信息公开申请 entries, each registered through the intake service
        converted = s.scalar(select(func.count()).select_from(ContactEntry).where(ContactEntry.request_id.is_not(None)))
        assert converted and s.scalar(select(func.count()).select_from(InfoRequest)) == 1000 + converted
        states = set(s.scalars(select(InfoRequest.state).distinct()))
        assert {st.value for st in demo._STATES_OPEN + demo._STATES_CLOSED} <= states
        # numbers are gap-free per year and the counters continue after them
        for seq in s.scalars(select(NumberSequence).where(NumberSequence.kind == "request")):
            assert s.scalar(select(func.max(InfoRequest.seq)).where(InfoRequest.year == seq.year)) == seq.last
        # every request has its 登记 event and its search document
        assert s.scalar(select(func.count(func.distinct(RequestEvent.request_id)))) == 1000 + converted
        assert s.execute(text("SELECT count(*) FROM search_doc WHERE kind = 'info_request'")).scalar() == (
            1000 + converted)
        batches = s.scalars(select(AuditEntry.summary).where(AuditEntry.action == "生成演示数据")).all()
    assert sum("件演示申请" in b for b in batches) == 3  # 400 + 400 + 200
    first = queries.detail(db, 1)
    assert first.applicant_name and queries.matching_ids(db, first.applicant_name) >= {1}
    assert first.due_date >= first.received_date


def _quarters(today: dt.date) -> list[tuple[dt.date, dt.date]]:
    """This year's quarters that have begun, each up to its end or today."""
    starts = [dt.date(today.year, m, 1) for m in (1, 4, 7, 10) if dt.date(today.year, m, 1) <= today]
    ends = [d - dt.timedelta(days=1) for d in starts[1:]] + [min(today, dt.date(today.year, 12, 31))]
    return list(zip(starts, ends, strict=True))


def test_each_section_has_its_own_figures_and_checks_keep_their_day(db):
    """Requests are handled (承办) by the office's 科室 by subject, so a 分管负责人's check of any one
    科室 reads real numbers every quarter; a past check's snapshot is dated its check day."""
    from app.db.models import Department, SupervisionCheck
    from app.services.supervision import figures

    today = dt.date(2026, 11, 20)
    demo.create_demo(db, 400, seed=3, today=today, contacts=0)
    with db.session() as s:
        sections = dict(s.execute(select(Department.name, Department.id)).all())
        handlers = set(s.scalars(select(InfoRequest.handler).where(InfoRequest.handler != "")))
        unassigned = set(s.scalars(select(InfoRequest.state).where(InfoRequest.handler == "")))
        checks = s.execute(select(SupervisionCheck.areas, SupervisionCheck.check_date, SupervisionCheck.figures_on,
                                  SupervisionCheck.department_ids, SupervisionCheck.period,
                                  SupervisionCheck.figures)).all()
    assert handlers == {"办公室", "预算股", "国库股"} <= set(sections)  # every 承办 is one of the office's 科室
    assert unassigned <= {"已登记", "补正中"}  # only what has not been handed to a 科室 yet
    checked = {a for c in checks for a in c.areas.split("、")}
    assert checked == handlers  # the 分管负责人's areas: each of them is tested below
    for name in checked:
        for first, last in _quarters(today):
            got = {f.key: f.value for f in figures.figures(db, first, last, [sections[name]], today)}
            assert got["requests_received"] > 0 and got["requests_answered"] > 0, (name, first)
    assert len(checks) >= 5
    for _areas, day, figures_on, _ids, period, saved in checks:
        assert figures_on == day and day.year >= today.year - 1, period
        kept = {f["key"]: f["value"] for f in json.loads(saved)}
        assert kept["requests_received"] > 0 and kept["requests_answered"] > 0, period


def test_past_years_are_answered_in_time_and_nothing_is_left_open_for_years(db):
    """A believable office: requests of past years are closed (nearly all answered in time, a handful
    late, some after a 补正 or an extension); only the newest are open, and the few past their
    deadline are late by days, not years."""
    today = dt.date(2026, 1, 20)  # early in the year: December's requests may still be open
    demo.create_demo(db, 1500, seed=11, today=today, contacts=0)
    cal = db.calendar()
    open_states = {s.value for s in demo._STATES_OPEN}
    with db.session() as s:
        rows = s.execute(select(InfoRequest.received_date, InfoRequest.state, InfoRequest.due_date,
                                InfoRequest.on_time, InfoRequest.correction_received, InfoRequest.extension_date)
                         ).all()
    past = [r for r in rows if r.received_date.year < today.year]
    still_open = [r for r in past if r.state in open_states]
    assert len(still_open) <= 0.02 * len(past)
    assert all(r.received_date >= dt.date(2025, 11, 1) for r in still_open)
    late_by = [-cal.days_left(today, r.due_date).days for r in rows if r.state in open_states and r.due_date < today]
    assert late_by and max(late_by) <= 60  # a handful behind, by days
    answered = [r for r in past if r.on_time is not None]
    late = sum(1 for r in answered if r.on_time is False)
    assert 0 < late <= 0.06 * len(answered)
    assert sum(1 for r in answered if r.correction_received) > 0 and sum(1 for r in answered if r.extension_date) > 0


def test_same_seed_same_office(db, tmp_path):
    """The benchmarks and anyone comparing two demo databases rely on a seed giving the same requests."""
    from app.db import open_database

    other = open_database(tmp_path / "again.sqlite3")
    try:
        rows = []
        for database in (db, other):
            demo.create_demo(database, 300, seed=5, today=dt.date(2026, 3, 2), contacts=0)
            with database.session() as s:
                columns = [c for c in InfoRequest.__table__.columns if c.key not in ("created_at", "updated_at")]
                rows.append(s.execute(select(*columns).order_by(InfoRequest.id)).all())
    finally:
        other.dispose()
    assert len(rows[0]) == 300 and rows[0] == rows[1]
