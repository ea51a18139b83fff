"""The shared rectification tracker as the 督查 tab uses it: 整改中 → 已整改 → 已销号, overdue, bad input."""

import datetime as dt

import pytest
from sqlalchemy import func, select

from app.db.models import RectificationTask
from app.services import rectification as R
from app.services.errors import PermissionDenied, ServiceError, ValidationError

D = dt.date
CHECK = R.Source(R.SUPERVISION, 1, "2024年第一季度督查")


@pytest.fixture
def today(bureau, monkeypatch):
    monkeypatch.setattr(bureau.db, "today", lambda: D(2024, 4, 15))
    return D(2024, 4, 15)


DUE, FOUND = D(2024, 4, 10), D(2024, 3, 28)


def task(b, what="主动公开信息超过10个工作日才发布", owner="王股长", dept="预算股", due=DUE, opened=FOUND):
    return R.add_task(b.db, b.dep1.actor(), CHECK, R.TaskInput(what, owner, dept, due), opened)


def test_two_findings_one_closed_and_verified(bureau, today):
    first = task(bureau)
    second = task(bureau, "一次性告知书未让申请人签收", "赵窗口", "办公室", D(2024, 4, 30))
    rows = {r.id: r for r in R.list_tasks(bureau.db, today, source_kind=R.SUPERVISION)}
    assert rows[first].shown_state == R.OVERDUE and rows[second].shown_state == R.IN_PROGRESS
    assert [r.id for r in R.list_tasks(bureau.db, today, overdue=True)] == [first]

    R.mark_done(bureau.db, bureau.clerk.actor(), first, "已补发并在网站更正发布日期", D(2024, 4, 12))
    with pytest.raises(PermissionDenied, match="科室负责人或以上"):
        R.verify(bureau.db, bureau.clerk.actor(), first)
    R.verify(bureau.db, bureau.dep1.actor(), first, D(2024, 4, 15))
    done = R.list_tasks(bureau.db, today, source_id=CHECK.id, state=R.CLOSED)
    assert [(r.id, r.shown_state, r.done_on, r.verified_by) for r in done] == [
        (first, R.CLOSED, D(2024, 4, 12), "李副局长")]
    assert R.list_tasks(bureau.db, today, overdue=True) == []
    with pytest.raises(ServiceError, match="已销号"):
        R.mark_done(bureau.db, bureau.clerk.actor(), first, "再次整改")
    with pytest.raises(ServiceError, match="整改完成后才能销号"):
        R.verify(bureau.db, bureau.dep1.actor(), second)
    assert R.counts(bureau.db, R.SUPERVISION, today) == {R.IN_PROGRESS: 1, R.CLOSED: 1, "逾期": 0}


def test_bad_task_refused_nothing_saved(bureau, today):
    with pytest.raises(ValidationError) as exc:
        task(bureau, what=" ", owner="", dept="不存在股", due=D(2024, 3, 1))
    assert set(exc.value.fields) == {"what", "owner", "department", "due"}
    assert "早于发现问题的日期" in exc.value.fields["due"]
    with pytest.raises(ValidationError, match="整改期限"):
        task(bureau, due=None)
    with pytest.raises(PermissionDenied):
        R.add_task(bureau.db, bureau.clerk.actor(), CHECK, R.TaskInput("x", "y", "", D(2024, 5, 1)))
    with pytest.raises(ValidationError, match="整改情况"):
        R.mark_done(bureau.db, bureau.clerk.actor(), task(bureau), "  ")
    with bureau.db.session() as s:
        assert s.scalar(select(func.count()).select_from(RectificationTask)) == 1
