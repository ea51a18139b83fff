"""更正 and 撤销误录 for any record type registered with app/services/corrections.py.

The tab's window opens ``CorrectionDialog(db, actor, "request", id)`` (or ``UndoDialog``);
the dialog lists what may be corrected, greys out what this person may not touch today, and
calls the one service function.  ``result`` holds the service's answer after 确定.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.services import corrections
from app.services.actor import Actor
from app.services.errors import ValidationError
from ui.fit import limit_width
from ui.forms import FieldForm, ok_cancel_buttons
from ui.widgets import DateEdit, text_box

NO_RIGHT = "（录入人当天或科室负责人以上可更正）"


def _editor(f: corrections.FieldInfo) -> QWidget:
    if f.type == corrections.DATE:
        return DateEdit(f.value if isinstance(f.value, dt.date) else None)
    if f.type == corrections.INT:
        box = QSpinBox()
        box.setRange(0, 1_000_000)
        box.setValue(int(f.value or 0))
        return box
    if f.type == corrections.BOOL:
        check = QCheckBox("是")
        check.setChecked(bool(f.value))
        return check
    if f.type == corrections.CHOICE:
        combo = QComboBox()
        combo.addItems(list(f.choices))
        combo.setCurrentText(str(f.value or ""))
        return combo
    if f.type == corrections.LONG_TEXT:
        text = text_box(80)
        text.setPlainText(str(f.value or ""))
        return text
    line = QLineEdit(str(f.value or ""))
    if f.max_len:
        line.setMaxLength(f.max_len)
    return line


def _value(w: QWidget):  # noqa: ANN202
    if isinstance(w, DateEdit):
        return w.value()
    if isinstance(w, QSpinBox):
        return w.value()
    if isinstance(w, QCheckBox):
        return w.isChecked()
    if isinstance(w, QComboBox):
        return w.currentText()
    if isinstance(w, QPlainTextEdit):
        return w.toPlainText()
    assert isinstance(w, QLineEdit)
    return w.text()


def _shown(value: object) -> str:
    text = corrections.show(value)
    return text if len(text) <= 120 else text[:119] + "…"


class CorrectionDialog(QDialog):
    """Pick a field, type the right value and the reason; one correction per 确定."""

    def __init__(self, db: Database, actor: Actor, type_key: str, record_id: int,
                 parent: QWidget | None = None, note: str | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.type_key, self.record_id = db, actor, type_key, record_id
        self.result: corrections.CorrectionResult | None = None
        self.setWindowTitle("更正")
        self.fields, _ = corrections.correctable(db, actor, type_key, record_id)
        lay = QVBoxLayout(self)
        # a record type whose rule differs says its own (the 首问 log: the author's same-day fix is in place)
        note = QLabel(note or "更正记入办理过程（更正人、时间、原内容 → 新内容、理由），原记录不会被抹去。"
                      "录入人可在录入当天更正；其他情况须由科室负责人或以上更正。")
        note.setWordWrap(True)
        lay.addWidget(note)
        self.form = FieldForm()
        self.which = QComboBox()
        self.editors = QStackedWidget()
        for f in self.fields:
            self.which.addItem(f"{f.group} · {f.label}" + ("" if f.allowed else NO_RIGHT), f.key)
            self.editors.addWidget(_editor(f))
        self.form.addRow("更正内容", self.which)
        self.current = QLabel()
        self.current.setWordWrap(True)
        self.form.addRow("原内容", self.current)
        self.form.add_field("value", "更正为", self.editors)
        self.reason = self.form.add_field("reason", "更正理由", text_box(60))
        lay.addLayout(self.form)
        lay.addWidget(self.form.general_label())
        self.buttons = ok_cancel_buttons(self, "确定更正", "取消", self.save)
        lay.addWidget(self.buttons)
        self.which.currentIndexChanged.connect(self._changed)
        first = next((i for i, f in enumerate(self.fields) if f.allowed), 0)
        self.which.setCurrentIndex(first)
        self._changed()
        limit_width(self, 640)

    def select(self, key: str) -> None:
        idx = self.which.findData(key)
        if idx >= 0:
            self.which.setCurrentIndex(idx)

    def editor(self) -> QWidget:
        return self.editors.currentWidget()

    def _changed(self) -> None:
        i = self.which.currentIndex()
        if i < 0:
            return
        self.editors.setCurrentIndex(i)
        # A stack is as tall as its tallest page: let only the shown editor count.
        for j in range(self.editors.count()):
            policy = QSizePolicy.Policy.Preferred if j == i else QSizePolicy.Policy.Ignored
            self.editors.widget(j).setSizePolicy(policy, policy)
        self.editors.adjustSize()
        f = self.fields[i]
        self.current.setText(_shown(f.value))
        self.current.setToolTip(corrections.show(f.value))
        self.editors.setEnabled(f.allowed)
        self.form.clear_errors()

    def save(self) -> None:
        i = self.which.currentIndex()
        if i < 0:
            return
        f = self.fields[i]

        def correct() -> None:
            try:
                self.result = corrections.correct(self.db, self.actor, self.type_key, self.record_id,
                                                  {f.key: _value(self.editor())}, self.reason.toPlainText())
            except ValidationError as exc:  # the field's own message goes under 更正为
                if f.key in exc.fields:
                    exc.fields["value"] = exc.fields.pop(f.key)
                raise

        if self.form.attempt(self, "无法更正", correct):
            self.accept()


class UndoDialog(QDialog):
    """撤销 a mistakenly recorded action (also a correction, with a reason)."""

    def __init__(self, db: Database, actor: Actor, type_key: str, record_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.type_key, self.record_id = db, actor, type_key, record_id
        self.result: corrections.CorrectionResult | None = None
        self.setWindowTitle("撤销误录的办理事项")
        _, self.options = corrections.correctable(db, actor, type_key, record_id)
        lay = QVBoxLayout(self)
        note = QLabel("误录的办理事项（如把延期记到了另一件申请上）可以撤销。撤销记入办理过程，"
                      "期限和状态按其余事项重新计算；已出具的文书标记为已过时。")
        note.setWordWrap(True)
        lay.addWidget(note)
        self.form = FieldForm()
        self.which = self.form.add_field("action", "撤销的事项", QComboBox())
        for o in self.options:
            self.which.addItem(o.label + ("" if o.allowed else "（办理人当天或科室负责人以上可撤销）"), o.key)
        self.reason = self.form.add_field("reason", "撤销理由", text_box(60))
        lay.addLayout(self.form)
        lay.addWidget(self.form.general_label())
        lay.addWidget(ok_cancel_buttons(self, "确定撤销", "取消", self.save))
        limit_width(self, 560)

    def select(self, key: str) -> None:
        idx = self.which.findData(key)
        if idx >= 0:
            self.which.setCurrentIndex(idx)

    def save(self) -> None:
        key = self.which.currentData()
        if not key:
            return
        def undo() -> None:
            self.result = corrections.undo(self.db, self.actor, self.type_key, self.record_id, key,
                                           self.reason.toPlainText())

        if self.form.attempt(self, "无法撤销", undo):
            self.accept()
