from PySide6.QtCore import Qt

from app.db.models import Role
from app.services import users
from ui.dialogs.signin import FirstAdminDialog, SignInDialog


def test_first_admin_dialog_creates_admin(qtbot, db):
    dlg = FirstAdminDialog(db)
    qtbot.addWidget(dlg)
    dlg.full_name.setText("王管理")
    dlg.password.setText("abc")
    dlg.again.setText("abc")
    dlg.submit()
    assert dlg.user is None
    assert "至少" in dlg.form.error_text("password")
    dlg.password.setText("secret123")
    dlg.again.setText("secret124")
    dlg.submit()
    assert "不一致" in dlg.form.error_text("again")
    dlg.again.setText("secret123")
    dlg.submit()
    assert dlg.user is not None and dlg.user.role is Role.ADMIN
    assert not users.needs_first_admin(db)


def test_signin_dialog_with_keyboard(qtbot, db, admin):
    dlg = SignInDialog(db, login="admin")
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.keyClicks(dlg.password, "wrongpass")
    qtbot.keyClick(dlg.password, Qt.Key.Key_Return)
    assert dlg.message.text() == "正在验证……"  # checked off the UI thread (a deliberately slow hash)
    qtbot.waitUntil(lambda: "还可尝试4次" in dlg.message.text())
    assert dlg.user is None and dlg.password.text() == "" and dlg.password.hasFocus()
    qtbot.keyClicks(dlg.password, "secret123")
    with qtbot.waitSignal(dlg.accepted):
        qtbot.keyClick(dlg.password, Qt.Key.Key_Return)
    assert dlg.user is not None and dlg.user.login == "admin"


def test_cancel_while_the_password_is_checked_leaves_nobody_signed_in(qtbot, db, admin):
    from sqlalchemy import text

    def actions() -> list[str]:
        with db.engine.connect() as conn:
            return [r[0] for r in conn.execute(text("SELECT action FROM audit_log ORDER BY id"))]

    dlg = SignInDialog(db, login="admin")
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.password.setText("secret123")
    dlg.submit()
    dlg.reject()  # 取消 before the check is done
    qtbot.waitUntil(lambda: actions()[-1:] == ["退出登录"], timeout=10_000)
    assert actions()[-2:] == ["登录", "退出登录"] and dlg.user is None
