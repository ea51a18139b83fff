"""Charts of the year against the year before: requests received per month, results per category."""

from __future__ import annotations

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QHBoxLayout, QWidget

from app.domain import taxonomy
from app.services.annual_report.report import AnnualReport

MONTHS = [f"{m}月" for m in range(1, 13)]


def _chart(title: str, categories: list[str], series: list[tuple[str, list[int]]]) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    bars = QBarSeries()
    for name, values in series:
        s = QBarSet(name)
        s.append([float(v) for v in values])
        bars.append(s)
    chart.addSeries(bars)
    axis_x = QBarCategoryAxis()
    axis_x.append(categories)
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    bars.attachAxis(axis_x)
    axis_y = QValueAxis()
    top = max([max(v) if v else 0 for _n, v in series] + [1])
    axis_y.setRange(0, top)
    axis_y.setLabelFormat("%d")
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    bars.attachAxis(axis_y)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


class ReportCharts(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QHBoxLayout(self)
        self.months_view = QChartView()
        self.results_view = QChartView()
        for v in (self.months_view, self.results_view):
            v.setRenderHint(QPainter.RenderHint.Antialiasing)
            lay.addWidget(v, 1)

    def show_report(self, r: AnnualReport) -> None:
        months = [(f"{r.year}年", r.months)]
        if r.previous_months:
            months.append((f"{r.year - 1}年", r.previous_months))
        self.months_view.setChart(_chart("每月收到的申请", MONTHS, months))
        results = [(f"{r.year}年", [r.table3.rows[c][6] for c in taxonomy.CATEGORIES])]
        if r.previous is not None:
            results.append((f"{r.year - 1}年", [r.previous.rows[c][6] for c in taxonomy.CATEGORIES]))
        self.results_view.setChart(_chart("办理结果（按大类）", list(taxonomy.CATEGORIES), results))
