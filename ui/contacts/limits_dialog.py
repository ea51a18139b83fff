"""首问负责时限: the office's limit for a referral's result and for a 差评's rectification (working days).

Reached from the tab by a 科室负责人 or above or the 系统管理员 (the service checks the right
again when saving); out-of-range values are shown under their field and nothing is saved.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QSpinBox, QVBoxLayout, QWidget

from app.db import Database
from app.services.actor import Actor
from app.services.contacts import entry as ce
from app.services.contacts import vocab as v
from ui.fit import limit_width
from ui.forms import FieldForm, ok_cancel_buttons


def _days(value: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, 99)  # the service says what is allowed (1–60), under the field
    box.setSuffix(" 个工作日")
    box.setValue(value)
    return box


class LimitsDialog(QDialog):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.saved = False
        self.setWindowTitle("首问负责时限")
        result_days, rect_days = ce.current_limits(db)
        lay = QVBoxLayout(self)
        note = QLabel(f"转至本机关科室或其他机关的事项，须在{v.ACCEPT_DAYS}个工作日内确认接办，并在下列时限内登记办理结果，"
                      "否则列为逾期。群众评价为不满意或非常不满意的（差评），在下列时限内整改，整改后再次回访。"
                      f"默认分别为{v.DEFAULT_RESULT_DAYS}个和{v.DEFAULT_RECTIFICATION_DAYS}个工作日。"
                      "修改只影响此后登记的事项和差评。")
        note.setWordWrap(True)
        lay.addWidget(note)
        self.form = f = FieldForm()
        self.result_days = f.add_field("result_days", "转办结果时限", _days(result_days))
        self.rectification_days = f.add_field("rectification_days", "差评整改时限", _days(rect_days))
        lay.addLayout(f)
        lay.addWidget(f.general_label())
        lay.addWidget(ok_cancel_buttons(self, "保存", "取消", self.save))
        limit_width(self, 520)

    def save(self) -> None:
        if self.form.attempt(self, "首问负责时限", lambda: ce.set_limits(
                self.db, self.actor, self.result_days.value(), self.rectification_days.value())):
            self.saved = True
            self.accept()
