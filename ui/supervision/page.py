"""The 督查 tab: 一岗双责 duties and the records that discharge them, one sub-tab each.

督查日历 (the year's duties; a duty opens its record), 督查记录 (季度督查
records), 专题会议, 整改任务 (the shared rectification tracker) and 责任分工
(posts, frequencies, checklist template), 百分制考核.  A further sub-tab adds one line to
``SUBTABS``, one to ``_make`` and one property.
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.db import Database
from app.services.actor import Actor
from app.services.supervision import duties as du
from ui.lazy_tabs import LazyTabs, lazy_page
from ui.supervision.assessment_view import AssessmentView
from ui.supervision.calendar_view import DutyCalendarView
from ui.supervision.records_view import checks_view, meetings_view
from ui.supervision.settings_view import SettingsView
from ui.supervision.tasks_view import TasksView

SUBTABS = (("calendar", "督查日历"), ("checks", "督查记录"), ("meetings", "专题会议"), ("tasks", "整改任务"),
           ("settings", "责任分工"), ("assessment", "百分制考核"))
"""The sub-tabs in order; each is built when first shown or used (ui/lazy_tabs.py), as the main
window's tabs are: a head opening 督查 waits for the 督查日历 only."""


class SupervisionPage(QWidget):
    calendar, checks, meetings = lazy_page("calendar"), lazy_page("checks"), lazy_page("meetings")
    tasks, settings, assessment = lazy_page("tasks"), lazy_page("settings"), lazy_page("assessment")

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.record_dialog: QWidget | None = None  # the check or meeting window last opened
        self._fresh: QWidget | None = None  # built just now: it has read its data already
        self.tabs = LazyTabs()
        self._holders = {attr: self.tabs.add_lazy(lambda a=attr: self._make(a), title) for attr, title in SUBTABS}
        self.tabs.currentChanged.connect(self._shown)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def _make(self, attr: str) -> QWidget:
        db, actor = self.db, self.actor
        view = {"calendar": lambda: DutyCalendarView(db, actor), "checks": lambda: checks_view(db, actor),
                "meetings": lambda: meetings_view(db, actor), "tasks": lambda: TasksView(db, actor),
                "settings": lambda: SettingsView(db, actor), "assessment": lambda: AssessmentView(db, actor)}[attr]()
        if attr in ("calendar", "checks", "meetings"):
            view.duty_opened.connect(self.open_duty)
        self._fresh = view
        return view

    def set_actor(self, actor: Actor) -> None:
        self.actor = actor  # sub-tabs built later are built for this user
        for view in self.tabs.built_pages():
            if hasattr(view, "actor"):
                view.actor = actor

    def _shown(self, _index: int) -> None:
        """A sub-tab brought forward shows the data as it is now (a record saved elsewhere changes
        duties and tasks) — unless it was built for this very showing and has just read it."""
        view = self.tabs.currentWidget()
        fresh, self._fresh = self._fresh, None
        if view is not fresh:
            self.refresh_current()

    def refresh_current(self) -> None:
        view = self.tabs.currentWidget()
        if hasattr(view, "refresh"):
            view.refresh()

    def record_window(self, duty: du.Duty) -> QWidget:
        """The window for a duty's record: a 季度督查记录 or a 专题会议记录."""
        from ui.supervision.check_dialog import CheckDialog
        from ui.supervision.meeting_dialog import MeetingDialog

        cls = CheckDialog if duty.kind == du.CHECK else MeetingDialog
        return cls(self.db, self.actor, duty, self)

    def open_duty(self, duty: du.Duty) -> None:
        dialog = self.record_window(duty)
        self.record_dialog = dialog
        dialog.finished.connect(lambda _r: self.refresh_current())
        dialog.open()
