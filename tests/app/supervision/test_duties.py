"""责任分工 and the duties derived from it: holders, due days on the working-day calendar, statuses."""

import datetime as dt
import json

import pytest

from app.cli import main
from app.services.errors import PermissionDenied, ValidationError
from app.services.supervision import duties, posts
from app.services.supervision.posts import DEPUTY, PRINCIPAL, AssignmentInput

D = dt.date


START = D(2024, 1, 1)


def assign(b, user, post, dept=None, start=START, end=None):
    dept_id = b.depts[dept] if dept else None
    return posts.save_assignment(b.db, b.admin, AssignmentInput(user.id if user else None, post, dept_id, start, end))


@pytest.fixture
def staffed(bureau):
    assign(bureau, bureau.chief, PRINCIPAL)
    assign(bureau, bureau.dep1, DEPUTY, "预算股")
    assign(bureau, bureau.dep1, DEPUTY, "国库股")
    assign(bureau, bureau.dep2, DEPUTY, "办公室")
    return bureau


def test_year_of_duties_due_on_last_working_day(staffed):
    rows = duties.duties_for_year(staffed.db, 2024, today=D(2024, 5, 6))
    checks = [d for d in rows if d.kind == duties.CHECK]
    meetings = [d for d in rows if d.kind == duties.MEETING]
    # one check per deputy per quarter (fj1 covers two 科室 with one check), one meeting per half-year
    assert len(checks) == 8 and len(meetings) == 2
    fj1_q1 = next(d for d in checks if d.holder_login == "fj1" and d.period == "2024Q1")
    assert set(fj1_q1.areas) == {"预算股", "国库股"} and fj1_q1.post == DEPUTY
    # 2024-03-31 is a Sunday, 2024-06-30 a Sunday: due the Friday before
    assert fj1_q1.due == D(2024, 3, 29)
    assert {d.period: d.due for d in meetings} == {"2024H1": D(2024, 6, 28), "2024H2": D(2024, 12, 31)}
    assert fj1_q1.status == duties.OVERDUE
    assert next(d for d in checks if d.holder_login == "fj1" and d.period == "2024Q2").status == duties.TODO


def test_statuses_done_and_done_late(staffed, monkeypatch):
    db = staffed.db
    monkeypatch.setattr(db, "today", lambda: D(2024, 7, 10))
    dep1 = staffed.dep1.actor()
    duties.record_completion(db, dep1, duties.CHECK, staffed.dep1.id, "2024Q1", D(2024, 3, 20))
    duties.record_completion(db, dep1, duties.CHECK, staffed.dep1.id, "2024Q2", D(2024, 7, 2))
    rows = {(d.holder_login, d.kind, d.period): d for d in duties.duties_for_year(db, 2024, today=D(2024, 7, 10))}
    assert rows["fj1", duties.CHECK, "2024Q1"].status == duties.DONE
    assert rows["fj1", duties.CHECK, "2024Q2"].status == duties.DONE_LATE
    assert rows["fj1", duties.CHECK, "2024Q2"].completed == D(2024, 7, 2)
    assert rows["fj2", duties.CHECK, "2024Q2"].status == duties.OVERDUE
    assert rows["jz", duties.MEETING, "2024H2"].status == duties.TODO
    with pytest.raises(ValidationError, match="已于"):
        duties.record_completion(db, dep1, duties.CHECK, staffed.dep1.id, "2024Q1", D(2024, 3, 21))
    with pytest.raises(ValidationError, match="没有季度督查职责"):
        duties.record_completion(db, dep1, duties.CHECK, staffed.dep1.id, "2023Q1", D(2024, 3, 21))
    with pytest.raises(ValidationError, match="不能晚于今天"):
        duties.record_completion(db, dep1, duties.CHECK, staffed.dep1.id, "2024Q3", D(2024, 7, 11))
    with pytest.raises(PermissionDenied):  # a clerk cannot sign off a deputy's check
        duties.record_completion(db, staffed.clerk.actor(), duties.CHECK, staffed.dep2.id, "2024Q3", D(2024, 7, 9))


def test_post_changes_hands(bureau):
    # 预算股's deputy changes on 2024-05-15: Q2 belongs to the new holder, Q1 to the old one
    assign(bureau, bureau.dep1, DEPUTY, "预算股", D(2024, 1, 1), D(2024, 5, 14))
    assign(bureau, bureau.dep2, DEPUTY, "预算股", D(2024, 5, 15))
    rows = [(d.holder_login, d.period) for d in duties.duties_for_year(bureau.db, 2024) if d.kind == duties.CHECK]
    assert rows == [("fj1", "2024Q1"), ("fj2", "2024Q2"), ("fj2", "2024Q3"), ("fj2", "2024Q4")]
    # nobody in post: no duties (and no meeting without a 主要负责人)
    assert duties.duties_for_year(bureau.db, 2023) == []


def test_bad_assignments_refused_nothing_saved(bureau):
    with pytest.raises(ValidationError) as exc:
        assign(bureau, None, DEPUTY, "预算股")
    assert "不能没有人负责" in exc.value.fields["user"]
    with pytest.raises(ValidationError, match="分管的科室"):
        assign(bureau, bureau.dep1, DEPUTY)
    with pytest.raises(ValidationError, match="早于开始日期"):
        assign(bureau, bureau.dep1, DEPUTY, "预算股", D(2024, 5, 1), D(2024, 4, 1))
    assign(bureau, bureau.dep1, DEPUTY, "预算股", D(2024, 1, 1), D(2024, 6, 30))
    with pytest.raises(ValidationError, match="不能重叠"):
        assign(bureau, bureau.dep1, DEPUTY, "预算股", D(2024, 6, 30))
    assign(bureau, bureau.dep1, DEPUTY, "预算股", D(2024, 7, 1))  # the day after: fine
    assign(bureau, bureau.dep1, DEPUTY, "国库股", D(2024, 3, 1))  # another area: fine
    assert len(posts.list_assignments(bureau.db)) == 3
    with pytest.raises(PermissionDenied):
        posts.save_assignment(bureau.db, bureau.dep1.actor(),
                              AssignmentInput(bureau.dep1.id, PRINCIPAL, None, D(2024, 1, 1)))


def test_frequencies_are_settings(staffed):
    posts.save_frequencies(staffed.db, staffed.admin, posts.Frequencies(check_months=1, meeting_months=12))
    rows = duties.duties_for_year(staffed.db, 2024)
    assert [d.period for d in rows if d.kind == duties.MEETING] == ["2024"]
    assert len([d for d in rows if d.holder_login == "fj2"]) == 12
    with pytest.raises(ValidationError, match="督查频次"):
        posts.save_frequencies(staffed.db, staffed.admin, posts.Frequencies(check_months=5))


def test_cli_json_and_text(staffed, tmp_path, capsys):
    path = str(tmp_path / "gongkai.sqlite3")
    assert main(["--db", path, "duties", "--year", "2024", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data) == 10
    first = data[0]
    assert set(first) == {"kind", "holder", "post", "period", "due", "completed", "status"}
    assert {"kind": "季度督查", "holder": "fj1", "post": "分管负责人", "period": "2024Q1", "due": "2024-03-29",
            "completed": None, "status": "逾期"} in data
    assert {d["period"] for d in data if d["kind"] == "专题会议"} == {"2024H1", "2024H2"}
    assert main(["--db", path, "duties", "--year", "2024"]) == 0
    out = capsys.readouterr().out
    assert "2024Q1\t季度督查\t分管负责人 李副局长（fj1）（预算股、国库股）\t截止 2024-03-29\t逾期" in out
    assert main(["--db", path, "duties", "--year", "1999"]) == 2
    assert "年份应为2000至2100" in capsys.readouterr().err


def test_demo_duties_show_every_status(db):
    from app.services import demo

    demo.create_demo(db, requests=0, contacts=0, today=D(2026, 11, 20))
    rows = duties.duties_for_year(db, 2025, today=D(2026, 11, 20)) + duties.duties_for_year(
        db, 2026, today=D(2026, 11, 20))
    statuses = [d.status for d in rows]
    assert statuses.count(duties.OVERDUE) == 1 and statuses.count(duties.DONE_LATE) == 1
    assert duties.DONE in statuses and duties.TODO in statuses
    assert {d.holder_login for d in rows} == {"zhouju", "sunju"}
    from app.services import rectification as rect
    from app.services.supervision import checks, meetings

    done = [d for d in rows if d.completed]
    made = checks.list_checks(db, 2025) + checks.list_checks(db, 2026)
    held = meetings.list_meetings(db, 2025) + meetings.list_meetings(db, 2026)
    assert len(made) + len(held) == len(done) and all(r.state == "已完成" for r in made + held)
    assert {r.period for r in made} == {d.period for d in done if d.kind == duties.CHECK}
    tasks = rect.list_tasks(db, D(2026, 11, 20))
    assert {t.state for t in tasks} == {rect.IN_PROGRESS, rect.DONE, rect.CLOSED}
    assert {t.source_kind for t in tasks} >= {rect.SUPERVISION, rect.MEETING}
