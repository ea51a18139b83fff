"""Small widgets shared by the forms."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import QDate, QEvent, QObject, QPoint, Qt, Signal, SignalInstance
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QCalendarWidget,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.dates import cn_date
from app.services.errors import ValidationError
from app.validation import Invalid
from app.validation.dates import parse_date

DATE_HINT = "可直接输入，如 20261120、2026-11-20、2026/11/20 或 2026年11月20日；Alt+↓ 打开日历，↑↓ 加减一天"
INVALID_STYLE = "QLineEdit { border: 1px solid #b00020; }"


class _CalendarPopup(QWidget):
    """The month calendar under a DateEdit; picking a day (click or Enter) closes it."""

    picked = Signal(QDate)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.calendar = QCalendarWidget(self)
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.activated.connect(self._pick)
        self.calendar.clicked.connect(self._pick)
        lay.addWidget(self.calendar)

    def _pick(self, day: QDate) -> None:
        self.hide()
        self.picked.emit(day)


class DateEdit(QWidget):
    """A date field: one Tab stop, typed in any usual way, with a calendar popup.

    ``QDateEdit`` makes Tab walk year → month → day and refuses typing such as
    "20261120"; counter staff type dates from the paper form, so this is a line
    edit whose text is parsed by the validation layer (the same parser the
    Excel import uses) and shown Chinese-style (2026年11月20日).  A bad date
    is marked in red with the Chinese reason, and :meth:`value` raises a
    ``ValidationError`` naming the field, so a form never saves a guess.
    """

    dateChanged = Signal(QDate)  # noqa: N815 - the QDateEdit name callers know
    errorChanged = Signal(str)  # noqa: N815 - '' when the text is a date again (FieldForm shows it)

    def __init__(self, value: dt.date | None = None, parent: QWidget | None = None, *,
                 optional: bool = False) -> None:
        super().__init__(parent)
        self.field_name = ""  # set by FieldForm.add_field, so errors land next to the field
        self.optional = optional
        self._value: dt.date | None = None
        self._error = ""
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        self.edit = QLineEdit(self)
        self.edit.setToolTip(DATE_HINT)
        self.edit.setPlaceholderText("如 20261120")
        self.edit.editingFinished.connect(self._commit)
        self.edit.installEventFilter(self)
        lay.addWidget(self.edit, 1)
        self.button = QToolButton(self)
        self.button.setText("▾")
        self.button.setToolTip("打开日历（Alt+↓）")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # one Tab stop: the text only
        self.button.clicked.connect(self.open_calendar)
        lay.addWidget(self.button)
        self.setFocusProxy(self.edit)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.popup = _CalendarPopup(self)
        self.popup.picked.connect(lambda day: self.set_value(day.toPython()))
        if value is not None or not optional:
            self.set_value(value or dt.date.today())

    # -- value ------------------------------------------------------------
    def value(self) -> dt.date | None:
        """The date typed; raises ``ValidationError`` (Chinese) if the text is not one."""
        self._commit()
        if self._error:
            raise ValidationError({self.field_name: self._error})
        return self._value

    def set_value(self, value: dt.date | None) -> None:
        changed = value != self._value
        self._value = value
        self.edit.setText(cn_date(value))
        self._set_error("")
        if changed and value is not None:
            self.dateChanged.emit(QDate(value))

    def date(self) -> QDate:
        return QDate(self._value) if self._value is not None else QDate()

    def setDate(self, value: QDate) -> None:  # noqa: N802 - QDateEdit's name
        self.set_value(value.toPython())

    def error(self) -> str:
        """The Chinese reason the text is not a date ('' when it is)."""
        return self._error

    # -- parsing ----------------------------------------------------------
    def _commit(self) -> None:
        text = self.edit.text()
        if self._value is not None and text == cn_date(self._value):
            self._set_error("")
            return
        try:
            day = parse_date(text)
        except Invalid as exc:
            self._set_error(str(exc))
            return
        if day is None:
            if self.optional:
                self._value = None
                self._set_error("")
            else:
                self._set_error("请填写日期（如 20261120）")
            return
        self.set_value(day)

    def _set_error(self, message: str) -> None:
        if message != self._error:
            self._error = message
            self.errorChanged.emit(message)
        self.edit.setStyleSheet(INVALID_STYLE if message else "")
        self.edit.setToolTip(message or DATE_HINT)

    # -- keyboard and popup ----------------------------------------------
    def open_calendar(self) -> None:
        self._commit()
        start = self._value or dt.date.today()
        self.popup.calendar.setSelectedDate(QDate(start))
        self.popup.move(self.mapToGlobal(QPoint(0, self.height())))
        self.popup.show()
        self.popup.calendar.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            key_event: QKeyEvent = event  # type: ignore[assignment]
            key = key_event.key()
            alt = key_event.modifiers() & Qt.KeyboardModifier.AltModifier
            if key == Qt.Key.Key_F4 or (alt and key == Qt.Key.Key_Down):
                self.open_calendar()
                return True
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not alt:
                self._commit()
                if self._value is not None and not self._error:
                    step = 1 if key == Qt.Key.Key_Up else -1
                    self.set_value(self._value + dt.timedelta(days=step))
                return True
        return super().eventFilter(watched, event)


def pattern_example(pattern: str, doc_code: str, year: int | None = None) -> str:
    """What a number pattern gives, so nobody has to read "{文号代字}〔{年}〕{序号}号" raw."""
    from app.services import numbering

    try:
        checked = numbering.check_pattern(pattern)
    except ValidationError as exc:
        return "；".join(exc.fields.values())
    year = year or dt.date.today().year
    code = doc_code.strip() or "（文号代字）"
    return f"示例：{numbering.format_number(checked, code, year, 12)}"


def attach_pattern_example(pattern: QLineEdit, doc_code: Callable[[], str], *refresh_on: SignalInstance) -> QLabel:
    """A grey line under a pattern field showing an example number, kept current as it is typed
    (and when any of ``refresh_on`` fires, e.g. the 文号代字 field changing)."""
    label = QLabel()
    label.setStyleSheet("color: #555;")
    label.setWordWrap(True)

    def update() -> None:
        label.setText(pattern_example(pattern.text(), doc_code()))

    for signal in (pattern.textChanged, *refresh_on):
        signal.connect(update)
    update()
    return label


def combo(items: list[str] | tuple[str, ...], current: str = "", editable: bool = False) -> QComboBox:
    box = QComboBox()
    box.addItems(list(items))
    box.setEditable(editable)
    if current:
        box.setCurrentText(current)
    return box


def text_box(height: int = 60) -> QPlainTextEdit:
    """A fixed-height multi-line field in a form; Tab moves to the next field (a clerk works by keyboard)."""
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    return box


def add_buttons(row: QBoxLayout, buttons: Sequence[tuple[str, Callable[[], object]]]) -> list[QPushButton]:
    """A row of push buttons, each (caption, what a click does), added to ``row`` in Tab order; returned in order."""
    made = []
    for text, slot in buttons:
        b = QPushButton(text)
        b.clicked.connect(slot)
        row.addWidget(b)
        made.append(b)
    return made


def counts_changed(widget: QWidget) -> None:
    """A tab's records changed: the main window's status bar reads its 已逾期 counts again (each tab
    calls this after its own refresh, so the bar never disagrees with the tab the user just used)."""
    refresh = getattr(widget.window(), "refresh_status", None)
    if refresh is not None:
        refresh()
