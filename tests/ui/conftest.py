import pytest

from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, db, admin):
    w = MainWindow(db, admin)
    qtbot.addWidget(w)
    w.show()
    return w


@pytest.fixture(scope="session", autouse=True)
def _collect_on_gui_thread(qapp):
    """As in the application (ui/gc_guard.py): cycles are collected by a GUI-thread timer, never by
    a worker thread that would delete earlier tests' widgets off the GUI thread."""
    from ui.gc_guard import install

    collector = install(qapp)
    yield
    collector.uninstall()


@pytest.fixture(autouse=True)
def _no_blocking_discard_question(monkeypatch):
    """A dialog left with typed data must not block the suite at teardown on the modal
    "放弃这些内容吗？" box; tests that check the question replace ``confirm_discard`` themselves."""
    from ui.guard import GuardedDialog

    monkeypatch.setattr(GuardedDialog, "_ask_discard", lambda self: True)
