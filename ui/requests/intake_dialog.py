"""新登记: the counter form.  Keyboard only: Tab through the fields, Ctrl+S saves."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.dates import cn_date
from app.db import Database
from app.domain.vocab import (
    APPLICANT_TYPES,
    CHANNELS,
    DELIVERY_FORMS,
    ID_RESIDENT,
    ID_TYPES,
    ID_USCC,
    NATURAL_PERSON,
    RECEIPT_RULES,
)
from app.services.actor import Actor
from app.services.errors import ValidationError
from app.services.requests import decisions, intake
from ui.fit import limit_width
from ui.forms import FieldForm, ok_cancel_buttons
from ui.guard import GuardedDialog
from ui.widgets import DateEdit, combo, text_box


class IntakeDialog(GuardedDialog):
    """Register one request; ``saved_id`` is set on success.

    Esc with something typed asks before discarding.  After saving, the receipt is offered at
    once with 打印回执 as the default button, so Enter prints it.
    """

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.saved_id: int | None = None
        self.open_request_id: int | None = None  # set when the clerk chooses to look at a repeat
        self.confirm_repeat = self._ask_repeat  # replaceable in tests
        self.decision_provider = self._ask_decision
        self.offer_receipt = self._offer_receipt  # replaceable in tests: (request id) -> None
        self.setWindowTitle("登记政府信息公开申请")
        lay = QVBoxLayout(self)
        self.form = FieldForm()
        f = self.form
        self.channel = f.add_field("channel", "申请方式", combo(CHANNELS))
        self.received = f.add_field("received_date", "收到申请日期", DateEdit(db.today()))
        self.rule = QLabel()
        self.rule.setWordWrap(True)
        self.rule.setStyleSheet("color: #555;")
        f.addRow("", self.rule)
        self.applicant_type = f.add_field("applicant_type", "申请人类型", combo(APPLICANT_TYPES))
        self.applicant_name = f.add_field("applicant_name", "姓名或名称", QLineEdit())
        self.id_type = f.add_field("id_type", "证件类型", combo(ID_TYPES))
        self.id_number = f.add_field("id_number", "证件号码", QLineEdit())
        self.contact_person = f.add_field("contact_person", "联系人", QLineEdit())
        self.phone = f.add_field("phone", "联系电话", QLineEdit())
        self.address = f.add_field("address", "通信地址", QLineEdit())
        self.postcode = f.add_field("postcode", "邮政编码", QLineEdit())
        self.postcode.setMaxLength(6)
        self.email = f.add_field("email", "电子邮箱", QLineEdit())
        self.content = f.add_field("content", "所需信息", text_box(90))
        self.content.setPlaceholderText("政府信息的名称、文号或者便于查询的其他特征性描述")
        self.delivery_form = f.add_field("delivery_form", "获取方式", combo(DELIVERY_FORMS))
        self.oral = QCheckBox(f"口头申请（由{actor.full_name or actor.label}代为填写）")
        f.addRow("", self.oral)
        self.remarks = f.add_field("remarks", "备注", QLineEdit())
        self.on_the_spot = QCheckBox("当场答复（登记后立即作出答复并办结）")
        f.addRow("", self.on_the_spot)
        for field in intake.FIELDS.fields:  # the limits the service checks, told before typing
            widget = getattr(self, field.name, None)
            if isinstance(widget, QLineEdit | QPlainTextEdit):
                widget.setToolTip(field.hint)
        lay.addLayout(f)
        lay.addWidget(f.general_label())
        lay.addWidget(ok_cancel_buttons(self, "保存（Ctrl+S）", "取消", self.save))
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        self.channel.currentTextChanged.connect(self._update_rule)
        self.applicant_type.currentTextChanged.connect(self._update_type)
        self._update_rule()
        self._update_type()
        self.channel.setFocus()
        limit_width(self, 720)
        self.mark_clean()

    def _update_rule(self) -> None:
        self.rule.setText(f"第三十一条：{RECEIPT_RULES[self.channel.currentText()]}")

    def _update_type(self) -> None:
        natural = self.applicant_type.currentText() == NATURAL_PERSON
        self.id_type.setCurrentText(ID_RESIDENT if natural else ID_USCC)
        self.contact_person.setEnabled(not natural)

    def collect(self) -> intake.RequestInput:
        return intake.RequestInput(
            channel=self.channel.currentText(), received_date=self.received.value(),
            applicant_type=self.applicant_type.currentText(), applicant_name=self.applicant_name.text(),
            id_type=self.id_type.currentText(), id_number=self.id_number.text(), phone=self.phone.text(),
            address=self.address.text(), postcode=self.postcode.text(), email=self.email.text(),
            contact_person=self.contact_person.text() if self.contact_person.isEnabled() else "",
            content=self.content.toPlainText(), delivery_form=self.delivery_form.currentText(),
            oral=self.oral.isChecked(), remarks=self.remarks.text(),
        )

    def _ask_repeat(self, candidates: list[intake.RepeatCandidate]) -> str:
        """'save', 'open' or 'cancel'."""
        first = candidates[0]
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("可能是重复申请")
        box.setText(f"同一申请人在近12个月内提出过相似的申请（第三十六条第（六）项）：\n\n"
                    f"{first.number}（{cn_date(first.received_date)}收到，相似度{int(first.similarity * 100)}%）\n"
                    f"{first.content[:120]}" + (f"\n\n另有{len(candidates) - 1}件相似申请" if len(candidates) > 1 else ""))
        save = box.addButton("仍然登记", QMessageBox.ButtonRole.AcceptRole)
        look = box.addButton("查看原申请", QMessageBox.ButtonRole.ActionRole)
        box.addButton("返回修改", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        clicked = box.clickedButton()
        return "save" if clicked is save else "open" if clicked is look else "cancel"

    def _ask_decision(self, received: dt.date) -> decisions.DecisionInput | None:
        from ui.requests.decision_dialog import DecisionDialog

        dlg = DecisionDialog(self.db, self.actor, None, received, parent=self)
        return dlg.collected if dlg.exec() else None

    def save(self) -> None:
        data = self.collect()
        try:
            clean = intake.validate(data, self.db.today())
        except ValidationError as exc:
            self.form.show_errors(exc)  # the window grows to show them
            return
        self.form.clear_errors()
        repeats = intake.find_repeats(self.db, clean, self.db.today())
        if repeats:
            choice = self.confirm_repeat(repeats)
            if choice == "open":
                self.open_request_id = repeats[0].id
                self.mark_clean()  # the clerk chose to leave: no "discard?" question
                self.reject()
                return
            if choice != "save":
                return
        decision = None
        if self.on_the_spot.isChecked():  # 当场答复: the decision is collected first; 取消 there saves nothing
            assert clean.received_date is not None
            decision = self.decision_provider(clean.received_date)
            if decision is None:
                return

        def register() -> None:
            if decision is not None:
                self.saved_id = decisions.register_on_the_spot(self.db, self.actor, data, decision)
            else:
                self.saved_id = intake.register(self.db, self.actor, data)

        if self.form.attempt(self, "无法登记", register):
            self.accept()
            self.offer_receipt(self.saved_id)

    def _offer_receipt(self, request_id: int) -> None:
        """接收回执 right after registering; Enter (the default button) issues and prints it.

        Opened without blocking (``open``), so the register selects the new row underneath.
        """
        from app.services.requests import queries

        number = queries.detail(self.db, request_id).number
        box = QMessageBox(QMessageBox.Icon.Information, "已登记", f"申请已登记，编号{number}。现在打印接收回执吗？",
                          parent=self)
        self.print_button = box.addButton("打印回执", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("稍后", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(self.print_button)
        box.finished.connect(lambda _r: self._receipt_answer(box, request_id))
        self.receipt_box = box
        box.open()

    def _receipt_answer(self, box: QMessageBox, request_id: int) -> None:
        """Issue the receipt off the UI thread (the shared print path), then the print dialog."""
        from app.services import letters
        from ui.letters import PdfPreview, letter_printed, preview_print

        if box.clickedButton() is not self.print_button:
            return

        def show(preview: PdfPreview) -> None:
            self.receipt_preview = preview
            self.print_receipt(preview)

        # the form has closed: the register underneath holds the progress and the print
        preview_print(self.parentWidget() or self, "接收回执",
                      lambda _p: letter_printed(self.db, letters.issue(self.db, self.actor, request_id, "receipt")),
                      cancellable=False, show=show)

    @staticmethod
    def print_receipt(preview) -> None:  # noqa: ANN001 - replaceable in tests
        preview.print_letter()
