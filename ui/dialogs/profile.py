"""Settings → 机关信息 (admin only): the agency profile and its departments."""

from __future__ import annotations

from dataclasses import fields

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.services import profile as profile_service
from app.services.actor import Actor
from app.services.errors import ServiceError, ValidationError
from ui.forms import FieldForm, ok_cancel_buttons
from ui.widgets import add_buttons, attach_pattern_example

HINTS = {
    "doc_code": "例如：财公开",
    "reconsideration_body": "县级以上政府工作部门一般为本级人民政府",
    "court": "例如：某某县人民法院",
    "number_pattern": "可用字段：{文号代字} {年} {序号}",
}


class ProfileDialog(QDialog):
    """Administrators edit; everyone else sees the same page read-only (``read_only``)."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None,
                 read_only: bool | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.read_only = (not actor.is_admin) if read_only is None else read_only
        self.setWindowTitle("机关信息（只读）" if self.read_only else "机关信息设置")
        self.resize(620, 640)
        lay = QVBoxLayout(self)
        tabs = QTabWidget()
        lay.addWidget(tabs)

        page = QWidget()
        page_lay = QVBoxLayout(page)
        self.form = FieldForm()
        self.widgets: dict[str, QWidget] = {}
        current = profile_service.get_profile(db)
        for f in fields(profile_service.Profile):
            label = profile_service.LABELS[f.name]
            value = getattr(current, f.name)
            if isinstance(value, bool):
                w: QWidget = QCheckBox("是（按109号文，缴费期间不计入答复期限）")
                w.setChecked(value)
            elif isinstance(value, int):
                w = QSpinBox()
                # 第三十三条: never longer than 20 working days, shorter allowed
                w.setRange(0 if f.name == "extension_days" else 1, profile_service.STATUTE_DAYS)
                w.setValue(min(value, profile_service.STATUTE_DAYS))
            else:
                w = QLineEdit(value)
                if f.name in HINTS:
                    w.setPlaceholderText(HINTS[f.name])
                if f.name == "reconsideration_body" and not value:
                    w.setText("本级人民政府")
            self.widgets[f.name] = self.form.add_field(f.name, label, w)
        pattern, code = self.widgets.get("number_pattern"), self.widgets.get("doc_code")
        if isinstance(pattern, QLineEdit) and isinstance(code, QLineEdit):
            self.number_example = attach_pattern_example(pattern, code.text, code.textChanged)
            row, _role = self.form.getWidgetPosition(pattern.parentWidget())
            self.form.insertRow(row + 1, "", self.number_example)
        page_lay.addLayout(self.form)
        page_lay.addWidget(self.form.general_label())
        note = QLabel("答复期限和延期上限默认按《政府信息公开条例》第三十三条（各20个工作日）；"
                      "本地规定期限更短的可在此改短，但不能超过条例规定的20个工作日。")
        note.setWordWrap(True)
        page_lay.addWidget(note)
        page_lay.addStretch()
        tabs.addTab(page, "机关信息")

        dept_page = QWidget()
        dept_lay = QVBoxLayout(dept_page)
        self.departments = QListWidget()
        dept_lay.addWidget(self.departments)
        row = QHBoxLayout()
        add_buttons(row, (("添加科室", self.add_department), ("改名", self.rename_department),
                          ("删除", self.remove_department)))
        dept_lay.addLayout(row)
        tabs.addTab(dept_page, "科室（股室）")
        self._reload_departments()

        if self.read_only:
            for w in self.widgets.values():
                if isinstance(w, QLineEdit):
                    w.setReadOnly(True)
                else:
                    w.setEnabled(False)
            for b in dept_page.findChildren(QPushButton):
                b.hide()
            close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
            close.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
            close.rejected.connect(self.reject)
            lay.addWidget(QLabel("机关信息由系统管理员维护；如需修改请联系系统管理员。"))
            lay.addWidget(close)
        else:
            lay.addWidget(ok_cancel_buttons(self, "保存", "取消", self.save))

    def collect(self) -> profile_service.Profile:
        values = {}
        for name, w in self.widgets.items():
            if isinstance(w, QCheckBox):
                values[name] = w.isChecked()
            elif isinstance(w, QSpinBox):
                values[name] = w.value()
            else:
                assert isinstance(w, QLineEdit)
                values[name] = w.text()
        return profile_service.Profile(**values)

    def save(self) -> None:
        try:
            profile_service.save_profile(self.db, self.actor, self.collect())
        except ValidationError as exc:
            self.form.show_errors(exc)
            return
        self.accept()

    def _reload_departments(self) -> None:
        self.departments.clear()
        self.departments.addItems(profile_service.list_departments(self.db))

    def _department_action(self, fn, *args) -> None:  # noqa: ANN001
        try:
            fn(self.db, self.actor, *args)
        except ServiceError as exc:
            QMessageBox.warning(self, "科室", str(exc))
        self._reload_departments()

    def add_department(self) -> None:
        name, ok = QInputDialog.getText(self, "添加科室", "科室（股室）名称：")
        if ok:
            self._department_action(profile_service.add_department, name)

    def rename_department(self) -> None:
        item = self.departments.currentItem()
        if item is None:
            return
        name, ok = QInputDialog.getText(self, "科室改名", "新名称：", text=item.text())
        if ok:
            self._department_action(profile_service.rename_department, item.text(), name)

    def remove_department(self) -> None:
        item = self.departments.currentItem()
        if item is not None:
            self._department_action(profile_service.remove_department, item.text())
