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
    assert dlg.user is None and "还可尝试4次" in dlg.message.text()
    qtbot.keyClicks(dlg.password, "secret123")
    with qtbot.waitSignal(dlg.accepted):
        qtbot.keyClick(dlg.password, Qt.Key.Key_Return)
    assert dlg.user is not None and dlg.user.login == "admin"
