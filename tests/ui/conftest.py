import pytest

from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, db, admin):
    w = MainWindow(db, admin)
    qtbot.addWidget(w)
    w.show()
    return w


@pytest.fixture(autouse=True)
def _no_blocking_discard_question(monkeypatch):
    """A dialog left with typed data must not block the suite at teardown on the modal
    "放弃这些内容吗？" box; tests that check the question replace ``confirm_discard`` themselves."""
    from ui.guard import GuardedDialog

    monkeypatch.setattr(GuardedDialog, "_ask_discard", lambda self: True)
