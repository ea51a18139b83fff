"""统计 of the 首问负责 log: the headline figures (当场办结率, 逾期, 回访率, 满意率, 差评整改率, 整改后回访率),
tables per 首问责任人 and per 接办科室, the ratings, the most asked matters — and a chart.

Tables and chart are drawn from the same ``sections`` rows (``chart_series`` picks the columns
a chart shows), so what the chart shows is what the table says.  The chart comes from the one
shared chart module, ui/charts.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from app.dates import cn_date
from app.db import Database
from app.services.contacts import stats
from app.services.contacts import vocab as v
from ui import charts
from ui.operations import Operation, run_in_background


@dataclass(frozen=True)
class Section:
    title: str  # the table's heading and the chart's title
    headers: list[str]
    rows: list[tuple]  # first column the name, the rest counts
    chart_columns: tuple[int, ...]  # which count columns the chart draws (as series)
    horizontal: bool = False  # long names (matters) read better as ranked horizontal bars


def sections(st: stats.Stats) -> list[Section]:
    return [
        Section("各首问责任人登记条数", ["首问责任人", "登记", "当场办结", "转办", "逾期"],
                [(x.name, x.entries, x.on_the_spot, x.referrals, x.overdue) for x in st.by_clerk], (1, 2, 3)),
        Section("各接办科室转办条数", ["接办科室", "转办", "逾期"],
                [(x.name, x.referrals, x.overdue) for x in st.by_department], (1, 2)),
        Section("群众评价（好差评）", ["评价", "条数"], [(r, st.ratings.get(r, 0)) for r in v.RATINGS], (1,)),
        Section("咨询最多的事项", ["事项", "次数"], list(st.top_matters), (1,), horizontal=True),
        Section("处理方式", ["处理方式", "条数"], [(o, st.by_outcome.get(o, 0)) for o in v.OUTCOMES], (1,),
                horizontal=True),
    ]


def chart_series(sec: Section) -> tuple[list[str], list[tuple[str, list[int]]]]:
    """(categories, series) of a section's chart, straight from its table rows."""
    return ([str(r[0]) or "（未填）" for r in sec.rows],
            [(sec.headers[c], [int(r[c]) for r in sec.rows]) for c in sec.chart_columns])


def headline(st: stats.Stats) -> str:
    return (f"登记{st.total}条；当场答复或办理{st.on_the_spot}条（{st.on_the_spot_rate}）；转办{st.referrals}条，"
            f"逾期{st.overdue}条；回访率{st.followup_rate}（已回访{st.followed_up}条／应回访{st.to_follow_up}条）；"
            f"满意率{st.satisfaction_rate}；差评{st.bad}条，差评整改率{st.rectification_rate}"
            f"（已整改{st.bad_rectified}条），整改后回访率{st.bad_followup_rate}。")


def _html(sec: Section) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in sec.headers)
    body = "".join("<tr>" + "".join(f"<td{' align=right' if isinstance(x, int) else ''}>{escape(str(x))}</td>"
                                    for x in r) + "</tr>" for r in sec.rows)
    return (f"<h4>{escape(sec.title)}</h4><table border=1 cellspacing=0 cellpadding=3><tr>{head}</tr>"
            f"{body or f'<tr><td colspan={len(sec.headers)}>无</td></tr>'}</table>")


class StatsView(charts.StatsPane):
    """The 统计 pane: period, headline, tables on the left, the chosen section's chart on the right."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        browser = QTextBrowser()
        super().__init__(browser, parent)
        self.db, self.tables = db, browser
        self.current: list[Section] = []
        self.busy = False
        self._gen = 0
        self._ops: list[Operation] = []  # running (kept referenced until they finish)
        today = db.today()
        for y in range(today.year, today.year - 4, -1):  # a year, then its quarters (the quarterly checks)
            self.period.addItem(f"{y}年", (dt.date(y, 1, 1), dt.date(y, 12, 31)))
            for q in range(4, 0, -1):
                start = dt.date(y, 3 * q - 2, 1)
                if start <= today:
                    end = dt.date(y, 3 * q, 31 if q in (1, 4) else 30)
                    self.period.addItem(f"　{y}年第{'一二三四'[q - 1]}季度", (start, end))
        self.period.currentIndexChanged.connect(lambda _i: self.refresh())
        self.chart_kind.currentIndexChanged.connect(lambda _i: self.draw())

    def period_days(self) -> tuple[dt.date, dt.date]:
        first, last = self.period.currentData()
        return first, min(self.db.today(), last)

    def refresh(self) -> None:
        """Counted off the UI thread (a year of a busy office's log takes a second or two); a newer
        request supersedes an older one still running."""
        first, last = self.period_days()
        self._gen += 1
        gen = self._gen
        self.busy = True
        self.headline.setText(f"正在统计{cn_date(first)}至{cn_date(last)}的首问登记…")
        op = run_in_background(
            self, lambda _p: stats.compute(self.db, first, last), title="首问负责统计", show_progress=False,
            on_success=lambda st: self._show(gen, st, first, last), on_failure=lambda exc: self._failed(gen, exc))
        self._ops.append(op)
        op.finished.connect(lambda: self._ops.remove(op))

    def _failed(self, gen: int, exc: BaseException) -> None:
        from ui.crash import show_unexpected

        if gen == self._gen:
            self.busy = False
            self.headline.setText("统计未能完成")
        show_unexpected(exc)  # environment errors (locked, disk full …) in plain Chinese

    def _show(self, gen: int, st: stats.Stats, first: dt.date, last: dt.date) -> None:
        if gen != self._gen:
            return
        self.busy = False
        self.current = sections(st)
        self.headline.setText(f"{cn_date(first)}至{cn_date(last)}：{headline(st)}")
        self.tables.setHtml("".join(_html(sec) for sec in self.current))
        chosen = self.chart_kind.currentText()
        self.chart_kind.blockSignals(True)
        self.chart_kind.clear()
        self.chart_kind.addItems([sec.title for sec in self.current])
        if chosen:
            self.chart_kind.setCurrentText(chosen)
        self.chart_kind.blockSignals(False)
        self.draw()

    def section(self) -> Section | None:
        return next((s for s in self.current if s.title == self.chart_kind.currentText()), None)

    def draw(self) -> None:
        sec = self.section()
        if sec is None:
            return
        categories, series = chart_series(sec)
        self.chart.show_chart(charts.bar_chart(sec.title, categories, series, horizontal=sec.horizontal,
                                               value_labels=True))
