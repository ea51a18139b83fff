"""The 督查 tab: the year's 一岗双责 duties (季度督查, 专题会议) with their holders, due days and status.

Duties are derived by app.services.supervision.duties from 责任分工; this page
only shows them (a year has at most a few dozen), with 逾期 in red so a missed
quarter cannot be overlooked.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.dates import cn_date
from app.db import Database
from app.services.actor import Actor
from app.services.supervision import duties as du

COLUMNS = ("期间", "职责", "职务", "负责人", "分管科室", "截止日期", "完成日期", "状态")
_RED = QColor("#b00020")
_Index = QModelIndex | QPersistentModelIndex


def _period_name(period: str) -> str:
    """2026Q1 → 2026年第一季度, 2026H2 → 2026年下半年, 2026-03 → 2026年3月, 2026 → 2026年."""
    year, rest = period[:4], period[4:]
    if rest.startswith("Q"):
        return f"{year}年第{'一二三四'[int(rest[1]) - 1]}季度"
    if rest.startswith("H"):
        return f"{year}年{'上下'[int(rest[1]) - 1]}半年"
    if rest.startswith("-"):
        return f"{year}年{int(rest[1:])}月"
    return f"{year}年"


class DutyModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[du.Duty] = []

    def set_rows(self, rows: list[du.Duty]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201, N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid():
            return None
        d = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (_period_name(d.period), d.kind, d.post, d.holder_name, "、".join(d.areas), cn_date(d.due),
                    cn_date(d.completed) if d.completed else "", d.status)[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and d.status in (du.OVERDUE, du.DONE_LATE) and index.column() == 7:
            return QBrush(_RED)
        return None


class SupervisionPage(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.year = QSpinBox()
        self.year.setRange(du.YEAR_FIRST, du.YEAR_LAST)
        self.year.setValue(db.today().year)
        self.year.setSuffix("年")
        self.summary = QLabel()
        self.model = DutyModel()
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        top = QHBoxLayout()
        top.addWidget(QLabel("一岗双责职责："))
        top.addWidget(self.year)
        top.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view)
        self.year.valueChanged.connect(self.refresh)
        self.refresh()

    def set_actor(self, actor: Actor) -> None:
        self.actor = actor

    def refresh(self) -> None:
        rows = du.duties_for_year(self.db, self.year.value())
        self.model.set_rows(rows)
        if not rows:
            self.summary.setText("该年没有职责：请先由系统管理员设置责任分工（主要负责人、分管负责人及分管科室）")
            return
        counts = {s: sum(1 for d in rows if d.status == s) for s in (du.TODO, du.DONE, du.OVERDUE, du.DONE_LATE)}
        self.summary.setText("，".join(f"{k}{v}项" for k, v in counts.items()))
