"""Drill-down: the requests behind a table 三 cell, the cases behind a table 四 number.

The request list is the register's own lazy model filtered by the very SQL
condition the count uses (``counting.cell_condition``), so the list always has
exactly as many rows as the cell says.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.services.actor import Actor
from app.services.annual_report import cases, counting
from ui.register.view import RegisterView
from ui.report.cases_dialog import HEADERS, case_cells
from ui.requests.register_model import RegisterModel


class DrillDialog(QDialog):
    def __init__(self, db: Database, actor: Actor, year: int, row: str, col: int, expected: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.setWindowTitle(f"{year}年 表三 “{row}” · {counting.COLUMNS[col]}")
        self.resize(980, 520)
        lay = QVBoxLayout(self)
        self.caption = QLabel(f"{year}年度报告表三“{row}”行“{counting.COLUMNS[col]}”列：{expected}件。双击一行打开该申请。")
        self.caption.setWordWrap(True)
        lay.addWidget(self.caption)
        self.model = RegisterModel(db, self)
        self.model.set_base([counting.cell_condition(year, row, col)], "received_date", False)
        self.view = RegisterView(self.model)
        self.view.empty_text = lambda: "该格为0，没有对应的申请"
        self.view.record_activated.connect(self.open_request)
        lay.addWidget(self.view, 1)
        close = QPushButton("关闭")
        close.clicked.connect(self.accept)
        lay.addWidget(close)

    def open_request(self, request_id: int) -> None:
        from ui.requests.request_dialog import RequestDialog

        RequestDialog(self.db, self.actor, request_id, self).exec()


class CaseListDialog(QDialog):
    def __init__(self, db: Database, title: str, ids: list[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(900, 400)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(f"{title}：{len(ids)}件"))
        items = cases.cases(db, ids=ids) if ids else []
        self.table = QTableWidget(len(items), len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, c in enumerate(items):
            for col, text in enumerate(case_cells(c)):
                self.table.setItem(r, col, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        lay.addWidget(self.table, 1)
        close = QPushButton("关闭")
        close.clicked.connect(self.accept)
        lay.addWidget(close)
