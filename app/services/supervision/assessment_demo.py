"""Demo 百分制考核: last year's assessment of the three 科室, notified this January.

办公室 is 优秀 (listed for 通报表彰, full marks if the complaints demo already cost it
points); 预算股 loses 5 points for a 属实 complaint confirmed in the 责任追究 ledger (a real complaint, finding and confirmation through
their services, so the deduction is the ledger's own); 国库股 is 不合格 and owes its
rectification plan a week after the notice.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app.db import Database
from app.db.models import Department
from app.services import users
from app.services.actor import Actor
from app.services.complaints import handling, ledger, register
from app.services.supervision import assessment as asm
from app.services.supervision import assessment_notices as notices

# (科室, 考核分 below full marks by item ordinal with the reason, 自评分 below full marks)
PLAN: tuple[tuple[str, dict[int, tuple[str, str]], dict[int, str]], ...] = (
    ("办公室", {4: ("8", "公开栏更新不及时，扣2分")}, {}),
    ("预算股", {3: ("12", "部门预算公开说明不够具体，扣3分"), 8: ("10", "年度要点两项推迟完成，扣5分")}, {3: "14"}),
    ("国库股", {1: ("5", "未明确信息公开联络员，扣5分"), 3: ("8", "国库集中支付信息公开不全，扣7分"),
               4: ("6", "仅在网站公开，未用公开栏等载体，扣4分"),
               5: ("6", "保密审查制度未落实，扣4分"), 6: ("7", "回访不满意较多，扣8分"),
               7: ("10", "投诉处理未按期反馈，扣5分"), 8: ("5", "年度要点多项未落实，扣10分")},
     {1: "8", 3: "12", 6: "12", 8: "10"}),
)


def complaint(db: Database, admin: Actor, today: dt.date) -> None:
    """Last June's 属实 complaint about 预算股 — registered with the other tabs' records, before the
    quarterly checks, so the check of that quarter counts it on its own day."""
    people = {u.login: u for u in users.list_users(db)}
    with db.session() as s:
        budget = s.scalar(select(Department.id).where(Department.name == "预算股"))
    if budget is not None:
        _ledger_deduction(db, admin, people, budget, today.year - 1)


def populate(db: Database, admin: Actor, today: dt.date) -> None:
    """The scores and the result notices (after ``complaint`` and the 责任分工 that names the 科室)."""
    year = today.year - 1
    people = {u.login: u for u in users.list_users(db)}
    units = {n: i for i, n in asm.departments_of(db, year)}
    if "sunju" not in people or not all(name in units for name, _s, _o in PLAN):
        return  # the demo staff or 责任分工 changed: nothing sensible to assess
    leader = people["sunju"].actor()
    items = asm.template(db, year)
    already = {u.department: u.deduction_tenths for u in asm.assessment(db, year).units}
    for name, minus, own in PLAN:
        if name == "办公室" and already.get(name, 0) > 20:  # the complaints demo deducted: still 优秀
            minus = {}
        self_by = {"办公室": "zhaochuang", "预算股": "qianke"}.get(name)
        by = people[self_by].actor() if self_by in people else leader
        asm.save_scores(db, by, year, units[name], [
            asm.ScoreInput(i.ordinal, own.get(i.ordinal, str(i.weight)),
                           "自查发现不足" if i.ordinal in own else "") for i in items], self_assessment=True)
        asm.save_scores(db, leader, year, units[name], [
            asm.ScoreInput(i.ordinal, minus[i.ordinal][0] if i.ordinal in minus else str(i.weight),
                           minus[i.ordinal][1] if i.ordinal in minus else "") for i in items])
    notices.issue_notices(db, leader, year, [units[name] for name, _s, _o in PLAN],
                          min(dt.date(today.year, 1, 15), today))


def _ledger_deduction(db: Database, admin: Actor, people: dict, department_id: int, year: int) -> None:
    """An anonymous complaint about 预算股's head, found 属实 and confirmed by the 监督检查人员."""
    target = people.get("qianke")
    inspector = people.get("lijian")
    if target is None or inspector is None:
        return
    day = dt.date(year, 6, 10)
    cid = register.register(db, admin, register.ComplaintInput(
        received_on=day, channel="意见箱", category="服务态度", anonymous=True,
        facts="到预算股咨询部门预算公开事项，工作人员态度生硬，未一次性说明所需材料",
        target_user_id=target.id, target_department_id=department_id), today=day)
    handling.decide(db, admin, cid, "受理", day, today=day)
    found = dt.date(year, 6, 24)
    rec = handling.record_finding(db, admin, cid, "属实", found, "批评教育，限期改正",
                                  "调取窗口录像并询问当事人，反映情况属实", today=found)
    if rec is not None:
        ledger.confirm(db, inspector.actor(), rec, today=dt.date(year, 6, 28))
