"""责任分工 settings in the 督查 tab: post assignments with date ranges, duty frequencies, the checklist template.

Each save is one service call that refuses bad input as a whole with Chinese
messages under the fields (a duty to nobody, overlapping posts, a frequency that
does not divide the year, an empty or duplicated checklist item).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.dates import cn_date
from app.db import Database
from app.services import users
from app.services.actor import Actor
from app.services.errors import ServiceError, ValidationError
from app.services.supervision import checks, posts
from ui.forms import ERROR_STYLE, FieldForm, ask, ok_cancel_buttons, tell
from ui.supervision.rows import Col, RowsModel, current_row, table
from ui.widgets import DateEdit, add_buttons

POST_COLUMNS: list[Col[posts.AssignmentRow]] = [
    Col("职务", lambda a: a.post),
    Col("人员", lambda a: f"{a.full_name}（{a.login}）"),
    Col("分管科室", lambda a: a.department),
    Col("开始日期", lambda a: cn_date(a.start_on)),
    Col("结束日期", lambda a: cn_date(a.end_on) if a.end_on else "至今"),
]


class AssignmentDialog(QDialog):
    def __init__(self, db: Database, actor: Actor, row: posts.AssignmentRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.row = db, actor, row
        self.setWindowTitle("修改责任分工" if row else "添加责任分工")
        self.form = FieldForm()
        self.user = QComboBox()
        self.user.addItem("（请选择）", None)
        for u in users.list_users(db):
            if u.active or (row is not None and u.id == row.user_id):
                self.user.addItem(f"{u.full_name}（{u.login}）", u.id)
        self.form.add_field("user", "人员：", self.user)
        self.post = QComboBox()
        self.post.addItems(list(posts.POSTS))
        self.form.add_field("post", "职务：", self.post)
        self.department = QComboBox()
        self.department.addItem("（主要负责人不选）", None)
        for dept_id, name in posts.departments(db):
            self.department.addItem(name, dept_id)
        self.form.add_field("department", "分管科室：", self.department)
        self.start = DateEdit(db.today())
        self.form.add_field("start_on", "开始日期：", self.start)
        self.end = DateEdit(None, optional=True)
        self.end.edit.setPlaceholderText("仍在任可不填")
        self.form.add_field("end_on", "结束日期：", self.end)
        if row is not None:
            self.user.setCurrentIndex(max(0, self.user.findData(row.user_id)))
            self.post.setCurrentText(row.post)
            self.department.setCurrentIndex(max(0, self.department.findData(row.department_id)))
            self.start.set_value(row.start_on)
            self.end.set_value(row.end_on)
        lay = QVBoxLayout(self)
        lay.addLayout(self.form)
        lay.addWidget(self.form.general_label())
        lay.addWidget(ok_cancel_buttons(self, "保存", "取消", self.save))

    def save(self) -> None:
        def save() -> None:
            data = posts.AssignmentInput(self.user.currentData(), self.post.currentText(),
                                         self.department.currentData(), self.start.value(), self.end.value())
            posts.save_assignment(self.db, self.actor, data, self.row.id if self.row else None)

        if self.form.attempt(self, self.windowTitle(), save):
            self.accept()


class SettingsView(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        lay = QVBoxLayout(self)
        lay.addWidget(self._posts_box(), 3)
        row = QHBoxLayout()
        row.addWidget(self._frequency_box(), 1)
        row.addWidget(self._template_box(), 2)
        lay.addLayout(row, 2)
        self.refresh()

    # -- 责任分工 -----------------------------------------------------------------------------
    def _posts_box(self) -> QGroupBox:
        box = QGroupBox("责任分工（主要负责人、分管负责人及分管科室）")
        self.post_model: RowsModel[posts.AssignmentRow] = RowsModel(POST_COLUMNS)
        self.post_view = table(self.post_model)
        self.post_view.activated.connect(lambda _i: self.edit_post())
        buttons = QHBoxLayout()
        add_buttons(buttons, (("添加…", self.add_post), ("修改…", self.edit_post), ("删除", self.delete_post)))
        buttons.addStretch(1)
        lay = QVBoxLayout(box)
        lay.addWidget(self.post_view)
        lay.addLayout(buttons)
        return box

    def add_post(self) -> None:
        if AssignmentDialog(self.db, self.actor, None, self).exec():
            self.refresh()

    def _selected_post(self) -> posts.AssignmentRow | None:
        n = current_row(self.post_view)
        if n is None:
            tell(self, "责任分工", "请先在列表中选择一项责任分工")
            return None
        return self.post_model.row(n)

    def edit_post(self) -> None:
        row = self._selected_post()
        if row is not None and AssignmentDialog(self.db, self.actor, row, self).exec():
            self.refresh()

    def delete_post(self) -> None:
        row = self._selected_post()
        if row is None or not ask(self, "删除责任分工", f"删除“{row.full_name} {row.post} {row.department}”？"
                                  "该职务的职责将不再列出（已完成的记录保留）。", "删除", "取消", default_yes=False):
            return
        try:
            posts.delete_assignment(self.db, self.actor, row.id)
        except ServiceError as exc:
            tell(self, "删除责任分工", str(exc), "warning")
        self.refresh()

    # -- frequencies ------------------------------------------------------------------------
    def _frequency_box(self) -> QGroupBox:
        box = QGroupBox("职责频次")
        self.freq_form = FieldForm()
        self.check_freq, self.meeting_freq = QComboBox(), QComboBox()
        for c in (self.check_freq, self.meeting_freq):
            for months, name in posts.FREQUENCIES.items():
                c.addItem(name, months)
        self.freq_form.add_field("check_months", "季度督查（分管负责人）：", self.check_freq)
        self.freq_form.add_field("meeting_months", "专题会议（主要负责人）：", self.meeting_freq)
        save = QPushButton("保存频次")
        save.clicked.connect(self.save_frequencies)
        lay = QVBoxLayout(box)
        lay.addLayout(self.freq_form)
        lay.addWidget(save)
        lay.addStretch(1)
        return box

    def save_frequencies(self) -> None:
        freq = posts.Frequencies(self.check_freq.currentData(), self.meeting_freq.currentData())
        if self.freq_form.attempt(self, "职责频次", lambda: posts.save_frequencies(self.db, self.actor, freq)):
            tell(self, "职责频次", "已保存。督查日历按新的频次列出职责。")

    # -- checklist template ---------------------------------------------------------------
    def _template_box(self) -> QGroupBox:
        box = QGroupBox("季度督查检查项目（新的督查记录按此列出；已有记录不变）")
        self.template = QTableWidget(0, 2)
        self.template.setHorizontalHeaderLabels(["检查项目", "说明（督查时提示）"])
        self.template.horizontalHeader().setStretchLastSection(True)
        self.template_error = QLabel()
        self.template_error.setStyleSheet(ERROR_STYLE)
        self.template_error.setWordWrap(True)
        buttons = QHBoxLayout()
        add_buttons(buttons, (("添加项目", self.add_item), ("删除项目", self.remove_item), ("上移", lambda: self.move(-1)),
                              ("下移", lambda: self.move(1)), ("保存检查项目", self.save_template)))
        lay = QVBoxLayout(box)
        lay.addWidget(self.template)
        lay.addWidget(self.template_error)
        lay.addLayout(buttons)
        return box

    def _set_template(self, items: list[checks.TemplateItem]) -> None:
        self.template.setRowCount(0)
        for item in items:
            self._append(item.name, item.hint)

    def _append(self, name: str, hint: str) -> None:
        n = self.template.rowCount()
        self.template.insertRow(n)
        self.template.setItem(n, 0, QTableWidgetItem(name))
        self.template.setItem(n, 1, QTableWidgetItem(hint))

    def template_items(self) -> list[checks.TemplateItem]:
        def cell(r: int, c: int) -> str:
            item = self.template.item(r, c)
            return item.text() if item is not None else ""

        return [checks.TemplateItem(cell(r, 0), cell(r, 1)) for r in range(self.template.rowCount())]

    def add_item(self) -> None:
        self._append("", "")
        self.template.setCurrentCell(self.template.rowCount() - 1, 0)
        self.template.editItem(self.template.item(self.template.rowCount() - 1, 0))

    def remove_item(self) -> None:
        if self.template.currentRow() >= 0:
            self.template.removeRow(self.template.currentRow())

    def move(self, step: int) -> None:
        r = self.template.currentRow()
        items = self.template_items()
        if r < 0 or not 0 <= r + step < len(items):
            return
        items[r], items[r + step] = items[r + step], items[r]
        self._set_template(items)
        self.template.setCurrentCell(r + step, 0)

    def save_template(self) -> None:
        try:
            checks.save_template(self.db, self.actor, self.template_items())
        except ValidationError as exc:
            self.template_error.setText("；".join(exc.fields.values()))
            return
        except ServiceError as exc:
            tell(self, "检查项目", str(exc), "warning")
            return
        self.template_error.clear()
        self._set_template(checks.template(self.db))
        tell(self, "检查项目", "检查项目已保存。")

    def refresh(self) -> None:
        self.post_model.set_rows(posts.list_assignments(self.db))
        freq = posts.current_frequencies(self.db)
        self.check_freq.setCurrentIndex(max(0, self.check_freq.findData(freq.check_months)))
        self.meeting_freq.setCurrentIndex(max(0, self.meeting_freq.findData(freq.meeting_months)))
        self._set_template(checks.template(self.db))
