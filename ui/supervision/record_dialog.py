"""What the 季度督查记录 and 专题会议记录 windows share: the status line, the 保存/完成/打印/关闭 row,
the task list and scans that appear once the record is saved, and the print.

Both records belong to a duty, are drafts until completed and turn their findings into tasks of
the shared rectification tracker (app.services.supervision.records); the windows around them
behave alike, so that behaviour is written here once.  A subclass names its record (class
attributes below), builds its own pages and its own ``save``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QPushButton, QVBoxLayout, QWidget

from app.dates import cn_date
from app.db import Database
from app.services import rectification as rect
from app.services.actor import Actor
from app.services.supervision import duties as du
from app.services.supervision.records import COMPLETED
from ui.guard import GuardedDialog
from ui.supervision.rows import preview_record
from ui.supervision.tasks_view import TasksView

ATTACH_HINT = "保存记录后即可添加签字记录的扫描件等附件。"


class RecordDialog(GuardedDialog):
    """A supervision record's window; the subclass sets the record's kind below and calls the helpers."""

    source_kind: str  # the rectification tracker's source kind of the record's tasks
    record_type: str  # the attachments' record type
    print_title: str  # the printed record's title
    task_hint: str  # shown on the tasks page until the record is saved
    add_task: Callable[[Database, Actor, int, rect.TaskInput], int]
    record_pdf: Callable[[Database, int], bytes]

    def __init__(self, db: Database, actor: Actor, duty: du.Duty, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.duty = db, actor, duty
        self._placeholders: list[QLabel] = []  # "save first" notes, removed once the record exists
        self.status = QLabel()

    def record_id(self) -> int | None:
        raise NotImplementedError

    def record_title(self) -> str:
        return self.form_data.title  # type: ignore[attr-defined] - both forms carry their title

    def save(self, complete: bool) -> bool:
        raise NotImplementedError

    def _attach_page(self) -> QWidget:
        self.attach_page = QWidget()
        QVBoxLayout(self.attach_page)
        return self.attach_page

    def _buttons(self, complete_text: str, complete_tip: str) -> QHBoxLayout:
        """保存, 完成…, 打印…, then 关闭 at the far end."""
        self.save_button = QPushButton("保存")
        self.save_button.clicked.connect(lambda: self.save(False))
        self.complete_button = QPushButton(complete_text)
        self.complete_button.setToolTip(complete_tip)
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
        return buttons

    def _show_state(self, state: str, completed_on: dt.date | None) -> bool:
        """The status line (title, due day, 未填写/草稿/已完成 and whether late); True when completed."""
        done = state == COMPLETED
        late = completed_on is not None and completed_on > self.duty.due
        self.status.setText(f"{self.record_title()}　截止日期：{cn_date(self.duty.due)}　状态："
                            + (f"已完成（{cn_date(completed_on)}{'，逾期完成' if late else ''}）" if done
                               else "草稿" if self.record_id() else "未填写"))
        return done

    def _show_parts(self, tasks_into: QLayout, first_due: dt.date | None) -> None:
        """Tasks and scans need a saved record: until then each page says so."""
        record_id = self.record_id()
        if record_id is not None and not hasattr(self, "tasks"):
            for label in self._placeholders:
                label.hide()
                label.deleteLater()
            self._placeholders = []
            add = type(self).add_task
            self.tasks = TasksView(self.db, self.actor, source=(self.source_kind, record_id), first_due=first_due,
                                   add=lambda data: add(self.db, self.actor, record_id, data))
            tasks_into.addWidget(self.tasks)
            from ui.attachments_panel import AttachmentsPanel

            self.attachments = AttachmentsPanel(self.db, self.actor, self.record_type, record_id)
            self.attach_page.layout().addWidget(self.attachments)
        elif record_id is None and not self._placeholders:
            self._placeholders = [QLabel(self.task_hint), QLabel(ATTACH_HINT)]
            tasks_into.addWidget(self._placeholders[0], 0, Qt.AlignmentFlag.AlignTop)
            self.attach_page.layout().addWidget(self._placeholders[1], 0, Qt.AlignmentFlag.AlignTop)

    def print_record(self) -> None:
        record_id, make = self.record_id(), type(self).record_pdf
        if record_id is not None:
            preview_record(self, lambda: make(self.db, record_id), self.print_title, self.record_title())
