"""The date field: one Tab stop, typed dates in the usual forms, a calendar, Chinese errors."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from app.services.errors import ValidationError
from ui.forms import FieldForm
from ui.widgets import DateEdit


@pytest.fixture
def field(qtbot) -> DateEdit:
    w = DateEdit(dt.date(2026, 1, 5))
    qtbot.addWidget(w)
    w.show()
    return w


def _type(qtbot, w: DateEdit, text: str) -> None:
    w.edit.selectAll()
    if not text:
        w.edit.clear()
    elif text.isascii():
        qtbot.keyClicks(w.edit, text)
    else:  # QTest cannot synthesise key events for characters without a key code
        w.edit.insert(text)
    w.edit.editingFinished.emit()


@pytest.mark.parametrize("text", ["20261120", "2026-11-20", "2026/11/20", "2026年11月20日", "2026.11.20",
                                  " 2026-11-20 ", "２０２６１１２０"])
def test_typed_forms_are_accepted(qtbot, field, text):
    _type(qtbot, field, text)
    assert field.value() == dt.date(2026, 11, 20)
    assert field.edit.text() == "2026年11月20日" and field.error() == ""


@pytest.mark.parametrize("text, words", [("2026-02-30", "不存在"), ("明天", "不是有效日期"), ("", "请填写日期"),
                                         ("2026-13-01", "不存在")])
def test_bad_dates_say_why_in_chinese(qtbot, field, text, words):
    _type(qtbot, field, text)
    assert words in field.error()
    with pytest.raises(ValidationError) as info:
        field.value()
    assert words in str(info.value)


def test_error_shows_next_to_the_field_and_names_it(qtbot):
    host = QWidget()
    qtbot.addWidget(host)
    form = FieldForm()
    QVBoxLayout(host).addLayout(form)
    date = form.add_field("received_date", "收到申请日期", DateEdit(dt.date(2026, 1, 5)))
    host.show()
    _type(qtbot, date, "2026-02-30")
    assert "不存在" in form.error_text("received_date")
    with pytest.raises(ValidationError) as info:
        date.value()
    assert list(info.value.fields) == ["received_date"]
    _type(qtbot, date, "20260302")
    assert form.error_text("received_date") == "" and date.value() == dt.date(2026, 3, 2)


def test_one_tab_stop(qtbot):
    host = QWidget()
    qtbot.addWidget(host)
    lay = QVBoxLayout(host)
    before, date, after = QLineEdit(), DateEdit(dt.date(2026, 1, 5)), QLineEdit()
    for w in (before, date, after):
        lay.addWidget(w)
    host.show()
    qtbot.waitExposed(host)
    before.setFocus()
    qtbot.waitUntil(before.hasFocus)
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    qtbot.waitUntil(date.edit.hasFocus)
    qtbot.keyClick(date.edit, Qt.Key.Key_Tab)
    qtbot.waitUntil(after.hasFocus)


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: popups cannot grab the keyboard
def test_calendar_popup_picks_a_day(qtbot, field):
    qtbot.keyClick(field.edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(field.popup.isVisible)
    assert field.popup.calendar.selectedDate().toPython() == dt.date(2026, 1, 5)
    with qtbot.waitSignal(field.dateChanged):
        field.popup.calendar.clicked.emit(field.popup.calendar.selectedDate().addDays(3))
    assert field.value() == dt.date(2026, 1, 8) and not field.popup.isVisible()


def test_arrow_keys_step_one_day(qtbot, field):
    qtbot.keyClick(field.edit, Qt.Key.Key_Up)
    assert field.value() == dt.date(2026, 1, 6)
    qtbot.keyClick(field.edit, Qt.Key.Key_Down)
    qtbot.keyClick(field.edit, Qt.Key.Key_Down)
    assert field.value() == dt.date(2026, 1, 4)


def test_optional_field_may_be_blank(qtbot):
    w = DateEdit(optional=True)
    qtbot.addWidget(w)
    assert w.value() is None and w.edit.text() == ""
