"""Complaint fixtures: an office with a section, an inspector whose sign-in created the complaint key."""

import datetime as dt

import pytest

from app.db.models import Department, Role
from app.services import users
from app.services.complaints import identity
from app.services.complaints.register import ComplaintInput

D = dt.date
DAY = D(2025, 3, 3)
NAME, ID, PHONE = "王秀英", "11010519491231002X", "13912345678"


@pytest.fixture
def section(office):
    with office.session(actor="测试", action="添加科室") as s:
        dept = Department(name="政务服务科")
        s.add(dept)
        s.flush()
        return dept.id


@pytest.fixture
def inspector(office, admin):
    """李监督 signs in once: the first inspector creates the office's complaint key."""
    users.create_user(office, admin.actor(), "lijian", "李监督", Role.INSPECTOR, "pass1234")
    info = users.sign_in(office, "lijian", "pass1234")
    yield info.actor()
    identity.forget(office, info.id)


@pytest.fixture
def staff(office, admin, section):
    """The staff member complained about, in 政务服务科."""
    users.create_user(office, admin.actor(), "xw", "徐窗口", Role.CLERK, "pass1234", department="政务服务科")
    return next(u for u in users.list_users(office) if u.login == "xw")


def named(**kw) -> ComplaintInput:
    base = dict(received_on=DAY, channel="当面", category="服务态度", facts="办理时工作人员态度恶劣，拒绝解释所缺材料",
                name=NAME, id_number=ID, phone=PHONE, address="某某县人民路8号", wants_reply=True, reply_how="电话",
                taken_place="政务服务中心投诉接待室")
    base.update(kw)
    return ComplaintInput(**base)
