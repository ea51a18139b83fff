"""The main window: menus, tabs, and a status bar with database, user and overdue count."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QWidget

from app import APP_TITLE
from app.db import Database
from app.paths import data_dir
from app.services.users import UserInfo
from ui.contacts import QUICK_ENTRY_KEY
from ui.dialogs.about import AboutDialog
from ui.dialogs.holidays import HolidaysDialog
from ui.dialogs.profile import ProfileDialog
from ui.dialogs.signin import SignInDialog
from ui.dialogs.users import PasswordDialog, UsersDialog
from ui.fit import start_size
from ui.lazy_tabs import LazyTabs, lazy_page
from ui.tab_pages import FIRST, TAB_PAGES, TabPage


def window_settings() -> QSettings:
    return QSettings(str(data_dir() / "window.ini"), QSettings.Format.IniFormat)


def _make_page(window: MainWindow, tab: TabPage) -> QWidget:
    return getattr(importlib.import_module(tab.module), tab.cls)(window.db, window.actor)


def _contacts_overdue(window: MainWindow) -> int:
    from app.services.contacts.register import overdue_count

    return overdue_count(window.db)


def _complaints_overdue(window: MainWindow) -> int:
    from app.services.complaints.listing import overdue_count

    return overdue_count(window.db, window.db.today(), window.actor.user_id)  # never one about the viewer


OVERDUE_SOURCES: tuple[tuple[str, str, Callable[[MainWindow], int]], ...] = (
    ("依申请公开", "件", lambda w: w.register.overdue_count()),
    ("首问负责", "条", _contacts_overdue),  # first-responder entries are counted in 条
    ("投诉举报", "件", _complaints_overdue),
)
"""The status bar's 已逾期 figure per module with a clock, each the same count as that tab's own
counter, read without building the tab."""


class MainWindow(QMainWindow):
    home = lazy_page("home")
    notices = lazy_page("notices")
    annual_report = lazy_page("annual_report")
    contacts = lazy_page("contacts")
    complaints = lazy_page("complaints")
    supervision = lazy_page("supervision")

    def __init__(self, db: Database, user: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.user = user
        self.setWindowTitle(APP_TITLE)
        start_size(self, 1200, 760)  # a 1366×768 counter screen keeps the status bar in view
        self.tabs = LazyTabs()
        self._holders: dict[str, QWidget] = {}
        for tab in TAB_PAGES:
            if tab.attr == FIRST:
                self.register = self.tabs.add_page(_make_page(self, tab), tab.title)
            else:
                self._holders[tab.attr] = self.tabs.add_lazy(lambda t=tab: _make_page(self, t), tab.title)
        self.tabs.setCurrentWidget(self.register)
        self.setCentralWidget(self.tabs)
        self._build_menus()
        # 首问登记 from any tab (a call comes in whatever the clerk is doing); the 首问负责 tab is
        # built, brought forward and its entry form opened when it is first pressed
        self.quick_entry_shortcut = QShortcut(QKeySequence(QUICK_ENTRY_KEY), self, activated=self.quick_entry)
        self.db_label = QLabel()
        self.user_label = QLabel()
        self.overdue_label = QLabel()
        for w in (self.db_label, self.user_label, self.overdue_label):
            self.statusBar().addPermanentWidget(w)
        self._restore_geometry()
        self.refresh_status()

    @property
    def pages(self) -> list[QWidget]:
        """The tabs' pages built so far (the others are built with the current user when shown)."""
        return self.tabs.built_pages()

    def quick_entry(self) -> None:
        self.tabs.setCurrentWidget(self.contacts)
        self.contacts.new_entry()

    @property
    def actor(self):  # noqa: ANN201
        return self.user.actor()

    # -- menus --------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("文件(&F)")
        keys = QKeySequence.StandardKey
        self.new_action = self._action(self.file_menu, "新建", lambda: self.tab_command("new_record"), keys.New)
        self.find_action = self._action(self.file_menu, "查找", lambda: self.tab_command("focus_search"), keys.Find)
        self.print_action = self._action(self.file_menu, "打印", lambda: self.tab_command("print_current"),
                                         keys.Print)
        self.file_menu.addSeparator()
        self._action(self.file_menu, "新登记申请", lambda: self.register.new_request())
        self._action(self.file_menu, "导入台账（Excel）…", lambda: self.register.import_ledger_dialog())
        self._action(self.file_menu, "导出当前列表（Excel）…", lambda: self.register.export_view())
        self._action(self.file_menu, "保存台账模板…", lambda: self.register.save_template())
        self._action(self.file_menu, "打印接收回执", lambda: self.register.print_receipt())
        self._action(self.file_menu, "批量导出或打印文书…", lambda: self.register.batch_letters())
        self.file_menu.addSeparator()
        self.switch_action = self._action(self.file_menu, "切换用户…", self.switch_user)
        self.file_menu.addSeparator()
        self._action(self.file_menu, "退出", self.close, QKeySequence.StandardKey.Quit)
        self.settings_menu = bar.addMenu("设置(&S)")
        self.profile_action = self._action(self.settings_menu, "机关信息…", self.edit_profile)
        self.users_action = self._action(self.settings_menu, "用户管理…", self.manage_users)
        self.holidays_action = self._action(self.settings_menu, "节假日安排…", self.edit_holidays)
        self.templates_action = self._action(self.settings_menu, "文书模板…", self.edit_templates)
        self.settings_menu.addSeparator()
        self._action(self.settings_menu, "修改密码…", self.change_password)
        help_menu = bar.addMenu("帮助(&H)")
        self.audit_action = self._action(help_menu, "操作日志…", self.show_audit_log)
        self._action(help_menu, "检查数据完整性…", self.check_integrity)
        help_menu.addSeparator()
        self._action(help_menu, "关于", self.about)

    def tab_command(self, name: str) -> None:
        """Ctrl+N / Ctrl+F / Ctrl+P from any tab: the current tab's ``new_record`` /
        ``focus_search`` / ``print_current``.  A tab without its own 新建 or 查找 hands them to
        the 依申请公开 register (the counter's main list); one without 打印 says so.
        New tabs plug in by defining these methods; they must not bind the keys themselves
        (two bindings of one key cancel each other in Qt)."""
        page = self.tabs.currentWidget()
        fn = getattr(page, name, None)
        if fn is None and name != "print_current":
            self.tabs.setCurrentWidget(self.register)
            fn = getattr(self.register, name, None)
        if fn is None:
            self.statusBar().showMessage("当前页面没有可打印的内容", 5000)
            return
        fn()

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:  # noqa: ANN001
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _admin_only(self) -> bool:
        if not self.actor.is_admin:
            QMessageBox.information(self, "权限", "此项设置只有系统管理员可以修改。")
            return False
        return True

    def edit_profile(self) -> None:
        """Administrators edit the 机关信息; everyone else may read it."""
        if ProfileDialog(self.db, self.actor, self).exec() and self.actor.is_admin:
            self.refresh_all()

    def manage_users(self) -> None:
        if self._admin_only():
            UsersDialog(self.db, self.actor, self).exec()

    def edit_holidays(self) -> None:
        if self._admin_only():
            HolidaysDialog(self.db, self.actor, self).exec()
            self.refresh_all()

    def edit_templates(self) -> None:
        from ui.dialogs.templates import TemplatesDialog

        if self._admin_only():
            TemplatesDialog(self.db, self.actor, self).exec()

    def change_password(self) -> None:
        PasswordDialog(self.db, self.actor, self.user.id, ask_old=True, parent=self).exec()

    def show_audit_log(self) -> None:
        from app.services.rights import ROLE_RIGHTS, Right
        from ui.dialogs.audit_log import AuditLogDialog

        if Right.VIEW_AUDIT not in ROLE_RIGHTS[self.user.role]:
            QMessageBox.information(self, "操作日志", "操作日志只有系统管理员和监督检查人员可以查看。")
            return
        AuditLogDialog(self.db, self.actor, self).exec()

    def check_integrity(self) -> None:
        from ui.dialogs.audit_log import check_integrity

        self._integrity = check_integrity(self, self.db)

    def sign_out(self) -> None:
        """退出登录 is a row of the 操作日志; a database gone away must not stop the window closing."""
        from app.services.users import sign_out

        try:
            sign_out(self.db, self.user)
        except Exception:  # noqa: BLE001 - logged; closing goes on
            import logging

            logging.getLogger("gongkai").warning("sign-out not recorded", exc_info=True)

    def about(self) -> None:
        AboutDialog(self.db, self).exec()

    def switch_user(self) -> None:
        dlg = SignInDialog(self.db, self)
        if dlg.exec() and dlg.user is not None:
            self.sign_out()
            self.set_user(dlg.user)

    def set_user(self, user: UserInfo) -> None:
        self.user = user
        for page in self.pages:
            setter = getattr(page, "set_actor", None)
            if setter:
                setter(user.actor())
        self.refresh_status()

    # -- status -------------------------------------------------------------
    def overdue_parts(self) -> list[tuple[str, int, str]] | None:
        """(tab, count, unit) for each module with a clock (None: no such module yet); the status bar
        names them, so its figure never looks like a different count from one tab's own counter."""
        return [(tab, count(self), unit) for tab, unit, count in OVERDUE_SOURCES] or None

    def refresh_status(self) -> None:
        self.db_label.setText(f"数据库：{self.db.describe()}")
        self.user_label.setText(f"当前用户：{self.user.full_name}（{self.user.role.value}）")
        parts = self.overdue_parts()
        if parts is None:
            self.overdue_label.hide()
            return
        self.overdue_label.show()
        late = [f"{tab}{n}{unit}" for tab, n, unit in parts if n]
        self.overdue_label.setText("已逾期：" + ("，".join(late) if late else "无"))
        self.overdue_label.setStyleSheet("color: #b00020; font-weight: bold;" if late else "")

    def refresh_all(self) -> None:
        for page in self.pages:
            refresh = getattr(page, "refresh", None)
            if refresh:
                refresh()
        self.refresh_status()

    # -- geometry -----------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = window_settings().value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        s = window_settings()
        s.setValue("main/geometry", self.saveGeometry())
        s.sync()
        self.sign_out()
        super().closeEvent(event)
