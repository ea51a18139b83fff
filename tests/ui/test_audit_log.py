"""操作日志 viewer, 检查数据完整性, sign-out rows and the first-sign-in password change in the window."""

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from sqlalchemy import text

from app.db.models import Role
from app.services import profile, users
from ui.dialogs import audit_log, signin
from ui.dialogs.audit_log import AuditLogDialog
from ui.dialogs.signin import SignInDialog


def _messages(monkeypatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, title, msg, *a: shown.append(("info", msg)))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, msg, *a: shown.append(("warning", msg)))
    return shown


def test_viewer_searches_shows_details_and_exports(qtbot, db, admin, tmp_path, monkeypatch):
    users.create_user(db, admin.actor(), "zs", "赵窗口", Role.CLERK, "pass1234")
    users.create_user(db, admin.actor(), "ls", "李四", Role.CLERK, "pass1234")
    dlg = AuditLogDialog(db, admin.actor())
    qtbot.addWidget(dlg)
    assert dlg.model.rowCount() == 3 and dlg.count_label.text() == "共3条"
    dlg.record.setText("赵窗口")
    dlg.search()
    assert dlg.model.rowCount() == 1
    assert dlg.model.data(dlg.model.index(0, 3)) == "添加用户"
    dlg.table.selectRow(0)
    assert "登录名：zs" in dlg.details.toPlainText() and "密码：******" in dlg.details.toPlainText()
    dlg.record.setText("没有这个人")
    dlg.search()
    assert dlg.model.rowCount() == 0 and dlg.count_label.text() == "没有符合条件的记录"

    dlg.record.clear()
    dlg.search()
    target = tmp_path / "日志.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    shown = _messages(monkeypatch)
    dlg.export()
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert shown[0][0] == "info" and "已导出3条" in shown[0][1]
    ws = load_workbook(target).active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[0][:3] == ["编号", "时间", "操作人"] and len(values) == 4


def test_viewer_and_export_name_referenced_records(qtbot, db, admin, tmp_path, monkeypatch):
    """A user's 科室 reads as the section's name in the list's details, its tooltip and the Excel file."""
    for name in ("办公室", "财务科"):
        profile.add_department(db, admin.actor(), name)
    zs = users.create_user(db, admin.actor(), "zs", "赵窗口", Role.CLERK, "pass1234", department="办公室")
    users.update_user(db, admin.actor(), zs.id, full_name="赵窗口", role=Role.CLERK, department="财务科", title="",
                      active=True)
    dlg = AuditLogDialog(db, admin.actor())
    qtbot.addWidget(dlg)
    dlg.record.setText("赵窗口")
    dlg.search()
    assert [dlg.model.data(dlg.model.index(i, 3)) for i in range(2)] == ["修改用户", "添加用户"]
    assert dlg.model.data(dlg.model.index(0, 5), Qt.ItemDataRole.ToolTipRole) == "科室：办公室 → 财务科"
    dlg.table.selectRow(1)
    assert "科室：办公室" in dlg.details.toPlainText().splitlines()
    target = tmp_path / "日志.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    shown = _messages(monkeypatch)
    dlg.export()
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    details = [row[6].value for row in load_workbook(target).active.iter_rows(min_row=2)]
    assert details[0] == "科室：办公室 → 财务科" and "科室：办公室" in details[1].splitlines()


def test_a_long_log_is_searched_off_the_ui_thread(qtbot, db, admin, monkeypatch):
    """Past SEARCH_IN_PLACE rows the search runs in the background; the window stays responsive meanwhile."""
    users.create_user(db, admin.actor(), "zs", "赵窗口", Role.CLERK, "pass1234")
    monkeypatch.setattr(audit_log, "SEARCH_IN_PLACE", 1)
    dlg = AuditLogDialog(db, admin.actor())
    qtbot.addWidget(dlg)
    assert dlg.count_label.text() == "正在查询…" and not dlg.search_button.isEnabled()
    assert not dlg.export_button.isEnabled()
    qtbot.waitUntil(lambda: dlg.count_label.text() == "共2条", timeout=10_000)
    assert dlg.search_button.isEnabled() and dlg.export_button.isEnabled() and dlg.model.data(dlg.model.index(0, 5)) == "赵窗口（zs）"
    clerk = users.sign_in(db, "zs", "pass1234").actor()
    shown = _messages(monkeypatch)
    refused = AuditLogDialog(db, clerk)
    qtbot.addWidget(refused)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert "系统管理员" in shown[0][1] and refused.model.rowCount() == 0 and refused.search_button.isEnabled()


def test_clerk_is_refused_the_viewer(qtbot, db, admin, monkeypatch):
    clerk = users.create_user(db, admin.actor(), "zs", "赵窗口", Role.CLERK, "pass1234").actor()
    shown = _messages(monkeypatch)
    dlg = AuditLogDialog(db, clerk)
    qtbot.addWidget(dlg)
    assert dlg.model.rowCount() == 0 and "系统管理员" in shown[0][1]


def test_integrity_check_reports_the_first_broken_link(qtbot, db, admin, monkeypatch):
    users.create_user(db, admin.actor(), "zs", "赵窗口", Role.CLERK, "pass1234")
    shown = _messages(monkeypatch)
    parent = AuditLogDialog(db, admin.actor())
    qtbot.addWidget(parent)
    audit_log.check_integrity(parent, db)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert shown.pop() == ("info", "操作日志完整：共2条，逐条校验一致，没有被删除、改动或插入的记录。")
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET actor = '别人' WHERE id = 2"))
    audit_log.check_integrity(parent, db)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    kind, message = shown.pop()
    assert kind == "warning" and "第2条" in message and "别人" in message and "被改动" in message


def test_startup_check_warns_about_a_deleted_row(qtbot, db, admin, monkeypatch):
    users.create_user(db, admin.actor(), "zs", "赵窗口", Role.CLERK, "pass1234")
    users.create_user(db, admin.actor(), "ls", "李四", Role.CLERK, "pass1234")
    shown = _messages(monkeypatch)
    assert audit_log.startup_check(db).ok and shown == []
    users.create_user(db, admin.actor(), "ww", "王五", Role.CLERK, "pass1234")
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_log WHERE id = 4"))
    result = audit_log.startup_check(db)
    assert not result.ok and "最后的第4条记录已被删除" in shown[0][1]


def test_window_logs_sign_out_on_switch_and_close(qtbot, window, db, monkeypatch):
    users.create_user(db, window.actor, "zs", "赵窗口", Role.CLERK, "pass1234")
    users.set_password(db, window.actor, 2, "pass5678", "pass5678")  # still a reset: flag stays
    other = users.sign_in(db, "admin", "secret123")

    class Accepting:
        def __init__(self, *a, **k):
            self.user = other

        def exec(self):
            return 1

    monkeypatch.setattr("ui.main_window.SignInDialog", Accepting)
    window.switch_user()
    window.close()
    with db.engine.connect() as conn:
        actions = [r[0] for r in conn.execute(text("SELECT action FROM audit_log ORDER BY id"))]
    assert actions.count("退出登录") == 2


def test_first_sign_in_requires_a_new_password(qtbot, db, admin, monkeypatch):
    users.create_user(db, admin.actor(), "zs", "赵窗口", Role.CLERK, "pass1234")
    dialogs = []

    def fill_in(self):
        dialogs.append(self)
        self.password.setText("mine5678")
        self.again.setText("mine5678")
        self.submit()
        return self.result()

    monkeypatch.setattr(signin.FirstPasswordDialog, "exec", fill_in)
    dlg = SignInDialog(db, login="zs")
    qtbot.addWidget(dlg)
    dlg.password.setText("pass1234")
    dlg.show()
    dlg.submit()
    qtbot.waitUntil(lambda: dlg.user is not None)
    assert dialogs
    assert not users.sign_in(db, "zs", "mine5678").must_change_password


def test_refusing_the_new_password_does_not_sign_in(qtbot, db, admin, monkeypatch):
    users.create_user(db, admin.actor(), "zs", "赵窗口", Role.CLERK, "pass1234")
    monkeypatch.setattr(signin.FirstPasswordDialog, "exec", lambda self: 0)
    dlg = SignInDialog(db, login="zs")
    qtbot.addWidget(dlg)
    dlg.password.setText("pass1234")
    dlg.show()
    dlg.submit()
    qtbot.waitUntil(lambda: "须先设置自己的密码" in dlg.message.text())
    assert dlg.user is None
    assert dlg.form.labelForField(dlg.login.parentWidget()).text() == "登录名"  # one term everywhere


def test_help_menu_offers_the_log_and_the_check(qtbot, window, db, monkeypatch):
    help_menu = window.menuBar().actions()[-1].menu()
    texts = [a.text() for a in help_menu.actions()]
    assert "操作日志…" in texts and "检查数据完整性…" in texts
    clerk = users.create_user(db, window.actor, "zs", "赵窗口", Role.CLERK, "pass1234")
    window.set_user(clerk)
    shown = _messages(monkeypatch)
    window.show_audit_log()
    assert shown == [("info", "操作日志只有系统管理员和监督检查人员可以查看。")]
    window.check_integrity()
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=10_000)
    assert shown[1][0] == "info" and "操作日志完整" in shown[1][1]
