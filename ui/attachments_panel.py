"""The attachments of one record, for any tab: list, 添加附件…, 另存为…, checksum shown per file.

Thin on purpose: every action is one call into ``app.services.attachments`` (rights,
size, safe name, SHA-256 and audit live there).  Reading a 50 MB file, storing it and
checking every file's checksum can each take longer than a frame, so they run off the
UI thread; the 校验 column says 核对中… until the check is back, then 一致 or, in red,
校验不一致.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.dates import cn_date
from app.db import Database
from app.services import attachments
from app.services.actor import Actor
from app.services.attachments import AttachmentInfo
from app.services.errors import ServiceError
from ui.files import ask_save_path
from ui.forms import tell
from ui.operations import Operation, run_in_background

HEADERS = ("文件名", "大小", "添加人", "添加时间", "校验")
CHECKING, OK, BAD = "核对中…", "一致", "校验不一致"
_RED = QBrush(QColor("#c00000"))
_Index = QModelIndex | QPersistentModelIndex


def added_text(info: AttachmentInfo) -> str:
    local = info.added_at.astimezone()
    return f"{cn_date(local.date())} {local:%H:%M}"


class AttachmentsModel(QAbstractTableModel):
    """Plain AttachmentInfo rows (a record has a handful of files) and their checksum results."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[AttachmentInfo] = []
        self.checked: dict[int, bool] = {}

    def set_rows(self, rows: list[AttachmentInfo]) -> None:
        self.beginResetModel()
        self.rows, self.checked = rows, {}
        self.endResetModel()

    def set_checked(self, checked: dict[int, bool]) -> None:
        self.checked = checked
        if self.rows:
            self.dataChanged.emit(self.index(0, 4), self.index(len(self.rows) - 1, 4))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def status(self, row: int) -> str:
        info = self.rows[row]
        if info.id not in self.checked:
            return CHECKING
        return OK if self.checked[info.id] else BAD

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        info, col = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (info.filename, attachments.size_text(info.size), info.added_by, added_text(info),
                    self.status(index.row()))[col]
        if role == Qt.ItemDataRole.ForegroundRole and col == 4 and self.status(index.row()) == BAD:
            return _RED
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = f"校验值（SHA-256）：{info.sha256}"
            return f"说明：{info.note}\n{tip}" if info.note else tip
        return None


class AttachmentsPanel(QWidget):
    """Embed in any record's window: ``AttachmentsPanel(db, actor, "complaint", complaint_id)``."""

    changed = Signal()  # a file was added

    def __init__(self, db: Database, actor: Actor, record_type: str, record_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.record_type, self.record_id = db, actor, record_type, record_id
        self._ops: list[Operation] = []
        self.model = AttachmentsModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, len(HEADERS)):  # 2026年11月29日 14:05 and 校验不一致 are never cut
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.view.doubleClicked.connect(self._double_clicked)
        self.add_button = QPushButton("添加附件…")
        self.save_button = QPushButton("另存为…")
        self.add_button.clicked.connect(self.choose_and_add)
        self.save_button.clicked.connect(self.save_selected)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(self.message)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addLayout(buttons)
        self._running = 0
        self.refresh()

    # -- list -------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the list (quick: no contents), then check every file's checksum in the background."""
        try:
            rows = attachments.listing(self.db, self.actor, self.record_type, self.record_id)
        except ServiceError as exc:
            self.model.set_rows([])
            self._show(str(exc), error=True)
            self.add_button.setEnabled(False)
            return
        self.model.set_rows(rows)
        self.save_button.setEnabled(bool(rows))
        if rows:
            self._background(lambda _p: attachments.verify(self.db, self.actor, self.record_type, self.record_id),
                             "核对附件校验值", self._checked)

    def _checked(self, result: dict[int, bool]) -> None:
        self.model.set_checked(result)
        bad = sum(1 for ok in result.values() if not ok)
        if bad:
            self._show(f"有{bad}个附件的内容与添加时的校验值不一致，可能已被改动", error=True)

    def checked(self) -> bool:
        """True once every listed file's checksum is known (tests wait on it)."""
        return not self.busy and all(info.id in self.model.checked for info in self.model.rows)

    # -- actions ----------------------------------------------------------------------

    def choose_and_add(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "添加附件", "", "所有文件 (*)")
        if not path:
            return
        note, ok = QInputDialog.getText(self, "添加附件", "说明（可不填）：")
        if ok:
            self.attach(Path(path), note)

    def attach(self, path: Path, note: str = "") -> None:
        self._background(
            lambda _p: attachments.add(self.db, self.actor, self.record_type, self.record_id, path, note),
            "正在添加附件", lambda _id: self._added(path.name))

    def _added(self, name: str) -> None:
        self._show(f"已添加附件：{name}")
        self.changed.emit()
        self.refresh()

    def _double_clicked(self, _index: QModelIndex) -> None:
        self.save_selected()

    def selected(self) -> AttachmentInfo | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def save_selected(self) -> None:
        info = self.selected()
        if info is None:
            tell(self, "另存为", "请先在列表中选择一个附件。")
            return
        path, _ = ask_save_path(self, "另存附件", info.filename)
        if path:
            self.save_to(info.id, Path(path))

    def save_to(self, attachment_id: int, path: Path) -> None:
        def work(_p: object) -> bool:
            _name, data, ok = attachments.content(self.db, self.actor, attachment_id)
            if ok:
                path.write_bytes(data)
            return ok

        def done(ok: bool) -> None:
            if ok:
                self._show(f"已另存为 {path}")
            else:
                self.model.set_checked({**self.model.checked, attachment_id: False})
                self._show("该附件的内容与添加时的校验值不一致，可能已被改动，未另存", error=True)

        self._background(work, "正在另存附件", done)

    # -- plumbing ---------------------------------------------------------------------

    def _show(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #c00000;" if error else "")

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ServiceError):
            self._show(str(exc), error=True)
            return
        if isinstance(exc, OSError):
            self._show(f"无法写入文件：{exc.strerror or type(exc).__name__}", error=True)
            return
        from ui.crash import show_unexpected

        show_unexpected(exc)

    def _background(self, fn: Any, title: str, on_success: Any) -> None:
        """Run ``fn`` off the UI thread; ``busy`` stays True while any of this panel's jobs runs."""
        self._running += 1

        def success(result: Any) -> None:
            self._running -= 1
            on_success(result)

        def failure(exc: BaseException) -> None:
            self._running -= 1
            self._failed(exc)

        op = run_in_background(self, fn, title=title, on_success=success, on_failure=failure, show_progress=False)
        self._ops = [*self._ops[-8:], op]  # Qt parents them too; this keeps the wrappers alive

    @property
    def busy(self) -> bool:
        return self._running > 0
