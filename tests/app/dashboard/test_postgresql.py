"""The duty view's and the on-time rate's SQL on SQLite and a real PostgreSQL server alike."""

import datetime as dt

from app.db.models import Role
from app.services import dashboard, profile, users
from app.services.complaints import register as complaints
from app.services.contacts import entry as contacts
from app.services.contacts import vocab as cv
from app.services.contacts.register import departments
from app.services.dashboard import ontime
from app.services.dashboard.model import COMPLAINTS, REFERRALS, REQUESTS
from tests.app.dashboard.conftest import D, answer, register


def test_same_view_on_sqlite_and_postgresql(any_db):
    admin = users.create_first_admin(any_db, "admin", "王管理", "pass1234", "pass1234").actor()
    profile.save_profile(any_db, admin, profile.Profile(
        full_name="某某县财政局", doc_code="X财公开", reconsideration_body="某某县人民政府", court="某某县人民法院",
        address="某某县人民路1号", phone="0851-86123456", window_location="某某县政务服务中心二楼5号窗口"))
    profile.add_department(any_db, admin, "预算股")
    dept = dict((n, i) for i, n in departments(any_db))["预算股"]
    clerk = users.create_user(any_db, admin, "zs", "赵窗口", Role.CLERK, "pass1234").actor()
    head = users.create_user(any_db, admin, "ks", "钱科长", Role.SECTION_HEAD, "pass1234").actor()
    budget = users.create_user(any_db, admin, "yg", "孙预算", Role.CLERK, "pass1234", department="预算股").actor()
    near = register(any_db, clerk, D(2025, 3, 3))  # due 03-31
    answered = register(any_db, clerk, D(2025, 3, 3), content="已答复的申请")
    answer(any_db, clerk, answered, D(2025, 3, 20))
    contacts.log_entry(any_db, clerk, contacts.EntryInput(
        contact_at=dt.datetime(2025, 3, 26, 10, 5), person="李四", phone="13800001111", category="办事", question="专项资金拨付进度",
        outcome=cv.INTERNAL, department_id=dept), now=dt.datetime(2025, 3, 26, 10, 6))
    complaints.register(any_db, clerk, complaints.ComplaintInput(
        received_on=D(2025, 3, 14), channel="电话", category="服务态度", facts="窗口人员态度生硬", anonymous=True),
        today=D(2025, 3, 27))
    today = D(2025, 3, 27)
    view = dashboard.duty_view(any_db, head, today=today)
    assert [line.record_id for line in view.group(REQUESTS).lines] == [near]
    assert view.group(REFERRALS).count == 1 and view.group(COMPLAINTS).count == 1
    for actor, expected in ((clerk, (1, 1, 1)), (budget, (0, 1, 0))):
        mine = dashboard.duty_view(any_db, actor, today=today)
        assert (mine.group(REQUESTS).count, mine.group(REFERRALS).count, mine.group(COMPLAINTS).count) == expected
    march = next(m for m in ontime.monthly_rates(any_db, today) if m.month == 3)
    assert (march.on_time, march.total) == (1, 1)
