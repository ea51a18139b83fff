"""The referral's steps as small forms that save through their service function themselves, so a
refusal (empty result, a date in the future, a rating not on the scale) shows under its field and
the form stays open with what was typed; nothing is saved until the service accepts it.

    办理结果 — the receiving 科室's result and the day it was done;
    回访 / 整改后回访 — the day, how, the person's rating on the 好差评 scale and their words.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.db import Database
from app.services.actor import Actor
from app.services.contacts import entry as ce
from app.services.contacts import vocab as v
from ui.fit import limit_width
from ui.forms import FieldForm, ok_cancel_buttons
from ui.widgets import DateEdit, combo, text_box


class _StepDialog(QDialog):
    """A form with a title line naming the entry; ``saved`` after the service accepted it."""

    def __init__(self, title: str, heading: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.saved = False
        self.lay = QVBoxLayout(self)
        head = QLabel(heading)
        head.setWordWrap(True)
        self.lay.addWidget(head)
        self.form = FieldForm()

    def finish(self, ok_text: str) -> None:
        self.lay.addLayout(self.form)
        self.lay.addWidget(self.form.general_label())
        self.lay.addWidget(ok_cancel_buttons(self, ok_text, "取消", self.save))
        limit_width(self, 520)

    def run(self, action: Callable[[], None]) -> None:
        if self.form.attempt(self, self.windowTitle(), action):
            self.saved = True
            self.accept()

    def save(self) -> None:
        raise NotImplementedError


class ResultDialog(_StepDialog):
    def __init__(self, db: Database, actor: Actor, entry_id: int, heading: str,
                 parent: QWidget | None = None) -> None:
        super().__init__("办理结果", heading, parent)
        self.db, self.actor, self.entry_id = db, actor, entry_id
        self.result = self.form.add_field("result", "办理结果", text_box(90))
        self.day = self.form.add_field("day", "办结日期", DateEdit(db.today()))
        self.finish("保存")

    def save(self) -> None:
        def act() -> None:
            day = self.day.value()
            ce.record_result(self.db, self.actor, self.entry_id, self.result.toPlainText(), day=day)
        self.run(act)


class FollowUpDialog(_StepDialog):
    """回访 (``fn`` = ce.follow_up) or 整改后回访 (ce.second_follow_up)."""

    def __init__(self, db: Database, actor: Actor, entry_id: int, title: str, heading: str,
                 fn: Callable[[Database, Actor, int, ce.FollowUp], None], parent: QWidget | None = None) -> None:
        super().__init__(title, heading, parent)
        self.db, self.actor, self.entry_id, self.fn = db, actor, entry_id, fn
        self.day = self.form.add_field("day", "回访日期", DateEdit(db.today()))
        self.how = self.form.add_field("how", "回访方式", combo(v.FOLLOWUP_WAYS))
        self.rating = self.form.add_field("rating", "群众评价", combo(("", *v.RATINGS)))
        self.words = self.form.add_field("words", "群众意见", QLineEdit())
        self.words.setPlaceholderText("不满意的，请记下原因（将交办整改）")
        self.finish("保存")

    def value(self) -> ce.FollowUp:
        return ce.FollowUp(day=self.day.value(), how=self.how.currentText(), rating=self.rating.currentText(),
                           words=self.words.text())

    def save(self) -> None:
        self.run(lambda: self.fn(self.db, self.actor, self.entry_id, self.value()))
