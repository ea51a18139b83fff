"""Demo 责任分工, duties and their records: a 主要负责人, a 分管负责人 for three 科室, and last year's and
this year's past duties done through their records — 季度督查记录 (checklist, figures, problems) and
专题会议记录 — most on time, one late, one missed; problems become tasks, some rectified and 销号.
So the 督查 tab and `gongkai duties` show every status on a fresh demo database.  Each check keeps
its figures as they stood on its own day (run after the other tabs' demo data exists).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app.db import Database
from app.db.models import Department, Role, User
from app.services import rectification as rect
from app.services import users
from app.services.actor import Actor
from app.services.supervision import checks, duties, meetings, posts

PROBLEMS = (
    ("部分预算执行信息超过10个工作日才在网站公开", "补发并在网站注明形成日期，建立发布前时限核对", "王股长"),
    ("一次性告知书有两份未经申请人签收", "补齐签收，窗口改用带签收栏的告知书", "赵窗口"),
    ("依申请公开答复书未载明救济途径", "按模板补正答复书并重新送达", "钱科长"),
)
MISSED, LATE = 3, 1  # positions in the list of past duties


def _check(db: Database, admin: Actor, d: duties.Duty, day: dt.date, n: int) -> None:
    form = checks.open_check(db, d)
    items = tuple(checks.ItemInput(i.name, "基本符合" if k == 2 and n % 2 else "符合",
                                   "个别信息公开不够及时" if k == 2 and n % 2 else "") for k, i in
                  enumerate(form.data.items))
    problem = PROBLEMS[n % len(PROBLEMS)]
    text = problem[0] if n % 2 else ""
    data = checks.CheckInput(day, d.holder_name, "办公室主任、各股室负责人", text, items)
    checks.save_check(db, admin, d, data, complete=True, today=day)  # its figures as they stood that day
    if not text:
        return
    cid = checks.find_check(db, d.holder_id, d.period)
    assert cid is not None
    today = db.today()
    due = day + dt.timedelta(days=30)
    first = checks.add_task(db, admin, cid, rect.TaskInput(problem[1], problem[2], d.areas[0] if d.areas else "",
                                                           due))
    checks.add_task(db, admin, cid, rect.TaskInput(PROBLEMS[(n + 1) % len(PROBLEMS)][1], "李股长",
                                                   d.areas[-1] if d.areas else "", due + dt.timedelta(days=30)))
    done = min(day + dt.timedelta(days=20), today)
    rect.mark_done(db, admin, first, "已按要求整改，整改材料已归档", done)
    rect.verify(db, admin, first, min(done + dt.timedelta(days=3), today))


def _meeting(db: Database, admin: Actor, d: duties.Duty, day: dt.date, n: int) -> None:
    data = meetings.MeetingInput(day, "局三楼会议室", d.holder_name, "各分管负责人、各股室负责人、办公室工作人员",
                                 "办公室关于本期政务公开工作情况的汇报；各分管负责人季度督查情况的汇报",
                                 "依申请公开按期答复率、一次性告知落实和投诉举报办理中存在的问题",
                                 "一、各股室对督查发现的问题限期整改；二、办公室每月通报依申请公开办理情况")
    mid = meetings.save_meeting(db, admin, d, data, complete=True)
    task = meetings.add_task(db, admin, mid, rect.TaskInput("每月通报依申请公开办理情况", "钱科长", "办公室",
                                                            day + dt.timedelta(days=31)))
    if d.period.endswith("H1"):  # rectified, waiting for the 主要负责人 to verify (已整改)
        rect.mark_done(db, admin, task, "已建立月度通报制度，首期通报已印发", min(day + dt.timedelta(days=25),
                                                                                db.today()))


def populate(db: Database, admin: Actor, today: dt.date, password: str) -> None:
    chief = users.create_user(db, admin, "zhouju", "周局长", Role.LEADER, password, "局领导", "局长")
    with db.session() as s:
        depts = {d.name: d.id for d in s.scalars(select(Department))}
        deputy = s.scalar(select(User.id).where(User.login == "sunju"))
    if deputy is None:  # the demo staff list changed: nobody to hold the deputy post
        return
    start = dt.date(today.year - 1, 1, 1)
    posts.save_assignment(db, admin, posts.AssignmentInput(chief.id, posts.PRINCIPAL, None, start))
    for name in ("办公室", "预算股", "国库股"):
        if name in depts:
            posts.save_assignment(db, admin, posts.AssignmentInput(deputy, posts.DEPUTY, depts[name], start))
    past = [d for year in (today.year - 1, today.year) for d in duties.duties_for_year(db, year, today)
            if d.due < today]
    for i, d in enumerate(past):
        if i == MISSED:  # one missed duty: stays 逾期
            continue
        day = d.due + dt.timedelta(days=6) if i == LATE else d.due - dt.timedelta(days=4)
        day = max(min(day, today, db.today()), d.start)
        (_check if d.kind == duties.CHECK else _meeting)(db, admin, d, day, i)
