"""Start-up installs Qt's Chinese texts, so Qt's own dialogs and buttons are Chinese."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel, QMessageBox

from app.paths import resources_dir
from ui.application import install_translations
from ui.forms import ask, message_box


@pytest.fixture
def chinese(qapp):
    names = install_translations(qapp)
    return names


def test_qtbase_catalogue_is_loaded(chinese, qapp):
    assert chinese == ["qtbase_zh_CN", "qt_supplement_zh_CN"]
    assert install_translations(qapp) == chinese  # idempotent: installed once


def test_standard_buttons_read_chinese(qtbot, chinese):
    box = QMessageBox(QMessageBox.Icon.Question, "标题", "正文",
                      QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QMessageBox.StandardButton.Ok).text().replace("&", "") == "确定"
    assert box.button(QMessageBox.StandardButton.Cancel).text().replace("&", "") == "取消"
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Yes | QDialogButtonBox.StandardButton.No)
    qtbot.addWidget(buttons)
    assert "是" in buttons.button(QDialogButtonBox.StandardButton.Yes).text()
    assert "否" in buttons.button(QDialogButtonBox.StandardButton.No).text()


def test_qt_file_dialog_is_chinese(qtbot, chinese):
    dlg = QFileDialog(None, "保存")
    dlg.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dlg)
    texts = {b.text().replace("&", "") for b in dlg.findChildren(QDialogButtonBox)[0].buttons()}
    assert "取消" in texts
    labels = [label.text() for label in dlg.findChildren(QLabel)]
    assert labels and all(re.search(r"[\u4e00-\u9fff]", t) for t in labels), labels  # "&Look in:" included


def test_supplement_catalogue_is_compiled_from_its_source(tmp_path):
    source = resources_dir() / "translations" / "qt_supplement_zh_CN.ts"
    built = tmp_path / "check.qm"
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    if not lrelease.exists():
        pytest.skip("pyside6-lrelease 不在虚拟环境中")
    subprocess.run([str(lrelease), "-silent", str(source), "-qm", str(built)], check=True)
    assert built.read_bytes() == source.with_suffix(".qm").read_bytes()


def test_our_boxes_have_our_captions_without_any_translation(qtbot, monkeypatch):
    box = message_box(None, "导入台账", "确定导入？", icon="question", buttons=("导入", "取消"))
    qtbot.addWidget(box)
    assert [b.text() for b in box.choices] == ["导入", "取消"]
    assert box.escapeButton() is box.choices[1]
    monkeypatch.setattr(QMessageBox, "exec", lambda self: self.choices[0].click())
    assert ask(None, "请确认", "确定吗？") is True
    monkeypatch.setattr(QMessageBox, "exec", lambda self: self.choices[1].click())
    assert ask(None, "请确认", "确定吗？") is False


def _start(target, monkeypatch, act=None):  # noqa: ANN001, ANN202
    """Run the real start-up (dialog, opening thread, hand-over) on ``target``; ``act(dialog)`` is
    called, from the dialog's own event loop, once per 10 ms tick until it returns True."""
    from PySide6.QtCore import QTimer

    from ui.application import StartUp

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, msg, *a: shown.append(("critical", msg)))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, msg, *a: shown.append(("warning", msg)))
    start = StartUp(str(target))
    ticker = QTimer()
    ticker.setInterval(10)
    ticker.timeout.connect(lambda: start.dialog is not None and act is not None and act(start.dialog)
                           and ticker.stop())
    ticker.start()
    user = start.sign_in()
    ticker.stop()
    start.wait()
    return start, user, shown


def test_window_refuses_a_database_in_a_missing_folder(qtbot, tmp_path, monkeypatch):
    from ui.application import is_new_file

    target = tmp_path / "没有" / "gk.sqlite3"
    assert not is_new_file(str(target)) and is_new_file(str(tmp_path / "gk.sqlite3"))  # not "这是第一次使用本程序…"
    start, user, shown = _start(target, monkeypatch)
    assert user is None and start.failed
    assert shown and "文件夹不存在" in shown[0][1] and not (tmp_path / "没有").exists()


def test_window_explains_a_file_that_is_not_a_database(qtbot, tmp_path, monkeypatch):
    target = tmp_path / "notes.sqlite3"
    target.write_text("不是数据库" * 100, encoding="utf-8")
    start, user, shown = _start(target, monkeypatch)
    assert user is None and start.failed
    assert "不是政务公开工作台的数据库" in shown[0][1]


def test_sign_in_pressed_before_the_database_is_open_goes_on_by_itself(qtbot, db, admin, monkeypatch):
    """The dialog comes before the database; 登录 pressed meanwhile waits, then signs in."""
    from ui.dialogs.signin import OPENING, SignInDialog

    pressed: list[tuple[bool, str]] = []

    def act(dialog):  # noqa: ANN001, ANN202
        assert isinstance(dialog, SignInDialog)
        dialog.login.setText("admin")
        dialog.password.setText("secret123")
        dialog.submit()
        ok = dialog.findChild(QDialogButtonBox).buttons()[0]
        pressed.append((dialog.db is None, dialog.db_label.text(), ok.isEnabled()))
        return True

    db.dispose()
    start, user, shown = _start(db.path, monkeypatch, act)
    assert user is not None and user.login == "admin" and not start.failed and shown == []
    waited, label, enabled = pressed[0]
    assert waited and OPENING in label and not enabled  # pressed while the database was still opening
    assert start.result.db.describe() == str(db.path) and not start.result.first_admin


def _create_admin(dialog) -> bool:  # noqa: ANN001
    dialog.full_name.setText("王管理")
    dialog.password.setText("secret123")
    dialog.again.setText("secret123")
    dialog.submit()
    return True


def test_first_start_creates_the_administrator(qtbot, tmp_path, monkeypatch):
    """No file yet: the first-admin dialog comes at once; the database is created meanwhile."""
    from ui.dialogs.signin import FirstAdminDialog

    def act(dialog):  # noqa: ANN001, ANN202
        assert isinstance(dialog, FirstAdminDialog)
        return dialog.db is not None and _create_admin(dialog)

    start, user, shown = _start(tmp_path / "new.sqlite3", monkeypatch, act)
    assert user is not None and user.full_name == "王管理" and shown == []
    start.result.db.dispose()


def test_an_existing_database_without_administrator_switches_to_first_admin(qtbot, tmp_path, monkeypatch):
    from app.db import open_database
    from ui.dialogs.signin import FirstAdminDialog

    target = tmp_path / "empty.sqlite3"
    open_database(target).dispose()
    seen: list[str] = []

    def act(dialog):  # noqa: ANN001, ANN202
        seen.append(type(dialog).__name__)
        return isinstance(dialog, FirstAdminDialog) and _create_admin(dialog)

    start, user, _ = _start(target, monkeypatch, act)
    assert seen[0] == "SignInDialog" and seen[-1] == "FirstAdminDialog"
    assert user is not None and user.role.value == "系统管理员"
    start.result.db.dispose()


def _type_admin_password(dialog) -> bool:  # noqa: ANN001
    dialog.login.setText("admin")
    dialog.password.setText("secret123")
    dialog.submit()
    return True


@pytest.mark.postgres
def test_a_server_database_without_administrator_asks_for_one(qtbot, pg_db, monkeypatch):
    """A PostgreSQL address is never "a new file": sign-in first, then the first-admin dialog."""
    from ui.dialogs.signin import FirstAdminDialog

    seen: list[str] = []

    def act(dialog):  # noqa: ANN001, ANN202
        seen.append(type(dialog).__name__)
        return isinstance(dialog, FirstAdminDialog) and _create_admin(dialog)

    url = pg_db.url.render_as_string(hide_password=False)
    start, user, shown = _start(url, monkeypatch, act)
    assert seen[0] == "SignInDialog" and user is not None and shown == []
    assert start.result.db.describe() == pg_db.describe()  # the password is not shown
    start.result.db.dispose()


def test_start_up_checks_while_sign_in_waits_and_warns_after(qtbot, db, admin, monkeypatch, tmp_path):
    """run_gui: the start-up audit check runs in the opening thread beside the sign-in dialog; a
    broken chain is reported after sign-in, before the window."""
    from PySide6.QtCore import QTimer
    from sqlalchemy import text

    import ui.application as application
    from app.db.models import Role
    from app.services import users

    users.create_user(db, admin.actor(), "zs", "赵窗口", Role.CLERK, "pass1234")
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_log WHERE id = 2"))
    db.dispose()
    order: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, msg, *a: order.append(f"warning: {msg}"))

    original = application.StartUp.sign_in

    def sign_in(self):  # noqa: ANN001, ANN202 - the real flow, the password typed once the dialog is up
        ticker = QTimer()
        ticker.setInterval(10)
        ticker.timeout.connect(lambda: self.dialog is not None and _type_admin_password(self.dialog)
                               and ticker.stop())
        ticker.start()
        user = original(self)
        order.append("sign-in")
        return user

    monkeypatch.setattr(application.StartUp, "sign_in", sign_in)
    monkeypatch.setattr("ui.main_window.MainWindow.show", lambda self: order.append("window"))
    monkeypatch.setattr(application.QApplication, "exec", lambda self: 0)
    monkeypatch.setattr(application, "setup_logging", lambda: tmp_path / "gongkai.log")
    monkeypatch.setattr("ui.crash.ExceptionHandler.install", lambda self: None)
    assert application.run_gui(str(db.path)) == 0
    assert order[0] == "sign-in" and order[-1] == "window"
    assert len(order) == 3 and "被删除" in order[1]


def test_settle_heap_freezes_what_is_alive():
    """Full collections must not walk the window's long-lived objects (a 110 ms freeze at 1M)."""
    import gc

    from ui.application import settle_heap

    settle_heap()
    try:
        assert gc.get_freeze_count() > 1000 and gc.get_count()[2] == 0
    finally:
        gc.unfreeze()


def test_the_sign_in_dialog_needs_no_database_layer():
    """Issue 12: the dialog appears within 2× a bare window only if nothing on its way imports
    SQLAlchemy, the models or the tabs (they load in the opening thread); a fresh process checks."""
    code = """
import sys
import app.__main__, app.cli, app.cli.common, ui.application, ui.crash, ui.dialogs.signin
from PySide6.QtWidgets import QApplication
from ui.dialogs.signin import SignInDialog
qa = QApplication([])
SignInDialog(None).show()
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "alembic", "openpyxl", "reportlab")
               or m.startswith(("app.db", "app.services.users", "ui.main_window", "ui.requests")))
import PySide6.QtCore as core
print(heavy, "Qt" in vars(core))
"""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True,
                         cwd=Path(__file__).parents[2]).stdout.strip().splitlines()[-1]
    assert out == "[] False"  # nor PySide's whole Qt namespace (60 ms), see ui.forms.ok_cancel_buttons
