import pytest

from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, db, admin):
    w = MainWindow(db, admin)
    qtbot.addWidget(w)
    w.show()
    return w
