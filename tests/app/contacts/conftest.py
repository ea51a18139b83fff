import datetime as dt

import pytest

from app.db.models import Role
from app.services import profile, users
from app.services.contacts import entry as ce
from app.services.contacts import vocab as v
from app.services.contacts.register import departments

MONDAY_10 = dt.datetime(2025, 3, 3, 10, 5)  # a working Monday


@pytest.fixture
def depts(office, admin):
    for name in ("办公室", "预算股"):
        profile.add_department(office, admin.actor(), name)
    return dict((n, i) for i, n in departments(office))


@pytest.fixture
def budget_clerk(office, admin, depts):
    return users.create_user(office, admin.actor(), "yg", "孙预算", Role.CLERK, "pass1234", department="预算股").actor()


@pytest.fixture
def other_clerk(office, admin, depts):
    return users.create_user(office, admin.actor(), "bg", "周办公", Role.CLERK, "pass1234", department="办公室").actor()


def quick(**kw) -> ce.EntryInput:
    base = dict(contact_at=MONDAY_10, channel="来电", person="张三", phone="13800001111", category="咨询",
                question="小额贷款公司设立需要哪些材料", outcome=v.ANSWERED, answer="已告知所需材料和办理地点")
    base.update(kw)
    return ce.EntryInput(**base)


def referral(depts, **kw) -> ce.EntryInput:
    return quick(outcome=v.INTERNAL, answer="", department_id=depts["预算股"], referred_person="孙预算",
                 question="专项资金拨付进度", **kw)
