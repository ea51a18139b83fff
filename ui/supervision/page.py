"""The 督查 tab: 一岗双责 duties and the records that discharge them, one sub-tab each.

督查日历 (the year's duties; a duty opens its record), 督查记录 (季度督查
records), 专题会议, 整改任务 (the shared rectification tracker) and 责任分工
(posts, frequencies, checklist template).  Further sub-tabs (百分制考核) add one
``self.tabs.addTab`` line.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.db import Database
from app.services.actor import Actor
from app.services.supervision import duties as du
from ui.supervision.assessment_view import AssessmentView
from ui.supervision.calendar_view import DutyCalendarView
from ui.supervision.records_view import checks_view, meetings_view
from ui.supervision.settings_view import SettingsView
from ui.supervision.tasks_view import TasksView


class SupervisionPage(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.record_dialog: QWidget | None = None  # the check or meeting window last opened
        self.tabs = QTabWidget()
        self.calendar = DutyCalendarView(db, actor)
        self.tabs.addTab(self.calendar, "督查日历")
        self.checks = checks_view(db, actor)
        self.tabs.addTab(self.checks, "督查记录")
        self.meetings = meetings_view(db, actor)
        self.tabs.addTab(self.meetings, "专题会议")
        self.tasks = TasksView(db, actor)
        self.tabs.addTab(self.tasks, "整改任务")
        self.settings = SettingsView(db, actor)
        self.tabs.addTab(self.settings, "责任分工")
        self.tabs.addTab(AssessmentView(db, actor), "百分制考核")
        for view in (self.calendar, self.checks, self.meetings):
            view.duty_opened.connect(self.open_duty)
        self.tabs.currentChanged.connect(self._shown)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def set_actor(self, actor: Actor) -> None:
        self.actor = actor
        for n in range(self.tabs.count()):
            view = self.tabs.widget(n)
            if hasattr(view, "actor"):
                view.actor = actor

    def _shown(self, index: int) -> None:
        """A sub-tab shows the data as it is now (a record saved elsewhere changes duties and tasks)."""
        view = self.tabs.widget(index)
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
        dialog.finished.connect(lambda _r: self._shown(self.tabs.currentIndex()))
        dialog.open()
