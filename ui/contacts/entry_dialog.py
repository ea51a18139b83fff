"""首问登记 quick entry: keyboard only, Enter saves (a phone call logged in well under 30 seconds).

Only the fields the chosen 处理方式 needs are shown (the 科室 for 引导至本机关科室, the agency
for 协助转其他机关, the answer for 当场答复/当场办理).  Every check is the service's
``validate_entry``; its messages appear under the fields and nothing is saved.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.services.actor import Actor
from app.services.contacts import entry as ce
from app.services.contacts import register as reg
from app.services.contacts import vocab as v
from ui.forms import FieldForm, ok_cancel_buttons
from ui.guard import GuardedDialog
from ui.widgets import combo, text_box


class EntryDialog(GuardedDialog):
    """``saved_id`` is set once the entry is saved."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.saved_id: int | None = None
        self.setWindowTitle("首问登记")
        lay = QVBoxLayout(self)
        self.form = f = FieldForm()
        self.at = f.add_field("contact_at", "时间", QDateTimeEdit(QDateTime.currentDateTime()))
        self.at.setDisplayFormat("yyyy年MM月dd日 HH:mm")
        self.channel = f.add_field("channel", "方式", combo(v.CHANNELS, "来电"))
        self.person = f.add_field("person", "姓名或名称", QLineEdit())
        self.person.setPlaceholderText("简单咨询可不填")
        self.phone = f.add_field("phone", "联系电话", QLineEdit())
        self.matter = f.add_field("matter_id", "事项", QComboBox(), also=("matter_name",))
        self.matter.setEditable(True)
        self.matter.addItem("", None)
        for mid, name in self._matters():
            self.matter.addItem(name, mid)
        self.category = f.add_field("category", "类别", combo(v.CATEGORIES))
        self.question = f.add_field("question", "问题", text_box(70))
        self.responder = f.add_field("responder_id", "首问责任人", QComboBox())
        for uid, name in reg.responders(db):
            self.responder.addItem(name, uid)
        if actor.user_id is not None:
            self.responder.setCurrentIndex(max(0, self.responder.findData(actor.user_id)))
        self.outcome = f.add_field("outcome", "处理方式", combo(v.OUTCOMES))
        self.answer = f.add_field("answer", "答复或办理情况", text_box())
        self.department = f.add_field("department_id", "转至科室", QComboBox())
        self.department.addItem("", None)
        for did, name in reg.departments(db):
            self.department.addItem(name, did)
        self.agency = f.add_field("agency", "转至机关", QLineEdit())
        self.referred_person = f.add_field("referred_person", "接收人", QLineEdit())
        self.referred_how = f.add_field("referred_how", "转交方式", QLineEdit())
        self.rating = f.add_field("rating", "当场评价", combo(("", *v.RATINGS)))
        lay.addLayout(f)
        lay.addWidget(f.general_label())
        self.buttons = ok_cancel_buttons(self, "保存（Enter）", "取消", self.save)
        lay.addWidget(self.buttons)
        self.outcome.currentTextChanged.connect(self._update_outcome)
        self._update_outcome(self.outcome.currentText())
        self._fit_height()
        self.mark_clean()

    def showEvent(self, event) -> None:  # noqa: ANN001, N802
        """Start at 方式: the time is already now, which is right for a call being taken."""
        super().showEvent(event)
        self.channel.setFocus()

    def _matters(self) -> list[tuple[int, str]]:
        from app.services.catalogue import service as catalogue

        return [(m.id, m.name) for m in catalogue.list_matters(self.db)]

    def _row_visible(self, widget: QWidget, on: bool) -> None:
        self.form.setRowVisible(widget.parentWidget(), on)

    def _update_outcome(self, outcome: str) -> None:
        self._row_visible(self.answer, outcome in v.ON_THE_SPOT)
        self._row_visible(self.department, outcome == v.INTERNAL)
        self._row_visible(self.agency, outcome == v.EXTERNAL)
        self._row_visible(self.referred_person, outcome in v.REFERRALS)
        self._row_visible(self.referred_how, outcome in v.REFERRALS)
        self._row_visible(self.rating, outcome not in v.REFERRALS)
        if outcome == v.TO_COMPLAINT:
            self.category.setCurrentText(v.COMPLAINT)
        self._fit_height()

    def _fit_height(self) -> None:
        """As tall as the shown rows need: spare height would be spread between the rows, leaving
        the question box floating away from its label."""
        self.layout().activate()
        self.resize(max(self.width(), 560), self.sizeHint().height())

    def collect(self) -> ce.EntryInput:
        # a name typed that is not in the catalogue is kept as free text
        found = self.matter.findText(self.matter.currentText())
        matter_id = self.matter.itemData(found) if found > 0 else None
        return ce.EntryInput(
            contact_at=self.at.dateTime().toPython(), channel=self.channel.currentText(), person=self.person.text(),
            phone=self.phone.text(), matter_id=matter_id,
            matter_name="" if matter_id is not None else self.matter.currentText(),
            category=self.category.currentText(), question=self.question.toPlainText(),
            responder_id=self.responder.currentData(), outcome=self.outcome.currentText(),
            answer=self.answer.toPlainText(), department_id=self.department.currentData(),
            referred_person=self.referred_person.text(), agency=self.agency.text(),
            referred_how=self.referred_how.text(), rating=self.rating.currentText())

    def save(self) -> None:
        def log() -> None:
            self.saved_id = ce.log_entry(self.db, self.actor, self.collect(), now=dt.datetime.now())

        if self.form.attempt(self, "首问登记", log):
            self.accept()
