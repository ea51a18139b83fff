"""帮助 → 操作日志 (系统管理员 and 监督检查人员) and 检查数据完整性 (everyone).

The table model holds only ids; rows are fetched from the service a screenful at
a time, so a log of millions of rows opens as fast as a short one.  The
integrity check walks the whole hash chain off the UI thread, with progress.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QStandardPaths,
    Qt,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.services import audit
from app.services.actor import Actor
from app.services.errors import ServiceError
from ui.files import ask_save_path
from ui.operations import run_in_background
from ui.widgets import DateEdit

_Index = QModelIndex | QPersistentModelIndex
CHUNK = 200
SEARCH_IN_PLACE = 50_000  # log rows up to which a search takes well under 0.1 s


class AuditTableModel(QAbstractTableModel):
    COLUMNS = ("编号", "时间", "操作人", "操作", "记录类型", "记录")

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.ids: list[int] = []
        self._rows: dict[int, audit.AuditRow] = {}

    def set_ids(self, ids: list[int]) -> None:
        self.beginResetModel()
        self.ids, self._rows = ids, {}
        self.endResetModel()

    def row_at(self, i: int) -> audit.AuditRow | None:
        if not 0 <= i < len(self.ids):
            return None
        rid = self.ids[i]
        if rid not in self._rows:
            start = i - i % CHUNK
            for r in audit.entries(self.db, self.ids[start:start + CHUNK]):
                self._rows[r.id] = r
        return self._rows.get(rid)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        r = self.row_at(index.row())
        if r is None:
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return r.details or None
        return (str(r.id), r.when, r.actor, r.action, r.entity, r.record)[index.column()]


class AuditLogDialog(QDialog):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.setWindowTitle("操作日志")
        self.resize(1100, 680)
        lay = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.record = QLineEdit()
        self.record.setPlaceholderText("记录（如申请编号、姓名）")
        self.person = QLineEdit()
        self.person.setPlaceholderText("操作人")
        self.use_dates = QCheckBox("日期")
        today = dt.date.today()
        self.start = DateEdit(today - dt.timedelta(days=30))
        self.end = DateEdit(today)
        for w in (self.start, self.end):
            w.setEnabled(False)
        self.use_dates.toggled.connect(self.start.setEnabled)
        self.use_dates.toggled.connect(self.end.setEnabled)
        self.search_button = QPushButton("查询")
        self.search_button.setDefault(True)
        self.search_button.clicked.connect(self.search)
        for w in (QLabel("记录"), self.record, QLabel("操作人"), self.person, self.use_dates, self.start,
                  QLabel("至"), self.end, self.search_button):
            bar.addWidget(w)
        lay.addLayout(bar)
        self.model = AuditTableModel(db, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate((70, 175, 150, 140, 110)):
            self.table.setColumnWidth(col, width)
        self.table.selectionModel().currentRowChanged.connect(self._show_details)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setPlaceholderText("选中一条记录，这里显示改动的每一项（改动前 → 改动后）")
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.details)
        split.setSizes([460, 160])
        lay.addWidget(split)
        row = QHBoxLayout()
        self.count_label = QLabel()
        row.addWidget(self.count_label)
        row.addStretch()
        self.export_button = QPushButton("导出Excel…")
        self.export_button.clicked.connect(self.export)
        check = QPushButton("检查数据完整性")
        check.clicked.connect(lambda: check_integrity(self, self.db))
        close = QPushButton("关闭")
        close.clicked.connect(self.accept)
        for w in (self.export_button, check, close):
            row.addWidget(w)
        lay.addLayout(row)
        self.search()

    def current_filter(self) -> audit.AuditFilter:
        dated = self.use_dates.isChecked()
        return audit.AuditFilter(record=self.record.text(), person=self.person.text(),
                                 start=self.start.value() if dated else None, end=self.end.value() if dated else None)

    def search(self) -> None:
        """A short log is searched in place; a long one (a million rows take about a second) off the UI thread."""
        f = self.current_filter()
        if audit.size(self.db) <= SEARCH_IN_PLACE:
            try:
                ids = audit.search_ids(self.db, self.actor, f)
            except ServiceError as exc:
                QMessageBox.warning(self, "操作日志", str(exc))
                return
            self._show_ids(ids)
            return
        self.search_button.setEnabled(False)
        self.export_button.setEnabled(False)
        self.count_label.setText("正在查询…")
        self._search_op = run_in_background(
            self, lambda _p: audit.search_ids(self.db, self.actor, f), title="正在查询操作日志", show_progress=False,
            on_success=self._show_ids, on_failure=self._search_failed)

    def _search_failed(self, exc: BaseException) -> None:
        self.search_button.setEnabled(True)
        self.count_label.clear()
        if isinstance(exc, ServiceError):
            QMessageBox.warning(self, "操作日志", str(exc))
            return
        from ui.crash import show_unexpected

        show_unexpected(exc)

    def _show_ids(self, ids: list[int]) -> None:
        self.search_button.setEnabled(True)
        self.model.set_ids(ids)
        self.table.scrollToTop()
        self.details.clear()
        self.count_label.setText(f"共{len(ids)}条" if ids else "没有符合条件的记录")
        self.export_button.setEnabled(bool(ids))

    def _show_details(self, current: QModelIndex, _previous: QModelIndex) -> None:
        r = self.model.row_at(current.row())
        self.details.setPlainText("" if r is None else
                                  f"第{r.id}条　{r.when}　{r.actor}　{r.action}　{r.entity}　{r.record}\n\n{r.details}")

    def export(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = f"操作日志-{dt.date.today():%Y%m%d}.xlsx"
        path, _ = ask_save_path(self, "导出操作日志", str(Path(folder) / name), "Excel 文件 (*.xlsx)")
        if not path:
            return
        f = self.current_filter()
        self._op = run_in_background(
            self, lambda p: audit.export(self.db, self.actor, f, Path(path), p), title="正在导出操作日志",
            on_success=lambda n: QMessageBox.information(self, "操作日志", f"已导出{n}条操作日志到 {path}"))


def check_integrity(parent: QWidget, db: Database) -> Any:
    """Full verification of the 操作日志 chain in the background; the result in plain words."""

    def done(result: audit.VerifyResult) -> None:
        if result.ok:
            QMessageBox.information(parent, "检查数据完整性", result.message())
        else:
            QMessageBox.warning(parent, "检查数据完整性", result.message())

    return run_in_background(parent, lambda p: audit.verify(db, full=True, progress=p), title="正在检查数据完整性",
                             on_success=done)  # failures: show_unexpected (Chinese for the environment, a report for bugs)


def startup_check(db: Database, parent: QWidget | None = None,
                  result: audit.VerifyResult | None = None) -> audit.VerifyResult | None:
    """At start-up: verify the rows added since the last check (fast at any size); warn if broken.

    ``result``: already verified (``quick_verify`` in a background thread while the sign-in
    dialog waited); only the warning is left to show."""
    import logging

    if result is None:
        result = quick_verify(db)
    if result is None:
        return None
    if not result.ok:
        logging.getLogger("gongkai").warning("audit chain broken at %s", result.broken_id)
        QMessageBox.warning(parent, "操作日志完整性", result.message())
    return result


def quick_verify(db: Database) -> audit.VerifyResult | None:
    """The start-up check itself (no window involved, so any thread may run it); None if it could not run."""
    import logging

    try:
        return audit.verify(db, full=False)
    except Exception as exc:  # noqa: BLE001 - the app still opens; the full check is in 帮助
        logging.getLogger("gongkai").warning("start-up audit check failed: %s", exc)
        return None
