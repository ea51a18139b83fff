"""Batch: issue one kind for the selected requests, or take the letters issued on a day,
then export them to a folder (off the UI thread) or print them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.services import letters
from app.services.actor import Actor
from ui.letters import print_batch
from ui.operations import run_in_background
from ui.widgets import DateEdit, add_buttons


class BatchLettersDialog(QDialog):
    def __init__(self, db: Database, actor: Actor, selected: list[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.selected = db, actor, selected
        self.items: list[letters.IssuedInfo] = []
        self._ops: list = []
        self.setWindowTitle("批量文书")
        self.resize(640, 460)
        lay = QVBoxLayout(self)
        self.by_selection = QRadioButton(f"为列表中选中的{len(selected)}件申请出具：")
        self.by_day = QRadioButton("某日已出具的全部文书：")
        group = QButtonGroup(self)
        for b in (self.by_selection, self.by_day):
            group.addButton(b)
        row1 = QHBoxLayout()
        row1.addWidget(self.by_selection)
        self.kind = QComboBox()
        for code, title in letters.kind_list():
            self.kind.addItem(title, code)
        row1.addWidget(self.kind, 1)
        lay.addLayout(row1)
        row2 = QHBoxLayout()
        row2.addWidget(self.by_day)
        self.day = DateEdit(db.today())
        row2.addWidget(self.day)
        row2.addStretch()
        lay.addLayout(row2)
        (self.by_selection if selected else self.by_day).setChecked(True)
        self.by_selection.setEnabled(bool(selected))
        self.log = QPlainTextEdit()
        self.log.setReadOnly(True)
        lay.addWidget(self.log, 1)
        self.status = QLabel()
        lay.addWidget(self.status)
        row = QHBoxLayout()
        add_buttons(row, (("导出到文件夹…", self.export), ("打印…", self.print_all), ("关闭", self.accept)))
        lay.addLayout(row)

    def collect(self, then) -> None:  # noqa: ANN001
        """Gather the letters (issuing them for a selection, off the UI thread), then call ``then``."""
        if self.by_day.isChecked():
            self.items = letters.issued_between(self.db, self.day.value(), self.day.value())
            self.status.setText(f"{len(self.items)}份文书")
            then()
            return
        code = self.kind.currentData()

        def done(result: tuple[list[letters.IssuedInfo], list[str]]) -> None:
            self.items, skipped = result
            self.status.setText(f"已出具{len(self.items)}份" + (f"，{len(skipped)}件未出具" if skipped else ""))
            if skipped:
                self.log.setPlainText("\n".join(skipped))
            then()

        self._ops.append(run_in_background(
            self, lambda p: letters.issue_batch(self.db, self.actor, self.selected, code, progress=p),
            title="正在生成文书", on_success=done))

    def export(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "导出到文件夹")
        if folder:
            self.export_to(Path(folder))

    def export_to(self, folder: Path) -> None:
        def go() -> None:
            self._ops.append(run_in_background(
                self, lambda p: letters.export_batch(self.db, self.items, folder, progress=p), title="正在导出文书",
                on_success=lambda n: self.status.setText(f"已导出{n}份文书到 {folder}")))
        self.collect(go)

    def print_all(self) -> None:
        def go() -> None:  # sent to the printer off the UI thread, 取消 between letters
            op = print_batch(self, self.db, self.items, lambda n: self.status.setText(f"已打印{n}份文书"))
            if op is not None:
                self._ops.append(op)
        self.collect(go)
