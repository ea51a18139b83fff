"""The 专题会议记录 window: date, place, chair, attendees, 听取汇报, issues, decisions, tasks, scans, print.

Plain data from ``meetings.open_meeting``; every button one service call.  Tasks
and scans need the record saved once; a completed record is read-only.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.services import rectification as rect
from app.services.actor import Actor
from app.services.errors import ServiceError, ValidationError
from app.services.supervision import duties as du
from app.services.supervision import meetings, prints
from ui.forms import FieldForm, ask, tell
from ui.supervision.record_dialog import RecordDialog
from ui.widgets import DateEdit


class MeetingDialog(RecordDialog):
    source_kind, record_type, print_title = rect.MEETING, meetings.RECORD_TYPE, prints.MEETING_TITLE
    task_hint = "保存记录后即可把议定事项列为整改任务。"
    add_task, record_pdf = meetings.add_task, prints.meeting_pdf

    def __init__(self, db: Database, actor: Actor, duty: du.Duty, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, duty, parent)
        self.form_data = meetings.open_meeting(db, duty)
        self.setWindowTitle(f"专题会议记录 — {self.form_data.title}")
        self.resize(820, 680)
        d = self.form_data.data
        self.fields = FieldForm()
        self.meeting_date = DateEdit(d.meeting_date)
        self.fields.add_field("meeting_date", "会议日期：", self.meeting_date)
        self.place = QLineEdit(d.place)
        self.fields.add_field("place", "会议地点：", self.place)
        self.chair = QLineEdit(d.chair)
        self.fields.add_field("chair", "主持人：", self.chair)
        self.attendees = QLineEdit(d.attendees)
        self.attendees.setPlaceholderText("参会人员，以顿号分隔")
        self.fields.add_field("attendees", "参会人员：", self.attendees)
        self.reports_heard = QPlainTextEdit(d.reports_heard)
        self.reports_heard.setPlaceholderText("听取了哪些科室或人员的汇报")
        self.fields.add_field("reports_heard", "听取汇报：", self.reports_heard)
        self.issues = QPlainTextEdit(d.issues)
        self.fields.add_field("issues", "研究的问题：", self.issues)
        self.decisions = QPlainTextEdit(d.decisions)
        self.fields.add_field("decisions", "议定事项：", self.decisions)
        for box in (self.reports_heard, self.issues, self.decisions):
            box.setTabChangesFocus(True)  # Tab moves to the next field, not into the text
        record = QWidget()
        rl = QVBoxLayout(record)
        rl.addLayout(self.fields)
        rl.addWidget(self.fields.general_label())
        self.tasks_page = QWidget()
        QVBoxLayout(self.tasks_page)
        self.pages = QTabWidget()
        self.pages.addTab(record, "会议情况")
        self.pages.addTab(self.tasks_page, "整改任务")
        self.pages.addTab(self._attach_page(), "附件")
        buttons = self._buttons("完成会议记录", "保存并登记本期专题会议已召开（完成后记录不能再修改）")
        lay = QVBoxLayout(self)
        lay.addWidget(self.status)
        lay.addWidget(self.pages, 1)
        lay.addLayout(buttons)
        self._loaded()

    def record_id(self) -> int | None:
        return self.form_data.meeting_id

    def _loaded(self) -> None:
        f = self.form_data
        done = self._show_state(f.state, f.completed_on)
        for w in (self.place, self.chair, self.attendees, self.reports_heard, self.issues, self.decisions):
            w.setReadOnly(done)  # still readable and copyable once completed
        for w in (self.meeting_date, self.save_button, self.complete_button):
            w.setEnabled(not done)
        self.print_button.setEnabled(f.meeting_id is not None)
        self._show_parts(self.tasks_page.layout(), f.data.meeting_date)
        self.mark_clean()

    def data(self) -> meetings.MeetingInput:
        return meetings.MeetingInput(self.meeting_date.value(), self.place.text(), self.chair.text(),
                                     self.attendees.text(), self.reports_heard.toPlainText(),
                                     self.issues.toPlainText(), self.decisions.toPlainText())

    def save(self, complete: bool) -> bool:
        if complete:  # every problem shown before the question, not after a 完成
            try:
                meetings.validate_input(self.data(), self.duty, self.db.today(), completing=True)
            except ValidationError as exc:
                self.fields.show_errors(exc)
                self.pages.setCurrentIndex(0)
                return False
            if not ask(self, "完成会议记录", "完成后会议记录不能再修改，并登记本期专题会议已召开。确定完成吗？",
                       "完成", "取消"):
                return False
        try:
            meetings.save_meeting(self.db, self.actor, self.duty, self.data(), complete=complete)
        except ValidationError as exc:
            self.fields.show_errors(exc)
            self.pages.setCurrentIndex(0)
            return False
        except ServiceError as exc:
            tell(self, "专题会议记录", str(exc), "warning")
            return False
        self.fields.clear_errors()
        self.form_data = meetings.open_meeting(self.db, self.duty)
        self._loaded()
        return True
