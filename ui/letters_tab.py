"""The 文书 tab of a request: letters issued so far, and 生成并预览 for the kinds its state allows."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
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
from app.letters import kinds
from app.services import letters
from app.services.actor import Actor
from app.services.errors import ServiceError
from app.services.requests.queries import RequestDetail
from ui.letters import LetterPreview


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
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(["文书", "发文字号", "落款日期", "出具人", "SHA-256"])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(lambda _: self.open_selected())
        lay.addWidget(self.table, 1)
        open_button = QPushButton("查看 / 打印所选文书")
        open_button.clicked.connect(self.open_selected)
        lay.addWidget(open_button)
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
                        self.kind.addItem(f"{k.title}（{c.party}）", (k.code, c.id))
            elif k.available(d, kinds.consultation_for(k, d, None)) is None:
                self.kind.addItem(k.title, (k.code, None))
        self.generate_button.setEnabled(self.kind.count() > 0)
        self.issued = letters.issued_for(self.db, self.request_id)
        self.table.setRowCount(len(self.issued))
        for i, info in enumerate(self.issued):
            title = info.title + ("（已过时）" if info.outdated else "")
            for j, v in enumerate((title, info.number, cn_date(info.letter_date), info.issued_by, info.sha256)):
                self.table.setItem(i, j, QTableWidgetItem(v))
        self.table.resizeColumnsToContents()

    def select_kind(self, code: str) -> None:
        for i in range(self.kind.count()):
            if self.kind.itemData(i)[0] == code:
                self.kind.setCurrentIndex(i)
                return

    def generate(self) -> letters.IssuedInfo | None:
        data = self.kind.currentData()
        if not data:
            return None
        code, consultation_id = data
        try:
            info = letters.issue(self.db, self.actor, self.request_id, code, consultation_id)
        except ServiceError as exc:
            QMessageBox.warning(self, "无法出具文书", str(exc))
            return None
        self.on_change()
        self.open_preview(LetterPreview(self.db, info, self))
        return info

    def open_selected(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.issued):
            self.open_preview(LetterPreview(self.db, self.issued[row], self))
