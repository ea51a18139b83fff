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


def test_number_pattern_shows_an_example_not_raw_placeholders(qtbot):
    from ui.widgets import attach_pattern_example, pattern_example

    assert pattern_example("{文号代字}〔{年}〕{序号}号", "X财公开", 2026) == "示例：X财公开〔2026〕12号"
    assert pattern_example("{文号代字}〔{年}〕{序号:3}号", "", 2026) == "示例：（文号代字）〔2026〕012号"
    assert "必须包含" in pattern_example("{文号代字}号", "X财公开", 2026)
    edit = QLineEdit("{文号代字}〔{年}〕{序号}号")
    qtbot.addWidget(edit)
    label = attach_pattern_example(edit, lambda: "X财公开")
    edit.setText("{文号代字}答〔{年}〕{序号}号")
    assert label.text().startswith("示例：X财公开答〔") and label.text().endswith("〕12号")


def test_profile_dialog_shows_the_number_example(qtbot, db, admin):
    from ui.dialogs.profile import ProfileDialog

    dlg = ProfileDialog(db, admin.actor())
    qtbot.addWidget(dlg)
    dlg.widgets["doc_code"].setText("X财公开")
    assert "X财公开" in dlg.number_example.text() and "{" not in dlg.number_example.text()
