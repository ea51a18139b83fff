"""Python's cyclic garbage collector runs on the GUI thread only.

Why: CPython collects cycles in whichever thread happens to allocate when a generation's
threshold is crossed.  When that is a worker thread (a background search, an export, a print)
and the cycle holds the last reference to a Qt wrapper — a closed dialog, a finished page —
the QWidget is deleted off the GUI thread and PySide aborts the process.  The usual cure in
Qt applications written in Python (Anki, pyqtgraph) is applied here: automatic collection is
switched off and a timer on the GUI thread collects whenever the allocation counts say a
collection is due, with the same thresholds CPython would have used.  Reference counting,
which frees almost everything, is not affected.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    """Collects due generations from a GUI-thread timer while automatic collection is off."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._timer.start(interval_ms)

    def due_generation(self) -> int | None:
        """The oldest generation CPython would collect now, or None when nothing is due."""
        counts = gc.get_count()
        due = None
        for generation, (count, threshold) in enumerate(zip(counts, self.threshold, strict=True)):
            if threshold and count > threshold:
                due = generation
            else:
                break
        return due

    def check(self) -> int:
        """Collect what is due; returns the number of unreachable objects found."""
        generation = self.due_generation()
        return gc.collect(generation) if generation is not None else 0

    def uninstall(self) -> None:
        self._timer.stop()
        if self._was_enabled:
            gc.enable()


def install(app: QObject) -> GuiThreadCollector:
    """Switch collection to the GUI thread for the application's lifetime (call on the GUI thread)."""
    existing = app.findChild(GuiThreadCollector)
    return existing if existing is not None else GuiThreadCollector(app)
