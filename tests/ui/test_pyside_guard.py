"""The none_dealloc crash of the 1,000,000-request register (issue 12): PySide6 6.12 on Python 3.11
drops a reference to None on every void call and to True on every emit; ui.pyside_guard keeps them alive.

The regression test makes more such calls than None and True have references — the exact
situation of the register painting and spinning while its id list loads — in a fresh process
(an abort there fails the test instead of killing the suite).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ui import pyside_guard

DRAIN = """
import sys
import ui  # the guard, as every window and test gets it
from ui.pyside_guard import SPARE
from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, Signal
from PySide6.QtWidgets import QApplication

class Model(QAbstractTableModel):  # like the register: data() answers None for roles it does not serve
    def rowCount(self, parent=QModelIndex()): return 1
    def columnCount(self, parent=QModelIndex()): return 1
    def data(self, index, role=0): return None

class Source(QObject):
    arrived = Signal(int)

app = QApplication([])
obj, model, source = QObject(), Model(), Source()
source.arrived.connect(lambda gen: None)
index = model.index(0, 0)
for _ in range(sys.getrefcount(None) % SPARE + 20_000):  # more than None had before the guard
    QCoreApplication.processEvents()
    obj.setObjectName("")
    index.data()
for _ in range(sys.getrefcount(True) % SPARE + 20_000):
    source.arrived.emit(1)
print("alive")
"""


def test_void_calls_beyond_none_refcount_do_not_abort():
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    done = subprocess.run([sys.executable, "-c", DRAIN], env=env, capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).parents[2])
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().endswith("alive")


def test_guard_applied_once_on_python_311():
    if sys.version_info >= (3, 12):
        assert not pyside_guard.keep_singletons_alive()  # immortal already: nothing to do
        return
    assert sys.getrefcount(None) > pyside_guard.SPARE and sys.getrefcount(True) > pyside_guard.SPARE
    before = sys.getrefcount(False)
    assert not pyside_guard.keep_singletons_alive()  # importing ui applied it; a second call adds nothing
    assert abs(sys.getrefcount(False) - before) < 1000
