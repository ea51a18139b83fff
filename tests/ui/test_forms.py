"""The shared form pieces: one answer to a refused service call, the multi-line field, the 统计 frame."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout

import ui.forms
from app.services.errors import ServiceError, ValidationError
from ui.charts import ChartView, StatsPane
from ui.forms import FieldForm
from ui.widgets import text_box


def _dialog(qtbot) -> tuple[QDialog, FieldForm, QLineEdit]:
    dlg = QDialog()
    qtbot.addWidget(dlg)
    form = FieldForm()
    name = form.add_field("name", "名称", QLineEdit())
    QVBoxLayout(dlg).addLayout(form)
    dlg.show()
    return dlg, form, name


def test_attempt_shows_field_errors_refusals_and_clears_on_success(qtbot, monkeypatch):
    dlg, form, _name = _dialog(qtbot)
    told = []
    monkeypatch.setattr(ui.forms, "tell", lambda *a: told.append(a))

    def refuse_field() -> None:
        raise ValidationError({"name": "请填写名称", "other": "期限不能早于今天"})

    assert form.attempt(dlg, "登记", refuse_field) is False
    assert form.error_text("name") == "请填写名称" and form.general_label().text() == "期限不能早于今天"
    assert told == []

    def refuse() -> None:
        raise ServiceError("该记录已完成，不能再修改")

    assert form.attempt(dlg, "登记", refuse) is False
    assert told == [(dlg, "登记", "该记录已完成，不能再修改", "warning")]
    done = []
    assert form.attempt(dlg, "登记", lambda: done.append(1)) is True
    assert done == [1] and form.error_text("name") == "" and not form.general_label().isVisible()


def test_errors_shown_grow_the_open_window(qtbot, monkeypatch):
    dlg, form, _name = _dialog(qtbot)
    grown = []
    monkeypatch.setattr("ui.fit.grow_to_fit", lambda w: grown.append(w))

    def refuse() -> None:
        raise ValidationError({"name": "请填写名称"})

    form.attempt(dlg, "登记", refuse)
    assert grown == [dlg]
    dlg.hide()
    form.attempt(dlg, "登记", refuse)
    assert grown == [dlg]  # a window not on screen takes its size when shown


def test_text_box_is_fixed_height_and_tab_moves_on(qtbot):
    dlg, form, name = _dialog(qtbot)
    box = form.add_field("note", "说明", text_box(90))
    assert box.height() == 90 or box.maximumHeight() == box.minimumHeight() == 90
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    qtbot.keyClick(box, Qt.Key.Key_Tab)
    assert box.toPlainText() == "" and not box.hasFocus()
    assert text_box().maximumHeight() == 60


def test_stats_pane_frame(qtbot):
    left = QLineEdit()
    pane = StatsPane(left)
    qtbot.addWidget(pane)
    pane.show()
    assert isinstance(pane.chart, ChartView) and left.parent() is pane
    assert pane.period.count() == 0 and pane.chart_kind.count() == 0 and pane.headline.wordWrap()
    layout_pane = StatsPane(QVBoxLayout())
    qtbot.addWidget(layout_pane)
    assert layout_pane.chart.minimumWidth() == 420


def test_ask_enter_chooses_the_first_button_escape_the_last(qtbot):
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QMessageBox

    from ui.forms import ask

    for key, expected in ((Qt.Key.Key_Return, True), (Qt.Key.Key_Escape, False)):
        seen = []

        def answer(key=key, seen=seen) -> None:
            box = QApplication.activeModalWidget()
            if not isinstance(box, QMessageBox):
                QTimer.singleShot(10, answer)
                return
            seen.append([b.text() for b in box.choices])
            QTest.keyClick(box, key)

        QTimer.singleShot(0, answer)
        assert ask(None, "出具文书", "需要出具告知书。现在生成并预览吗？", "生成并预览", "稍后") is expected
        assert seen == [["生成并预览", "稍后"]]


def test_add_buttons_in_order_each_doing_its_own_thing(qtbot):
    from PySide6.QtWidgets import QHBoxLayout, QWidget

    from ui.widgets import add_buttons

    w = QWidget()
    qtbot.addWidget(w)
    row = QHBoxLayout(w)
    done = []
    made = add_buttons(row, (("保存", lambda: done.append("保存")), ("关闭", lambda: done.append("关闭"))))
    assert [b.text() for b in made] == ["保存", "关闭"] and [row.itemAt(i).widget() for i in range(2)] == made
    made[1].click()
    made[0].click()
    assert done == ["关闭", "保存"]


def test_another_key_for_the_same_input_shows_under_that_field_and_takes_the_cursor(qtbot):
    from PySide6.QtWidgets import QComboBox

    dlg, form, name = _dialog(qtbot)
    matter = form.add_field("matter_id", "事项", QComboBox(), also=("matter_name",))
    qtbot.waitUntil(lambda: matter.isVisibleTo(dlg))
    name.setFocus()
    form.show_errors(ValidationError({"matter_name": "事项不能超过100个字（现有101个）"}))
    assert form.error_text("matter_id") == "事项不能超过100个字（现有101个）"
    assert not form.general_label().isVisible()
    qtbot.waitUntil(lambda: dlg.focusWidget() is matter)


def test_messages_shown_in_an_open_dialog_make_room_instead_of_squashing_fields(qtbot, db, admin):
    from ui.dialogs.signin import FirstPasswordDialog

    dlg = FirstPasswordDialog(db, admin, "secret123")
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    field_height = dlg.again.height()
    dlg.password.setText("abcdefg12")
    dlg.again.setText("abcdefg13")
    dlg.submit()
    assert "不一致" in dlg.form.error_text("again")
    qtbot.waitUntil(lambda: dlg.again.height() == field_height)  # the 再次输入新密码 box was cut in half
