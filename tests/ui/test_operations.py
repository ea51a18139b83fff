"""Background operations: the progress dialog a long job shows."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QWidget

from ui.operations import run_in_background


def test_progress_dialog_is_wide_enough_for_its_title(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    release = threading.Event()
    title = "正在生成首问负责登记簿（2026年11月）…"
    op = run_in_background(parent, lambda _p: release.wait(10), title=title)
    try:
        assert op.dialog is not None and op.dialog.windowTitle() == title
        assert op.dialog.minimumWidth() >= op.dialog.fontMetrics().horizontalAdvance(title) + 100
    finally:
        release.set()
    qtbot.waitUntil(lambda: op.dialog is None, timeout=10_000)
