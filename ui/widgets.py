"""Small widgets shared by the forms."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QWidget


class DateEdit(QDateEdit):
    """A date field shown Chinese-style (2026年11月21日) with a calendar popup."""

    def __init__(self, value: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat("yyyy年M月d日")
        self.setCalendarPopup(True)
        self.setDate(QDate(value or dt.date.today()))

    def value(self) -> dt.date:
        return self.date().toPython()

    def set_value(self, value: dt.date) -> None:
        self.setDate(QDate(value))


def combo(items: list[str] | tuple[str, ...], current: str = "", editable: bool = False) -> QComboBox:
    box = QComboBox()
    box.addItems(list(items))
    box.setEditable(editable)
    if current:
        box.setCurrentText(current)
    return box
