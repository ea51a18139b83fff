"""The main window builds only the tab it opens on; the others on first show, with the current user."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLabel, QWidget

from app.db.models import Role
from app.services import users
from tests.app.contacts.conftest import depts, referral  # noqa: F401
from ui.lazy_tabs import LazyTabs
from ui.main_window import MainWindow


def test_lazy_tab_built_on_first_show_and_spoken_of_as_its_page(qtbot):
    tabs = LazyTabs()
    qtbot.addWidget(tabs)
    first = tabs.add_page(QLabel("一"), "一")
    made: list[QWidget] = []

    def make() -> QWidget:
        made.append(QLabel("二"))
        return made[-1]

    holder = tabs.add_lazy(make, "二")
    tabs.show()
    assert made == [] and tabs.built_pages() == [first] and tabs.currentWidget() is first
    tabs.setCurrentIndex(1)  # the user clicks the tab
    assert len(made) == 1 and tabs.currentWidget() is made[0] and tabs.indexOf(made[0]) == 1
    assert tabs.page(holder) is made[0] and len(made) == 1  # built once
    tabs.setCurrentWidget(first)
    tabs.setCurrentWidget(made[0])  # a page, not its placeholder, is what callers hold
    assert tabs.currentIndex() == 1 and tabs.built_pages() == [first, made[0]]


def test_window_opens_with_the_register_only(qtbot, office, admin, depts):  # noqa: F811
    from app.db.models import ContactEntry

    window = MainWindow(office, admin)
    qtbot.addWidget(window)
    window.show()
    assert window.pages == [window.register]
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == ["工作台", "依申请公开", "一次性告知", "年度报告", "首问负责", "投诉举报", "督查"]
    # the status bar counts the unbuilt tabs' overdue records all the same
    from app.services.contacts import entry as ce

    eid = ce.log_entry(office, admin.actor(), referral(depts))
    with office.session(actor="测试", action="过期") as s:
        s.get(ContactEntry, eid).accept_due = office.today() - dt.timedelta(days=3)
    window.refresh_status()
    assert "首问负责1条" in window.overdue_label.text() and window.pages == [window.register]
    window.tabs.setCurrentIndex(titles.index("督查"))
    assert window.tabs.currentWidget() is window.supervision and len(window.pages) == 2


def test_a_tab_first_shown_after_switching_user_is_built_for_that_user(qtbot, office, admin):  # noqa: F811
    clerk = users.create_user(office, admin.actor(), "zs", "赵窗口", Role.CLERK, "pass1234")
    window = MainWindow(office, admin)
    qtbot.addWidget(window)
    window.set_user(clerk)
    assert window.contacts.actor.user_id == clerk.id
    assert not window.contacts.limits_button.isVisibleTo(window.contacts)  # a clerk's view, not the admin's


def test_a_tab_refreshing_after_a_change_updates_the_status_bar(qtbot, office, admin, depts):  # noqa: F811
    from app.db.models import ContactEntry
    from app.services.contacts import entry as ce

    window = MainWindow(office, admin)
    qtbot.addWidget(window)
    window.show()
    page = window.contacts
    assert window.overdue_label.text() == "已逾期：无"
    eid = ce.log_entry(office, admin.actor(), referral(depts))
    with office.session(actor="测试", action="过期") as s:
        s.get(ContactEntry, eid).accept_due = office.today() - dt.timedelta(days=3)
    page.refresh()  # as after any change made in the tab
    assert window.overdue_label.text() == "已逾期：首问负责1条"

