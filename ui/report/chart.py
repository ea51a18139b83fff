"""Charts of the year against the year before: requests received per month, results per category."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QWidget

from app.domain import taxonomy
from app.services.annual_report.report import AnnualReport
from ui import charts

MONTHS = [f"{m}月" for m in range(1, 13)]


class ReportCharts(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QHBoxLayout(self)
        self.months_view = charts.ChartView()
        self.results_view = charts.ChartView()
        for v in (self.months_view, self.results_view):
            lay.addWidget(v, 1)

    def show_report(self, r: AnnualReport) -> None:
        months = [(f"{r.year}年", r.months)]
        if r.previous_months:
            months.append((f"{r.year - 1}年", r.previous_months))
        self.months_view.show_chart(charts.bar_chart("每月收到的申请", MONTHS, months))
        results = [(f"{r.year}年", [r.table3.rows[c][6] for c in taxonomy.CATEGORIES])]
        if r.previous is not None:
            results.append((f"{r.year - 1}年", [r.previous.rows[c][6] for c in taxonomy.CATEGORIES]))
        self.results_view.show_chart(charts.bar_chart("办理结果（按大类）", list(taxonomy.CATEGORIES), results))
