"""The 投诉举报 tab: the register (named before anonymous, 办理期限 coloured when overdue or near due,
filters and search), the handling steps, prints and export, the 责任追究台账 and the settings.

The list is the shared lazy register (ui/register): ids in an array, rows fetched in pages.  The
complainant column never holds an identity: （保密） for a named complaint, 匿名 otherwise; an
authorised user sees who complained only in the complaint's own window, one audited view at a time.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.dates import cn_date
from app.db import Database
from app.services.actor import Actor
from app.services.complaints import clock, listing, setup
from app.services.complaints.listing import R
from app.services.complaints.vocab import (
    CATEGORIES,
    CHANNELS,
    DONE,
    FOUND,
    HANDLING,
    TOLD,
    TRANSFERRED,
    WAITING,
)
from app.services.errors import ServiceError
from app.services.search import register
from ui.complaints.steps import Steps
from ui.files import ask_save_path
from ui.forms import tell
from ui.register.model import Column, LazyRegisterModel
from ui.register.view import RegisterView
from ui.widgets import combo, counts_changed

OVERDUE_COLOUR, NEAR_COLOUR = QColor("#f8d7da"), QColor("#fff3cd")
STATES = (WAITING, HANDLING, FOUND, DONE, TOLD, TRANSFERRED)
ALL_YEARS, ALL_STATES, ALL_CHANNELS, ALL_CATEGORIES, ALL_SECTIONS = "全部年度", "全部状态", "全部渠道", "全部类别", "全部科室"


class ComplaintModel(LazyRegisterModel):
    """Rows coloured by urgency: red past the running deadline, yellow within the near-due days."""

    near_days = 3
    today = dt.date.today()

    def urgency(self, r: tuple) -> str:
        return clock.urgency(r[R["due"]], r[R["state"]], self.today, self.near_days)

    def row_background(self, r: tuple) -> QBrush | None:
        u = self.urgency(r)
        return QBrush(OVERDUE_COLOUR) if u == listing.OVERDUE else QBrush(NEAR_COLOUR) if u else None


def _due_text(model: ComplaintModel, r: tuple) -> str:
    return clock.due_text(r[R["due"]], model.urgency(r))


def columns(model_ref: list[ComplaintModel]) -> list[Column]:
    def target(r: tuple) -> str:
        return "　".join(p for p in (r[R["target_department"]], r[R["target_person"]]) if p) or "不明"

    return [
        Column("编号", lambda r: r[R["number"]], sort_key="number"),
        Column("收到日期", lambda r: cn_date(r[R["received_on"]]), sort_key="received"),
        Column("渠道", lambda r: r[R["channel"]], sort_key="channel"),
        Column("投诉举报人", lambda r: listing.who_text(r[R["anonymous"]]), sort_key="list"),
        Column("被投诉举报对象", target),
        Column("类别", lambda r: r[R["category"]], sort_key="category"),
        Column("事实和理由", lambda r: r[R["facts"]], tooltip=lambda r: r[R["facts"]], elide=True),
        Column("状态", lambda r: r[R["state"]], sort_key="state"),
        Column("办理期限", lambda r: _due_text(model_ref[0], r), sort_key="due"),
        Column("调查结论", lambda r: r[R["finding"]]),
    ]


class ComplaintsPage(QWidget):
    OVERDUE_UNIT = "件"

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.inform = lambda title, text, icon="information": tell(self, title, text, icon=icon)  # tests replace it
        self.steps = Steps(db, actor, self)
        lay = QVBoxLayout(self)
        self.sections = QTabWidget()
        lay.addWidget(self.sections)
        register_tab = QWidget()
        self.sections.addTab(register_tab, "投诉举报登记")
        from ui.complaints.ledger_page import LedgerPage

        self.ledger = LedgerPage(db, actor, self.steps)
        self.sections.addTab(self.ledger, "责任追究台账")
        self.sections.currentChanged.connect(lambda _i: self._section_shown())
        box = QVBoxLayout(register_tab)
        bar = QHBoxLayout()
        self.new_button = QPushButton("登记投诉举报…")
        self.new_button.clicked.connect(self.new_record)
        bar.addWidget(self.new_button)
        self.search = QLineEdit()
        self.search.setPlaceholderText("查找：编号、被投诉举报对象、事实和理由")
        bar.addWidget(self.search, 1)
        self.year = combo((ALL_YEARS,))
        self.state = combo((ALL_STATES, listing.OVERDUE, listing.NEAR, *STATES))
        self.channel = combo((ALL_CHANNELS, *CHANNELS))
        self.category = combo((ALL_CATEGORIES, *CATEGORIES))
        self.section = QComboBox()
        for w in (self.year, self.state, self.channel, self.category, self.section):
            bar.addWidget(w)
        box.addLayout(bar)
        self._ref: list[ComplaintModel] = []
        self.model = ComplaintModel(db, listing.SPEC, columns(self._ref), self)
        self._ref.append(self.model)
        self.search.textChanged.connect(self.model.set_search)
        self.model.results_changed.connect(self._show_counts)
        self.view = RegisterView(self.model)
        self.view.empty_text = lambda: (f"没有找到包含“{self.model.search_text}”的投诉举报"
                                        if self.model.search_text else "没有符合条件的投诉举报")
        self.view.record_activated.connect(self.open_record)
        from app.services.rights import Right

        # 导出当前列表: the list never holds identities (（保密）/匿名), so neither does this export
        self.view.enable_export("投诉举报登记列表", lambda: self.actor, Right.COMPLAINT_EXPORT)
        box.addWidget(self.view, 1)
        actions = QHBoxLayout()
        self.counts = QLabel()
        self.counts.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        actions.addWidget(self.counts, 1)
        self.action_buttons: dict[str, QPushButton] = {}
        # the steps sit in one 办理 menu so the row stays narrow (the window must fit an 800-pixel screen)
        self.step_menu = QMenu(self)
        for key, text, slot in (("decide", "受理决定…", self.steps.decide),
                                ("investigate", "调查方式…", self.steps.investigate),
                                ("extend", "延长期限…", self.steps.extend), ("finding", "调查结论…", self.steps.finding),
                                ("feedback", "反馈…", self.steps.feedback)):
            act = self.step_menu.addAction(text)
            act.triggered.connect(lambda _c=False, k=key, fn=slot: self._action(k, fn))
        for key, text, slot in (("open", "查看和办理…", self.open_selected), ("steps", "办理步骤", None),
                                ("record", "打印笔录", self.steps.print_record),
                                ("export", "导出Excel…", self.export_dialog), ("settings", "设置…", self.open_settings)):
            b = QPushButton(text)
            if slot is None:
                b.setMenu(self.step_menu)
            else:
                b.clicked.connect(lambda _c=False, k=key, fn=slot: self._action(k, fn))
            actions.addWidget(b)
            self.action_buttons[key] = b
        box.addLayout(actions)
        for col, width in ((0, 110), (1, 120), (2, 70), (3, 80), (4, 150), (5, 110), (7, 60), (8, 170), (9, 70)):
            self.view.setColumnWidth(col, width)
        self._fill_choices()
        for w in (self.year, self.state, self.channel, self.category, self.section):
            w.currentIndexChanged.connect(lambda _i: self.refresh())
        self.refresh()

    # -- the main window's hooks ---------------------------------------------------------
    def set_actor(self, actor: Actor) -> None:
        self.actor = actor
        self.steps.actor = actor
        self.ledger.set_actor(actor)
        self.refresh()

    def focus_search(self) -> None:
        self.sections.setCurrentIndex(0)
        self.search.setFocus()
        self.search.selectAll()

    def print_current(self) -> None:
        cid = self.selected_id()
        if cid is None:
            self.inform("打印", "请先在列表中选择一件当面投诉举报")
            return
        self.steps.print_record(cid)

    def overdue_count(self) -> int:
        return listing.overdue_count(self.db, self.db.today(), self.actor.user_id)

    # -- list ----------------------------------------------------------------------------
    def _fill_choices(self) -> None:
        for box, items in ((self.year, [str(y) for y in listing.years(self.db)]),):
            keep = box.currentText()
            box.blockSignals(True)
            box.clear()
            box.addItem(ALL_YEARS)
            box.addItems(items)
            box.setCurrentText(keep)
            box.blockSignals(False)
        keep = self.section.currentData()
        self.section.blockSignals(True)
        self.section.clear()
        self.section.addItem(ALL_SECTIONS, None)
        for did, name in listing.departments(self.db):
            self.section.addItem(name, did)
        self.section.setCurrentIndex(max(0, self.section.findData(keep)))
        self.section.blockSignals(False)

    def filter(self) -> listing.ComplaintFilter:
        def pick(box: QComboBox, first: str) -> str:
            return "" if box.currentText() == first else box.currentText()

        year = pick(self.year, ALL_YEARS)
        return listing.ComplaintFilter(year=int(year) if year else None, state=pick(self.state, ALL_STATES),
                                       channel=pick(self.channel, ALL_CHANNELS),
                                       category=pick(self.category, ALL_CATEGORIES),
                                       department_id=self.section.currentData(),
                                       viewer_id=self.actor.user_id)

    def refresh(self, force: bool = False) -> None:
        """Filters applied (the same filters again cost nothing unless ``force``: data changed)."""
        today = self.db.today()
        near = setup.read(self.db).near_due_days
        self.model.today, self.model.near_days = today, near
        f = self.filter()
        where = listing.where(f, today, near)
        self.model.set_base(where, "list", True, None if force else (f, today, near))
        due = listing.due_counts(self.db, today, near, self.actor.user_id)
        late, soon = due[listing.OVERDUE], due[listing.NEAR]
        self._count_text = (f"共{register.count_where(self.db, listing.SPEC, where)}件　已逾期：{late}件　"
                            f"临近期限：{soon}件")
        self._show_counts()
        counts_changed(self)

    def _show_counts(self) -> None:
        """The filtered register's figures; while a search is shown, how many it found first."""
        m = self.model
        found = f"找到{m.rowCount()}件　" if m.search_text and not m.searching else ""
        self.counts.setText(found + getattr(self, "_count_text", ""))

    def reload(self) -> None:
        """After a save: choices (a new year) and the list, keeping the filters."""
        self._fill_choices()
        self.refresh(force=True)

    def selected_id(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.id_at(rows[0].row()) if rows else None

    def select(self, cid: int) -> None:
        row = self.model.row_of(cid)
        if row >= 0:
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            self.view.selectionModel().select(self.model.index(row, 0), flags)
            self.view.scrollTo(self.model.index(row, 0))

    def _section_shown(self) -> None:
        if self.sections.currentWidget() is self.ledger:
            self.ledger.refresh()

    # -- actions -------------------------------------------------------------------------
    def _action(self, key: str, fn) -> None:  # noqa: ANN001
        if key in ("export", "settings", "open"):
            fn()
            return
        cid = self.selected_id()
        if cid is None:
            self.inform("投诉举报", "请先在列表中选择一件投诉举报")
            return
        if fn(cid) and key != "record":
            self.model.refresh_record(cid)
            self.refresh()

    def new_record(self) -> None:
        from ui.complaints.complaint_dialog import ComplaintDialog

        self.sections.setCurrentIndex(0)
        dlg = ComplaintDialog(self.db, self.actor, parent=self)
        dlg.exec()
        self.after_registered(dlg.saved_id)

    def after_registered(self, cid: int | None) -> None:
        """A new complaint: into the list, selected; an in-person one gets its 笔录 to print and sign."""
        if cid is None:
            return
        self.reload()
        self.select(cid)
        d = listing.detail(self.db, cid)
        if d.channel == "当面":
            self.inform("登记投诉举报", f"已登记，编号{d.number}。请打印投诉举报笔录，由投诉举报人阅后签名。")
            self.steps.print_record(cid)
        else:
            self.inform("登记投诉举报", f"已登记，编号{d.number}，受理期限{cn_date(d.due)}。")

    def open_selected(self) -> None:
        cid = self.selected_id()
        if cid is None:
            self.inform("投诉举报", "请先在列表中选择一件投诉举报")
            return
        self.open_record(cid)

    def open_record(self, cid: int) -> None:
        """The complaint's window — every way in (the list, the 工作台, a link) comes here; never
        for someone who must recuse (回避), whatever list showed it."""
        from ui.complaints.detail_dialog import ComplaintWindow

        why = listing.recusal_reason(self.db, cid, self.actor.user_id)
        if why:
            self.inform("投诉举报", why + "。")
            return
        win = ComplaintWindow(self.db, self.actor, cid, self)
        win.exec()
        if win.changed:
            self.model.refresh_record(cid)
            self.refresh()

    def export_dialog(self) -> None:
        f = self.filter()
        name = f"投诉举报登记{f.year or ''}-{self.db.today():%Y%m%d}.xlsx"
        path, _ = ask_save_path(self, "导出投诉举报登记", name, "Excel 文件 (*.xlsx)")
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """The year's register (or all), identities （保密）/匿名 whoever exports, off the UI thread."""
        from app.services.complaints.export import export_complaints
        from ui.operations import run_in_background

        year = self.filter().year
        self._export = run_in_background(self, lambda _p: export_complaints(self.db, path, year, self.actor),
                                         title="导出投诉举报登记",
                                         on_success=lambda n: self.inform("导出", f"已导出{n}件投诉举报；"
                                                                          "投诉举报人的身份信息一律不导出。"),
                                         on_failure=self._export_failed)

    def _export_failed(self, exc: BaseException) -> None:
        if isinstance(exc, ServiceError):  # e.g. a clerk: exporting complaints is for heads and inspectors
            self.inform("导出", str(exc), "warning")
            return
        from ui.crash import show_unexpected

        show_unexpected(exc)

    def open_settings(self) -> None:
        from ui.complaints.settings_dialog import SettingsDialog

        SettingsDialog(self.db, self.actor, self).exec()
        self.refresh()
