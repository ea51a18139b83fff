"""The demo database carries last year's assessment: one 优秀, one 不合格 with its plan task, a ledger deduction."""

import datetime as dt

from app.services import demo, rectification
from app.services.supervision import assessment as asm

D = dt.date


def test_demo_assessment(db):
    demo.create_demo(db, requests=0, contacts=0, today=D(2026, 11, 20))
    year = asm.assessment(db, 2025)
    got = {u.department: (asm.points(u.items_tenths), asm.points(u.deduction_tenths), asm.points(u.total_tenths),
                          u.grade) for u in year.units}
    assert got == {"办公室": ("98", "0", "98", "优秀"), "预算股": ("92", "5", "87", "良好"),
                   "国库股": ("57", "0", "57", "不合格")}
    assert year.commended == ["办公室"]
    fail = next(u for u in year.units if u.grade == asm.FAIL)
    assert fail.notice is not None and fail.notice.task_due == D(2026, 1, 22)
    assert fail.self_tenths == 870
    tasks = rectification.list_tasks(db, D(2026, 11, 20), source_kind=asm.SOURCE)
    assert [(t.department, t.shown_state) for t in tasks] == [("国库股", "逾期")]
