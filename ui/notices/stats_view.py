"""统计: notices per matter and per clerk, the materials most often missing, repeat notices — table and chart."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.services.notices import stats
from ui import charts

CHARTS = {"材料缺失次数（前10）": "top_missing", "各事项告知书份数": "by_matter", "各经办人告知书份数": "by_clerk"}


def _table(headers: list[str], rows: list[tuple]) -> QTableWidget:
    t = QTableWidget(len(rows), len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    t.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for r, values in enumerate(rows):
        for c, v in enumerate(values):
            item = QTableWidgetItem(str(v))
            if isinstance(v, int | float):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            t.setItem(r, c, item)
    return t


class StatsView(charts.StatsPane):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        tables = QVBoxLayout()
        super().__init__(tables, parent)
        self.db, self.tables = db, tables
        self.chart_kind.addItems(list(CHARTS))
        this_year = db.today().year
        for y in range(this_year, this_year - 4, -1):
            self.period.addItem(f"{y}年", y)
        self.period.addItem("全部", None)
        self.period.currentIndexChanged.connect(lambda _i: self.refresh())
        self.chart_kind.currentIndexChanged.connect(lambda _i: self._draw())
        self.current: stats.NoticeStats | None = None
        self.refresh()

    def refresh(self) -> None:
        year = self.period.currentData()
        start, end = (dt.date(year, 1, 1), dt.date(year, 12, 31)) if year else (None, None)
        s = stats.statistics(self.db, start, end)
        self.current = s
        self.headline.setText(
            f"共出具一次性告知书{s.total}份（" + "、".join(f"{k}{v}份" for k, v in s.by_state.items()) + "）；"
            f"同一申请人同一事项再次告知{s.repeat_notices}份，占{s.repeat_rate:.0%}"
            + ("——一次性告知没有一次告知清楚，请检查这些事项的办事指南。" if s.repeat_notices else "。"))
        while self.tables.count():
            w = self.tables.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        for title, headers, rows in (
            ("各事项", ["事项名称", "告知书份数"], s.by_matter),
            ("各经办人", ["经办人", "告知书份数"], s.by_clerk),
            ("最常缺少或不符合要求的材料（办事指南可能写得不清楚）", ["材料名称", "次数"], s.top_missing),
            ("再次告知（同一申请人、同一事项两份以上）", ["申请人", "事项名称", "份数"], s.repeat_pairs),
        ):
            self.tables.addWidget(QLabel(title))
            self.tables.addWidget(_table(headers, rows))
        self._draw()

    def _draw(self) -> None:
        s = self.current
        if s is None:
            return
        title = self.chart_kind.currentText()
        data: list[tuple[str, int]] = getattr(s, CHARTS[title])[:10]  # largest first, drawn on top
        self.chart.show_chart(charts.bar_chart(title, [name for name, _ in data], [(title, [n for _, n in data])],
                                               horizontal=True, value_labels=True))
