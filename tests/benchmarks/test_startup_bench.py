"""Issue 12 target: start-up to the sign-in dialog ≤ 2× a bare PySide6 window, measured in the same run.

Both are fresh processes (imports included, as a user double-clicking sees them);
the app's is ``python -m app --db …`` up to the moment the sign-in dialog would
wait for input, the reference a process that shows an empty QWidget.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from app.db import open_database
from app.services import users
from tests.benchmarks.conftest import report

BARE = """
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
w = QWidget(); w.show(); app.processEvents()
"""

APP = """
import sys
from ui.dialogs import signin
def shown(self, *a, **k):
    self.show(); __import__("PySide6.QtWidgets").QtWidgets.QApplication.processEvents()
    raise SystemExit(0)
signin.SignInDialog.exec = shown
from app.__main__ import main
sys.argv = ["gongkai", "--db", sys.argv[1]]
main()
"""


def _run(code: str, *args: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], check=True, env=env, cwd=Path(__file__).parents[2],
                   capture_output=True)
    return (time.perf_counter() - t) * 1000


def test_startup_to_signin(tmp_path):
    path = tmp_path / "start.sqlite3"
    db = open_database(path)
    users.create_first_admin(db, "admin", "王管理", "secret123", "secret123")
    db.dispose()
    _run(BARE), _run(APP, str(path))  # warm the file cache
    bare = statistics.median(_run(BARE) for _ in range(5))
    app = statistics.median(_run(APP, str(path)) for _ in range(5))
    report("启动到登录窗口（中位数）", app, "ms", round(2 * bare), f"同次测得空白PySide6窗口{bare:.0f} ms，为其{app / bare:.1f}倍")
    assert app <= 2 * bare
