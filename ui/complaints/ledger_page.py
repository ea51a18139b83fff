"""责任追究台账: the appraisal year's records per person and per section with their deductions, each
record to confirm (监督检查人员 only — the service checks), commendations, and the 责任追究决定 print.

The lists are short (a year's records), so they use the small rows model of ui/supervision/rows.py.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.dates import cn_date
from app.db import Database
from app.services.actor import Actor
from app.services.complaints import ledger, listing
from app.services.complaints.vocab import BLAME, UNCONFIRMED
from app.services.errors import ServiceError
from ui.complaints.steps import StepDialog, Steps
from ui.forms import tell
from ui.supervision.rows import Col, RowsModel, current_row, table
from ui.widgets import add_buttons, text_box

PEOPLE = [Col("工作人员", lambda t: t.name), Col("责任追究（次）", lambda t: str(t.blames)),
          Col("表扬（次）", lambda t: str(t.praises)), Col("扣减年度考评（分）", lambda t: str(t.points))]
SECTIONS = [Col("科室", lambda t: t.name), Col("责任追究（次）", lambda t: str(t.blames)),
            Col("扣减目标责任制考核（分）", lambda t: str(t.points)),
            Col("科室负责人扣减年度考评（分）", lambda t: str(t.head_points))]
RECORDS = [
    Col("类型", lambda r: r.kind), Col("投诉举报", lambda r: r.complaint_number),
    Col("工作人员", lambda r: r.person), Col("科室", lambda r: r.department),
    Col("第几次", lambda r: f"第{r.ordinal}次" if r.ordinal else ""), Col("处理措施", lambda r: r.measure),
    Col("扣分（个人/科室/负责人）", lambda r: f"{r.person_points}/{r.section_points}/{r.head_points}"
        if r.kind == BLAME else ""),
    Col("状态", lambda r: r.state, alert=lambda r: r.state == UNCONFIRMED),
    Col("确认", lambda r: f"{r.confirmed_by} {cn_date(r.confirmed_on)}" if r.confirmed_by else ""),
    Col("决定文号", lambda r: r.number),
    Col("事由", lambda r: r.reason),
]


class LedgerPage(QWidget):
    def __init__(self, db: Database, actor: Actor, steps: Steps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.steps = db, actor, steps
        self.run_dialog = lambda dlg: dlg.exec() == QDialog.DialogCode.Accepted  # tests replace these two
        self.inform = lambda title, text, icon="information": tell(self, title, text, icon=icon)
        lay = QVBoxLayout(self)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("考评年度"))
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(db.today().year)
        self.year.setSuffix("年")
        self.year.valueChanged.connect(lambda _v: self.refresh())
        bar.addWidget(self.year)
        bar.addStretch(1)
        add_buttons(bar, (("确认所选记录", self.confirm_selected), ("登记表扬…", self.commend),
                          ("打印责任追究决定", self.print_selected)))
        lay.addLayout(bar)
        split = QSplitter(Qt.Orientation.Vertical)
        top = QSplitter(Qt.Orientation.Horizontal)
        self.people = RowsModel(PEOPLE)
        self.sections = RowsModel(SECTIONS)
        self.records = RowsModel(RECORDS)
        for title, model, box in (("按工作人员（已确认的记录）", self.people, top),
                                  ("按科室（已确认的记录）", self.sections, top)):
            w = QWidget()
            v = QVBoxLayout(w)
            v.setContentsMargins(0, 0, 0, 0)
            v.addWidget(QLabel(title))
            v.addWidget(table(model))
            box.addWidget(w)
        split.addWidget(top)
        rec = QWidget()
        v = QVBoxLayout(rec)
        v.setContentsMargins(0, 0, 0, 0)
        v.addWidget(QLabel("本年度的责任追究和表扬记录（待确认的标红，须由监督检查人员确认后才计入扣分）"))
        self.records_view = table(self.records)
        v.addWidget(self.records_view)
        split.addWidget(rec)
        lay.addWidget(split, 1)

    def set_actor(self, actor: Actor) -> None:
        self.actor = actor
        self.refresh()

    def refresh(self) -> None:
        year = self.year.value()
        people, sections = ledger.year_summary(self.db, year)
        self.people.set_rows(people)
        self.sections.set_rows(sections)
        self.records.set_rows(listing.ledger_rows(self.db, year))

    def selected(self, title: str) -> listing.LedgerRow | None:
        n = current_row(self.records_view)
        if n is None:
            self.inform(title, "请先在记录列表中选择一条记录")
            return None
        return self.records.row(n)

    def select_row(self, n: int) -> None:
        self.records_view.selectRow(n)

    def confirm_selected(self) -> None:
        r = self.selected("确认责任追究")
        if r is None:
            return
        try:
            ledger.confirm(self.db, self.actor, r.id)
        except ServiceError as exc:
            self.inform("确认责任追究", str(exc), "warning")
            return
        self.refresh()
        ids = [x.id for x in self.records.rows]
        if r.id in ids:  # the confirmed record stays selected (to print its 责任追究决定 next)
            self.select_row(ids.index(r.id))

    def commend_dialog(self) -> StepDialog:
        dlg = StepDialog("登记表扬", self)
        dlg.person = dlg.form.add_field("person", "受表扬的工作人员", QComboBox())
        for uid, name, dept in listing.staff(self.db):
            dlg.person.addItem(f"{name}（{dept}）" if dept else name, uid)
        dlg.reason = dlg.form.add_field("reason", "表扬事由", text_box(90))
        year = self.year.value()
        dlg.on_save = lambda: ledger.commend(self.db, self.actor, dlg.person.currentData(), year,
                                             dlg.reason.toPlainText())
        dlg.finish()
        return dlg

    def commend(self) -> None:
        if self.run_dialog(self.commend_dialog()):
            self.refresh()

    def print_selected(self) -> None:
        r = self.selected("打印责任追究决定")
        if r is not None:
            self.steps.print_decision(r.id, r.number or "")
