"""ui.letters.preview_print: the one print path — built off the UI thread, refusals told in Chinese,
anything else on the crash-report path, 取消 really stops, then the preview opens."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QWidget

import ui.crash
import ui.letters
from app.services.errors import ServiceError, ValidationError
from app.services.progress import Cancelled
from tests.ui.test_supervision_rows import _pdf  # a one-page PDF
from ui.letters import Printed, preview_print


@pytest.fixture
def parent(qtbot):
    w = QWidget()
    qtbot.addWidget(w)
    return w


@pytest.fixture
def told(monkeypatch):
    said: list[tuple[str, str]] = []
    monkeypatch.setattr(ui.letters, "tell", lambda _p, title, text, icon="information": said.append((title, text)))
    return said


def test_builds_off_the_ui_thread_then_opens_the_preview(qtbot, parent, told):
    data, threads, order = _pdf(), [], []

    def build(progress) -> bytes:
        threads.append(threading.current_thread())
        progress.report(1, 1, "正在排版第1页，共1页")
        return data

    shown = []
    op = preview_print(parent, "季度督查记录", build, title="季度督查记录 — 2026年第一季度",
                       show=lambda dlg: order.append("show") or shown.append(dlg),
                       on_built=lambda p: order.append(("built", p.title)))
    assert op is not None
    qtbot.waitUntil(lambda: bool(shown))
    dlg = shown[0]
    qtbot.addWidget(dlg)
    assert threads[0] is not threading.main_thread()
    assert dlg.data == data and dlg.windowTitle() == "季度督查记录 — 2026年第一季度"
    assert dlg.filename == "季度督查记录 — 2026年第一季度.pdf" and dlg.parent() is parent
    assert dlg.doc.pageCount() == 1
    assert order == [("built", "季度督查记录 — 2026年第一季度"), "show"] and not told


def test_a_builder_may_name_what_it_made(qtbot, parent):
    shown = []
    preview_print(parent, "接收回执", lambda _p: Printed(_pdf(), "接收回执 — X收〔2026〕1号", "回执.pdf", record=7),
                  show=shown.append)
    qtbot.waitUntil(lambda: bool(shown))
    qtbot.addWidget(shown[0])
    assert (shown[0].windowTitle(), shown[0].filename, shown[0].record) == ("接收回执 — X收〔2026〕1号", "回执.pdf", 7)


def test_a_refusal_is_told_in_chinese_and_nothing_opens(qtbot, parent, told):
    def refused(_p) -> bytes:
        raise ServiceError("“䶮”字没有可用的字体，无法打印")

    shown = []
    op = preview_print(parent, "打印笔录", refused, show=shown.append)
    with qtbot.waitSignal(op.finished):
        pass
    qtbot.waitUntil(lambda: bool(told))
    assert told == [("打印笔录", "“䶮”字没有可用的字体，无法打印")] and not shown


def test_a_form_may_take_the_refusal_under_its_fields(qtbot, parent, told):
    got = []

    def refused(_p) -> bytes:
        raise ValidationError({"contact_phone": "不是有效的电话号码"})

    preview_print(parent, "一次性告知书", refused, on_refused=got.append, show=lambda d: None)
    qtbot.waitUntil(lambda: bool(got))
    assert got[0].fields == {"contact_phone": "不是有效的电话号码"} and not told


def test_an_unexpected_error_takes_the_crash_report_path(qtbot, parent, told, monkeypatch):
    crashed = []
    monkeypatch.setattr(ui.crash, "show_unexpected", crashed.append)

    def broken(_p) -> bytes:
        raise KeyError("font")

    preview_print(parent, "打印", broken, show=lambda d: None)
    qtbot.waitUntil(lambda: bool(crashed))
    assert isinstance(crashed[0], KeyError) and not told


def test_cancel_stops_the_build_and_shows_nothing(qtbot, parent, told):
    started, stopped, release = threading.Event(), [], threading.Event()

    def build(progress) -> bytes:
        started.set()
        try:
            while True:  # a long register: the engine checks between pages
                progress.check()
                release.wait(0.005)
        except Cancelled:
            stopped.append(True)
            raise

    shown = []
    op = preview_print(parent, "首问负责登记簿", build, show=shown.append)
    assert started.wait(10)
    assert preview_print(parent, "首问负责登记簿", build) is None  # one print at a time per window
    with qtbot.waitSignal(op.finished, timeout=10000):
        op.dialog.canceled.emit()  # the progress dialog's 取消
    assert stopped == [True] and not shown and not told
    again = []
    preview_print(parent, "首问负责登记簿", lambda _p: _pdf(), show=again.append)  # the window may print again
    qtbot.waitUntil(lambda: bool(again))
    qtbot.addWidget(again[0])


def test_a_result_after_cancel_is_dropped(qtbot, parent):
    go = threading.Event()

    def build(_p) -> bytes:  # never polls: its result arrives after 取消
        go.wait(10)
        return _pdf()

    shown = []
    op = preview_print(parent, "打印", build, show=shown.append)
    op.dialog.canceled.emit()
    with qtbot.waitSignal(op.finished, timeout=10000):
        go.set()
    assert not shown


def test_a_builder_that_writes_cannot_be_cancelled_halfway(qtbot, parent):
    go = threading.Event()

    def issue(_p) -> bytes:  # e.g. issuing a letter: 取消 cannot undo the write, so it is not offered
        go.wait(10)
        return _pdf()

    shown = []
    op = preview_print(parent, "接收回执", issue, cancellable=False, show=shown.append)
    op.dialog.canceled.emit()  # Esc or a click on the progress dialog
    go.set()
    qtbot.waitUntil(lambda: bool(shown))
    qtbot.addWidget(shown[0])
    assert not op.progress.cancelled
