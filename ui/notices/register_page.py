"""告知书登记: every one-time notice, searchable, with its state actions and the Excel export."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.dates import cn_date
from app.db import Database
from app.services.actor import Actor
from app.services.errors import ServiceError
from app.services.notices import issue, register
from ui.files import ask_save_path
from ui.register.model import Column, LazyRegisterModel
from ui.register.view import RegisterView

(R_ID, R_NUMBER, R_DATE, R_APPLICANT, R_PHONE, R_MATTER, R_VERSION, R_MISSING, R_CLERK, R_STATE,
 R_REQUEST) = range(len(register.ROW_COLUMNS))
COLUMNS = [
    Column("告知书编号", lambda r: r[R_NUMBER], sort_key="number"),
    Column("日期", lambda r: cn_date(r[R_DATE]), sort_key="notice_date"),
    Column("申请人", lambda r: r[R_APPLICANT], sort_key="applicant_name"),
    Column("联系电话", lambda r: r[R_PHONE]),
    Column("事项", lambda r: f"{r[R_MATTER]}（第{r[R_VERSION]}版）", sort_key="matter_name"),
    Column("缺少或不符合要求的材料", lambda r: r[R_MISSING], tooltip=lambda r: r[R_MISSING], elide=True),
    Column("经办人", lambda r: r[R_CLERK], sort_key="clerk"),
    Column("状态", lambda r: r[R_STATE], sort_key="state"),
    Column("关联申请", lambda r: r[R_REQUEST] or ""),
]
PENDING_COLOUR = QColor("#fff3cd")


class NoticeModel(LazyRegisterModel):
    def row_background(self, r: tuple) -> QBrush | None:
        return QBrush(PENDING_COLOUR) if r[R_STATE] == issue.PENDING else None


class NoticeRegister(QWidget):
    """The list with search, state filter and actions; ``new_notice`` opens the counter checklist."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.show_pdf: Callable[[QDialog], object] | None = None  # None: print dialog, then preview; tests replace it
        self.model = NoticeModel(db, register.SPEC, COLUMNS, self)
        lay = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.new_button = QPushButton("出具一次性告知书（Ctrl+N）")  # the key is the main window's 新建
        self.new_button.clicked.connect(self.new_notice)
        bar.addWidget(self.new_button)
        self.search = QLineEdit()
        self.search.setPlaceholderText("查找：编号、申请人（拼音首字母亦可）、电话、事项、材料")
        self.search.textChanged.connect(self.model.set_search)
        bar.addWidget(self.search, 1)
        self.state = QComboBox()
        self.state.addItems(["全部状态", *issue.STATES])
        self.state.currentIndexChanged.connect(lambda _i: self.refresh())
        bar.addWidget(self.state)
        lay.addLayout(bar)
        self.view = RegisterView(self.model)
        self.view.empty_text = lambda: ("没有找到包含“" + self.model.search_text + "”的告知书") \
            if self.model.search_text else "还没有出具过一次性告知书"
        self.view.record_activated.connect(self.open_notice)
        self.view.enable_export("一次性告知书登记列表", lambda: self.actor)  # 导出当前列表 (ui/register/export.py)
        lay.addWidget(self.view, 1)
        actions = QHBoxLayout()
        self.counts = QLabel()
        actions.addWidget(self.counts, 1)
        for text, slot in (("查看/重印", self.open_selected), ("已补齐", self.complete_selected),
                           ("未再来办理", self.not_returned_selected), ("导出Excel…", self.export_dialog)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            actions.addWidget(b)
        self.pattern_button = QPushButton("编号格式…")
        self.pattern_button.setToolTip("告知书编号格式（系统管理员），如 {文号代字}告〔{年}〕{序号}号")
        self.pattern_button.clicked.connect(self.edit_pattern)
        actions.addWidget(self.pattern_button)
        lay.addLayout(actions)
        for col, width in ((0, 170), (1, 120), (2, 80), (3, 105), (4, 210), (6, 60), (7, 80), (8, 140)):
            self.view.setColumnWidth(col, width)
        self.set_actor(actor)
        self.refresh()

    def set_actor(self, actor: Actor) -> None:
        self.actor = actor
        self.pattern_button.setEnabled(actor.is_admin)

    def edit_pattern(self) -> None:
        """告知书编号格式: a setting, checked by the numbering service like the request numbers'."""
        from PySide6.QtWidgets import QInputDialog

        current = issue.notice_pattern(self.db)
        text, ok = QInputDialog.getText(self, "告知书编号格式", "编号格式（必须含{年}和{序号}，可用{文号代字}）：",
                                        text=current)
        if not ok or text.strip() == current:
            return
        try:
            issue.set_notice_pattern(self.db, self.actor, text)
        except ServiceError as exc:  # a bad pattern (ValidationError) or no right
            QMessageBox.warning(self, "告知书编号格式", str(exc))

    def filter(self) -> register.NoticeFilter:
        state = self.state.currentText()
        return register.NoticeFilter(state=state if state in issue.STATES else "")

    def refresh(self) -> None:
        f = self.filter()
        self.model.set_base(register.where(f), "notice_date", True)
        counts = register.counts(self.db)
        self.counts.setText("　".join(f"{s}：{counts.get(s, 0)}份" for s in issue.STATES))

    def selected_id(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.id_at(rows[0].row()) if rows else None

    def new_notice(self, **prefill) -> None:  # noqa: ANN003
        from ui.notices.checklist_dialog import ChecklistDialog

        dlg = ChecklistDialog(self.db, self.actor, self, **prefill)
        dlg.exec()
        if dlg.notice_id is not None:
            self.refresh()

    def reprint_selected(self) -> None:
        """打印 (Ctrl+P): the stored PDF of the selected notice, byte for byte."""
        from ui.letters import preview_print, print_and_preview
        from ui.notices.prints import TITLE, notice_printed

        nid = self.selected_id()
        if nid is None:
            QMessageBox.information(self, "打印", "请先在列表中选择一份告知书")
            return
        preview_print(self, TITLE, lambda _p: notice_printed(self.db, nid), show=self.show_pdf or print_and_preview)

    def open_selected(self) -> None:
        nid = self.selected_id()
        if nid is not None:
            self.open_notice(nid)

    def open_notice(self, notice_id: int) -> None:
        from ui.notices.notice_dialog import NoticeDialog

        NoticeDialog(self.db, self.actor, notice_id, self).exec()
        self.model.refresh_record(notice_id)
        self.refresh()

    def _act(self, fn, label: str) -> None:  # noqa: ANN001
        nid = self.selected_id()
        if nid is None:
            QMessageBox.information(self, label, "请先在列表中选择一份告知书")
            return
        try:
            fn(self.db, self.actor, nid)
        except ServiceError as exc:
            QMessageBox.warning(self, label, str(exc))
            return
        self.model.refresh_record(nid)
        self.refresh()

    def complete_selected(self) -> None:
        self._act(issue.mark_completed, "已补齐")

    def not_returned_selected(self) -> None:
        self._act(issue.mark_not_returned, "未再来办理")

    def export_dialog(self) -> None:
        path, _ = ask_save_path(self, "导出一次性告知书登记", "一次性告知书登记.xlsx", "Excel 文件 (*.xlsx)")
        if path:
            count = self.export_to(Path(path))
            QMessageBox.information(self, "导出", f"已导出{count}份告知书")

    def export_to(self, path: Path) -> int:
        """The list as shown (filter and search applied)."""
        return register.export_notices(self.db, path, ids=list(self.model.ids))

