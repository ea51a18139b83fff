"""督查日历: the year's 一岗双责 duties (季度督查, 专题会议) with their holders, due days and status.

Duties are derived by app.services.supervision.duties from 责任分工; this view
only shows them (a year has at most a few dozen), with 逾期 in red so a missed
quarter cannot be overlooked.  Opening a 季度督查 or 专题会议 duty opens its
record (the page connects ``duty_opened``).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from app.dates import cn_date
from app.db import Database
from app.services.actor import Actor
from app.services.supervision import duties as du
from app.services.supervision.records import period_name
from ui.supervision.rows import Col, RowsModel, current_row, table

COLUMNS: list[Col[du.Duty]] = [
    Col("期间", lambda d: period_name(d.period)),
    Col("职责", lambda d: d.kind),
    Col("职务", lambda d: d.post),
    Col("负责人", lambda d: d.holder_name),
    Col("分管科室", lambda d: "、".join(d.areas)),
    Col("截止日期", lambda d: cn_date(d.due)),
    Col("完成日期", lambda d: cn_date(d.completed) if d.completed else ""),
    Col("状态", lambda d: d.status, alert=lambda d: d.status in (du.OVERDUE, du.DONE_LATE)),
]


class DutyCalendarView(QWidget):
    duty_opened = Signal(object)  # the Duty whose record to open

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.year = QSpinBox()
        self.year.setRange(du.YEAR_FIRST, du.YEAR_LAST)
        self.year.setValue(db.today().year)
        self.year.setSuffix("年")
        self.summary = QLabel()
        self.model: RowsModel[du.Duty] = RowsModel(COLUMNS)
        self.view = table(self.model)
        self.open_button = QPushButton("填写督查记录")
        self.open_button.setToolTip("为所选职责填写季度督查记录或专题会议记录（也可双击该行）")
        self.open_button.clicked.connect(self._open_selected)
        self.view.activated.connect(lambda index: self.duty_opened.emit(self.model.row(index.row())))
        top = QHBoxLayout()
        top.addWidget(QLabel("一岗双责职责："))
        top.addWidget(self.year)
        top.addWidget(self.summary, 1)
        top.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view)
        self.year.valueChanged.connect(self.refresh)
        self.refresh()

    def _open_selected(self) -> None:
        n = current_row(self.view)
        if n is not None:
            self.duty_opened.emit(self.model.row(n))

    def refresh(self) -> None:
        rows = du.duties_for_year(self.db, self.year.value())
        self.model.set_rows(rows)
        if not rows:
            self.summary.setText("该年没有职责：请先由系统管理员设置责任分工（主要负责人、分管负责人及分管科室）")
            return
        counts = {s: sum(1 for d in rows if d.status == s) for s in (du.TODO, du.DONE, du.OVERDUE, du.DONE_LATE)}
        self.summary.setText("，".join(f"{k}{v}项" for k, v in counts.items()))
