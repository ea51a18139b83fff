"""A small form for one action on a request (补正, 征求意见, 延期, 收费, 送达…)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.fit import limit_width
from ui.forms import FieldForm, ok_cancel_buttons
from ui.guard import GuardedDialog
from ui.widgets import DateEdit


def value_of(w: QWidget) -> Any:
    if isinstance(w, DateEdit):
        return w.value()
    if isinstance(w, QComboBox):
        return w.currentText()
    if isinstance(w, QSpinBox):
        return w.value()
    if isinstance(w, QCheckBox):
        return w.isChecked()
    if isinstance(w, QPlainTextEdit):
        return w.toPlainText()
    if isinstance(w, QLineEdit):
        return w.text()
    raise TypeError(type(w))


class ActionDialog(GuardedDialog):
    """``fields`` is a list of (name, label, widget); ``submit(values)`` does the work.

    Esc with something typed asks before discarding; error messages make the dialog taller
    (within the screen) instead of squashing the fields.
    """

    def __init__(self, title: str, fields: list[tuple[str, str, QWidget]], submit: Callable[[dict], None],
                 note: str = "", parent: QWidget | None = None, ok_text: str = "确定") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.submit_fn = submit
        self.widgets: dict[str, QWidget] = {}
        lay = QVBoxLayout(self)
        if note:
            label = QLabel(note)
            label.setWordWrap(True)
            lay.addWidget(label)
        self.form = FieldForm()
        for name, label, widget in fields:
            if isinstance(widget, QPlainTextEdit):
                widget.setTabChangesFocus(True)
                widget.setFixedHeight(80)
            self.widgets[name] = self.form.add_field(name, label, widget)
        lay.addLayout(self.form)
        lay.addWidget(self.form.general_label())
        lay.addWidget(ok_cancel_buttons(self, ok_text, "取消", self.save))
        limit_width(self, 560)
        self.mark_clean()

    def values(self) -> dict:
        return {name: value_of(w) for name, w in self.widgets.items()}

    def save(self) -> None:
        if self.form.attempt(self, self.windowTitle(), lambda: self.submit_fn(self.values())):
            self.accept()
