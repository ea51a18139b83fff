"""The demo database carries last year's assessment: one 优秀, one 不合格 with its plan task, a ledger deduction."""

import datetime as dt

from app.services import demo, rectification
from app.services.complaints import ledger
from app.services.supervision import assessment as asm

D = dt.date


def test_demo_assessment(db):
    demo.create_demo(db, requests=0, contacts=0, today=D(2026, 11, 20))
    year = asm.assessment(db, 2025)
    deducted = {t.name: t.points * 10 for t in ledger.year_summary(db, 2025)[1]}  # the demo complaints' too
    got = {u.department: (u.items_tenths, u.deduction_tenths, u.total_tenths, u.grade) for u in year.units}
    for name, (items, deduction, total, _grade) in got.items():
        assert deduction == deducted.get(name, 0) and total == items - deduction
    assert [g for *_x, g in got.values()] == ["优秀", "良好", "不合格"]
    assert got["预算股"][1] >= 50  # at least the demo's own 属实 complaint
    assert year.commended == ["办公室"]
    fail = next(u for u in year.units if u.grade == asm.FAIL)
    assert fail.notice is not None and fail.notice.task_due == D(2026, 1, 22)
    assert fail.self_tenths == 870
    tasks = rectification.list_tasks(db, D(2026, 11, 20), source_kind=asm.SOURCE)
    assert [(t.department, t.shown_state) for t in tasks] == [("国库股", "逾期")]
