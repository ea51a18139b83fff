"""登记投诉举报: the registration form (every channel, named or anonymous, the person or 科室 complained
about, the facts), with each check's message under its field and nothing saved on a refusal.

The 首问负责 tab opens it for 转为投诉举报 as
``ComplaintDialog(db, actor, prefill=dict, contact_entry_id=int, parent=...)``: ``prefill`` holds
``ComplaintInput`` field names (received_on, name, phone, facts, category …) and optionally
``contact_number`` (the entry's number, shown on the form); the channel becomes
转自首问 and the registered complaint is linked to the entry.  The identity typed here goes straight
to ``register.register``, which seals it before it is stored: the form never reads one back.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.services.actor import Actor
from app.services.complaints import listing
from app.services.complaints import register as reg
from app.services.complaints.vocab import CATEGORIES, CHANNELS, REPLY_HOW
from app.services.errors import ValidationError
from ui.fit import start_size
from ui.forms import FieldForm, ok_cancel_buttons
from ui.guard import GuardedDialog
from ui.widgets import DateEdit, combo, text_box

NAMED, ANON = "署名", "匿名"
UNKNOWN = "不明"
FROM_CONTACT = "转自首问"
ASSIGNED = "上级交办"


class ComplaintDialog(GuardedDialog):
    """``saved_id`` is set once the complaint is registered."""

    def __init__(self, db: Database, actor: Actor, prefill: dict[str, Any] | None = None,
                 contact_entry_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.contact_entry_id = contact_entry_id
        self.saved_id: int | None = None
        self.setWindowTitle("登记投诉举报")
        outer = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        inner = QWidget()
        scroll.setWidget(inner)
        outer.addWidget(scroll, 1)
        lay = QVBoxLayout(inner)
        self.form = f = FieldForm()
        self.received_on = f.add_field("received_on", "收到日期", DateEdit(db.today()))
        channels = CHANNELS if contact_entry_id is not None else tuple(c for c in CHANNELS if c != FROM_CONTACT)
        self.channel = f.add_field("channel", "渠道", combo(channels, "当面"))
        self.contact_label = f.add_field("contact_entry_id", "所转首问登记", QLabel())
        self.assigned_body = f.add_field("assigned_body", "交办机关", QLineEdit())
        self.assigned_due = f.add_field("assigned_due", "交办回复期限", DateEdit(optional=True))
        self.signed = f.add_field("anonymous", "署名或匿名", combo((NAMED, ANON)))
        self.name = f.add_field("name", "投诉举报人姓名", QLineEdit())
        self.id_number = f.add_field("id_number", "证件号码", QLineEdit())
        self.id_number.setPlaceholderText("居民身份证号码，可不填")
        self.phone = f.add_field("phone", "联系电话", QLineEdit())
        self.address = f.add_field("address", "通信地址", QLineEdit())
        self.wants_reply = f.add_field("wants_reply", "要求答复", QCheckBox("投诉举报人要求答复"))
        self.reply_how = f.add_field("reply_how", "答复方式", combo(("", *REPLY_HOW)))
        self.target_user = f.add_field("target_user_id", "被投诉举报的工作人员", QComboBox())
        self.target_user.addItem(UNKNOWN, None)
        for uid, name, dept in listing.staff(db):
            self.target_user.addItem(f"{name}（{dept}）" if dept else name, uid)
        self.target_dept = f.add_field("target_department_id", "被投诉举报的科室", QComboBox())
        self.target_dept.addItem(UNKNOWN, None)
        for did, name in listing.departments(db):
            self.target_dept.addItem(name, did)
        self.category = f.add_field("category", "类别", combo(("", *CATEGORIES)))
        self.facts = f.add_field("facts", "事实和理由", text_box(110))
        self.happened = f.add_field("happened", "发生时间和地点", QLineEdit())
        self.happened.setPlaceholderText("如：2026年11月18日上午，政务服务中心3号窗口")
        self.taken_by = f.add_field("taken_by", "接待（记录）人", QLabel(actor.full_name or actor.label))
        self.taken_place = f.add_field("taken_place", "接待地点", QLineEdit())
        lay.addLayout(f)
        lay.addStretch(1)  # spare height below the form, not spread between its rows (errors stay by their field)
        outer.addWidget(f.general_label())
        outer.addWidget(ok_cancel_buttons(self, "登记", "取消", self.save))
        self.channel.currentTextChanged.connect(self._update)
        self.signed.currentTextChanged.connect(self._update)
        self.wants_reply.toggled.connect(self._update)
        if prefill or contact_entry_id is not None:
            self.fill(prefill or {})
        self._update()
        start_size(self, 640, 760)
        self.mark_clean()

    def fill(self, data: dict[str, Any]) -> None:
        """Put known values in the fields (转为投诉举报 from a first-responder entry)."""
        texts = {"name": self.name, "id_number": self.id_number, "phone": self.phone, "address": self.address,
                 "assigned_body": self.assigned_body, "happened": self.happened, "taken_place": self.taken_place}
        for key, box in texts.items():
            if data.get(key):
                box.setText(str(data[key]))
        if data.get("facts"):
            self.facts.setPlainText(str(data["facts"]))
        for key, box in (("category", self.category), ("reply_how", self.reply_how)):
            if data.get(key) and box.findText(str(data[key])) >= 0:
                box.setCurrentText(str(data[key]))
        if isinstance(data.get("received_on"), dt.date):
            self.received_on.set_value(data["received_on"])
        if isinstance(data.get("assigned_due"), dt.date):
            self.assigned_due.set_value(data["assigned_due"])
        if data.get("anonymous"):
            self.signed.setCurrentText(ANON)
        if data.get("wants_reply"):
            self.wants_reply.setChecked(True)
        for key, box in (("target_user_id", self.target_user), ("target_department_id", self.target_dept)):
            if data.get(key) is not None and box.findData(data[key]) >= 0:
                box.setCurrentIndex(box.findData(data[key]))
        if self.contact_entry_id is not None:
            self.channel.setCurrentText(FROM_CONTACT)
            self.contact_label.setText(str(data.get("contact_number") or f"首问登记（第{self.contact_entry_id}号记录）"))
        elif data.get("channel") and self.channel.findText(str(data["channel"])) >= 0:
            self.channel.setCurrentText(str(data["channel"]))

    def _row(self, widget: QWidget, on: bool) -> None:
        self.form.setRowVisible(widget.parentWidget(), on)

    def _update(self, *_args: object) -> None:
        channel = self.channel.currentText()
        named = self.signed.currentText() == NAMED
        self._row(self.contact_label, channel == FROM_CONTACT)
        self._row(self.assigned_body, channel == ASSIGNED)
        self._row(self.assigned_due, channel == ASSIGNED)
        for w in (self.name, self.id_number, self.address):
            self._row(w, named)
        self._row(self.reply_how, self.wants_reply.isChecked())
        self.phone.setPlaceholderText("" if named else "匿名者要求电话或短信答复的，须留联系电话")

    def collect(self) -> reg.ComplaintInput:
        """The form as the service's input (a mistyped date raises, naming its field)."""
        errors: dict[str, str] = {}
        days: dict[str, dt.date | None] = {}
        for key, box in (("received_on", self.received_on), ("assigned_due", self.assigned_due)):
            try:
                days[key] = box.value()
            except ValidationError as exc:
                errors.update(exc.fields)
                days[key] = None
        if errors:
            raise ValidationError(errors)
        channel = self.channel.currentText()
        return reg.ComplaintInput(
            received_on=days["received_on"], channel=channel, category=self.category.currentText(),
            facts=self.facts.toPlainText(), anonymous=self.signed.currentText() == ANON, name=self.name.text(),
            id_number=self.id_number.text(), phone=self.phone.text(), address=self.address.text(),
            wants_reply=self.wants_reply.isChecked(), reply_how=self.reply_how.currentText(),
            target_user_id=self.target_user.currentData(), target_department_id=self.target_dept.currentData(),
            happened=self.happened.text(), taken_place=self.taken_place.text(),
            assigned_body=self.assigned_body.text() if channel == ASSIGNED else "",
            assigned_due=days["assigned_due"] if channel == ASSIGNED else None,
            contact_entry_id=self.contact_entry_id if channel == FROM_CONTACT else None)

    def save(self) -> None:
        def register() -> None:
            self.saved_id = reg.register(self.db, self.actor, self.collect())

        if self.form.attempt(self, "登记投诉举报", register):
            self.accept()
