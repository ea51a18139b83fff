"""Form helpers: a message next to each field, filled from a ValidationError; message boxes
whose buttons read Chinese whatever Qt translations are installed."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from app.services.errors import ServiceError, ValidationError

ERROR_STYLE = "color: #b00020;"


class FieldForm(QFormLayout):
    """A QFormLayout whose rows each carry a hidden error label under the field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._errors: dict[str, QLabel] = {}
        self._fields: dict[str, QWidget] = {}
        self._also: dict[str, str] = {}  # another error key → the field it is shown under
        self._general = QLabel()
        self._general.setStyleSheet(ERROR_STYLE)
        self._general.setWordWrap(True)
        self._general.hide()

    def add_field(self, name: str, label: str, widget: QWidget, *, also: tuple[str, ...] = ()) -> QWidget:
        """A row: ``widget`` with its error label under it.  ``also``: other error keys the service uses for
        what is typed here (a free-text 事项 typed into the 事项 box), shown under this field too."""
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
        self._fields[name] = widget
        self._also.update((key, name) for key in also)
        if hasattr(widget, "errorChanged"):  # a DateEdit tells its own parse errors as they happen
            widget.field_name = name
            widget.errorChanged.connect(lambda text, e=err: (e.setText(text), e.setVisible(bool(text))))
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
            label = self._errors.get(self._also.get(name, name))
            if label is None:
                general.append(msg)
            else:
                label.setText(msg)
                label.show()
        if general:
            self._general.setText("；".join(general))
            self._general.show()
        self._grow_window()
        self.focus_first(exc.fields)

    def _grow_window(self) -> None:
        """Make room for the messages just shown: a dialog already on screen keeps its size, and
        the fields were squashed to fit them (the 再次输入新密码 box cut in half)."""
        from ui.fit import grow_to_fit

        owner = self.parentWidget()
        window = owner.window() if owner is not None else None
        if window is not None and window.isVisible():
            grow_to_fit(window)  # within the screen

    def focus_first(self, names: Iterable[str]) -> None:
        """Put the cursor in the first wrong field (in form order), so a keyboard user corrects it at once."""
        # imported here, not at the top: PySide builds its Qt namespace on first use (60 ms of start-up)
        from PySide6.QtCore import Qt

        wrong = {self._also.get(n, n) for n in names}
        for name, widget in self._fields.items():
            target = widget.focusProxy() or widget
            if name in wrong and widget.isVisibleTo(widget.window()) and target.focusPolicy() != Qt.FocusPolicy.NoFocus:
                target.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    def attempt(self, parent: QWidget, title: str, action: Callable[[], object]) -> bool:
        """Run a form's one service call: True when it went through (the errors under the fields cleared).

        Why one place: every form answers a refusal the same way — what is wrong with a field under
        that field (the window grows so the messages show), any other refusal in a
        warning titled ``title`` — and nothing is half-saved, so the form stays open to correct.
        """
        try:
            action()
        except ValidationError as exc:
            self.show_errors(exc)
            return False
        except ServiceError as exc:
            tell(parent, title, str(exc), "warning")
            return False
        self.clear_errors()
        return True

    def error_text(self, name: str) -> str:
        label = self._errors.get(name)
        return label.text() if label is not None else self._general.text()


def ok_cancel_buttons(dialog: QDialog, ok_text: str, cancel_text: str, on_ok: Callable[[], None]) -> QDialogButtonBox:
    """The OK/Cancel row every form uses, with Chinese captions; 取消 rejects the dialog."""
    box = QDialogButtonBox()  # buttons added one by one: the flags constructor makes PySide build
    # its whole Qt namespace (60-70 ms), which alone would delay the sign-in dialog by a third
    box.addButton(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.addButton(QDialogButtonBox.StandardButton.Cancel).setText(cancel_text)
    box.accepted.connect(on_ok)
    box.rejected.connect(dialog.reject)
    return box


def message_box(parent: QWidget | None, title: str, text: str, *, icon: str = "information",
                buttons: tuple[str, ...] = ("确定",), default: int = 0, escape: int | None = None) -> QMessageBox:
    """A QMessageBox with our own Chinese captions (``buttons``), not Qt's OK/Yes/No.

    Button 0 is the accepting one; the rest reject.  ``escape`` is the button Esc presses
    (the last one by default).
    """
    icons = {"information": QMessageBox.Icon.Information, "warning": QMessageBox.Icon.Warning,
             "critical": QMessageBox.Icon.Critical, "question": QMessageBox.Icon.Question}
    box = QMessageBox(icons[icon], title, text, QMessageBox.StandardButton.NoButton, parent)
    made = []
    for index, caption in enumerate(buttons):
        role = QMessageBox.ButtonRole.AcceptRole if index == 0 else QMessageBox.ButtonRole.RejectRole
        made.append(box.addButton(caption, role))
    box.setDefaultButton(made[default])
    box.setEscapeButton(made[len(made) - 1 if escape is None else escape])
    box.choices = made  # in the order given (box.buttons() is in layout order)
    return box


def ask(parent: QWidget | None, title: str, text: str, yes: str = "确定", no: str = "取消",
        *, default_yes: bool = True) -> bool:
    """A yes/no question with Chinese buttons; True when the first button was chosen."""
    box = message_box(parent, title, text, icon="question", buttons=(yes, no), default=0 if default_yes else 1)
    box.exec()
    return box.clickedButton() is box.choices[0]


def tell(parent: QWidget | None, title: str, text: str, icon: str = "information") -> None:
    """An information, warning or error message with one 确定 button."""
    message_box(parent, title, text, icon=icon).exec()
