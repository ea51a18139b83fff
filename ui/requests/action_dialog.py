"""A small form for one action on a request (补正, 征求意见, 延期, 收费, 送达…)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.services.errors import ServiceError, ValidationError
from ui.forms import FieldForm, ok_cancel_buttons
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


class ActionDialog(QDialog):
    """``fields`` is a list of (name, label, widget); ``submit(values)`` does the work."""

    def __init__(self, title: str, fields: list[tuple[str, str, QWidget]], submit: Callable[[dict], None],
                 note: str = "", parent: QWidget | None = None) -> None:
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
        lay.addWidget(ok_cancel_buttons(self, "确定", "取消", self.save))
        self.resize(560, self.sizeHint().height())

    def values(self) -> dict:
        return {name: value_of(w) for name, w in self.widgets.items()}

    def save(self) -> None:
        try:
            self.submit_fn(self.values())
        except ValidationError as exc:
            self.form.show_errors(exc)
            return
        except ServiceError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        self.accept()
