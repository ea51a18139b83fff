"""One notice: what was told, its state, reprint (byte-identical), and the next step.

When the person comes back with everything (已补齐) a 政府信息公开申请 can be
registered straight away, pre-filled with the person and phone; a notice for
that matter can be linked to the request whose 补正 it served.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.dates import cn_date
from app.db import Database
from app.services.actor import Actor
from app.services.catalogue import service as catalogue
from app.services.catalogue.elements import GOV_INFO_CATEGORY
from app.services.errors import ServiceError
from app.services.notices import issue, register
from ui.fit import start_size


class NoticeDialog(QDialog):
    def __init__(self, db: Database, actor: Actor, notice_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.notice_id = db, actor, notice_id
        self.show_pdf: Callable[[QDialog], object] = lambda dlg: dlg.exec()  # tests look at the preview instead
        self.started_request_id: int | None = None
        start_size(self, 900, 600)
        lay = QVBoxLayout(self)
        self.info = QFormLayout()
        lay.addLayout(self.info)
        self.items = QTableWidget(0, 4)
        self.items.setHorizontalHeaderLabels(["问题", "材料", "说明", "要求"])
        self.items.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.items.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        lay.addWidget(self.items, 1)
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (("reprint", "重印（与原件一致）", self.reprint), ("complete", "已补齐", self.complete),
                                ("not_returned", "未再来办理", self.not_returned),
                                ("start", "登记政府信息公开申请…", self.start_request),
                                ("link", "关联申请补正…", self.link), ("close", "关闭", self.accept)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            row.addWidget(b)
            self.buttons[key] = b
        lay.addLayout(row)
        self.load()

    def load(self) -> None:
        d = register.detail(self.db, self.notice_id)
        self.detail = d
        r = d.row
        self.setWindowTitle(f"一次性告知书 {r.number}")
        while self.info.rowCount():
            self.info.removeRow(0)
        state = r.state + (f"（{cn_date(d.completed_on)}）" if d.completed_on else "") \
            + (f"（{cn_date(d.closed_on)}）" if d.closed_on else "")
        for label, value in (("告知书编号", r.number), ("日期", cn_date(r.notice_date)),
                             ("申请人", f"{r.applicant_name}　{r.contact_phone}"),
                             ("事项", f"{r.matter_name}（依据事项清单第{r.matter_version}版）"),
                             ("经办人", f"{r.clerk}　{d.clerk_phone}"), ("状态", state),
                             ("关联申请", r.request_number or "—"), ("备注", d.remarks or "—"),
                             ("校验值", f"SHA-256 {d.sha256[:16]}…")):
            self.info.addRow(label, QLabel(value))
        self.items.setRowCount(len(d.items))
        for n, values in enumerate(d.items):
            for c, v in enumerate(values):
                self.items.setItem(n, c, QTableWidgetItem(v))
        self.items.resizeColumnsToContents()
        pending = r.state == issue.PENDING
        gov_info = catalogue.version_detail(self.db, d.matter_version_id).content.category == GOV_INFO_CATEGORY
        self.buttons["complete"].setEnabled(pending)
        self.buttons["not_returned"].setEnabled(pending)
        self.buttons["start"].setVisible(gov_info)
        self.buttons["start"].setEnabled(r.state == issue.COMPLETED)
        self.buttons["link"].setVisible(gov_info)

    def reprint(self) -> None:
        from ui.letters import preview_print
        from ui.notices.prints import TITLE, notice_printed

        nid = self.notice_id
        preview_print(self, TITLE, lambda _p: notice_printed(self.db, nid), show=self.show_pdf)

    def _act(self, fn, title: str) -> bool:  # noqa: ANN001
        try:
            fn(self.db, self.actor, self.notice_id)
        except ServiceError as exc:
            QMessageBox.warning(self, title, str(exc))
            return False
        self.load()
        return True

    def complete(self) -> None:
        if self._act(issue.mark_completed, "已补齐") and self.buttons["start"].isVisible():
            self.start_request()

    def not_returned(self) -> None:
        self._act(issue.mark_not_returned, "未再来办理")

    def start_request(self) -> None:
        """Open the request intake form pre-filled with the person and phone."""
        from ui.requests.intake_dialog import IntakeDialog

        dlg = IntakeDialog(self.db, self.actor, self)
        dlg.applicant_name.setText(self.detail.row.applicant_name)
        dlg.phone.setText(self.detail.row.contact_phone)
        if dlg.exec() and dlg.saved_id is not None:
            self.started_request_id = dlg.saved_id
            issue.link_request(self.db, self.actor, self.notice_id, dlg.saved_id)
            self.load()

    def link(self) -> None:
        from app.services.requests import queries

        number, ok = QInputDialog.getText(self, "关联申请补正", "申请编号：")
        if not ok or not number.strip():
            return
        rid = queries.find_by_number(self.db, number.strip())
        if rid is None:
            QMessageBox.warning(self, "关联申请补正", f"找不到申请编号“{number.strip()}”")
            return
        self._act(lambda db, actor, nid: issue.link_request(db, actor, nid, rid), "关联申请补正")
