"""First-start administrator dialog and the sign-in dialog.

Both may appear before the database is open (issue 12: the sign-in dialog within 2× the time
of a bare window): at start-up ``ui.application`` opens and migrates the database in a thread
while the password is typed, then hands it over with :meth:`_WaitsForDatabase.database_ready`.
So this module imports Qt only; ``app.db`` and ``app.services.users`` (SQLAlchemy and every
model, about 0.9 s) are imported where they are used, by which time the opening thread has
loaded them.  A 登录 pressed before the database is ready waits for it, then goes on by itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from app import APP_TITLE
from app.services.errors import ServiceError, ValidationError
from ui.forms import ERROR_STYLE, FieldForm, ok_cancel_buttons

if TYPE_CHECKING:
    from app.db import Database
    from app.services.users import UserInfo

OPENING = "正在打开数据库，请稍候……"


class _WaitsForDatabase(QDialog):
    """A start-up dialog that can be shown and filled in before its database is open."""

    def _init_database(self, db: Database | None, buttons: QDialogButtonBox) -> QLabel:
        self.db = db
        self._buttons = buttons
        self._waiting = False
        self.db_label = QLabel(f"数据库：{db.describe()}" if db is not None else f"数据库：{OPENING}")
        self.db_label.setWordWrap(True)
        self.setMinimumWidth(460)  # the whole title and a usual path on one line; the label wraps longer ones
        return self.db_label

    def database_ready(self, db: Database) -> None:
        """The opening thread is done: use ``db``; a 登录/创建 pressed meanwhile goes on now."""
        self.db = db
        self.db_label.setText(f"数据库：{db.describe()}")
        self._buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
        if self._waiting:
            self._waiting = False
            self.submit()

    def _wait_for_database(self) -> bool:
        """True (and the press remembered) while the database is still opening."""
        if self.db is not None:
            return False
        self._waiting = True
        self._buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)  # 取消 stays
        self.db_label.setText(f"数据库：{OPENING}登录将在打开后自动继续。")
        return True

    def submit(self) -> None:
        """登录 / 创建: defined by each dialog."""
        raise NotImplementedError


class FirstAdminDialog(_WaitsForDatabase):
    """Creates the administrator on first start: no default password anywhere."""

    def __init__(self, db: Database | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from app.services import users  # first start only: the rules' wording below

        self.user: UserInfo | None = None
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
        buttons = ok_cancel_buttons(self, "创建", "退出", self.submit)
        lay.addWidget(self._init_database(db, buttons))
        lay.addWidget(buttons)
        self.full_name.setFocus()

    def submit(self) -> None:
        if self._wait_for_database():
            return
        from app.services import users

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


class SignInDialog(_WaitsForDatabase):
    SWITCH_TO_FIRST_ADMIN = 2
    """``done()`` code at start-up: the database turned out to have no administrator yet."""

    def __init__(self, db: Database | None, parent: QWidget | None = None, login: str = "") -> None:
        super().__init__(parent)
        self.user: UserInfo | None = None
        self._checking = False  # a password being checked: 登录 pressed again meanwhile does nothing
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
        buttons = ok_cancel_buttons(self, "登录", "取消", self.submit)
        lay.addWidget(self._init_database(db, buttons))
        lay.addWidget(buttons)
        (self.password if login else self.login).setFocus()

    def submit(self) -> None:
        """Check the password off the UI thread: the salted scrypt hash is deliberately slow
        (0.3-1.5 s on a counter PC) and the window must not freeze meanwhile."""
        if self._wait_for_database() or self._checking:
            return
        from app.services import users
        from ui.operations import run_in_background

        login, password = self.login.text(), self.password.text()
        self._checking = True
        self._buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.message.setStyleSheet("")
        self.message.setText("正在验证……")
        self._op = run_in_background(self, lambda _p: users.sign_in(self.db, login, password), title="登录",
                                     show_progress=False, on_success=lambda user: self._signed_in(user, password),
                                     on_failure=self._refused)

    def _ready_again(self, message: str) -> None:
        self._checking = False
        self._buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(message)
        self.password.clear()
        self.password.setFocus()

    def _refused(self, exc: BaseException) -> None:
        from app.services import users

        if isinstance(exc, users.SignInError):
            self._ready_again(str(exc))
            return
        from ui.crash import show_unexpected

        self._ready_again("")
        show_unexpected(exc)  # e.g. the database locked or gone: its Chinese message; a bug: the crash dialog

    def _signed_in(self, user: UserInfo, password: str) -> None:
        from app.services import users

        if not self.isVisible():  # 取消 pressed while the password was being checked
            users.sign_out(self.db, user)
            return
        if user.must_change_password:
            change = FirstPasswordDialog(self.db, user, password, self)
            if not change.exec():
                users.sign_out(self.db, user)
                self._ready_again("须先设置自己的密码才能使用。")
                return
        self._checking = False
        self.message.clear()
        self.user = user
        self.accept()


class FirstPasswordDialog(QDialog):
    """The first sign-in with a password the administrator set: the owner chooses their own."""

    def __init__(self, db: Database, user: UserInfo, old_password: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from app.services import users

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
        from app.services import users

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
