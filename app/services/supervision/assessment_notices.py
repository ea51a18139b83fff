"""考核结果通报: the grade of each 科室 fixed as notified, and a 不合格 科室's rectification plan.

Seed 001 附件5 第六条: 优秀 科室 are commended (通报表彰), 不合格 ones criticised and told to
rectify; seed 002 七: the measures are due "在接到通报后的1周内" — 7 calendar days after the
notice — tracked as a task of the shared 整改 tracker (app/services/rectification.py).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.dates import cn_date
from app.db import Database
from app.db.models import AssessmentItem, AssessmentNotice, AssessmentScore, Role, User
from app.services import numbering, rectification
from app.services.actor import Actor
from app.services.errors import ServiceError, ValidationError
from app.services.supervision import assessment as asm

# 文号 of the 考核结果通知: one per 科室's notice, assigned when the result is notified, gap-free per year
NOTICE_NUMBER = numbering.register_kind("assessment_notice", "考核结果通知文号", "{文号代字}考〔{年}〕{序号}号")


def _head_of(s: Session, department_id: int, department: str) -> str:
    """Who answers for a 科室's plan: its 科室负责人 if the user list names one."""
    name = s.scalar(select(User.full_name).where(User.department_id == department_id, User.active.is_(True),
                                                 User.role == Role.SECTION_HEAD.value).order_by(User.id).limit(1))
    return name or f"{department}负责人"


def issue_notices(db: Database, actor: Actor, year: int, department_ids: list[int],
                  notified_on: dt.date | None = None) -> list[int]:
    """考核结果通报 for the given 科室 (one action): fix each grade; a 不合格 科室 gets its
    rectification-plan task due 7 days after the notice.  Every 科室 must be fully scored."""
    today = db.today()
    notified_on = notified_on or today
    if notified_on > today:
        raise ValidationError({"notified_on": "通报日期不能晚于今天"})
    if notified_on.year < year:
        raise ValidationError({"notified_on": f"通报日期应在{year}年度考核开始之后"})
    if not department_ids:
        raise ValidationError({"departments": "请选择要通报考核结果的科室"})
    result = {u.department_id: u for u in asm.assessment(db, year).units}
    problems = []
    for dept_id in department_ids:
        u = result.get(dept_id)
        if u is None:
            problems.append("所选科室不在本年度参加考核的科室之中")
        elif u.notice is not None:
            problems.append(f"{u.department}的考核结果已于{cn_date(u.notice.notified_on)}通报")
        elif u.total_tenths is None:
            problems.append(f"{u.department}还有考核项目没有评分")
    if problems:
        raise ValidationError({"departments": "；".join(dict.fromkeys(problems))})
    with db.session(actor=actor.label, action="通报考核结果") as s:
        asm.require_head(s, actor, "考核结果通报")
        by = actor.full_name or actor.label
        ids = []
        for dept_id in department_ids:
            u = result[dept_id]
            assert u.items_tenths is not None and u.total_tenths is not None
            # the figures notified are those computed now: re-check nobody scored meanwhile
            fresh = s.scalar(select(func.sum(AssessmentScore.score_tenths)).join(
                AssessmentItem, AssessmentItem.id == AssessmentScore.item_id).where(
                AssessmentItem.year == year, AssessmentScore.department_id == dept_id))
            if fresh != u.items_tenths:
                raise ServiceError("评分刚被他人修改，请刷新后再通报")
            notice = AssessmentNotice(year=year, department_id=dept_id, notified_on=notified_on,
                                      items_tenths=u.items_tenths, deduction_tenths=u.deduction_tenths,
                                      total_tenths=u.total_tenths, grade=u.grade, notified_by=by,
                                      number=numbering.next_number(s, NOTICE_NUMBER.key, notified_on.year)[0])
            s.add(notice)
            s.flush()
            if u.grade == asm.FAIL:
                task = rectification.open_task(
                    s, rectification.Source(asm.SOURCE, notice.id, f"{year}年度政务公开考核（{u.department}）"),
                    f"{year}年度政务公开考核不合格（{asm.points(u.total_tenths)}分）：提出整改措施，"
                    "报局政务公开工作领导小组办公室", _head_of(s, dept_id, u.department), u.department, notified_on,
                    notified_on + dt.timedelta(days=asm.PLAN_DAYS), by)
                notice.task_id = task.id
            ids.append(notice.id)
        return ids
