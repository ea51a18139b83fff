"""Tables 二、三、四 on screen: every number a clickable cell, with last year's totals and the change."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from app.domain import taxonomy
from app.services.annual_report import counting
from app.services.annual_report.figures import LABELS, wan
from app.services.annual_report.report import AnnualReport

NUMERALS = "一二三四五六七"
HEAD_ROWS = {counting.NEW: "一、本年新收政府信息公开申请数量", counting.CARRIED_IN: "二、上年结转政府信息公开申请数量",
             counting.TOTAL: "三、（七）总计", counting.CARRIED_OUT: "四、结转下年度继续办理"}
MISSING = QColor("#fff3cd")


def row_label(key: str) -> str:
    if key in HEAD_ROWS:
        return HEAD_ROWS[key]
    if key in taxonomy.CATEGORIES:
        return f"三、（{NUMERALS[taxonomy.CATEGORIES.index(key)]}）{key}"
    leaf = taxonomy.BY_LABEL[key]
    same = [x for x in taxonomy.LEAVES if x.category == leaf.category]
    return f"　　{same.index(leaf) + 1}．{leaf.name}"


def _item(text: str, bold: bool = False, number: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    item.setToolTip(text)
    if number:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if bold:
        font = QFont()
        font.setBold(True)
        item.setFont(font)
    return item


def _change(now: int, before: int) -> str:
    return "0" if now == before else f"{now - before:+d}"


class Table3View(QTableWidget):
    """Rows of table 三; clicking a number asks for the requests behind it (cell_clicked(row key, col))."""

    cell_chosen = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(len(counting.ROWS), 10, parent)
        self.setHorizontalHeaderLabels([*counting.COLUMNS, "上年总计", "增减", ""])
        self.setColumnHidden(9, True)
        self.setVerticalHeaderLabels([row_label(k) for k in counting.ROWS])
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.cellClicked.connect(self._clicked)
        self.setToolTip("点击数字查看对应的申请")

    def show_report(self, r: AnnualReport) -> None:
        previous = r.previous.rows if r.previous else None
        for i, key in enumerate(counting.ROWS):
            values = r.table3.rows[key]
            bold = key in HEAD_ROWS or key in taxonomy.CATEGORIES
            for col, v in enumerate(values):
                self.setItem(i, col, _item(str(v), bold and col == 6, True))
            if previous is not None:
                self.setItem(i, 7, _item(str(previous[key][6]), number=True))
                self.setItem(i, 8, _item(_change(values[6], previous[key][6]), number=True))
        balance = r.table3.balance()
        for col, diff in enumerate(balance):
            if diff:
                for key in (counting.NEW, counting.CARRIED_IN, counting.TOTAL, counting.CARRIED_OUT):
                    self.item(counting.ROWS.index(key), col).setBackground(QBrush(QColor("#f8d7da")))
        self.resizeColumnsToContents()

    def _clicked(self, row: int, col: int) -> None:
        if 0 <= row < len(counting.ROWS) and 0 <= col <= 6:
            self.cell_chosen.emit(counting.ROWS[row], col)


TABLE4_HEADERS = [label.replace("行政诉讼/", "诉讼/").replace("行政复议/", "复议/") for label in counting.TABLE4_LABELS]


class Table4View(QTableWidget):
    """Table 四 with last year's numbers under it; clicking a number lists the cases."""

    number_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(3, 15, parent)
        self.setHorizontalHeaderLabels([h.replace("/", "\n") for h in TABLE4_HEADERS])
        self.setVerticalHeaderLabels(["本年", "上年", "增减"])
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.cellClicked.connect(lambda row, col: self.number_chosen.emit(col) if row == 0 else None)
        self.setToolTip("点击本年的数字查看对应的案件")

    def show_report(self, r: AnnualReport) -> None:
        for col, v in enumerate(r.table4):
            self.setItem(0, col, _item(str(v), number=True))
            if r.previous_table4:
                self.setItem(1, col, _item(str(r.previous_table4[col]), number=True))
                self.setItem(2, col, _item(_change(v, r.previous_table4[col]), number=True))
        self.resizeColumnsToContents()


class Table2View(QTableWidget):
    """Table 二 as entered (blank = missing, marked)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(len(LABELS), 1, parent)
        self.setHorizontalHeaderLabels(["数量"])
        self.setVerticalHeaderLabels(list(LABELS.values()))
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.horizontalHeader().setStretchLastSection(True)

    def show_report(self, r: AnnualReport) -> None:
        for i, key in enumerate(LABELS):
            value = getattr(r.figures, key)
            text = (wan(value) or "") if key == "fees_yuan" else ("" if value is None else str(value))
            item = _item(text or "（未填写）", number=bool(text))
            if not text:
                item.setBackground(QBrush(MISSING))
            self.setItem(i, 0, item)
