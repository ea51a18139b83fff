"""整改任务: every rectification task of the shared tracker, with 整改中 → 已整改 → 已销号 in the window.

The tracker is app/services/rectification.py (tasks from 督查记录, 专题会议 and
首问负责 差评 alike); this view lists them by state, lets the person responsible
record what was done (整改情况 and the day), and lets a 科室负责人 or above
verify and close (销号) a task.  Overdue tasks (still 整改中 after their due
day) show 逾期 in red.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.dates import cn_date
from app.db import Database
from app.services import profile
from app.services import rectification as rect
from app.services.actor import Actor
from app.services.errors import ServiceError, ValidationError
from ui.forms import FieldForm, ask, ok_cancel_buttons, tell
from ui.guard import GuardedDialog
from ui.supervision.rows import Col, RowsModel, current_row, table
from ui.widgets import DateEdit, combo

ALL, OVERDUE = "全部", "逾期"
FILTERS = (ALL, rect.IN_PROGRESS, OVERDUE, rect.DONE, rect.CLOSED)

COLUMNS: list[Col[rect.TaskRow]] = [
    Col("来源", lambda t: t.source_label),
    Col("整改内容", lambda t: t.what.replace("\n", " ")),
    Col("责任人", lambda t: t.owner),
    Col("责任科室", lambda t: t.department),
    Col("整改期限", lambda t: cn_date(t.due_date)),
    Col("状态", lambda t: t.shown_state, alert=lambda t: t.shown_state == rect.OVERDUE),
    Col("整改日期", lambda t: cn_date(t.done_on) if t.done_on else ""),
    Col("销号", lambda t: f"{t.verified_by} {cn_date(t.verified_on)}" if t.verified_on else ""),
    Col("整改情况", lambda t: t.evidence.replace("\n", " ")),
]


class DoneDialog(GuardedDialog):
    """整改中 → 已整改: what was done and on which day."""

    def __init__(self, db: Database, actor: Actor, task: rect.TaskRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.task = db, actor, task
        self.setWindowTitle("登记整改情况")
        self.form = FieldForm()
        self.form.addRow("整改任务：", QLabel(task.what))
        self.evidence = QPlainTextEdit()
        self.evidence.setPlaceholderText("做了什么、结果如何（可写明佐证材料）")
        self.evidence.setTabChangesFocus(True)  # Tab moves on to the date, not into the text
        self.form.add_field("evidence", "整改情况：", self.evidence)
        self.day = DateEdit(db.today())
        self.form.add_field("day", "整改完成日期：", self.day)
        lay = QVBoxLayout(self)
        lay.addLayout(self.form)
        lay.addWidget(self.form.general_label())
        lay.addWidget(ok_cancel_buttons(self, "保存", "取消", self.save))
        self.mark_clean()  # Esc or 取消 asks before throwing away what was typed

    def save(self) -> None:
        if self.form.attempt(self, "登记整改情况", lambda: rect.mark_done(
                self.db, self.actor, self.task.id, self.evidence.toPlainText(), self.day.value())):
            self.accept()


class TaskDialog(GuardedDialog):
    """A problem found (or a decision taken) becomes a task: 整改内容, 责任人, 责任科室, 整改期限."""

    def __init__(self, db: Database, add: Callable[[rect.TaskInput], int], due: dt.date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.add, self.task_id = add, 0
        self.setWindowTitle("添加整改任务")
        self.form = FieldForm()
        self.what = QPlainTextEdit()
        self.what.setPlaceholderText("需要整改的问题和要求")
        self.what.setTabChangesFocus(True)  # Tab moves on to 责任人, not into the text
        self.form.add_field("what", "整改内容：", self.what)
        self.owner = QLineEdit()
        self.form.add_field("owner", "责任人：", self.owner)
        self.department = combo(["", *profile.list_departments(db)])
        self.form.add_field("department", "责任科室：", self.department)
        self.due = DateEdit(due)
        self.form.add_field("due", "整改期限：", self.due)
        lay = QVBoxLayout(self)
        lay.addLayout(self.form)
        lay.addWidget(self.form.general_label())
        lay.addWidget(ok_cancel_buttons(self, "添加", "取消", self.save))
        self.mark_clean()  # Esc or 取消 asks before throwing away what was typed

    def save(self) -> None:
        def add() -> None:
            self.task_id = self.add(rect.TaskInput(self.what.toPlainText(), self.owner.text(),
                                                   self.department.currentText(), self.due.value()))

        if self.form.attempt(self, "添加整改任务", add):
            self.accept()


class TasksView(QWidget):
    """All tasks (the 整改任务 sub-tab), or one record's tasks (``source``) with 添加整改任务 (``add``)."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None, *,
                 source: tuple[str, int] | None = None, add: Callable[[rect.TaskInput], int] | None = None,
                 first_due: dt.date | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.source, self.add, self.first_due = db, actor, source, add, first_due
        self.filter = QComboBox()
        self.filter.addItems(FILTERS)
        self.filter.currentTextChanged.connect(lambda _t: self.refresh())
        self.summary = QLabel()
        self.model: RowsModel[rect.TaskRow] = RowsModel(COLUMNS)
        self.view = table(self.model)
        self.done_button = QPushButton("登记整改情况…")
        self.done_button.clicked.connect(self.record_done)
        self.verify_button = QPushButton("销号")
        self.verify_button.setToolTip("核实整改情况后销号（科室负责人或以上）")
        self.verify_button.clicked.connect(lambda: self.verify())
        top = QHBoxLayout()
        top.addWidget(QLabel("状态："))
        top.addWidget(self.filter)
        top.addWidget(self.summary, 1)
        if add is not None:
            self.add_button = QPushButton("添加整改任务…")
            self.add_button.clicked.connect(self.add_task)
            top.addWidget(self.add_button)
        top.addWidget(self.done_button)
        top.addWidget(self.verify_button)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.view)
        self.refresh()

    def refresh(self) -> None:
        today, choice = self.db.today(), self.filter.currentText()
        kind, sid = self.source if self.source else (None, None)
        if choice == OVERDUE:
            rows = rect.list_tasks(self.db, today, overdue=True, source_kind=kind, source_id=sid)
        else:
            rows = rect.list_tasks(self.db, today, state=None if choice == ALL else choice, source_kind=kind,
                                   source_id=sid)
        self.model.set_rows(rows)
        late = sum(1 for r in rows if r.shown_state == rect.OVERDUE)
        self.summary.setText(f"共{len(rows)}项" + (f"，其中逾期{late}项" if late else ""))

    def add_task(self) -> None:
        assert self.add is not None
        due = max(self.db.today(), self.first_due or self.db.today()) + dt.timedelta(days=30)
        if TaskDialog(self.db, self.add, due, self).exec():
            self.refresh()

    def selected(self) -> rect.TaskRow | None:
        n = current_row(self.view)
        if n is None:
            tell(self, "整改任务", "请先在列表中选择一项整改任务")
            return None
        return self.model.row(n)

    def record_done(self) -> None:
        task = self.selected()
        if task is None:
            return
        if task.state != rect.IN_PROGRESS:
            tell(self, "登记整改情况", f"该整改任务已是“{task.state}”")
            return
        if DoneDialog(self.db, self.actor, task, self).exec():
            self.refresh()

    def verify(self, day: dt.date | None = None) -> None:
        task = self.selected()
        if task is None:
            return
        try:
            rect.check_may_verify(self.db, self.actor, task.id)  # refused before the question, not after
        except ServiceError as exc:
            tell(self, "整改销号", str(exc), "warning")
            return
        if not ask(self, "整改销号", f"核实“{task.what[:40]}”已整改到位并销号？", "销号", "取消"):
            return
        try:
            rect.verify(self.db, self.actor, task.id, day)
        except ValidationError as exc:
            tell(self, "整改销号", "；".join(exc.fields.values()), "warning")
            return
        except ServiceError as exc:
            tell(self, "整改销号", str(exc), "warning")
            return
        self.refresh()
