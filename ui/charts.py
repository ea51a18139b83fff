"""The one chart module for every tab (QtCharts): bar charts (categories × series) and a line chart
(e.g. a percentage per month on a 0–100% axis).

Why one module: each tab used to build its own QChart with its own axis rules; the rules that
matter to a reader (whole-number ticks for counts, largest bar on top, a fixed 0–100% scale so two
months' rates compare at a glance, no animation, fonts that stay legible in a small pane) live
here once.  Callers pass plain data (titles, category names, ``(series name, values)`` pairs) and
get a ``QChart`` to put into a :class:`ChartView`; no caller touches QtCharts classes itself.
Animations are off so an offscreen test sees the final values and a repaint costs nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLayout, QVBoxLayout, QWidget

Series = Sequence[tuple[str, Sequence[float | int | None]]]

#: label length beyond which a category name is shortened with "…" (long matter names)
MAX_LABEL = 16
#: colours in series order: dark enough to read on white and told apart in grey print
PALETTE = ("#1f5fa8", "#d17a00", "#2e8b57", "#9b2d30", "#6a4c93", "#5f6b6d")


def _font(point_size: float, bold: bool = False) -> QFont:
    f = QFont()
    f.setPointSizeF(point_size)
    f.setBold(bold)
    return f


def _short(name: str) -> str:
    return name if len(name) <= MAX_LABEL else name[: MAX_LABEL - 1] + "…"


def _base(title: str, legend: bool) -> QChart:
    chart = QChart()
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setTitle(title)
    chart.setTitleFont(_font(10, bold=True))
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(0)
    if legend:
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.legend().setFont(_font(8.5))
    else:
        chart.legend().hide()
    return chart


def _count_axis(top: float) -> QValueAxis:
    """A value axis for counts: starts at 0, whole-number labels, ticks on whole numbers when few."""
    axis = QValueAxis()
    top_int = max(1, int(top) if float(top).is_integer() else int(top) + 1)
    axis.setRange(0, top_int)
    axis.setLabelFormat("%d")
    axis.setLabelsFont(_font(8))
    if top_int <= 10:
        axis.setTickCount(top_int + 1)  # 0..top: every tick a whole number
    else:
        axis.applyNiceNumbers()
    return axis


def _category_axis(categories: Sequence[str]) -> QBarCategoryAxis:
    axis = QBarCategoryAxis()
    axis.append([_short(c) for c in categories])
    axis.setLabelsFont(_font(8))
    axis.setTruncateLabels(False)  # "1…" for 10月 says nothing; a label is shown whole or tilted
    if len(categories) > 8 and max((len(c) for c in categories), default=0) > 3:
        axis.setLabelsAngle(-45)  # many long names stay readable in a narrow pane
    return axis


def bar_chart(title: str, categories: Sequence[str], series: Series, *, horizontal: bool = False,
              value_labels: bool = False) -> QChart:
    """Bars for each category, one bar set per ``(name, values)`` series (values align with
    ``categories``; ``None`` counts as 0).  ``horizontal`` lists categories top-down in the order
    given (suits ranked lists with long names); ``value_labels`` prints each bar's number.
    The legend is shown only when there is more than one series to tell apart."""
    chart = _base(title, legend=len(series) > 1)
    bars: QAbstractBarSeries = QHorizontalBarSeries() if horizontal else QBarSeries()
    names = list(categories)
    rows = [(name, [float(v or 0) for v in values]) for name, values in series]
    if horizontal:  # Qt draws horizontal categories bottom-up: reverse so the first is on top
        names = names[::-1]
        rows = [(name, values[::-1]) for name, values in rows]
    for i, (name, values) in enumerate(rows):
        s = QBarSet(name)
        s.append(values)
        s.setColor(QColor(PALETTE[i % len(PALETTE)]))
        s.setLabelFont(_font(8))
        bars.append(s)
    bars.setLabelsVisible(value_labels)
    chart.addSeries(bars)
    cat_axis = _category_axis(names)
    top = max([max(v) if v else 0 for _n, v in rows] + [1])
    val_axis = _count_axis(top)
    chart.addAxis(cat_axis, Qt.AlignmentFlag.AlignLeft if horizontal else Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(val_axis, Qt.AlignmentFlag.AlignBottom if horizontal else Qt.AlignmentFlag.AlignLeft)
    bars.attachAxis(cat_axis)
    bars.attachAxis(val_axis)
    return chart


def line_chart(title: str, categories: Sequence[str], series: Series, *, percent: bool = True,
               value_labels: bool = True) -> QChart:
    """One line per ``(name, values)`` series over ``categories`` (e.g. months).  ``percent`` fixes
    the value axis at 0–100% so rates compare across charts; otherwise it starts at 0 and fits
    the largest value.  A ``None`` value (nothing to measure that month) leaves no point: the line
    joins the measured months and each measured month has a marker, so a gap is visible."""
    chart = _base(title, legend=len(series) > 1)
    cat_axis = _category_axis(categories)
    if percent:
        val_axis = QValueAxis()
        val_axis.setRange(0, 100)
        val_axis.setTickCount(6)
        val_axis.setLabelFormat("%d%%")
        val_axis.setLabelsFont(_font(8))
    else:
        top = max([float(v) for _n, vals in series for v in vals if v is not None] + [1.0])
        val_axis = _count_axis(top)
    chart.addAxis(cat_axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(val_axis, Qt.AlignmentFlag.AlignLeft)
    for i, (name, values) in enumerate(series):
        colour = QColor(PALETTE[i % len(PALETTE)])
        line = QLineSeries()
        line.setName(name)
        dots = QScatterSeries()
        dots.setName(name)
        dots.setMarkerSize(7)
        dots.setColor(colour)
        dots.setBorderColor(colour)
        for x, v in enumerate(values):
            if v is not None:
                line.append(float(x), float(v))
                dots.append(float(x), float(v))
        line.setPen(QPen(colour, 2))
        if value_labels:
            line.setPointLabelsVisible(True)
            line.setPointLabelsFont(_font(7.5))
            line.setPointLabelsFormat("@yPoint%" if percent else "@yPoint")
            line.setPointLabelsClipping(False)
        for s in (line, dots):
            chart.addSeries(s)
            s.attachAxis(cat_axis)
            s.attachAxis(val_axis)
        for marker in chart.legend().markers(dots):
            marker.setVisible(False)  # one legend entry per series: the line's
    return chart


def bar_values(chart: QChart) -> list[tuple[str, list[float]]]:
    """The ``(series name, values)`` a bar chart shows, in the caller's category order — what a
    reader sees, for tests and for the text beside a chart."""
    out: list[tuple[str, list[float]]] = []
    for s in chart.series():
        if isinstance(s, QAbstractBarSeries):
            reverse = isinstance(s, QHorizontalBarSeries)
            for bs in s.barSets():
                values = [bs.at(i) for i in range(bs.count())]
                out.append((bs.label(), values[::-1] if reverse else values))
    return out


def line_values(chart: QChart) -> list[tuple[str, list[tuple[float, float]]]]:
    """The ``(series name, [(x, y), …])`` points of a line chart's lines."""
    return [(s.name(), [(p.x(), p.y()) for p in s.points()])
            for s in chart.series() if type(s) is QLineSeries]


def categories(chart: QChart) -> list[str]:
    """The category labels on a chart's category axis, in the caller's order."""
    for axis in chart.axes():
        if isinstance(axis, QBarCategoryAxis):
            names = list(axis.categories())
            horizontal = any(isinstance(s, QHorizontalBarSeries) for s in chart.series())
            return names[::-1] if horizontal else names
    return []


class ChartView(QChartView):
    """A chart pane: antialiased, a sensible minimum size, replaceable chart."""

    def __init__(self, parent: QWidget | None = None, min_width: int = 320, min_height: int = 220) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumSize(min_width, min_height)

    def show_chart(self, chart: QChart) -> None:
        """Replace the shown chart.  QChartView releases the previous chart without deleting it,
        so it is deleted here (charts are rebuilt on every refresh; they would pile up)."""
        old = self.chart()
        self.setChart(chart)
        if old is not None and old is not chart:
            old.deleteLater()


class StatsPane(QWidget):
    """The frame of a tab's 统计 pane: 统计期间 and 图表 pickers, a headline, the tables left and the chart right.

    Why here: every 统计 pane reads the same way (pick a period, read the headline, compare the table
    with its chart), so the frame is built once; a pane fills ``period`` and ``chart_kind``, writes
    ``headline`` and fills the tables widget or layout it passed in (kept under its own type).
    """

    def __init__(self, tables: QWidget | QLayout, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("统计期间："))
        self.period = QComboBox()
        bar.addWidget(self.period)
        bar.addWidget(QLabel("图表："))
        self.chart_kind = QComboBox()
        bar.addWidget(self.chart_kind)
        bar.addStretch(1)
        lay.addLayout(bar)
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        lay.addWidget(self.headline)
        body = QHBoxLayout()
        if isinstance(tables, QLayout):
            body.addLayout(tables, 1)
        else:
            body.addWidget(tables, 1)
        self.chart = ChartView(min_width=420)
        body.addWidget(self.chart, 1)
        lay.addLayout(body, 1)
