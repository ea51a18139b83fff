import datetime as dt

import pytest

from app.db.models import Role
from app.services import profile, users
from app.services.requests import intake

D = dt.date


@pytest.fixture
def office(db, admin):
    profile.save_profile(db, admin.actor(), profile.Profile(
        full_name="某某县财政局", doc_code="X财公开", reconsideration_body="某某县人民政府", court="某某县人民法院",
        address="某某县人民路1号", phone="0851-86123456", window_location="某某县政务服务中心二楼5号窗口"))
    return db


@pytest.fixture
def clerk(office, admin):
    return users.create_user(office, admin.actor(), "zs", "赵窗口", Role.CLERK, "pass1234").actor()


@pytest.fixture
def head(office, admin):
    return users.create_user(office, admin.actor(), "ks", "钱科长", Role.SECTION_HEAD, "pass1234").actor()


MONDAY = D(2025, 3, 3)


def make_input(received=MONDAY, **kw) -> intake.RequestInput:
    base = dict(channel="当面提交", received_date=received, applicant_name="张三",
                id_number="11010519491231002X", phone="13800000000", content="2024年县级部门预算公开情况")
    base.update(kw)
    return intake.RequestInput(**base)


@pytest.fixture
def registered(office, clerk):
    """A request received Monday 2025-03-03 (day 20 = 2025-03-31)."""
    return intake.register(office, clerk, make_input(), today=D(2025, 3, 3))
