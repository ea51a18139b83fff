"""Demo 责任分工 and duties: a 主要负责人, a 分管负责人 for the three 科室, last year's and this
year's duties done — most on time, one late, one missed — so the 督查 tab and
`gongkai duties` show every status on a fresh demo database.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app.db import Database
from app.db.models import Department, Role, User
from app.services import users
from app.services.actor import Actor
from app.services.supervision import duties, posts


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
        if i == 3:  # one missed duty: stays 逾期
            continue
        day = d.due + dt.timedelta(days=6) if i == 1 else d.due - dt.timedelta(days=4)  # i == 1: done late
        day = max(min(day, today), d.start)
        duties.record_completion(db, admin, d.kind, d.holder_id, d.period, day, "演示数据")
