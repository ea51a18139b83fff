"""复议/诉讼 of one request: the list, and a form to enter or change a case (opened from the request window)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.dates import cn_date
from app.db import Database
from app.db.models.annual import CASE_KINDS, CASE_RESULTS, LAWSUIT, SUIT_ROUTES
from app.services.actor import Actor
from app.services.annual_report import cases
from app.services.errors import ServiceError, ValidationError
from ui.forms import FieldForm, ok_cancel_buttons, tell
from ui.widgets import DateEdit, combo


class CaseForm(QDialog):
    """Enter or change one case; every field problem is shown next to its field, nothing half-saved."""

    def __init__(self, db: Database, actor: Actor, request_id: int, case: cases.CaseInfo | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.request_id, self.case = db, actor, request_id, case
        self.setWindowTitle("修改复议或诉讼案件" if case else "登记复议或诉讼案件")
        lay = QVBoxLayout(self)
        self.form = FieldForm()
        self.kind = self.form.add_field("kind", "类别", combo(list(CASE_KINDS), case.kind if case else ""))
        self.route = self.form.add_field("route", "起诉方式", combo(["", *SUIT_ROUTES], case.route if case else ""))
        self.number = self.form.add_field("case_number", "案号", QLineEdit(case.case_number if case else ""))
        self.body = self.form.add_field("body", "复议机关或法院", QLineEdit(case.body if case else ""))
        self.filed = self.form.add_field("filed_date", "申请复议或起诉日期", DateEdit(case.filed_date if case else None))
        self.result = self.form.add_field("result", "结果", combo(list(CASE_RESULTS), case.result if case else "尚未审结"))
        self.decided = self.form.add_field("decided_date", "审结日期",
                                           DateEdit(case.decided_date if case else None, optional=True))
        self.remarks = self.form.add_field("remarks", "备注", QPlainTextEdit(case.remarks if case else ""))
        self.remarks.setMaximumHeight(70)
        lay.addLayout(self.form)
        lay.addWidget(self.form.general_label())
        lay.addWidget(ok_cancel_buttons(self, "保存", "取消", self.save))
        self.kind.currentTextChanged.connect(self._kind_changed)
        self._kind_changed(self.kind.currentText())

    def _kind_changed(self, kind: str) -> None:
        self.route.setEnabled(kind == LAWSUIT)
        if kind != LAWSUIT:
            self.route.setCurrentIndex(0)

    def value(self) -> cases.CaseInput:
        errors: dict[str, str] = {}
        dates: dict[str, dt.date | None] = {}
        for name, edit in (("filed_date", self.filed), ("decided_date", self.decided)):
            try:
                dates[name] = edit.value()
            except ValidationError as exc:
                errors[name] = "；".join(exc.fields.values())
        if errors:
            raise ValidationError(errors)
        return cases.CaseInput(self.kind.currentText(), self.route.currentText(), self.number.text(),
                               self.body.text(), dates["filed_date"], self.result.currentText(),
                               dates["decided_date"], self.remarks.toPlainText())

    def save(self) -> None:
        try:
            d = self.value()
            if self.case is None:
                cases.add_case(self.db, self.actor, self.request_id, d)
            else:
                cases.update_case(self.db, self.actor, self.case.id, d)
        except ValidationError as exc:
            self.form.show_errors(exc)
            return
        except ServiceError as exc:
            tell(self, self.windowTitle(), str(exc), "warning")
            return
        self.accept()


HEADERS = ["类别", "案号", "复议机关或法院", "申请/起诉日期", "结果", "审结日期", "申请编号"]


def case_cells(c: cases.CaseInfo) -> list[str]:
    return [c.kind_label, c.case_number, c.body, cn_date(c.filed_date), c.result, cn_date(c.decided_date),
            c.request_number]


class CasesDialog(QDialog):
    """The request's 复议/诉讼 cases (table 四 counts them)."""

    def __init__(self, db: Database, actor: Actor, request_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.request_id = db, actor, request_id
        self.changed = False
        self.setWindowTitle("行政复议、行政诉讼")
        self.resize(820, 360)
        lay = QVBoxLayout(self)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _: self.edit())
        lay.addWidget(self.table)
        row = QHBoxLayout()
        for text, slot in (("登记…", self.add), ("修改…", self.edit), ("删除…", self.delete),
                           ("添加案件文书…", self.attach)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            row.addWidget(b)
        row.addStretch()
        close = QPushButton("关闭")
        close.clicked.connect(self.accept)
        row.addWidget(close)
        lay.addLayout(row)
        self.items: list[cases.CaseInfo] = []
        self.refresh()

    def refresh(self) -> None:
        self.items = cases.cases(self.db, self.request_id)
        self.table.setRowCount(len(self.items))
        for r, c in enumerate(self.items):
            for col, text in enumerate(case_cells(c)):
                self.table.setItem(r, col, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    def _selected(self) -> cases.CaseInfo | None:
        row = self.table.currentRow()
        if 0 <= row < len(self.items):
            return self.items[row]
        tell(self, self.windowTitle(), "请先选中一个案件")
        return None

    def add(self) -> None:
        if CaseForm(self.db, self.actor, self.request_id, None, self).exec():
            self.changed = True
            self.refresh()

    def edit(self) -> None:
        c = self._selected()
        if c is not None and CaseForm(self.db, self.actor, self.request_id, c, self).exec():
            self.changed = True
            self.refresh()

    def attach(self) -> None:
        """Decisions, judgments and other case papers are kept with the request (SHA-256, timeline)."""
        from pathlib import Path

        from PySide6.QtWidgets import QFileDialog

        from app.services.requests import actions

        path, _ = QFileDialog.getOpenFileName(self, "添加复议或诉讼文书")
        if not path:
            return
        try:
            actions.add_attachment(self.db, self.actor, self.request_id, Path(path))
        except ServiceError as exc:
            tell(self, "添加文书", str(exc), "warning")
            return
        self.changed = True
        tell(self, "添加文书", "已作为该申请的附件保存（申请窗口“附件”页）。")

    def delete(self) -> None:
        c = self._selected()
        if c is None:
            return
        reason, ok = QInputDialog.getText(self, "删除案件", f"删除{c.kind_label} {c.case_number}的原因：")
        if not ok:
            return
        try:
            cases.delete_case(self.db, self.actor, c.id, reason)
        except ServiceError as exc:
            tell(self, "删除案件", str(exc), "warning")
            return
        self.changed = True
        self.refresh()
