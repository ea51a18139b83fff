"""The main window's tabs, in order: what each is called and which class makes its page.

Plain data without Qt, so the start-up thread can import the pages' modules while the password
is typed (ui.application.warm_imports) and the window can build each page on first show
(ui.main_window) from one list.  A further tab adds one line here and one property on MainWindow.
"""

from __future__ import annotations

from typing import NamedTuple


class TabPage(NamedTuple):
    attr: str  # MainWindow attribute (window.notices, …)
    title: str
    module: str
    cls: str  # constructed as cls(db, actor)


TAB_PAGES: tuple[TabPage, ...] = (
    TabPage("home", "工作台", "ui.home", "HomePage"),
    TabPage("register", "依申请公开", "ui.requests.register_page", "RegisterPage"),
    TabPage("notices", "一次性告知", "ui.notices.page", "NoticesPage"),
    TabPage("annual_report", "年度报告", "ui.report.page", "ReportPage"),
    TabPage("contacts", "首问负责", "ui.contacts.page", "ContactsPage"),
    TabPage("complaints", "投诉举报", "ui.complaints.page", "ComplaintsPage"),
    TabPage("supervision", "督查", "ui.supervision.page", "SupervisionPage"),
)

FIRST = "register"
"""The tab the window opens on, built at once: the counter's main list."""
