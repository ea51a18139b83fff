"""事项清单: the catalogue with each matter's current version, its history with 备案, 下架, 办事指南, Excel."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.dates import cn_date
from app.db import Database
from app.services.actor import Actor
from app.services.catalogue import excel, guide
from app.services.catalogue import service as catalogue
from app.services.catalogue.elements import REASONS
from app.services.errors import ServiceError, ValidationError
from ui.files import ask_save_path
from ui.forms import FieldForm, ok_cancel_buttons
from ui.widgets import combo

HEADERS = ["事项名称", "事项类别", "承办科室", "现行版本", "承诺时限", "材料数", "状态"]
ROOT = QModelIndex()


class CatalogueModel(QAbstractTableModel):
    """The catalogue (tens of matters, read whole); ``ids`` in the catalogue's order."""

    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(parent)
        self.db = db
        self.rows: list[catalogue.MatterSummary] = []
        self.include_retired = False
        self.search = ""

    def reload(self) -> None:
        self.beginResetModel()
        self.rows = catalogue.list_matters(self.db, include_retired=self.include_retired, search=self.search)
        self.endResetModel()

    def id_at(self, row: int) -> int:
        return self.rows[row].id

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        m = self.rows[index.row()]
        if role == Qt.ItemDataRole.BackgroundRole and m.retired:
            return QBrush(QColor("#eeeeee"))
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (m.name, m.category, m.department, f"第{m.version}版", f"{m.promised_days}个工作日",
                str(m.material_count), f"已下架（{cn_date(m.retired_on)}）" if m.retired else "在办")[index.column()]


class FilingDialog(QDialog):
    """The 备案 of a 下架: reason and basis."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.filing: catalogue.Filing | None = None
        lay = QVBoxLayout(self)
        self.form = FieldForm()
        self.reason = self.form.add_field("reason", "调整原因", combo(["", *REASONS]))
        self.basis = self.form.add_field("basis", "调整依据", QLineEdit())
        lay.addLayout(self.form)
        lay.addWidget(ok_cancel_buttons(self, "确定", "取消", self._ok))

    def _ok(self) -> None:
        try:
            self.filing = catalogue.validate_filing(catalogue.Filing(self.reason.currentText(), self.basis.text()))
        except ValidationError as exc:
            self.form.show_errors(exc)
            return
        self.accept()


class HistoryDialog(QDialog):
    """Every version of a matter with its 备案: reason, basis, who, and each element before → after."""

    def __init__(self, db: Database, matter_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        d = catalogue.detail(db, matter_id)
        self.setWindowTitle(f"“{d.content.name}”的变更历史和备案")
        self.resize(980, 620)
        lay = QVBoxLayout(self)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["版本 / 要素", "调整前", "调整后"])
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.tree.setColumnWidth(0, 300)
        self.tree.setColumnWidth(1, 300)
        self.tree.setWordWrap(True)
        for n, h in enumerate(reversed(catalogue.history(db, matter_id))):  # newest first
            top = QTreeWidgetItem([f"第{h.version}版 {h.action}　{cn_date(h.filed_on)}　{h.actor}",
                                   f"调整原因：{h.reason}", f"调整依据：{h.basis}"])
            for el, before, after in h.changes:
                child = QTreeWidgetItem([el, before, after])
                for c, text in enumerate((el, before, after)):
                    child.setToolTip(c, text)
                top.addChild(child)
            self.tree.addTopLevelItem(top)
            top.setExpanded(n == 0)
        lay.addWidget(self.tree)
        close = QPushButton("关闭")
        close.clicked.connect(self.accept)
        lay.addWidget(close, alignment=Qt.AlignmentFlag.AlignRight)


class CatalogueView(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.show_pdf: Callable[[QWidget], object] = lambda dlg: dlg.exec()  # tests look at the preview instead
        self.model = CatalogueModel(db, self)
        lay = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("查找事项：名称或拼音首字母")
        self.search.textChanged.connect(self._search)
        bar.addWidget(self.search, 1)
        self.retired = QCheckBox("显示已下架事项")
        self.retired.toggled.connect(self._toggle_retired)
        bar.addWidget(self.retired)
        lay.addLayout(bar)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(lambda _i: self.change())
        lay.addWidget(self.view, 1)
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (("add", "新增事项…", self.add), ("change", "调整…", self.change),
                                ("retire", "下架…", self.retire), ("history", "变更历史和备案", self.history),
                                ("guide", "打印办事指南", self.print_guide), ("import", "导入Excel…", self.import_dialog),
                                ("export", "导出Excel…", self.export_dialog)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            row.addWidget(b)
            self.buttons[key] = b
        lay.addLayout(row)
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setMaximumHeight(160)
        lay.addWidget(self.preview)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._show_selected())
        self.set_actor(actor)
        self.refresh()

    def set_actor(self, actor: Actor) -> None:
        self.actor = actor
        editable = catalogue.can_edit(actor)
        for key in ("add", "change", "retire", "import"):
            self.buttons[key].setEnabled(editable)

    def refresh(self) -> None:
        self.model.reload()

    def _search(self, text: str) -> None:
        self.model.search = text
        self.refresh()

    def _toggle_retired(self, on: bool) -> None:
        self.model.include_retired = on
        self.refresh()

    def selected_id(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.id_at(rows[0].row()) if rows else None

    def _need(self, title: str) -> int | None:
        mid = self.selected_id()
        if mid is None:
            QMessageBox.information(self, title, "请先在清单中选择一个事项")
        return mid

    def _show_selected(self) -> None:
        mid = self.selected_id()
        if mid is None:
            self.preview.clear()
            return
        d = catalogue.detail(self.db, mid)
        m = d.content
        lines = [f"{m.name}（第{d.version}版，{cn_date(d.effective_on)}起）　设定依据：{m.legal_basis}",
                 "申请材料：" + "；".join(x.name + ("" if x.required else f"（{x.condition}）") for x in m.materials),
                 f"承诺时限{m.promised_days}个工作日（法定{m.statutory_days}个工作日）　办理地点：{m.place}{m.service_window}"]
        self.preview.setPlainText("\n".join(lines))

    def add(self) -> None:
        from ui.notices.matter_dialog import MatterDialog

        if MatterDialog(self.db, self.actor, None, self).exec():
            self.refresh()

    def change(self) -> None:
        from ui.notices.matter_dialog import MatterDialog

        mid = self._need("调整事项")
        if mid is not None and MatterDialog(self.db, self.actor, mid, self).exec():
            self.refresh()

    def retire(self) -> None:
        mid = self._need("下架事项")
        if mid is None:
            return
        dlg = FilingDialog("下架事项（须备案）", self)
        if not dlg.exec() or dlg.filing is None:
            return
        try:
            catalogue.retire_matter(self.db, self.actor, mid, dlg.filing)
        except ServiceError as exc:
            QMessageBox.warning(self, "下架事项", str(exc))
            return
        self.refresh()

    def history(self) -> None:
        mid = self._need("变更历史")
        if mid is not None:
            HistoryDialog(self.db, mid, self).exec()

    def print_guide(self) -> None:
        from ui.letters import Printed, preview_print

        mid = self._need("办事指南")
        if mid is None:
            return

        def build(_progress: object) -> Printed:
            d = catalogue.detail(self.db, mid)
            return Printed(guide.guide_pdf(self.db, mid), f"{d.content.name}办事指南（第{d.version}版）",
                           f"{d.content.name}办事指南.pdf")

        preview_print(self, "办事指南", build, show=self.show_pdf)

    def export_dialog(self) -> None:
        path, _ = ask_save_path(self, "导出事项清单", "事项清单.xlsx", "Excel 文件 (*.xlsx)")
        if path:
            count = excel.export_catalogue(self.db, Path(path))
            QMessageBox.information(self, "导出事项清单", f"已导出{count}个事项")

    def import_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "导入事项清单", "", "Excel 文件 (*.xlsx)")
        if path:
            self.import_from(Path(path))

    def import_from(self, path: Path) -> excel.ImportResult | None:
        try:
            result = excel.import_catalogue(self.db, self.actor, path)
        except excel.CatalogueFileError as exc:
            box = QMessageBox(QMessageBox.Icon.Warning, "事项清单未导入",
                              "文件有以下问题，没有做任何修改：", parent=self)
            box.setDetailedText("\n".join(exc.problems))
            box.setInformativeText("\n".join(exc.problems[:8]))
            box.exec()
            return None
        except ServiceError as exc:
            QMessageBox.warning(self, "事项清单未导入", str(exc))
            return None
        self.refresh()
        QMessageBox.information(self, "导入事项清单", result.summary())
        return result
