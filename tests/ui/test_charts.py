"""ui/charts.py: the values a caller passes are the values the chart shows, in the caller's order."""

from PySide6.QtCharts import QBarCategoryAxis, QChart, QValueAxis

from ui import charts


def _value_axis(chart: QChart) -> QValueAxis:
    return next(a for a in chart.axes() if isinstance(a, QValueAxis))


def test_bar_chart_series_values_reach_the_chart(qtbot):
    chart = charts.bar_chart("每月收到的申请", ["1月", "2月", "3月"], [("2026年", [3, 0, 7]), ("2025年", [1, None, 2])])
    assert charts.bar_values(chart) == [("2026年", [3.0, 0.0, 7.0]), ("2025年", [1.0, 0.0, 2.0])]
    assert charts.categories(chart) == ["1月", "2月", "3月"]
    assert chart.title() == "每月收到的申请"
    assert chart.animationOptions() == QChart.AnimationOption.NoAnimation
    assert chart.legend().isVisible()  # two series to tell apart
    axis = _value_axis(chart)
    assert (axis.min(), axis.max(), axis.labelFormat()) == (0, 7, "%d")
    assert axis.tickCount() == 8  # whole numbers 0..7


def test_horizontal_bar_chart_lists_the_first_category_on_top(qtbot):
    chart = charts.bar_chart("材料缺失次数", ["身份证明", "委托书" * 10], [("次数", [9, 4])], horizontal=True,
                             value_labels=True)
    assert charts.bar_values(chart) == [("次数", [9.0, 4.0])]
    assert charts.categories(chart) == ["身份证明", "委托书委托书委托书委托书委托书…"]
    axis = next(a for a in chart.axes() if isinstance(a, QBarCategoryAxis))
    assert list(axis.categories())[-1] == "身份证明"  # Qt draws the last category at the top
    assert not chart.legend().isVisible()


def test_line_chart_percent_axis_and_gaps(qtbot):
    chart = charts.line_chart("依申请公开按期答复率", ["1月", "2月", "3月"], [("按期答复率", [100.0, None, 87.5])])
    assert charts.line_values(chart) == [("按期答复率", [(0.0, 100.0), (2.0, 87.5)])]
    axis = _value_axis(chart)
    assert (axis.min(), axis.max()) == (0, 100) and "%" in axis.labelFormat()
    assert chart.animationOptions() == QChart.AnimationOption.NoAnimation


def test_chart_view_replaces_its_chart(qtbot):
    view = charts.ChartView()
    qtbot.addWidget(view)
    first = charts.bar_chart("甲", ["a"], [("x", [1])])
    view.show_chart(first)
    second = charts.bar_chart("乙", ["a"], [("x", [2])])
    view.show_chart(second)
    assert view.chart() is second and charts.bar_values(view.chart()) == [("x", [2.0])]


def test_report_charts_show_the_report_figures(qtbot):
    from types import SimpleNamespace

    from app.domain import taxonomy
    from ui.report.chart import ReportCharts

    rows = {c: [0] * 6 + [i + 1] for i, c in enumerate(taxonomy.CATEGORIES)}
    report = SimpleNamespace(year=2026, months=list(range(12)), previous_months=[1] * 12,
                             table3=SimpleNamespace(rows=rows), previous=None)
    view = ReportCharts()
    qtbot.addWidget(view)
    view.show_report(report)
    assert charts.bar_values(view.months_view.chart()) == [("2026年", [float(m) for m in range(12)]),
                                                           ("2025年", [1.0] * 12)]
    assert charts.bar_values(view.results_view.chart()) == [
        ("2026年", [float(i + 1) for i in range(len(taxonomy.CATEGORIES))])]
    assert charts.categories(view.results_view.chart()) == list(taxonomy.CATEGORIES)
