"""督查记录 and 专题会议 sub-tabs: the year's records, opened (double-click or 打开) in their window.

A record always belongs to a duty; a new record is started from the 督查日历
(填写督查记录), so these lists only show and reopen what exists.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from app.dates import cn_date
from app.db import Database
from app.services.actor import Actor
from app.services.supervision import checks, meetings
from app.services.supervision import duties as du
from app.services.supervision.records import period_name
from ui.forms import tell
from ui.supervision.rows import Col, RowsModel, current_row, table

CHECK_COLUMNS: list[Col[checks.CheckRow]] = [
    Col("期间", lambda r: period_name(r.period)),
    Col("分管负责人", lambda r: r.holder),
    Col("被督查科室", lambda r: r.areas),
    Col("督查日期", lambda r: cn_date(r.check_date)),
    Col("状态", lambda r: r.state),
    Col("未销号整改任务", lambda r: str(r.open_tasks) if r.open_tasks else "", alert=lambda r: r.open_tasks > 0),
]
MEETING_COLUMNS: list[Col[meetings.MeetingRow]] = [
    Col("期间", lambda r: period_name(r.period)),
    Col("主持人", lambda r: r.holder),
    Col("会议日期", lambda r: cn_date(r.meeting_date)),
    Col("地点", lambda r: r.place),
    Col("状态", lambda r: r.state),
    Col("未销号整改任务", lambda r: str(r.open_tasks) if r.open_tasks else "", alert=lambda r: r.open_tasks > 0),
]


class RecordsView(QWidget):
    """One year's records of one kind; ``duty_opened`` carries the duty whose record to open."""

    duty_opened = Signal(object)

    def __init__(self, db: Database, actor: Actor, kind: str, columns: list[Col[Any]],
                 rows: Callable[[Database, int], list[Any]], empty: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.kind, self.rows, self.empty = db, actor, kind, rows, empty
        self.year = QSpinBox()
        self.year.setRange(du.YEAR_FIRST, du.YEAR_LAST)
        self.year.setValue(db.today().year)
        self.year.setSuffix("年")
        self.summary = QLabel()
        self.model: RowsModel[Any] = RowsModel(columns)
        self.view = table(self.model)
        self.view.activated.connect(lambda index: self.open_row(index.row()))
        open_button = QPushButton("打开")
        open_button.clicked.connect(self._open_selected)
        top = QHBoxLayout()
        top.addWidget(QLabel("年度："))
        top.addWidget(self.year)
        top.addWidget(self.summary, 1)
        top.addWidget(open_button)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.view)
        self.year.valueChanged.connect(lambda _y: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        rows = self.rows(self.db, self.year.value())
        self.model.set_rows(rows)
        self.summary.setText(f"共{len(rows)}份" if rows else self.empty)

    def _open_selected(self) -> None:
        n = current_row(self.view)
        if n is not None:
            self.open_row(n)

    def open_row(self, n: int) -> None:
        r = self.model.row(n)
        duty = next((d for d in du.duties_for_year(self.db, int(r.period[:4]))
                     if d.kind == self.kind and d.holder_id == r.holder_id and d.period == r.period), None)
        if duty is None:
            tell(self, "打开记录", "按现在的责任分工，该记录已没有对应的职责（责任分工或频次已调整）。"
                 "如需查看，请先恢复原来的责任分工。")
            return
        self.duty_opened.emit(duty)


def checks_view(db: Database, actor: Actor) -> RecordsView:
    return RecordsView(db, actor, du.CHECK, CHECK_COLUMNS, checks.list_checks,
                       "该年还没有督查记录：在“督查日历”中选中一项季度督查，点“填写督查记录”")


def meetings_view(db: Database, actor: Actor) -> RecordsView:
    return RecordsView(db, actor, du.MEETING, MEETING_COLUMNS, meetings.list_meetings,
                       "该年还没有专题会议记录：在“督查日历”中选中一项专题会议，点“填写督查记录”")
