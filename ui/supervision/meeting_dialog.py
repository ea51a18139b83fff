"""The 专题会议记录 window: date, place, chair, attendees, 听取汇报, issues, decisions, tasks, scans, print.

Plain data from ``meetings.open_meeting``; every button one service call.  Tasks
and scans need the record saved once; a completed record is read-only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.dates import cn_date
from app.db import Database
from app.services import rectification as rect
from app.services.actor import Actor
from app.services.errors import ServiceError, ValidationError
from app.services.supervision import duties as du
from app.services.supervision import meetings, prints
from app.services.supervision.records import COMPLETED
from ui.forms import FieldForm, ask, tell
from ui.guard import GuardedDialog
from ui.supervision.rows import preview_record
from ui.supervision.tasks_view import TasksView
from ui.widgets import DateEdit


class MeetingDialog(GuardedDialog):
    def __init__(self, db: Database, actor: Actor, duty: du.Duty, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.duty = db, actor, duty
        self.form_data = meetings.open_meeting(db, duty)
        self._placeholders: list[QLabel] = []  # "save first" notes, removed once the record exists
        self.setWindowTitle(f"专题会议记录 — {self.form_data.title}")
        self.resize(820, 680)
        d = self.form_data.data
        self.status = QLabel()
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
        self.tasks_page, self.attach_page = QWidget(), QWidget()
        QVBoxLayout(self.tasks_page)
        QVBoxLayout(self.attach_page)
        self.pages = QTabWidget()
        self.pages.addTab(record, "会议情况")
        self.pages.addTab(self.tasks_page, "整改任务")
        self.pages.addTab(self.attach_page, "附件")
        self.save_button = QPushButton("保存")
        self.save_button.clicked.connect(lambda: self.save(False))
        self.complete_button = QPushButton("完成会议记录")
        self.complete_button.setToolTip("保存并登记本期专题会议已召开（完成后记录不能再修改）")
        self.complete_button.clicked.connect(lambda: self.save(True))
        self.print_button = QPushButton("打印…")
        self.print_button.clicked.connect(self.print_record)
        close = QPushButton("关闭")
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for b in (self.save_button, self.complete_button, self.print_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        lay = QVBoxLayout(self)
        lay.addWidget(self.status)
        lay.addWidget(self.pages, 1)
        lay.addLayout(buttons)
        self._loaded()

    def _loaded(self) -> None:
        f = self.form_data
        done = f.state == COMPLETED
        late = f.completed_on is not None and f.completed_on > self.duty.due
        self.status.setText(f"{f.title}　截止日期：{cn_date(self.duty.due)}　状态："
                            + (f"已完成（{cn_date(f.completed_on)}{'，逾期完成' if late else ''}）" if done
                               else "草稿" if f.meeting_id else "未填写"))
        for w in (self.place, self.chair, self.attendees, self.reports_heard, self.issues, self.decisions):
            w.setReadOnly(done)  # still readable and copyable once completed
        for w in (self.meeting_date, self.save_button, self.complete_button):
            w.setEnabled(not done)
        self.print_button.setEnabled(f.meeting_id is not None)
        if f.meeting_id is not None and not hasattr(self, "tasks"):
            mid = f.meeting_id
            for label in self._placeholders:
                label.hide()
                label.deleteLater()
            self._placeholders = []
            self.tasks = TasksView(self.db, self.actor, source=(rect.MEETING, mid), first_due=f.data.meeting_date,
                                   add=lambda data: meetings.add_task(self.db, self.actor, mid, data))
            self.tasks_page.layout().addWidget(self.tasks)
            from ui.attachments_panel import AttachmentsPanel

            self.attachments = AttachmentsPanel(self.db, self.actor, meetings.RECORD_TYPE, mid)
            self.attach_page.layout().addWidget(self.attachments)
        elif f.meeting_id is None and not self._placeholders:
            self._placeholders = [QLabel("保存记录后即可把议定事项列为整改任务。"),
                                  QLabel("保存记录后即可添加签字记录的扫描件等附件。")]
            for page, label in zip((self.tasks_page, self.attach_page), self._placeholders, strict=True):
                page.layout().addWidget(label, 0, Qt.AlignmentFlag.AlignTop)
        self.mark_clean()

    def data(self) -> meetings.MeetingInput:
        return meetings.MeetingInput(self.meeting_date.value(), self.place.text(), self.chair.text(),
                                     self.attendees.text(), self.reports_heard.toPlainText(),
                                     self.issues.toPlainText(), self.decisions.toPlainText())

    def save(self, complete: bool) -> bool:
        if complete and not ask(self, "完成会议记录", "完成后会议记录不能再修改，并登记本期专题会议已召开。确定完成吗？",
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

    def print_record(self) -> None:
        if self.form_data.meeting_id is not None:
            preview_record(self, lambda: prints.meeting_pdf(self.db, self.form_data.meeting_id),
                           prints.MEETING_TITLE, self.form_data.title)
