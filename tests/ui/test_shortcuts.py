"""Ctrl+N / Ctrl+F / Ctrl+P work from every tab, through the current tab's methods."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel

from ui.main_window import MainWindow
from ui.requests.register_page import RegisterPage

CTRL = Qt.KeyboardModifier.ControlModifier


class _Page(QLabel):
    """A tab of the kind later issues add: it offers the three commands."""

    def __init__(self) -> None:
        super().__init__("另一页")
        self.calls: list[str] = []

    def new_record(self) -> None:
        self.calls.append("new")

    def focus_search(self) -> None:
        self.calls.append("find")

    def print_current(self) -> None:
        self.calls.append("print")


@pytest.fixture
def window(qtbot, db, admin, monkeypatch):
    calls: list[str] = []
    monkeypatch.setattr(RegisterPage, "new_request", lambda self: calls.append("register new"))
    monkeypatch.setattr(RegisterPage, "print_receipt", lambda self: calls.append("register print"))
    w = MainWindow(db, admin)
    w.calls = calls
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    return w


def test_menus_show_the_shortcuts(window):
    assert window.new_action.shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    assert window.find_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    assert window.print_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    assert {window.new_action, window.find_action, window.print_action} <= set(window.file_menu.actions())


def test_register_tab(qtbot, window):
    window.tabs.setCurrentWidget(window.register)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    qtbot.keyClick(window, Qt.Key.Key_P, CTRL)
    assert window.calls == ["register new", "register print"]
    window.home.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    qtbot.waitUntil(window.register.search.hasFocus)


def test_a_tab_without_the_commands_hands_new_and_find_to_the_register(qtbot, window):
    window.tabs.setCurrentWidget(window.home)
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    assert window.tabs.currentWidget() is window.register
    qtbot.waitUntil(window.register.search.hasFocus)
    window.tabs.setCurrentWidget(window.home)
    qtbot.keyClick(window, Qt.Key.Key_P, CTRL)
    assert window.calls == [] and "没有可打印" in window.statusBar().currentMessage()
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    assert window.calls == ["register new"]


def test_new_tabs_plug_in(qtbot, window):
    holder = window.tabs.add_lazy(_Page, "另一页")  # as the window adds its tabs (ui/tab_pages.py)
    window.tabs.setCurrentWidget(holder)
    page = window.tabs.currentWidget()
    assert isinstance(page, _Page)
    for key in (Qt.Key.Key_N, Qt.Key.Key_F, Qt.Key.Key_P):
        qtbot.keyClick(window, key, CTRL)
    assert page.calls == ["new", "find", "print"] and window.calls == []
