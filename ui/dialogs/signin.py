"""First-start administrator dialog and the sign-in dialog."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

from app import APP_TITLE
from app.db import Database
from app.services import users
from app.services.errors import ServiceError, ValidationError
from ui.forms import ERROR_STYLE, FieldForm, ok_cancel_buttons


class FirstAdminDialog(QDialog):
    """Creates the administrator on first start: no default password anywhere."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.user: users.UserInfo | None = None
        self.setWindowTitle(f"{APP_TITLE} — 首次使用：创建系统管理员")
        lay = QVBoxLayout(self)
        intro = QLabel("这是第一次使用本程序。请创建系统管理员账号，管理员负责填写机关信息、添加工作人员账号。")
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.form = FieldForm()
        self.login = self.form.add_field("login", "登录名", QLineEdit("admin"))
        self.full_name = self.form.add_field("full_name", "姓名", QLineEdit())
        self.password = self.form.add_field("password", "密码", QLineEdit())
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = self.form.add_field("again", "再次输入密码", QLineEdit())
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        lay.addLayout(self.form)
        lay.addWidget(self.form.general_label())
        hint = QLabel(f"{users.LOGIN_RULE}。密码至少{users.MIN_PASSWORD}位，须包含字母和数字。")
        hint.setWordWrap(True)
        lay.addWidget(hint)
        lay.addWidget(ok_cancel_buttons(self, "创建", "退出", self.submit))
        self.full_name.setFocus()

    def submit(self) -> None:
        try:
            self.user = users.create_first_admin(
                self.db, self.login.text(), self.full_name.text(), self.password.text(), self.again.text()
            )
        except ValidationError as exc:
            self.form.show_errors(exc)
            return
        except ServiceError as exc:
            self.form.show_errors(ValidationError(str(exc)))
            return
        self.accept()


class SignInDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None, login: str = "") -> None:
        super().__init__(parent)
        self.db = db
        self.user: users.UserInfo | None = None
        self.setWindowTitle(f"{APP_TITLE} — 登录")
        lay = QVBoxLayout(self)
        self.form = FieldForm()
        self.login = self.form.add_field("login", "登录名", QLineEdit(login))
        self.password = self.form.add_field("password", "密码", QLineEdit())
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        lay.addLayout(self.form)
        self.message = QLabel()
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        lay.addWidget(QLabel(f"数据库：{db.describe()}"))
        lay.addWidget(ok_cancel_buttons(self, "登录", "取消", self.submit))
        (self.password if login else self.login).setFocus()

    def submit(self) -> None:
        try:
            user = users.sign_in(self.db, self.login.text(), self.password.text())
        except users.SignInError as exc:
            self.message.setText(str(exc))
            self.password.clear()
            self.password.setFocus()
            return
        if user.must_change_password:
            change = FirstPasswordDialog(self.db, user, self.password.text(), self)
            if not change.exec():
                users.sign_out(self.db, user)
                self.message.setText("须先设置自己的密码才能使用。")
                self.password.clear()
                self.password.setFocus()
                return
        self.user = user
        self.accept()


class FirstPasswordDialog(QDialog):
    """The first sign-in with a password the administrator set: the owner chooses their own."""

    def __init__(self, db: Database, user: users.UserInfo, old_password: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.user, self._old = db, user, old_password
        self.setWindowTitle(f"{APP_TITLE} — 设置新密码")
        lay = QVBoxLayout(self)
        intro = QLabel(f"{user.full_name}，你的密码是系统管理员设置的。请设置只有你自己知道的新密码后再开始使用。")
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.form = FieldForm()
        self.password = self.form.add_field("password", "新密码", QLineEdit())
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = self.form.add_field("again", "再次输入新密码", QLineEdit())
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        lay.addLayout(self.form)
        lay.addWidget(self.form.general_label())
        lay.addWidget(QLabel(f"密码至少{users.MIN_PASSWORD}位，须包含字母和数字，不能与原密码相同。"))
        lay.addWidget(ok_cancel_buttons(self, "确定", "取消", self.submit))
        self.password.setFocus()

    def submit(self) -> None:
        try:
            users.set_password(self.db, self.user.actor(), self.user.id, self.password.text(), self.again.text(),
                               old_password=self._old)
        except ValidationError as exc:
            self.form.show_errors(exc)
            return
        except ServiceError as exc:
            self.form.show_errors(ValidationError(str(exc)))
            return
        self.accept()
