"""Run a service call off the UI thread with progress, cancel and callbacks.

Like Anki's ``aqt.operations``: the work function receives a ``Progress``
object it may report to and poll for cancellation; success and failure
callbacks run back on the UI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.services.progress import Cancelled


class Progress:
    """Handed to the work function: report progress, check for cancel."""

    def __init__(self, signals: _Signals) -> None:
        self._signals = signals
        self._cancel = threading.Event()

    def report(self, done: int, total: int, text: str = "") -> None:
        self._signals.progress.emit(done, total, text)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()


class _Signals(QObject):
    progress = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[Progress], Any], progress: Progress, signals: _Signals) -> None:
        super().__init__()
        self.fn, self.progress, self.signals = fn, progress, signals
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.fn(self.progress)
        except BaseException as exc:  # noqa: BLE001 - handed to the UI thread (traceback kept on exc)
            self.signals.failed.emit(exc)
        else:
            self.signals.succeeded.emit(result)
        finally:
            self.signals.finished.emit()


class Operation(QObject):
    """One background operation.  Keep a reference until ``finished``."""

    finished = Signal()

    def __init__(
        self,
        parent: QWidget,
        fn: Callable[[Progress], Any],
        *,
        title: str,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        show_progress: bool = True,
    ) -> None:
        super().__init__(parent)
        self.signals = _Signals()
        self.progress = Progress(self.signals)
        self._on_success, self._on_failure = on_success, on_failure
        self.dialog: QProgressDialog | None = None
        if show_progress:
            dlg = QProgressDialog(title, "取消", 0, 0, parent)
            dlg.setWindowTitle(title)
            # wide enough for the whole title in the title bar (a narrow dialog cut it to "正在生成…记簿…")
            dlg.setMinimumWidth(max(360, dlg.fontMetrics().horizontalAdvance(title) + 180))
            dlg.setWindowModality(Qt.WindowModality.WindowModal)
            dlg.setMinimumDuration(200)
            dlg.setAutoClose(False)
            dlg.setAutoReset(False)
            dlg.canceled.connect(self.progress.cancel)
            self.dialog = dlg
        self.signals.progress.connect(self._on_progress)
        self.signals.succeeded.connect(self._succeeded)
        self.signals.failed.connect(self._failed)
        self.signals.finished.connect(self._finished)
        self._runnable = _Runnable(fn, self.progress, self.signals)

    def start(self) -> Operation:
        QThreadPool.globalInstance().start(self._runnable)
        return self

    def _on_progress(self, done: int, total: int, text: str) -> None:
        # A window-modal QProgressDialog.setValue processes events, in which the job may
        # finish and _close() drop self.dialog: keep our own reference.
        dlg = self.dialog
        if dlg is not None:
            if text:
                dlg.setLabelText(text)
            dlg.setMaximum(total)
            dlg.setValue(done)

    def _succeeded(self, result: Any) -> None:
        self._close()
        if self._on_success:
            self._on_success(result)

    def _failed(self, exc: BaseException) -> None:
        """Cancelled: silent; otherwise the caller's handler, or ``show_unexpected``, which
        gives environment errors (disk full, locked, no server) their Chinese message."""
        self._close()
        if isinstance(exc, Cancelled):
            return
        if self._on_failure:
            self._on_failure(exc)
        else:
            from ui.crash import show_unexpected

            show_unexpected(exc)

    def _finished(self) -> None:
        self.finished.emit()
        self.deleteLater()

    def _close(self) -> None:
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None


def run_in_background(parent: QWidget, fn: Callable[[Progress], Any], **kwargs: Any) -> Operation:
    return Operation(parent, fn, **kwargs).start()
