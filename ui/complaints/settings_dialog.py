"""投诉举报设置: the time limits (calendar or working days) and deductions, the 责任追究 ladder (which
preset applies, and each preset's steps), and who may see complainants' identities.

Each part saves through its own service function, which checks the right now: the limits and ladder
are the administrator's; granting the identity right needs a 监督检查人员 (or named viewer) signed in
with the key, and the grantee's own password typed at this desk (their copy of the key is wrapped
under it).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.services.actor import Actor
from app.services.complaints import identity, ledger, listing, setup
from app.services.errors import ServiceError, ValidationError
from ui.forms import FieldForm, tell
from ui.supervision.rows import Col, RowsModel, current_row, table
from ui.widgets import add_buttons

VIEWERS = [Col("姓名", lambda v: v.name), Col("角色", lambda v: v.role),
           Col("依据", lambda v: "监督检查人员" if v.inspector else "设置中指定"),
           Col("密钥", lambda v: "已持有" if v.holds_key else "未授予（须由持有密钥的人员授予）",
               alert=lambda v: not v.holds_key)]


def _spin(lo: int, hi: int, value: int, suffix: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(lo, hi)
    box.setValue(value)
    box.setSuffix(suffix)
    return box


class SettingsDialog(QDialog):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.inform = lambda title, text, icon="information": tell(self, title, text, icon=icon)  # tests replace it
        self.setWindowTitle("投诉举报设置")
        lay = QVBoxLayout(self)
        tabs = QTabWidget()
        lay.addWidget(tabs)
        tabs.addTab(self._limits_tab(), "期限和扣分")
        tabs.addTab(self._ladder_tab(), "责任追究方案")
        tabs.addTab(self._viewers_tab(), "可查看投诉举报人身份的人员")
        close = QPushButton("关闭")
        close.clicked.connect(self.accept)
        lay.addWidget(close)
        self.resize(760, 560)

    # -- limits --------------------------------------------------------------------------
    def _limits_tab(self) -> QWidget:
        lim = setup.read(self.db)
        w = QWidget()
        v = QVBoxLayout(w)
        self.limits_form = f = FieldForm()
        self.accept_days = f.add_field("accept_days", "告知是否受理的期限", _spin(1, 60, lim.accept_days, "日"))
        self.result_days = f.add_field("result_days", "受理后办结的期限", _spin(1, 180, lim.result_days, "日"))
        self.extension_days = f.add_field("extension_max_days", "延长期限至多（经负责人批准，一次）",
                                          _spin(0, 90, lim.extension_max_days, "日"))
        self.working_days = f.add_field("working_days", "计算方式", QCheckBox("按工作日计算（不勾选则按自然日）"))
        self.working_days.setChecked(lim.working_days)
        self.near_days = f.add_field("near_due_days", "临近期限提示", _spin(0, 30, lim.near_due_days, "日内"))
        self.section_points = f.add_field("section_points", "科室扣减目标责任制考核",
                                          _spin(0, 100, lim.section_points, "分"))
        self.head_points = f.add_field("head_points", "科室负责人扣减年度考评", _spin(0, 100, lim.head_points, "分"))
        v.addLayout(f)
        v.addWidget(QLabel("默认依据《信访工作条例》（2022年）：15日内告知是否受理，受理后60日内办结，"
                           "经负责人批准可延长一次、不超过30日。改动只影响此后计算的期限。"))
        v.addWidget(f.general_label())
        save = QPushButton("保存期限和扣分")
        save.clicked.connect(self.save_limits)
        v.addWidget(save)
        v.addStretch(1)
        self._preset_now = lim.ladder_preset
        return w

    def save_limits(self) -> bool:
        lim = setup.Limits(self.accept_days.value(), self.result_days.value(), self.extension_days.value(),
                           self.working_days.isChecked(), self.near_days.value(), self.section_points.value(),
                           self.head_points.value(), self.preset.currentText())
        try:
            setup.save(self.db, self.actor, lim)
        except ValidationError as exc:
            self.limits_form.show_errors(exc)
            return False
        except ServiceError as exc:
            self.inform("投诉举报设置", str(exc), "warning")
            return False
        self.limits_form.clear_errors()
        self.inform("投诉举报设置", "已保存。")
        return True

    # -- ladder --------------------------------------------------------------------------
    def _ladder_tab(self) -> QWidget:
        w = QWidget()
        v = QVBoxLayout(w)
        current, self.presets = listing.ladder_presets(self.db)
        row = QHBoxLayout()
        row.addWidget(QLabel("本机关采用的方案"))
        self.preset = QComboBox()
        self.preset.addItems(list(self.presets))
        self.preset.setCurrentText(current)
        row.addWidget(self.preset, 1)
        use = QPushButton("采用此方案")
        use.clicked.connect(self.save_limits)
        row.addWidget(use)
        v.addLayout(row)
        v.addWidget(QLabel("所选方案的处理措施（同一工作人员在同一考评年度内第几次被查实；超出的按最后一级）："))
        self.steps_table = QTableWidget(0, 3)
        self.steps_table.setHorizontalHeaderLabels(["第几次", "处理措施", "扣减年度考评（分）"])
        header = self.steps_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        v.addWidget(self.steps_table, 1)
        buttons = QHBoxLayout()
        add_buttons(buttons, (("新建方案…", self.new_preset), ("增加一级", self.add_step), ("删除所选一级", self.remove_step),
                              ("保存方案的处理措施", self.save_ladder)))
        v.addLayout(buttons)
        self.ladder_error = QLabel()
        self.ladder_error.setStyleSheet("color: #b00020;")
        self.ladder_error.setWordWrap(True)
        v.addWidget(self.ladder_error)
        self.ask_name = self._ask_name  # tests replace it
        self.preset.currentTextChanged.connect(self._show_steps)
        self._show_steps(self.preset.currentText())
        return w

    def _show_steps(self, preset: str) -> None:
        steps = self.presets.get(preset, [])
        self.steps_table.setRowCount(len(steps))
        for n, (ordinal, measure, points) in enumerate(steps):
            for col, value in enumerate((str(ordinal), measure, str(points))):
                self.steps_table.setItem(n, col, QTableWidgetItem(value))
        self.ladder_error.clear()

    def _ask_name(self) -> str | None:
        name, ok = QInputDialog.getText(self, "新建责任追究方案", "方案名称：")
        return name if ok else None

    def new_preset(self) -> None:
        """A preset of the office's own: named here, its steps typed in the table, saved like any other."""
        name = (self.ask_name() or "").strip()
        if not name:
            return
        if name in self.presets:
            self.ladder_error.setText(f"已有名为“{name}”的方案，请直接修改它的处理措施")
            return
        self.presets[name] = []
        self.preset.addItem(name)
        self.preset.setCurrentText(name)
        self.add_step()
        self.ladder_error.setText("请填写各级处理措施后按“保存方案的处理措施”；保存前不会生效。")

    def add_step(self) -> None:
        n = self.steps_table.rowCount()
        self.steps_table.insertRow(n)
        for col, value in enumerate((str(n + 1), "", "0")):
            self.steps_table.setItem(n, col, QTableWidgetItem(value))

    def remove_step(self) -> None:
        n = self.steps_table.currentRow()
        if n >= 0:
            self.steps_table.removeRow(n)

    def table_steps(self) -> list[tuple[int, str, int]]:
        """The table's rows; a number that is not one is refused here, naming the row."""
        out = []
        for n in range(self.steps_table.rowCount()):
            cells = [(self.steps_table.item(n, c).text() if self.steps_table.item(n, c) else "").strip()
                     for c in range(3)]
            try:
                out.append((int(cells[0]), cells[1], int(cells[2] or 0)))
            except ValueError:
                raise ValidationError({"steps": f"第{n + 1}行的“第几次”和“扣分”应填整数"}) from None
        return out

    def save_ladder(self) -> bool:
        preset = self.preset.currentText()
        try:
            steps = self.table_steps()
            ledger.set_ladder(self.db, self.actor, preset, steps)
        except ServiceError as exc:
            self.ladder_error.setText(str(exc))
            return False
        self.presets[preset] = sorted(steps)
        self._show_steps(preset)
        self.inform("责任追究方案", f"“{preset}”的处理措施已保存。")
        return True

    # -- viewers -------------------------------------------------------------------------
    def _viewers_tab(self) -> QWidget:
        w = QWidget()
        v = QVBoxLayout(w)
        v.addWidget(QLabel("监督检查人员和设置中指定的人员（如纪检人员）可以查看投诉举报人身份；每次查看都记入操作日志。\n"
                           "授予须由已登录并持有密钥的人员办理，并由被授权人当面输入自己的登录密码。"))
        self.viewers = RowsModel(VIEWERS)
        self.viewers_view = table(self.viewers)
        v.addWidget(self.viewers_view, 1)
        self.grant_form = f = FieldForm()
        self.grantee = f.add_field("user", "被授权人", QComboBox())
        for uid, name, dept in listing.staff(self.db):
            self.grantee.addItem(f"{name}（{dept}）" if dept else name, uid)
        self.grantee_password = f.add_field("password", "被授权人的登录密码", QLineEdit())
        self.grantee_password.setEchoMode(QLineEdit.EchoMode.Password)
        v.addLayout(f)
        v.addWidget(f.general_label())
        row = QHBoxLayout()
        add_buttons(row, (("授予查看权限", self.grant), ("收回所选人员的权限", self.revoke)))
        v.addLayout(row)
        self.refresh_viewers()
        return w

    def refresh_viewers(self) -> None:
        self.viewers.set_rows(listing.viewers(self.db))

    def grant(self) -> bool:
        uid = self.grantee.currentData()
        try:
            identity.grant(self.db, self.actor, uid, self.grantee_password.text(), name_in_setting=True)
        except ValidationError as exc:
            self.grant_form.show_errors(exc)
            return False
        except ServiceError as exc:
            self.inform("授予查看权限", str(exc), "warning")
            return False
        finally:
            self.grantee_password.clear()
        self.grant_form.clear_errors()
        self.refresh_viewers()
        return True

    def revoke(self) -> bool:
        n = current_row(self.viewers_view)
        if n is None:
            self.inform("收回权限", "请先在列表中选择一位人员")
            return False
        try:
            identity.revoke(self.db, self.actor, self.viewers.row(n).user_id)
        except ServiceError as exc:
            self.inform("收回权限", str(exc), "warning")
            return False
        self.refresh_viewers()
        return True
