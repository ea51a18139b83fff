"""One small table model for the 督查 tab's lists (duties, checks, meetings, tasks, posts).

These lists are short (a year has a few dozen duties, an office a few hundred
tasks), so the model holds the plain row objects the services return; a column
is a header and a function from the row to its text.  Rows in an "alert" state
(逾期, 逾期完成) are drawn in red in the column that says so.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

RED = QColor("#b00020")
_Index = QModelIndex | QPersistentModelIndex
R = TypeVar("R")


@dataclass(frozen=True)
class Col(Generic[R]):
    header: str
    text: Callable[[R], str]
    alert: Callable[[R], bool] | None = None  # draw this cell red when true


class RowsModel(QAbstractTableModel, Generic[R]):
    def __init__(self, columns: Sequence[Col[R]]) -> None:
        super().__init__()
        self.columns = list(columns)
        self.rows: list[R] = []

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row(self, n: int) -> R:
        return self.rows[n]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].header
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = self.rows[index.row()], self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return col.text(row)
        if role == Qt.ItemDataRole.ForegroundRole and col.alert is not None and col.alert(row):
            return QBrush(RED)
        return None

    def cells(self) -> list[list[str]]:
        """Every shown text, row by row (what a test or an export reads)."""
        return [[c.text(r) for c in self.columns] for r in self.rows]


MAX_COLUMN = 320  # pixels: the widest a column grows to fit its text


def table(model: QAbstractTableModel, parent: QWidget | None = None) -> QTableView:
    """A read-only, row-selecting table sized to its contents (the last column stretches)."""
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    # a long 整改内容 or 事项 is cut (the whole text is its tooltip) rather than pushing 状态 and 销号 off a 1366 screen
    view.horizontalHeader().setMaximumSectionSize(MAX_COLUMN)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def current_row(view: QTableView) -> int | None:
    rows = view.selectionModel().selectedRows()
    return rows[0].row() if rows else None


def preview_record(parent: QWidget, make: Callable[[], bytes], kind: str, title: str) -> None:
    """A signed 督查/会议 record through the shared print path (typeset off the UI thread, refusal in Chinese).

    ``make`` runs in a worker: it may read the database, never a widget.
    """
    from ui.letters import preview_print

    preview_print(parent, kind, lambda _progress: make(), title=f"{kind} — {title}", filename=f"{kind}（{title}）.pdf")
