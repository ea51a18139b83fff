"""Settings → 用户管理 (admin only) and 修改密码."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.db.models import Role
from app.services import profile as profile_service
from app.services import users
from app.services.actor import Actor
from ui.forms import FieldForm, ok_cancel_buttons
from ui.widgets import add_buttons


class UserEditDialog(QDialog):
    def __init__(self, db: Database, actor: Actor, existing: users.UserInfo | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.existing = db, actor, existing
        self.setWindowTitle("修改用户" if existing else "添加用户")
        lay = QVBoxLayout(self)
        self.form = FieldForm()
        self.login = self.form.add_field("login", "登录名", QLineEdit(existing.login if existing else ""))
        self.login.setReadOnly(existing is not None)
        self.full_name = self.form.add_field("full_name", "姓名", QLineEdit(existing.full_name if existing else ""))
        self.department = self.form.add_field("department", "科室", QComboBox())
        self.department.addItems(["", *profile_service.list_departments(db)])
        self.title = self.form.add_field("title", "职务", QLineEdit(existing.title if existing else ""))
        self.role = self.form.add_field("role", "角色", QComboBox())
        self.role.addItems([r.value for r in Role])
        self.active = QCheckBox("启用")
        self.active.setChecked(existing.active if existing else True)
        self.password = None
        if existing is None:
            self.password = self.form.add_field("password", "初始密码", QLineEdit())
            self.password.setEchoMode(QLineEdit.EchoMode.Password)
            self.login.setToolTip(users.LOGIN_RULE)
            self.login.setPlaceholderText("英文字母、数字和 . _ -")
        else:
            self.department.setCurrentText(existing.department)
            self.role.setCurrentText(existing.role.value)
            self.form.add_field("active", "状态", self.active)
        lay.addLayout(self.form)
        lay.addWidget(self.form.general_label())
        if existing is None:
            note = QLabel(f"{users.LOGIN_RULE}。新用户首次登录时须把初始密码改为自己的密码。")
            note.setWordWrap(True)
            lay.addWidget(note)
        lay.addWidget(ok_cancel_buttons(self, "保存", "取消", self.save))

    def save(self) -> None:
        role = Role(self.role.currentText())

        def save() -> None:
            if self.existing is None:
                assert self.password is not None
                users.create_user(self.db, self.actor, self.login.text(), self.full_name.text(), role,
                                  self.password.text(), self.department.currentText(), self.title.text())
            else:
                users.update_user(self.db, self.actor, self.existing.id, full_name=self.full_name.text(),
                                  role=role, department=self.department.currentText(),
                                  title=self.title.text(), active=self.active.isChecked())

        if self.form.attempt(self, "用户", save):
            self.accept()


class UsersDialog(QDialog):
    COLUMNS = ("登录名", "姓名", "科室", "职务", "角色", "状态")

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.setWindowTitle("用户管理")
        self.resize(720, 420)
        lay = QVBoxLayout(self)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels(self.COLUMNS)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.doubleClicked.connect(self.edit)
        lay.addWidget(self.table)
        row = QHBoxLayout()
        add_buttons(row, (("添加用户", self.add), ("修改", self.edit), ("重置密码", self.reset_password)))
        row.addStretch()
        close = QPushButton("关闭")
        close.clicked.connect(self.accept)
        row.addWidget(close)
        lay.addLayout(row)
        self.reload()

    def reload(self) -> None:
        self.users = users.list_users(self.db)
        self.table.setRowCount(len(self.users))
        for i, u in enumerate(self.users):
            for j, v in enumerate((u.login, u.full_name, u.department, u.title, u.role.value,
                                   _status(u))):
                self.table.setItem(i, j, QTableWidgetItem(v))
        self.table.resizeColumnsToContents()

    def _selected(self) -> users.UserInfo | None:
        row = self.table.currentRow()
        return self.users[row] if 0 <= row < len(self.users) else None

    def add(self) -> None:
        if UserEditDialog(self.db, self.actor, None, self).exec():
            self.reload()

    def edit(self) -> None:
        u = self._selected()
        if u is not None and UserEditDialog(self.db, self.actor, u, self).exec():
            self.reload()

    def reset_password(self) -> None:
        u = self._selected()
        if u is not None:
            PasswordDialog(self.db, self.actor, u.id, ask_old=False, parent=self).exec()


def _status(u: users.UserInfo) -> str:
    if not u.active:
        return "停用"
    return "启用（首次登录须改密码）" if u.must_change_password else "启用"


class PasswordDialog(QDialog):
    def __init__(self, db: Database, actor: Actor, user_id: int, ask_old: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.user_id = db, actor, user_id
        self.setWindowTitle("修改密码" if ask_old else "重置密码")
        lay = QVBoxLayout(self)
        if not ask_old:
            note = QLabel("重置后，该用户下次登录时须把这个密码改为自己的密码。")
            note.setWordWrap(True)
            lay.addWidget(note)
        self.form = FieldForm()
        self.old = None
        if ask_old:
            self.old = self.form.add_field("old", "原密码", QLineEdit())
            self.old.setEchoMode(QLineEdit.EchoMode.Password)
        self.password = self.form.add_field("password", "新密码", QLineEdit())
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = self.form.add_field("again", "再次输入", QLineEdit())
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        lay.addLayout(self.form)
        lay.addWidget(self.form.general_label())
        row = QHBoxLayout()
        ok = QPushButton("确定")
        ok.clicked.connect(self.save)
        cancel = QPushButton("取消")
        cancel.clicked.connect(self.reject)
        row.addStretch()
        row.addWidget(ok)
        row.addWidget(cancel)
        lay.addLayout(row)

    def save(self) -> None:
        if self.form.attempt(self, "密码", lambda: users.set_password(
                self.db, self.actor, self.user_id, self.password.text(), self.again.text(),
                self.old.text() if self.old is not None else None)):
            self.accept()
