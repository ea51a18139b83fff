"""作出答复: pick exactly one annual-report leaf from the tree; the 第三十六条 item is suggested."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
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
from app.services.requests import decisions, signoff_kinds
from ui.fit import grow_to_fit, limit_width
from ui.forms import FieldForm, ok_cancel_buttons
from ui.guard import GuardedDialog
from ui.widgets import DateEdit, combo, text_box

CODE_ROLE = Qt.ItemDataRole.UserRole


class DecisionDialog(GuardedDialog):
    """With a request id: records the decision.  Without: only collects it (当场答复).

    A result that needs a signer (部分公开, 不予公开…) chosen by someone without the right is
    提交签批 instead: everything typed goes to the 待签批 queue (``submitted`` is then True).
    """

    def __init__(self, db: Database, actor: Actor, request_id: int | None, received: dt.date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.request_id, self.received = db, actor, request_id, received
        self.collected: decisions.DecisionInput | None = None
        self.submitted = False
        self.ask_third_party_reason = self._ask_third_party_reason  # replaceable in tests
        self.setWindowTitle("作出答复")
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
        self.reasons = f.add_field("reasons", "理由", text_box())
        self.legal_basis = f.add_field("legal_basis", "法律依据", QLineEdit())
        self.withheld = f.add_field("withheld", "不予公开的内容及理由", text_box())
        self.responsible_agency = f.add_field("responsible_agency", "负责公开的机关", QLineEdit())
        self.responsible_contact = f.add_field("responsible_contact", "该机关联系方式", QLineEdit())
        self.provided_docs = f.add_field("provided_docs", "提供的信息/获取途径", text_box())
        self.page_count = f.add_field("page_count", "页数", QSpinBox())
        self.page_count.setRange(0, 100000)
        self.reply_date = f.add_field("reply_date", "答复日期", DateEdit(db.today()))
        right.addLayout(f)
        right.addWidget(f.general_label())
        self.buttons = ok_cancel_buttons(self, "确定答复", "取消", self.save)
        right.addWidget(self.buttons)
        lay.addLayout(right, 3)
        self.article.currentTextChanged.connect(lambda _: self._update_enabled())
        self._update_enabled()
        limit_width(self, 900)
        self.resize(self.width(), min(640, self.maximumHeight()))
        self.mark_clean()

    @property
    def for_signoff(self) -> bool:
        """This person prepares the chosen result for a head to sign rather than deciding it."""
        return (self.request_id is not None and decisions.needs_signoff(self.current_code())
                and not self.actor.can_approve)

    def load(self, d: decisions.DecisionInput) -> None:
        """Fill the form with a prepared decision (a returned 签批 item comes back as typed)."""
        self.select_code(d.result_code)
        self.article.setCurrentText(d.article)
        self.reasons.setPlainText(d.reasons)
        self.legal_basis.setText(d.legal_basis)
        self.withheld.setPlainText(d.withheld)
        self.responsible_agency.setText(d.responsible_agency)
        self.responsible_contact.setText(d.responsible_contact)
        self.provided_docs.setPlainText(d.provided_docs)
        self.page_count.setValue(d.page_count)
        if d.reply_date is not None:
            self.reply_date.set_value(max(d.reply_date, self.db.today()))
        self._third_party_reason = d.no_consultation_reason

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
        if self.request_id is not None and leaf.withholds and not self.actor.can_approve:
            note = "（须由科室负责人或以上签发：确定后提交签批，批准之日作出答复）"
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
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok) if hasattr(self, "buttons") else None
        if ok is not None:
            ok.setText("提交签批" if self.for_signoff else "确定答复")

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
            no_consultation_reason=getattr(self, "_third_party_reason", ""),
        )

    def _ask_third_party_reason(self) -> str | None:
        text, ok = QInputDialog.getMultiLineText(
            self, "没有征求第三方意见", decisions.THIRD_PARTY_QUESTION + "\n\n理由：")
        return text.strip() if ok and text.strip() else None

    def save(self) -> None:
        d = self.collect()
        if (self.request_id is not None and not d.no_consultation_reason
                and decisions.third_party_missing(self.db, self.request_id, d.result_code)):
            reason = self.ask_third_party_reason()
            if reason is None:
                return
            self._third_party_reason = d.no_consultation_reason = reason
        try:
            if self.request_id is None:
                decisions.validate_decision(d, self.actor, self.db.today(), self.received)
            elif self.for_signoff:
                signoff_kinds.submit_decision(self.db, self.actor, self.request_id, d)
                self.submitted = True
            else:
                decisions.decide(self.db, self.actor, self.request_id, d)
        except ValidationError as exc:
            self.form.show_errors(exc)
            if "result_code" in exc.fields:
                self.leaf_label.setStyleSheet("color: #b00020;")
            grow_to_fit(self)  # the leaf label's colour may need more room too
            return
        except ServiceError as exc:
            QMessageBox.warning(self, "无法作出答复", str(exc))
            return
        self.collected = d
        self.accept()
