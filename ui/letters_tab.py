"""The 文书 tab of a request: letters issued so far (with their 发文字号 and, for letters whose
periods run from receipt, the recorded 送达), 生成并预览 for the kinds its state allows,
登记送达 and 重新出具."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
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
from app.domain.vocab import SERVICE_METHODS
from app.letters import kinds
from app.services import letters
from app.services.actor import Actor
from app.services.errors import ServiceError
from app.services.requests.queries import RequestDetail
from ui.forms import ok_cancel_buttons
from ui.letters import PdfPreview, letter_printed, preview_print, print_and_preview
from ui.operations import Operation
from ui.widgets import DateEdit


class DeliveryDialog(QDialog):
    """送达日期 and 方式 of a letter whose period runs from the day it is received."""

    def __init__(self, info: letters.IssuedInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"登记送达 — {info.title}（{info.number}）")
        form = QFormLayout(self)
        self.day = DateEdit(dt.date.today())
        self.method = QComboBox()
        self.method.addItems(SERVICE_METHODS)
        form.addRow("送达日期", self.day)
        form.addRow("送达方式", self.method)
        form.addRow(QLabel("期限自送达之日起计算；登记前显示的期限是预计日期。"))
        form.addRow(ok_cancel_buttons(self, "登记", "取消", self.accept))


class LettersTab(QWidget):
    def __init__(self, db: Database, actor: Actor, request_id: int, on_change: Callable[[], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.request_id, self.on_change = db, actor, request_id, on_change
        self.open_preview = lambda dlg: dlg.exec()  # replaceable in tests
        lay = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel("文书种类"))
        self.kind = QComboBox()
        row.addWidget(self.kind, 1)
        self.generate_button = QPushButton("生成并预览")
        self.generate_button.clicked.connect(self.generate)
        row.addWidget(self.generate_button)
        lay.addLayout(row)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(["文书", "发文字号", "落款日期", "送达", "出具人", "校验值"])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(lambda _: self.open_selected())
        lay.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        open_button = QPushButton("查看 / 打印所选文书")
        open_button.clicked.connect(lambda: self.open_selected())
        self.deliver_button = QPushButton("登记送达…")
        self.deliver_button.clicked.connect(self.record_delivery)
        self.reissue_button = QPushButton("重新出具（新文号、今日落款）")
        self.reissue_button.clicked.connect(self.reissue_selected)
        for b in (open_button, self.deliver_button, self.reissue_button):
            buttons.addWidget(b)
        lay.addLayout(buttons)
        self.open_delivery = lambda dlg: dlg.exec() == QDialog.DialogCode.Accepted  # replaceable in tests
        self.print_first = print_and_preview  # Ctrl+P: the print dialog, then the preview (replaceable in tests)
        self.issued: list[letters.IssuedInfo] = []

    def refresh(self, d: RequestDetail) -> None:
        self.kind.clear()
        reply = kinds.reply_kind(d)
        for k in kinds.KINDS:
            if k.is_reply and k is not reply:
                continue
            if k.consultation in ("第三方", "其他机关"):  # one letter per consulted party
                for c in d.consultations:
                    if k.available(d, c) is None:
                        self.kind.addItem(f"{k.name}（{c.party}）", (k.code, c.id))
            elif k.available(d, kinds.consultation_for(k, d, None)) is None:
                self.kind.addItem(k.name, (k.code, None))
        self.generate_button.setEnabled(self.kind.count() > 0)
        self.issued = letters.issued_for(self.db, self.request_id)
        self.table.setRowCount(len(self.issued))
        for i, info in enumerate(self.issued):
            title = info.title + ("（已过时）" if info.outdated else "")
            for j, v in enumerate((title, info.number, cn_date(info.letter_date), self._delivery_text(d, info),
                                   info.issued_by, info.sha256)):
                self.table.setItem(i, j, QTableWidgetItem(v))
        self.table.resizeColumnsToContents()

    @staticmethod
    def _delivery_text(d: RequestDetail, info: letters.IssuedInfo) -> str:
        if info.kind not in kinds.DELIVERY_COUNTS:
            return ""
        if info.kind == "correction":
            day, due = d.correction_delivered, d.correction_deadline
        elif info.kind == "fee":
            day, due = d.fee_delivered, d.fee_deadline
        else:
            c = next((x for x in d.consultations if x.id == info.consultation_id), None)
            day, due = (c.delivered_date, c.reply_due) if c else (None, None)
        if day is None:
            return f"未登记（期限预计至{cn_date(due)}）" if due else "未登记"
        return f"{cn_date(day)}送达，期限至{cn_date(due)}"

    def selected(self) -> letters.IssuedInfo | None:
        row = self.table.currentRow()
        return self.issued[row] if 0 <= row < len(self.issued) else None

    def needing_reissue(self) -> list[letters.IssuedInfo]:
        """Letters 已过时 and not replaced since (the last of their kind and consultation is outdated)
        whose kind the record still calls for — what 重新出具 can replace."""
        latest: dict[tuple[str, int | None], letters.IssuedInfo] = {}
        for info in self.issued:  # in issue order: the last one of each kind wins
            latest[(info.kind, info.consultation_id)] = info
        offered = {tuple(self.kind.itemData(i)) for i in range(self.kind.count())}
        return [i for i in latest.values()
                if i.outdated and ((i.kind, i.consultation_id) in offered or (i.kind, None) in offered)]

    def record_delivery(self) -> None:
        info = self.selected()
        if info is None or info.kind not in kinds.DELIVERY_COUNTS:
            QMessageBox.information(self, "登记送达", "请选择补正告知书、收费通知书或征求意见书（函）。"
                                    "答复告知书的送达请在申请的“送达”操作中登记。")
            return
        dlg = DeliveryDialog(info, self)
        if not self.open_delivery(dlg):
            return
        try:
            day = dlg.day.value()
            if day is None:
                raise ServiceError("请填写送达日期")
            letters.record_letter_delivery(self.db, self.actor, info.id, day, dlg.method.currentText())
        except ServiceError as exc:
            QMessageBox.warning(self, "登记送达", str(exc))
            return
        self.on_change()

    def reissue_selected(self) -> Operation | None:
        """重新出具: a new letter (new 文号, today's facts) typeset off the UI thread, then shown."""
        info = self.selected()
        if info is None:
            return None
        return self.reissue_letters([info])

    def reissue_letters(self, infos: list[letters.IssuedInfo]) -> Operation | None:
        """重新出具 each letter in turn, each through the one print path: the next one is made when the
        preview of the one before closes (each takes its new 文号 as it is made)."""
        if not infos:
            return None
        first, rest = infos[0], infos[1:]

        def show(dlg: PdfPreview) -> None:
            self.open_preview(dlg)
            self.reissue_letters(rest)

        return self._issue(first.title, lambda: letters.reissue(self.db, self.actor, first.id), show=show)

    def select_kind(self, code: str) -> None:
        for i in range(self.kind.count()):
            if self.kind.itemData(i)[0] == code:
                self.kind.setCurrentIndex(i)
                return

    def generate(self) -> Operation | None:
        """生成并预览: issued and typeset off the UI thread; a missing element is told, nothing issued."""
        data = self.kind.currentData()
        if not data:
            return None
        code, consultation_id = data
        return self._issue(self.kind.currentText(),
                           lambda: letters.issue(self.db, self.actor, self.request_id, code, consultation_id))

    def _issue(self, what: str, issue: Callable[[], letters.IssuedInfo],
               show: Callable[[PdfPreview], object] | None = None) -> Operation | None:
        # issuing writes (a 文号 is taken): 取消 could not undo it, so the progress dialog offers none
        return preview_print(self, what, lambda _p: letter_printed(self.db, issue()), cancellable=False,
                             show=show or self.open_preview, on_built=lambda _printed: self.on_change())

    def open_selected(self, print_first: bool = False) -> Operation | None:
        """查看 / 打印所选文书 (with ``print_first``, Ctrl+P: the print dialog straight away)."""
        info = self.selected()
        if info is None:
            return None
        return preview_print(self, info.title, lambda _p: letter_printed(self.db, info),
                             show=self.print_first if print_first else self.open_preview)
