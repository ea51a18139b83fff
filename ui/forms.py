"""Form helpers: a message next to each field, filled from a ValidationError."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from app.services.errors import ValidationError

ERROR_STYLE = "color: #b00020;"


class FieldForm(QFormLayout):
    """A QFormLayout whose rows each carry a hidden error label under the field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._errors: dict[str, QLabel] = {}
        self._general = QLabel()
        self._general.setStyleSheet(ERROR_STYLE)
        self._general.setWordWrap(True)
        self._general.hide()

    def add_field(self, name: str, label: str, widget: QWidget) -> QWidget:
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(widget)
        err = QLabel()
        err.setObjectName(f"error_{name}")
        err.setStyleSheet(ERROR_STYLE)
        err.setWordWrap(True)
        err.hide()
        lay.addWidget(err)
        self._errors[name] = err
        self.addRow(label, box)
        return widget

    def general_label(self) -> QLabel:
        return self._general

    def clear_errors(self) -> None:
        for err in self._errors.values():
            err.clear()
            err.hide()
        self._general.clear()
        self._general.hide()

    def show_errors(self, exc: ValidationError) -> None:
        self.clear_errors()
        general = []
        for name, msg in exc.fields.items():
            label = self._errors.get(name)
            if label is None:
                general.append(msg)
            else:
                label.setText(msg)
                label.show()
        if general:
            self._general.setText("；".join(general))
            self._general.show()

    def error_text(self, name: str) -> str:
        label = self._errors.get(name)
        return label.text() if label is not None else self._general.text()


def ok_cancel_buttons(dialog: QDialog, ok_text: str, cancel_text: str, on_ok: Callable[[], None]) -> QDialogButtonBox:
    """The OK/Cancel row every form uses, with Chinese captions; 取消 rejects the dialog."""
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel_text)
    box.accepted.connect(on_ok)
    box.rejected.connect(dialog.reject)
    return box
