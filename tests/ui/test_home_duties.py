"""The 工作台's duty view: loaded off the UI thread, grouped by kind with counts, each line opening
its record; the on-time chart shows the app's monthly rates."""

import datetime as dt

import pytest

from app.db import Database
from app.db.models import Role
from app.services import dashboard, profile, users
from app.services.contacts.register import departments as profile_departments
from app.services.dashboard import ontime
from app.services.supervision import posts
from app.services.supervision.posts import DEPUTY, AssignmentInput
from ui import charts, home
from ui.home import HomePage

D = dt.date
TODAY = D(2025, 3, 27)  # the `registered` request (received 2025-03-03) is due 03-31: two working days left


@pytest.fixture
def at_today(monkeypatch):
    monkeypatch.setattr(Database, "today", lambda self: TODAY)


def _loaded(qtbot, page: HomePage) -> dashboard.DutyView:
    qtbot.waitUntil(lambda: page.duties.view is not None, timeout=10_000)
    assert page.duties.view is not None
    return page.duties.view


def _groups(page: HomePage) -> dict[str, list[str]]:
    tree = page.duties.tree
    out = {}
    for n in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(n)
        out[top.text(0)] = [top.child(c).text(0) for c in range(top.childCount())]
    return out


def test_head_sees_the_request_due_and_opens_it(qtbot, at_today, office, head, registered):
    page = HomePage(office, head)
    qtbot.addWidget(page)
    view = _loaded(qtbot, page)
    groups = _groups(page)
    # March: last year's annual report is not finalised and 1月31日 has passed (the reminders' rule)
    assert list(groups) == ["依申请公开答复期限（1项）", "年度报告（1项，其中逾期1项）"]
    (title,) = groups["依申请公开答复期限（1项）"]
    assert "张三" in title and "依申请公开答复期限1项" in page.duties.summary.text()
    line = page.duties.tree.topLevelItem(0).child(0)
    assert line.text(1) == "2025年3月31日" and line.text(2).startswith("还剩2个工作日")
    assert view.everything and "全部" in page.duties.title()
    opened = []
    page.open_record = lambda item, then="": opened.append((item.record_type, item.record_id))
    page.duties.tree.setCurrentItem(line)
    page.duties.open_selected()
    page.duties.tree.itemActivated.emit(page.duties.tree.topLevelItem(0), 0)  # a group header opens nothing
    assert opened == [("request", registered)]


def test_clerk_sees_only_own_work(qtbot, at_today, office, admin, clerk, registered):
    other = users.create_user(office, admin.actor(), "bg", "周办公", Role.CLERK, "pass1234").actor()
    mine = HomePage(office, clerk)  # registered it, nobody assigned yet: theirs
    qtbot.addWidget(mine)
    assert _loaded(qtbot, mine).group(dashboard.model.REQUESTS).count == 1
    assert "本人" in mine.duties.title()
    theirs = HomePage(office, other)
    qtbot.addWidget(theirs)
    _loaded(qtbot, theirs)
    # nothing of theirs (the report's publication date is the heads'; its material date is December's)
    assert _groups(theirs) == {} and theirs.duties.summary.text() == "本周没有到期或逾期的事项。"


def test_on_time_chart_shows_the_monthly_rates(qtbot, at_today, office, head, registered):
    page = HomePage(office, head)
    qtbot.addWidget(page)
    _loaded(qtbot, page)
    qtbot.waitUntil(lambda: len(page.duties.rates) == 12, timeout=10_000)  # drawn after the list
    rates = ontime.monthly_rates(office, TODAY)
    chart = page.duties.chart.chart()
    assert charts.categories(chart) == [m.label for m in rates] and len(rates) == 12
    expected = [(float(x), m.rate) for x, m in enumerate(rates) if m.rate is not None]
    assert charts.line_values(chart) == [("按期答复率", expected)]
    assert chart.title().startswith("依申请公开按期答复率（2024年4月至2025年3月）")


def test_a_newer_load_wins(qtbot, at_today, office, head, registered):
    page = HomePage(office, head)
    qtbot.addWidget(page)
    _loaded(qtbot, page)
    stale = page.duties.generation
    page.duties.load()
    page.duties._loaded(stale, dashboard.model.DutyView(TODAY, TODAY, True, ()))  # an older result arrives late
    page.duties._rates_loaded(stale, [])
    assert page.duties.tree.topLevelItemCount() == 2


def test_duty_line_opens_the_duty_in_the_supervision_calendar(qtbot, window, db, admin, monkeypatch):
    deputy = users.create_user(db, admin.actor(), "fj", "李副局长", Role.LEADER, "pass1234")
    profile.add_department(db, admin.actor(), "预算股")
    dept = next(i for i, name in profile_departments(db) if name == "预算股")
    posts.save_assignment(db, admin.actor(), AssignmentInput(deputy.id, DEPUTY, dept, D(2020, 1, 1), None))
    view = dashboard.duty_view(db, admin.actor())
    line = next(x for x in view.group(dashboard.model.DUTIES).lines if x.record_id == deputy.id)
    cal = window.supervision.calendar
    cal.blockSignals(True)  # select only: the check record's own dialog is the 督查 tab's business
    assert home.RECORD_OPENERS["duty"](window.home, db, admin.actor(), line, line.record_id, "")
    assert window.tabs.currentWidget() is window.supervision
    row = cal.view.currentIndex().row()
    duty = cal.model.row(row)
    assert (duty.holder_id, f"{duty.kind}|{duty.period}") == (deputy.id, line.record_key)


def test_openers_cover_every_record_type_the_view_names():
    assert {"request", "contact", "complaint", "duty", "rectification", "annual_report"} <= set(home.RECORD_OPENERS)


def test_contact_and_complaint_lines_open_in_their_tabs(qtbot, window, db, admin):
    opened = []
    window.contacts.show_entry = lambda eid: opened.append(("contact", eid))
    window.complaints.open_record = lambda cid: opened.append(("complaint", cid))
    actor = admin.actor()
    assert home.RECORD_OPENERS["contact"](window.home, db, actor, None, 7, "")
    assert window.tabs.currentWidget() is window.contacts
    assert home.RECORD_OPENERS["complaint"](window.home, db, actor, None, 3, "")
    assert window.tabs.currentWidget() is window.complaints
    assert opened == [("contact", 7), ("complaint", 3)]
    alone = HomePage(db, actor)
    qtbot.addWidget(alone)
    assert not home.RECORD_OPENERS["complaint"](alone, db, actor, None, 3, "")  # outside the main window


def test_deadline_and_state_are_shown_whole(qtbot, at_today, office, head, registered):
    """期限 and 状态 (还剩N个工作日, 已逾期…) fit their columns even in a narrow window; the title is the one cut."""
    from app.services import rectification as rect

    src = rect.Source(rect.SUPERVISION, 1, "2025年第一季度督查")
    rect.add_task(office, head, src, rect.TaskInput("补发超期信息", "王股长", "", D(2025, 3, 20)), D(2025, 3, 3))
    page = HomePage(office, head)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    qtbot.waitExposed(page)
    _loaded(qtbot, page)
    tree = page.duties.tree
    qtbot.waitUntil(lambda: tree.topLevelItemCount() > 0)
    metrics = tree.fontMetrics()
    lines = [tree.topLevelItem(n).child(c) for n in range(tree.topLevelItemCount())
             for c in range(tree.topLevelItem(n).childCount())]
    assert any(len(line.text(2)) > 10 for line in lines)  # an overdue task says until when
    for line in lines:
        for col in (1, 2):
            assert tree.header().sectionSize(col) >= metrics.horizontalAdvance(line.text(col))
