"""作出答复: pick exactly one annual-report leaf from the tree; the 第三十六条 item is suggested."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.domain import taxonomy
from app.services.actor import Actor
from app.services.errors import ServiceError, ValidationError
from app.services.requests import decisions
from ui.forms import FieldForm, ok_cancel_buttons
from ui.widgets import DateEdit, combo

CODE_ROLE = Qt.ItemDataRole.UserRole


def _text_box(height: int = 60) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    return box


class DecisionDialog(QDialog):
    """With a request id: records the decision.  Without: only collects it (当场答复)."""

    def __init__(self, db: Database, actor: Actor, request_id: int | None, received: dt.date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.request_id, self.received = db, actor, request_id, received
        self.collected: decisions.DecisionInput | None = None
        self.setWindowTitle("作出答复")
        self.resize(900, 640)
        lay = QHBoxLayout(self)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabel("办理结果（年度报告分类）")
        for category in taxonomy.CATEGORIES:
            leaves = [leaf for leaf in decisions.DECIDABLE if leaf.category == category]
            if len(leaves) == 1 and leaves[0].name == category:
                item = QTreeWidgetItem([category])
                item.setData(0, CODE_ROLE, leaves[0].code)
                self.tree.addTopLevelItem(item)
                continue
            parent_item = QTreeWidgetItem([category])
            parent_item.setFlags(parent_item.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            self.tree.addTopLevelItem(parent_item)
            for leaf in leaves:
                child = QTreeWidgetItem([leaf.name])
                child.setData(0, CODE_ROLE, leaf.code)
                child.setToolTip(0, leaf.name)
                parent_item.addChild(child)
        self.tree.expandAll()
        self.tree.currentItemChanged.connect(self._leaf_changed)
        lay.addWidget(self.tree, 2)

        right = QVBoxLayout()
        self.form = FieldForm()
        f = self.form
        self.leaf_label = QLabel("请在左侧选择一个具体结果")
        self.leaf_label.setWordWrap(True)
        f.addRow("办理结果", self.leaf_label)
        self.article = f.add_field("article", "依据条款", combo(taxonomy.ARTICLE_36_ITEMS, editable=True))
        self.article.setCurrentText("")
        self.reasons = f.add_field("reasons", "理由", _text_box())
        self.legal_basis = f.add_field("legal_basis", "法律依据", QLineEdit())
        self.withheld = f.add_field("withheld", "不予公开的内容及理由", _text_box())
        self.responsible_agency = f.add_field("responsible_agency", "负责公开的机关", QLineEdit())
        self.responsible_contact = f.add_field("responsible_contact", "该机关联系方式", QLineEdit())
        self.provided_docs = f.add_field("provided_docs", "提供的信息/获取途径", _text_box())
        self.page_count = f.add_field("page_count", "页数", QSpinBox())
        self.page_count.setRange(0, 100000)
        self.reply_date = f.add_field("reply_date", "答复日期", DateEdit(db.today()))
        right.addLayout(f)
        right.addWidget(f.general_label())
        right.addWidget(ok_cancel_buttons(self, "确定答复", "取消", self.save))
        lay.addLayout(right, 3)
        self.article.currentTextChanged.connect(lambda _: self._update_enabled())
        self._update_enabled()

    def current_code(self) -> str:
        item = self.tree.currentItem()
        return item.data(0, CODE_ROLE) or "" if item is not None else ""

    def select_code(self, code: str) -> None:
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            for item in [top, *(top.child(j) for j in range(top.childCount()))]:
                if item.data(0, CODE_ROLE) == code:
                    self.tree.setCurrentItem(item)
                    return

    def _leaf_changed(self) -> None:
        code = self.current_code()
        leaf = taxonomy.BY_CODE.get(code)
        if leaf is None:
            self.leaf_label.setText("请在左侧选择一个具体结果")
            return
        note = "（须由科室负责人或以上签发）" if leaf.withholds else ""
        self.leaf_label.setText(f"{leaf.label}{note}\n答复文书：{leaf.letter}")
        self.leaf_label.setStyleSheet("")
        self.article.setCurrentText(taxonomy.suggested_article(code))
        if leaf.withholds and not self.legal_basis.text():
            self.legal_basis.setText(f"《中华人民共和国政府信息公开条例》{leaf.article}")
        self._update_enabled()

    def _update_enabled(self) -> None:
        leaf = taxonomy.BY_CODE.get(self.current_code())
        withholds = bool(leaf and leaf.withholds)
        self.withheld.setEnabled(withholds)
        not_ours = self.article.currentText() == taxonomy.NOT_THIS_AGENCY
        self.responsible_agency.setEnabled(not_ours)
        self.responsible_contact.setEnabled(not_ours)
        provides = bool(leaf and leaf.code in ("1", "2"))
        self.provided_docs.setEnabled(provides)
        self.page_count.setEnabled(provides)

    def collect(self) -> decisions.DecisionInput:
        return decisions.DecisionInput(
            result_code=self.current_code(), article=self.article.currentText(),
            reasons=self.reasons.toPlainText(), legal_basis=self.legal_basis.text(),
            withheld=self.withheld.toPlainText() if self.withheld.isEnabled() else "",
            responsible_agency=self.responsible_agency.text() if self.responsible_agency.isEnabled() else "",
            responsible_contact=self.responsible_contact.text() if self.responsible_contact.isEnabled() else "",
            provided_docs=self.provided_docs.toPlainText() if self.provided_docs.isEnabled() else "",
            page_count=self.page_count.value() if self.page_count.isEnabled() else 0,
            reply_date=self.reply_date.value(),
        )

    def save(self) -> None:
        d = self.collect()
        try:
            if self.request_id is None:
                decisions.validate_decision(d, self.actor, self.db.today(), self.received)
            else:
                decisions.decide(self.db, self.actor, self.request_id, d)
        except ValidationError as exc:
            self.form.show_errors(exc)
            if "result_code" in exc.fields:
                self.leaf_label.setStyleSheet("color: #b00020;")
            return
        except ServiceError as exc:
            QMessageBox.warning(self, "无法作出答复", str(exc))
            return
        self.collected = d
        self.accept()
