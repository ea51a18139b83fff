"""One 首问登记: what was recorded, where it went, what it is linked to, and its timeline.

The timeline lists every event (登记, 接办, 办理结果, 回访, 关联, 更正 …) with when, what and who;
a correction reads “更正问题：原内容 → 新内容；理由：…”.  更正… opens the shared correction
dialog (ui/correction_dialog.py): the author on the day of entry corrects in place, otherwise the
correction is a new event here.  转为投诉举报… opens the complaint form pre-filled (the page does
the opening, so quick entry and this view share it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.dates import cn_date
from app.db import Database
from app.services.actor import Actor
from app.services.contacts import register as reg
from app.services.contacts import vocab as v
from app.services.errors import ServiceError
from ui.fit import limit_width
from ui.forms import tell

TIMELINE_HEADERS = ["时间", "事项", "内容", "办理人"]
CORRECTION_NOTE = ("录入人在登记当天可直接更正自己录入的内容（操作日志仍留有原内容）；此后的更正或他人的更正，"
                   "须由科室负责人或以上办理，记入办理经过（更正人、时间、原内容 → 新内容、理由），原记录不会被抹去。")


def _when(at: dt.datetime, day: dt.date) -> str:
    """The event's day as recorded, with the clock time it was entered (local)."""
    local = at.astimezone() if at.tzinfo else at
    return f"{cn_date(day)} {local:%H:%M}" if local.date() == day else cn_date(day)


def facts(d: reg.ContactDetail) -> list[tuple[str, str]]:
    """The entry's recorded facts as (label, text) rows; empty ones left out."""
    r = d.row
    rows = [("编号", r.number), ("时间", f"{cn_date(r.contact_at.date())} {r.contact_at:%H:%M}"),
            ("方式", r.channel), ("姓名或名称", r.person), ("联系电话", r.phone), ("事项", r.matter_name),
            ("类别", r.category), ("问题", r.question), ("首问责任人", r.responder), ("处理方式", r.outcome),
            ("答复或办理情况", d.answer),
            ("转至", r.referred_to + (f"（{d.referred_person}）" if d.referred_person else "")),
            ("转交方式", d.referred_how), ("关联", d.linked),
            ("接办", f"{r.accepted_by}（{cn_date(r.accepted_at.astimezone().date())}）" if r.accepted_at else ""),
            ("接办期限", cn_date(d.accept_due) if d.accept_due and not r.accepted_at else ""),
            ("办理结果", r.result + (f"（{cn_date(d.result_day)}）" if d.result_day else "")),
            ("办理结果期限", cn_date(d.result_due) if d.result_due and not d.result_day else ""),
            ("回访", r.followup_text + (f"：{d.followup_words}" if d.followup_words else "")),
            ("状态", r.state)]
    return [(k, t) for k, t in rows if t]


class EntryDetailDialog(QDialog):
    """``convert_to_complaint(entry_id)`` is the page's; ``changed`` is True after a correction or link."""

    def __init__(self, db: Database, actor: Actor, entry_id: int,
                 convert_to_complaint: Callable[[int], None] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.entry_id = db, actor, entry_id
        self.convert = convert_to_complaint
        self.changed = False
        lay = QVBoxLayout(self)
        self.facts = QFormLayout()
        lay.addLayout(self.facts)
        lay.addWidget(QLabel("办理经过（更正记在这里：更正人、时间、原内容 → 新内容、理由）："))
        self.timeline = QTableWidget(0, len(TIMELINE_HEADERS))
        self.timeline.setHorizontalHeaderLabels(TIMELINE_HEADERS)
        self.timeline.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.timeline.setWordWrap(True)
        self.timeline.verticalHeader().hide()
        header = self.timeline.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 150), (1, 80), (3, 80)):
            self.timeline.setColumnWidth(col, width)
        lay.addWidget(self.timeline, 1)
        buttons = QDialogButtonBox()
        self.correct_button = QPushButton("更正…")
        self.correct_button.clicked.connect(self.correct)
        buttons.addButton(self.correct_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.complaint_button = QPushButton("转为投诉举报…")
        self.complaint_button.clicked.connect(self.to_complaint)
        buttons.addButton(self.complaint_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        close.setDefault(True)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.load()
        self.resize(720, 620)
        limit_width(self, 900)

    def load(self) -> None:
        self.detail = d = reg.detail(self.db, self.entry_id)
        self.setWindowTitle(f"首问登记 {d.row.number}")
        while self.facts.rowCount():
            self.facts.removeRow(0)
        for label, text in facts(d):
            value = QLabel(text)
            value.setWordWrap(True)
            self.facts.addRow(label, value)
        self.timeline.setRowCount(len(d.events))
        for row, e in enumerate(d.events):
            for col, text in enumerate((_when(e.at, e.day), e.kind, e.text, e.actor)):
                self.timeline.setItem(row, col, QTableWidgetItem(text))
        self.timeline.resizeRowsToContents()
        self.complaint_button.setVisible(d.row.outcome == v.TO_COMPLAINT and d.complaint_id is None
                                         and self.convert is not None)

    def timeline_rows(self) -> list[list[str]]:
        return [[self.timeline.item(r, c).text() for c in range(self.timeline.columnCount())]
                for r in range(self.timeline.rowCount())]

    def correct(self) -> None:
        from ui.correction_dialog import CorrectionDialog

        try:
            dlg = CorrectionDialog(self.db, self.actor, "contact", self.entry_id, self, note=CORRECTION_NOTE)
        except ServiceError as exc:  # e.g. a read-only account
            tell(self, "更正", str(exc), icon="warning")
            return
        if dlg.exec() == QDialog.DialogCode.Accepted:
            self.changed = True
            self.load()

    def to_complaint(self) -> None:
        assert self.convert is not None
        self.convert(self.entry_id)
        self.changed = True
        self.load()
