"""Forms that ask before throwing typed data away (Esc, 取消, the window's close button)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)


def input_state(root: QWidget) -> list[object]:
    """The values of every input under ``root``, in a stable order (to tell if anything was typed)."""
    out: list[object] = []
    for w in root.findChildren(QWidget):
        if isinstance(w, QLineEdit) and not isinstance(w.parent(), (QComboBox, QAbstractSpinBox)):
            out.append(w.text())
        elif isinstance(w, QPlainTextEdit):
            out.append(w.toPlainText())
        elif isinstance(w, QComboBox):
            out.append(w.currentText())
        elif isinstance(w, QAbstractSpinBox):
            out.append(w.text())
        elif isinstance(w, QCheckBox):
            out.append(w.isChecked())
    return out


class GuardedDialog(QDialog):
    """A QDialog whose reject() asks first when the inputs differ from how the form opened.

    Esc, 取消 and the title bar's close button all go through reject() (QDialog.closeEvent calls it).

    Subclasses call ``mark_clean()`` once their fields hold their starting values.
    ``confirm_discard`` can be replaced in tests.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clean: list[object] | None = None
        self.confirm_discard = self._ask_discard

    def mark_clean(self) -> None:
        self._clean = input_state(self)

    def is_dirty(self) -> bool:
        return self._clean is not None and input_state(self) != self._clean

    def _ask_discard(self) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, self.windowTitle(), "已填写的内容还没有保存。放弃这些内容吗？",
                          parent=self)
        discard = box.addButton("放弃", QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("继续填写", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        return box.clickedButton() is discard

    def reject(self) -> None:
        if self.is_dirty() and not self.confirm_discard():
            return
        super().reject()
