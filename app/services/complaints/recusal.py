"""回避: who must stay out of a 投诉举报 — the one rule, used by every handling step, the list, opening
a complaint and the 签批 of a finding.

Two people have a stake in the outcome and so may neither see, accept, investigate, extend,
conclude, approve nor answer it:

* the staff member complained about (seed 004 六: the complainant is protected against
  打击报复 by whoever they named);
* the 科室负责人 of the 科室 complained about — the complaint's own 科室, or, when only a person
  was named, that person's 科室.  Seed 004 四 (奖惩形式及措施) makes a substantiated complaint cost
  "本科室工作目标责任制分5分，并扣减科室（单位）负责人干部年度考评分10分": the head would be judging
  a finding that costs them 10 points.  Seed 002 第五条 gives the complained-about 科室 the part of
  "积极配合调查工作", not of deciding; a finding goes to the 领导小组 for 审批.

The head is recognised from the database as it is now (role 科室负责人 and 科室), never from the
role kept at sign-in, like every rights decision.  Hidden from the list as well as refused: the
facts often identify the complainant, and the seeds' protection of the complainant (seed 000 六,
seed 004 六) is the reason 回避 exists — the 分管领导 or another head handles it.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, exists, false, func, or_, select
from sqlalchemy.orm import Session, aliased

from app.db.models import Complaint, Role, User

C = Complaint


def recused(user_id: int | None) -> ColumnElement[bool]:
    """SQL condition over ``complaint``: true where ``user_id`` must recuse (never NULL, so ``~`` is safe).

    The 科室 is the one the ledger charges (``ledger.open_record``): the complaint's 科室, else the
    person's."""
    if user_id is None:
        return false()
    head, person = aliased(User), aliased(User)
    person_dept = (select(person.department_id).where(person.id == C.target_user_id)
                   .correlate_except(person).scalar_subquery())
    section = func.coalesce(C.department_id, person_dept)
    is_head = exists().where(head.id == user_id, head.role == Role.SECTION_HEAD.value,
                             head.department_id.is_not(None), head.department_id == section)
    return or_(and_(C.target_user_id.is_not(None), C.target_user_id == user_id), is_head)


def reason(s: Session, cid: int, user_id: int | None) -> str:
    """Why ``user_id`` must stay out of complaint ``cid`` (a message for them), or "" when they need not."""
    if user_id is None:
        return ""
    row = s.execute(select(C.target_user_id).where(C.id == cid, recused(user_id))).first()
    if row is None:
        return ""
    if row.target_user_id == user_id:
        return "你是该投诉举报的被投诉举报对象，应当回避，不能查看或办理此件，请由其他工作人员办理"
    return "你是被投诉举报科室的负责人，应当回避，不能查看、办理或签批此件，请由分管领导或其他科室负责人办理"
