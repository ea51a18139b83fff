"""Two 科室, a principal head and two deputies (the 责任分工 of a small bureau)."""

import datetime as dt
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from app.db.models import Department, Role
from app.services import profile, users

D = dt.date


@pytest.fixture
def bureau(db, admin):
    a = admin.actor()
    for name in ("办公室", "预算股", "国库股"):
        profile.add_department(db, a, name)
    with db.session() as s:
        depts = {d.name: d.id for d in s.scalars(select(Department))}
    chief = users.create_user(db, a, "jz", "孙局长", Role.LEADER, "pass1234")
    dep1 = users.create_user(db, a, "fj1", "李副局长", Role.LEADER, "pass1234")
    dep2 = users.create_user(db, a, "fj2", "周副局长", Role.LEADER, "pass1234")
    clerk = users.create_user(db, a, "zs", "赵窗口", Role.CLERK, "pass1234")
    return SimpleNamespace(db=db, admin=a, depts=depts, chief=chief, dep1=dep1, dep2=dep2, clerk=clerk)
