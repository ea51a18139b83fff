"""新增/调整事项: every element, the material list, and the 备案 the change is filed with.

Saving an unchanged matter writes nothing; a change needs the 调整原因 (seed 001
附件3 第四条) and the 调整依据, and becomes the matter's next version.
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.services.actor import Actor
from app.services.catalogue import service as catalogue
from app.services.catalogue.elements import (
    ELEMENTS,
    MEDIA,
    ORIGINALS,
    REASONS,
    MaterialInput,
    MatterInput,
)
from app.services.errors import ServiceError, ValidationError
from app.services.profile import list_departments
from ui.forms import FieldForm, ok_cancel_buttons
from ui.widgets import add_buttons, combo, text_box

MATERIAL_HEADERS = ["材料名称", "原件/复印件", "份数", "纸质/电子", "是否必需", "适用情形", "材料要求", "来源"]


class MatterDialog(QDialog):
    """``matter_id`` None: a new matter.  ``saved`` tells whether anything was written."""

    def __init__(self, db: Database, actor: Actor, matter_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.matter_id = db, actor, matter_id
        self.saved = False
        self.setWindowTitle("新增事项" if matter_id is None else "调整事项")
        self.resize(1000, 820)
        outer = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        lay = QVBoxLayout(body)
        self.form = FieldForm()
        self.widgets: dict[str, QWidget] = {}
        self.widgets["name"] = self.form.add_field("name", "事项名称", QLineEdit())
        departments = list_departments(db)
        for e in ELEMENTS:
            if e.kind == "int":
                w: QWidget = QSpinBox()
                w.setRange(0, 365)
                w.setSuffix(" 个工作日")
            elif e.key == "department":
                w = combo(departments)
            elif e.choices:
                w = combo(e.choices)
            elif e.limit > 200:
                w = text_box(60)
            else:
                w = QLineEdit()
            self.widgets[e.key] = self.form.add_field(e.key, e.label, w)
        lay.addLayout(self.form)
        lay.addWidget(QLabel("申请材料（每行一项；“是否必需”选“否”时须写适用情形）："))
        self.materials = QTableWidget(0, len(MATERIAL_HEADERS))
        self.materials.setHorizontalHeaderLabels(MATERIAL_HEADERS)
        self.materials.setMinimumHeight(220)
        self.materials.setColumnWidth(0, 220)
        lay.addWidget(self.materials)
        mrow = QHBoxLayout()
        add_buttons(mrow, (("添加材料", lambda: self.add_material(MaterialInput())), ("删除选中材料", self.remove_material),
                           ("上移", lambda: self.move_material(-1)), ("下移", lambda: self.move_material(1))))
        mrow.addStretch(1)
        lay.addLayout(mrow)
        self.materials_error = QLabel()
        self.materials_error.setWordWrap(True)
        self.materials_error.setStyleSheet("color: #b00020;")
        lay.addWidget(self.materials_error)
        lay.addWidget(QLabel("备案（调整事项清单须备案）："))
        self.filing = FieldForm()
        self.reason = self.filing.add_field("reason", "调整原因", combo(["", *REASONS]))
        self.basis = self.filing.add_field("basis", "调整依据", text_box(60))
        lay.addLayout(self.filing)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.general = QLabel()
        self.general.setStyleSheet("color: #b00020;")
        self.general.setWordWrap(True)
        outer.addWidget(self.general)
        outer.addWidget(ok_cancel_buttons(self, "保存并备案（Ctrl+S）", "取消", self.save))
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        if matter_id is not None:
            self.fill(catalogue.detail(db, matter_id).content)
        else:
            self.fill(MatterInput(statutory_days=20, promised_days=20))
            self.basis.setPlainText("")
        self.widgets["name"].setFocus()

    # -- materials table ----------------------------------------------------------------
    def add_material(self, x: MaterialInput) -> None:
        row = self.materials.rowCount()
        self.materials.insertRow(row)
        self.materials.setItem(row, 0, QTableWidgetItem(x.name))
        self.materials.setCellWidget(row, 1, combo(ORIGINALS, x.original))
        copies = QSpinBox()
        copies.setRange(0, 99)
        copies.setValue(x.copies)
        self.materials.setCellWidget(row, 2, copies)
        self.materials.setCellWidget(row, 3, combo(MEDIA, x.medium))
        self.materials.setCellWidget(row, 4, combo(["是", "否"], "是" if x.required else "否"))
        for col, text in ((5, x.condition), (6, x.requirement), (7, x.source)):
            self.materials.setItem(row, col, QTableWidgetItem(text))

    def remove_material(self) -> None:
        rows = sorted({i.row() for i in self.materials.selectedIndexes()}, reverse=True)
        for r in rows:
            self.materials.removeRow(r)

    def move_material(self, step: int) -> None:
        row = self.materials.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.materials.rowCount():
            return
        items = self.collect_materials()
        items[row], items[target] = items[target], items[row]
        self.materials.setRowCount(0)
        for x in items:
            self.add_material(x)
        self.materials.setCurrentCell(target, 0)

    def collect_materials(self) -> list[MaterialInput]:
        out = []
        t = self.materials
        for r in range(t.rowCount()):
            def text(c: int, r: int = r) -> str:
                item = t.item(r, c)
                return item.text() if item is not None else ""
            out.append(MaterialInput(text(0), t.cellWidget(r, 1).currentText(), t.cellWidget(r, 2).value(),
                                     t.cellWidget(r, 3).currentText(), t.cellWidget(r, 4).currentText() == "是",
                                     text(5), text(6), text(7)))
        return out

    # -- form ------------------------------------------------------------------------------
    def fill(self, m: MatterInput) -> None:
        for key, w in self.widgets.items():
            value = getattr(m, key)
            if isinstance(w, QSpinBox):
                w.setValue(int(value))
            elif isinstance(w, QComboBox):
                if w.findText(str(value)) < 0 and value:
                    w.addItem(str(value))
                w.setCurrentText(str(value))
            elif isinstance(w, QPlainTextEdit):
                w.setPlainText(str(value))
            else:
                w.setText(str(value))
        self.materials.setRowCount(0)
        for x in m.materials:
            self.add_material(x)

    def collect(self) -> MatterInput:
        values: dict[str, object] = {}
        for key, w in self.widgets.items():
            if isinstance(w, QSpinBox):
                values[key] = w.value()
            elif isinstance(w, QComboBox):
                values[key] = w.currentText()
            elif isinstance(w, QPlainTextEdit):
                values[key] = w.toPlainText()
            else:
                values[key] = w.text()
        return MatterInput(materials=tuple(self.collect_materials()), **values)

    def save(self) -> None:
        m = self.collect()
        filing = catalogue.Filing(self.reason.currentText(), self.basis.toPlainText())
        self.form.clear_errors()
        self.filing.clear_errors()
        self.materials_error.clear()
        self.general.clear()
        try:
            if self.matter_id is None:
                self.matter_id = catalogue.create_matter(self.db, self.actor, m, filing)
                self.saved = True
            else:
                self.saved = catalogue.change_matter(self.db, self.actor, self.matter_id, m, filing)
                if not self.saved:
                    QMessageBox.information(self, "调整事项", "内容没有变化，未生成新版本。")
        except ValidationError as exc:
            self.form.show_errors(exc)
            self.filing.show_errors(exc)
            self.materials_error.setText(exc.fields.get("materials", ""))
            self.general.setText("有" + str(len(exc.fields)) + "处需要修改，见各项下方的红字")
            return
        except ServiceError as exc:
            self.general.setText(str(exc))
            return
        self.accept()

