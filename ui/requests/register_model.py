"""The register table: holds ids, fetches rows in pages as the view asks for them."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.dates import cn_date
from app.db import Database
from app.domain.vocab import State
from app.services.requests import queries

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()

COL_NUMBER, COL_RECEIVED, COL_APPLICANT, COL_TYPE, COL_CHANNEL, COL_CONTENT, COL_STATE, COL_DUE, COL_RESULT, \
    COL_REPLY = range(10)
HEADERS = ["申请编号", "收到日期", "申请人", "申请人类型", "申请方式", "申请内容", "状态", "答复期限", "办理结果",
           "答复日期"]
SORT_KEYS = {COL_NUMBER: "number", COL_RECEIVED: "received_date", COL_APPLICANT: "applicant_name",
             COL_TYPE: "applicant_type", COL_CHANNEL: "channel", COL_STATE: "state", COL_DUE: "due_date",
             COL_RESULT: "result", COL_REPLY: "reply_date"}
PAGE = 200
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2

OVERDUE = QColor("#f8d7da")
DUE_SOON = QColor("#fff3cd")


class RegisterModel(QAbstractTableModel):
    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(parent)
        self.db = db
        self.filter = queries.RegisterFilter()
        self.sort_key, self.descending = "received_date", True
        self.ids: list[int] = []
        self._base_ids: list[int] = []
        self._base_key: tuple | None = None
        self._rows: dict[int, queries.RegisterRow] = {}
        self.today = dt.date.today()
        self.soon = self.today

    # -- loading ------------------------------------------------------------
    def reload(self) -> None:
        """Re-read from the database (after a change, or a new sort or filter)."""
        self._base_key = None
        self._apply()

    def _apply(self) -> None:
        # The sorted id list for the filters other than the search text is kept, so a
        # keystroke in the search box only scans for matches and filters that list.
        base_filter = replace(self.filter, search="")
        key = (base_filter, self.sort_key, self.descending)
        self.beginResetModel()
        if key != self._base_key:
            self.today = self.db.today()
            self.soon = self.db.calendar().add_working_days(self.today, queries.DUE_SOON_DAYS).date
            self._base_ids = queries.list_ids(self.db, base_filter, self.sort_key, self.descending, self.today)
            self._base_key = key
            self._rows = {}
        if self.filter.search.strip():
            matched = queries.matching_ids(self.db, self.filter.search)
            self.ids = [i for i in self._base_ids if i in matched]
        else:
            self.ids = self._base_ids
        self.endResetModel()

    def set_filter(self, f: queries.RegisterFilter) -> None:
        self.filter = f
        self._apply()

    def row_data(self, row: int) -> queries.RegisterRow:
        rid = self.ids[row]
        data = self._rows.get(rid)
        if data is None:
            start = (row // PAGE) * PAGE
            page = [i for i in self.ids[start:start + PAGE] if i not in self._rows]
            self._rows.update(queries.fetch_rows(self.db, page))
            data = self._rows[rid]
        return data

    def id_at(self, row: int) -> int:
        return self.ids[row]

    def row_of(self, request_id: int) -> int:
        try:
            return self.ids.index(request_id)
        except ValueError:
            return -1

    # -- Qt model -------------------------------------------------------------
    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.ids):
            return None
        if role == ID_ROLE:
            return self.ids[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole,
                        SORT_ROLE):
            return None
        r = self.row_data(index.row())
        col = index.column()
        is_open = State(r.state).is_open
        if role == Qt.ItemDataRole.BackgroundRole:
            if is_open and r.due_date < self.today:
                return QBrush(OVERDUE)
            if is_open and r.due_date <= self.soon:
                return QBrush(DUE_SOON)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_DUE and r.due_provisional:
                return "暂估：涉及尚未录入节假日安排的年份"
            if col == COL_CONTENT:
                return r.content
            if is_open and r.due_date < self.today:
                return "已逾期"
            return None
        if role == SORT_ROLE:
            return {COL_RECEIVED: r.received_date, COL_DUE: r.due_date}.get(col, self._display(r, col))
        return self._display(r, col)

    def _display(self, r: queries.RegisterRow, col: int) -> str:
        if col == COL_NUMBER:
            return r.number
        if col == COL_RECEIVED:
            return cn_date(r.received_date)
        if col == COL_APPLICANT:
            return r.applicant_name
        if col == COL_TYPE:
            return r.applicant_type
        if col == COL_CHANNEL:
            return r.channel
        if col == COL_CONTENT:
            return r.content
        if col == COL_STATE:
            return r.state
        if col == COL_DUE:
            if not State(r.state).is_open:
                return cn_date(r.due_date)
            return cn_date(r.due_date) + ("（暂估）" if r.due_provisional else "")
        if col == COL_RESULT:
            return r.result
        if col == COL_REPLY:
            if r.reply_date is None:
                return ""
            return cn_date(r.reply_date) + ("" if r.on_time in (True, None) else "（超期）")
        return ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(column)
        if key is None:
            return
        self.sort_key = key
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()
