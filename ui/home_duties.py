"""The 工作台's 本周到期和已逾期 panel: the duty view grouped by kind with counts, and the 12-month
依申请公开按期答复率 chart.  Both are computed off the UI thread (app/services/dashboard); a line is
opened by the page's ``open_line`` (through ``ui.home.RECORD_OPENERS``).

Why its own module: ui/home.py holds the page, the queue and the record openers; this panel's
background loading has lifetime rules of its own (see ``_start``).
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QApplication,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.dates import cn_date
from app.db import Database
from app.services import dashboard
from app.services.actor import Actor
from app.services.dashboard import ontime
from app.services.errors import ServiceError
from ui import charts
from ui.operations import Progress, run_in_background

LINE_ROLE = Qt.ItemDataRole.UserRole
STATE_WIDTH = 300  # pixels: 期限 and 状态 widen to their text up to this, the title takes the rest
#: kinds the panel leaves to the page's own boxes (the 待签批 queue has its actions there)
SHOWN_BELOW = (dashboard.model.SIGNOFF,)
log = logging.getLogger(__name__)


class DutyPanel(QGroupBox):
    def __init__(self, db: Database, actor: Actor | None, open_line: Callable[[dashboard.Line], None],
                 parent: QWidget | None = None) -> None:
        super().__init__("本周到期和已逾期", parent)
        self.db, self.actor, self.open_line = db, actor, open_line
        lay = QHBoxLayout(self)
        left, head = QVBoxLayout(), QHBoxLayout()
        self.summary = QLabel("正在汇总……")
        self.summary.setWordWrap(True)
        head.addWidget(self.summary, 1)
        b = QPushButton("打开")
        b.setToolTip("打开所选事项（也可双击或按回车）")
        b.clicked.connect(self.open_selected)
        head.addWidget(b, 0, Qt.AlignmentFlag.AlignTop)
        left.addLayout(head)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["事项", "期限", "状态"])
        self.tree.setUniformRowHeights(True)
        # 期限 and 状态 (days left, 已逾期N个工作日) are read in full; the title takes the rest, cut with its tooltip
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setMaximumSectionSize(STATE_WIDTH)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemActivated.connect(self._activated)
        left.addWidget(self.tree, 1)
        lay.addLayout(left, 3)
        self.chart = charts.ChartView(min_width=260, min_height=170)
        self.chart.setToolTip("按答复日期所在月份统计；逾期未答复的申请计入期限届满的月份，算作未按期")
        lay.addWidget(self.chart, 2)
        self.view: dashboard.DutyView | None = None
        self.rates: list[ontime.MonthRate] = []
        self.generation = 0

    # -- loading ------------------------------------------------------------------------------
    def load(self) -> None:
        """Recompute the duty view, then the chart, in the background (the list first: it is what
        a head acts on); the latest request wins."""
        if self.actor is None:
            return
        self.generation += 1
        generation, db, actor = self.generation, self.db, self.actor
        self._start(lambda _p: dashboard.duty_view(db, actor), lambda panel, view: panel._loaded(generation, view),
                    generation)

    def _start(self, work: Callable[[Progress], object], done: Callable[[DutyPanel, Any], None],
               generation: int) -> None:
        """Run ``work`` under the application, not this panel: a page closed mid-load must not take
        the running job's objects with it, nor keep them in a reference cycle for the garbage
        collector to free while the worker thread still uses them (that crashed).  The callbacks
        reach the panel through a weak reference and skip it once it is gone."""
        panel = weakref.ref(self)

        def alive() -> DutyPanel | None:
            p = panel()
            return p if p is not None and shiboken6.isValid(p) else None

        def succeeded(result: Any) -> None:
            if (p := alive()) is not None:
                done(p, result)

        def failed(exc: BaseException) -> None:
            if (p := alive()) is not None:
                p._failed(generation, exc)

        run_in_background(QApplication.instance(), work, title="汇总待办", show_progress=False,  # type: ignore[arg-type]
                          on_success=succeeded, on_failure=failed)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self.generation:
            self.summary.setText(f"待办汇总失败：{exc}" if isinstance(exc, ServiceError)
                                 else "待办汇总失败，请稍后刷新（详情已写入日志）")
            log.warning("duty view failed", exc_info=exc)

    # -- display ------------------------------------------------------------------------------
    def _loaded(self, generation: int, view: dashboard.DutyView) -> None:
        if generation != self.generation:
            return  # a newer load is on its way
        self.view = view
        db = self.db
        self._start(lambda _p: ontime.monthly_rates(db), lambda panel, rates: panel._rates_loaded(generation, rates),
                    generation)
        whose = "全部" if view.everything else "本人承办、首问、接办或负责的"
        self.setTitle(f"本周到期和已逾期（{whose}，至{cn_date(view.until)}）")
        self.tree.clear()
        parts: list[str] = []
        tops: list[QTreeWidgetItem] = []
        spanned: list[QTreeWidgetItem] = []
        for g in view.groups:
            if g.kind in SHOWN_BELOW or g.count == 0:
                continue
            late = f"，其中逾期{g.overdue}项" if g.overdue else ""
            parts.append(f"{g.kind}{g.count}项" + (f"（逾期{g.overdue}项）" if g.overdue else ""))
            top = QTreeWidgetItem([f"{g.kind}（{g.count}项{late}）"])
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            children = [self._item(line) for line in g.lines]
            if g.count > len(g.lines):
                children.append(QTreeWidgetItem([f"另有{g.count - len(g.lines)}项未列出，请到相应页面按“已逾期”筛选查看"]))
                spanned.append(children[-1])
            top.addChildren(children)
            tops.append(top)
        # built detached and added at once: item by item, 800 lines cost ~200 ms on a loaded machine
        self.tree.setUpdatesEnabled(False)
        self.tree.addTopLevelItems(tops)
        for item in tops + spanned:
            item.setFirstColumnSpanned(True)
        for top in tops:
            top.setExpanded(True)
        self.tree.setUpdatesEnabled(True)
        self.summary.setText("本周没有到期或逾期的事项。" if not parts else "，".join(parts) + "。")

    @staticmethod
    def _item(line: dashboard.Line, red: QBrush = QBrush(Qt.GlobalColor.darkRed)) -> QTreeWidgetItem:  # noqa: B008
        item = QTreeWidgetItem([line.title, cn_date(line.due) if line.due else "", line.state])
        item.setData(0, LINE_ROLE, line)
        item.setToolTip(0, f"{line.title}\n{line.state}")
        if line.overdue:
            for c in range(3):
                item.setForeground(c, red)
        return item

    def _rates_loaded(self, generation: int, rates: list[ontime.MonthRate]) -> None:
        if generation != self.generation:
            return
        self.rates = rates
        total = sum(m.total for m in rates)
        good = sum(m.on_time for m in rates)
        # the figures on a second line: on one line the title was cut at a 1366×768 screen's chart width
        title = f"依申请公开按期答复率（{ontime.span_text(rates)}）" + (
            f"<br>{good}/{total}件，{good * 100 / total:.1f}%" if total else "")
        self.chart.show_chart(charts.line_chart(title, [m.label for m in rates],
                                                [("按期答复率", [m.rate for m in rates])]))

    # -- opening --------------------------------------------------------------------------------
    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        line = item.data(0, LINE_ROLE)
        if line is not None:  # a group header or the "另有…" line opens nothing
            self.open_line(line)

    def open_selected(self) -> None:
        item = self.tree.currentItem()
        line = item.data(0, LINE_ROLE) if item is not None else None
        if line is None:
            QMessageBox.information(self, "工作台", "请先在待办中选中一项")
            return
        self.open_line(line)
