"""The 首问负责 tab: the log (我的首问 / 转我办理 / 全部), quick entry, referral actions, 登记簿, export, 统计.

Ctrl+Shift+L opens the quick entry from any tab (an application-wide shortcut).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.services.actor import Actor
from app.services.contacts import entry as ce
from app.services.contacts import register as reg
from app.services.contacts import vocab as v
from app.services.errors import ServiceError, ValidationError
from ui.contacts import QUICK_ENTRY_KEY
from ui.contacts.stats_view import StatsView
from ui.files import ask_save_path
from ui.forms import tell
from ui.operations import Operation, run_in_background
from ui.register.model import Column, LazyRegisterModel
from ui.register.view import RegisterView
from ui.widgets import combo, counts_changed

C = {name: n for n, name in enumerate(("id", "number", "at", "channel", "person", "phone", "matter", "category",
                                       "question", "responder", "outcome", "referred_to", "accepted_by",
                                       "accepted_at", "result", "followup_day", "rating", "followup_how", "state",
                                       "accept_due", "result_due", "rect", "rating2"))}
OVERDUE_COLOUR, OPEN_COLOUR = QColor("#f8d7da"), QColor("#fff3cd")


def _state(r: tuple) -> str:
    return reg.shown_state(r[C["state"]], r[C["accept_due"]], r[C["result_due"]], dt.date.today())


COLUMNS = [
    Column("编号", lambda r: r[C["number"]], sort_key="number"),
    Column("时间", lambda r: f"{r[C['at']]:%Y-%m-%d %H:%M}", sort_key="time"),
    Column("方式", lambda r: r[C["channel"]]),
    Column("姓名或名称", lambda r: r[C["person"]], sort_key="person"),
    Column("联系电话", lambda r: r[C["phone"]]),
    Column("类别", lambda r: r[C["category"]], sort_key="category"),
    Column("问题", lambda r: r[C["question"]], tooltip=lambda r: r[C["question"]], elide=True),
    Column("首问责任人", lambda r: r[C["responder"]], sort_key="responder"),
    Column("处理方式", lambda r: r[C["outcome"]], sort_key="outcome"),
    Column("转至", lambda r: r[C["referred_to"]]),
    Column("接办人", lambda r: r[C["accepted_by"]]),
    Column("回访", lambda r: r[C["rating"]]),
    Column("状态", _state, sort_key="state"),
]


class ContactModel(LazyRegisterModel):
    def row_background(self, r: tuple) -> QBrush | None:
        state = _state(r)
        if state == v.OVERDUE:
            return QBrush(OVERDUE_COLOUR)
        return QBrush(OPEN_COLOUR) if state != v.CLOSED else None


class ContactsPage(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.ask_text = self._ask_text  # replaceable in tests
        self.run_dialog = lambda dlg: dlg.exec()  # tests fill the form and save instead
        self.show_pdf = lambda dlg: dlg.exec()  # tests look at the preview instead
        self._ops: list[Operation] = []  # background work still running (kept referenced)
        self.inform = lambda title, text, icon="information": tell(self, title, text, icon=icon)  # tests replace it
        lay = QVBoxLayout(self)
        self.sections = QTabWidget()
        lay.addWidget(self.sections)
        log = QWidget()
        self.sections.addTab(log, "登记簿")
        self.stats = StatsView(db)
        self.sections.addTab(self.stats, "统计")
        self.sections.currentChanged.connect(lambda _i: self.refresh_stats())
        box = QVBoxLayout(log)
        bar = QHBoxLayout()
        self.new_button = QPushButton(f"首问登记（{QUICK_ENTRY_KEY}）")
        self.new_button.clicked.connect(self.new_entry)
        bar.addWidget(self.new_button)
        self.view_box = combo(reg.VIEWS, reg.ALL)
        self.category = combo(("全部类别", *v.CATEGORIES))
        self.outcome = combo(("全部处理方式", *v.OUTCOMES))
        self.state = combo(("全部状态", *v.SHOWN_STATES))
        self.search = QLineEdit()
        self.search.setPlaceholderText("查找：姓名（拼音亦可）、电话、事项、问题、编号")
        bar.addWidget(self.search, 1)
        self.refresh_button = QPushButton("刷新（F5）")
        self.refresh_button.setToolTip("重新读取：其他人在别处接办、登记结果或回访后，按F5即可看到")
        self.refresh_button.clicked.connect(self.refresh)
        QShortcut(QKeySequence("F5"), self, activated=self.refresh,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for w in (self.view_box, self.category, self.outcome, self.state):
            bar.addWidget(w)
            w.currentIndexChanged.connect(lambda _i: self.refresh())
        bar.addWidget(self.refresh_button)
        box.addLayout(bar)
        # what was just logged: a call answered on the spot is closed at once and leaves 我的首问,
        # so the clerk is told where it went instead of thinking it was lost (and logging it twice)
        self.saved_note = QLabel()
        self.saved_note.setStyleSheet("color: #1b5e20;")
        self.saved_note.hide()
        box.addWidget(self.saved_note)
        self.model = ContactModel(db, reg.SPEC, COLUMNS, self)
        self.search.textChanged.connect(self.model.set_search)
        self._reselect: int | None = None
        self.model.results_changed.connect(self._select_pending)
        self.view = RegisterView(self.model)
        self.view.empty_text = lambda: (f"没有找到包含“{self.model.search_text}”的首问登记" + (
            f"（“{reg.MINE}”只列未办结的，已办结的请选“{reg.ALL}”再查找）"
            if self.view_box.currentText() == reg.MINE else "") if self.model.search_text
            else "没有符合条件的首问登记")
        self.view.record_activated.connect(self.show_entry)
        self.view.enable_export("首问负责登记列表", lambda: self.actor)  # 导出当前列表 (ui/register/export.py)
        box.addWidget(self.view, 1)
        actions = QHBoxLayout()
        self.counts = QLabel()
        # the counts may be cut short on a narrow window; they must not widen it
        self.counts.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        actions.addWidget(self.counts, 1)
        for text, slot in (("详情和更正…", self.details_selected), ("确认接办", self.accept_selected),
                           ("办理结果", self.result_selected), ("回访", self.follow_up_selected),
                           ("整改后回访", self.second_follow_up_selected),
                           ("打印登记簿…", self.print_book), ("导出Excel…", self.export_dialog),
                           ("时限设置…", self.edit_limits)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            actions.addWidget(b)
        self.limits_button = b  # shown to the office's heads and the administrator (set_actor)
        box.addLayout(actions)
        for col, width in ((0, 120), (1, 130), (2, 60), (3, 100), (4, 110), (5, 70), (7, 80), (8, 130), (9, 110)):
            self.view.setColumnWidth(col, width)
        self.set_actor(actor)

    # -- the main window's hooks ---------------------------------------------------------
    def set_actor(self, actor: Actor) -> None:
        self.actor = actor
        self.saved_note.hide()  # the last person's 已登记… is not the new user's
        self.department_id = ce.my_department(self.db, actor)
        head = actor.role is not None and (actor.role.can_approve or actor.is_admin)
        self.limits_button.setVisible(head)
        self.view_box.blockSignals(True)  # one refresh below, not one more from the signal
        self.view_box.setCurrentText(reg.ALL if head else reg.MINE)
        self.view_box.blockSignals(False)
        self.refresh()

    def new_record(self) -> None:
        self.new_entry()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def print_current(self) -> None:
        self.print_book()

    # -- list ----------------------------------------------------------------------------
    def filter(self) -> reg.ContactFilter:
        def pick(box: QComboBox, values: tuple[str, ...]) -> str:
            return box.currentText() if box.currentText() in values else ""

        return reg.ContactFilter(view=self.view_box.currentText(), user_id=self.actor.user_id,
                                 department_id=self.department_id if self.view_box.currentText() == reg.TO_ME
                                 else None,
                                 category=pick(self.category, v.CATEGORIES), outcome=pick(self.outcome, v.OUTCOMES),
                                 state=pick(self.state, v.SHOWN_STATES))

    def refresh(self) -> None:
        f = self.filter()
        self.model.set_base(reg.where(f, self.db.today()), "time", True)
        n = reg.counts(self.db, self.actor.user_id, self.department_id)
        self.counts.setText("　".join(f"{k}：{n[k]}条" for k in (reg.MINE, reg.TO_ME, v.OVERDUE, v.AWAIT_FOLLOWUP)))
        counts_changed(self)

    def selected_id(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.id_at(rows[0].row()) if rows else None

    def select(self, entry_id: int) -> bool:
        for row in range(min(self.model.rowCount(), 1000)):
            if self.model.id_at(row) == entry_id:
                flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
                self.view.selectionModel().select(self.model.index(row, 0), flags)
                self.view.scrollTo(self.model.index(row, 0))
                return True
        return False

    # -- actions -------------------------------------------------------------------------
    def new_entry(self) -> None:
        from ui.contacts.entry_dialog import EntryDialog

        try:
            ce.check_may_log(self.db, self.actor)
        except ServiceError as exc:
            tell(self, "首问登记", str(exc), "warning")
            return
        dlg = EntryDialog(self.db, self.actor, self)
        dlg.exec()
        if dlg.saved_id is None:
            return
        outcome = dlg.outcome.currentText()
        if outcome == v.NOTICE:
            self.convert_to_notice(dlg.saved_id)
        elif outcome == v.TO_REQUEST:
            self.convert_to_request(dlg.saved_id)
        elif outcome == v.TO_COMPLAINT:
            self.convert_to_complaint(dlg.saved_id)
        if self.search.text():
            self.search.clear()  # the new entry must be in view, not hidden by an earlier search
        self._after(dlg.saved_id)
        self._tell_saved(dlg.saved_id)

    def _tell_saved(self, entry_id: int) -> None:
        row = reg.fetch_rows(self.db, [entry_id]).get(entry_id)
        if row is None:
            return
        text = f"已登记{row.number}（{row.state}）。"
        if self.view_box.currentText() == reg.MINE and row.state == v.CLOSED:
            text += f"“{reg.MINE}”只列未办结的首问登记，已办结的可选“{reg.ALL}”查看。"
        self.saved_note.setText(text)
        self.saved_note.show()

    def convert_to_notice(self, entry_id: int) -> None:
        """一次性告知: the notices tab's checklist, pre-filled; the issued notice is linked to the entry."""
        from ui.notices.checklist_dialog import ChecklistDialog

        data = ce.notice_input(self.db, entry_id)
        dlg = ChecklistDialog(self.db, self.actor, self, person=data.applicant_name, contact=data.contact_phone,
                              matter=data.matter_id)
        dlg.exec()
        if dlg.notice_id is not None:
            self._do(lambda: ce.link_notice(self.db, self.actor, entry_id, dlg.notice_id), "关联告知书")

    def convert_to_request(self, entry_id: int) -> None:
        """转为政府信息公开申请: the request intake, pre-filled; the registered request is linked."""
        from ui.requests.intake_dialog import IntakeDialog

        data = ce.request_input(self.db, entry_id)
        dlg = IntakeDialog(self.db, self.actor, self)
        dlg.channel.setCurrentText(data.channel)
        dlg.received.set_value(data.received_date)  # the day the person came, not the day it was typed
        dlg.applicant_name.setText(data.applicant_name)
        dlg.phone.setText(data.phone)
        dlg.content.setPlainText(data.content)
        dlg.exec()
        if dlg.saved_id is not None:
            self._do(lambda: ce.link_request(self.db, self.actor, entry_id, dlg.saved_id), "关联申请")

    def convert_to_complaint(self, entry_id: int) -> None:
        """转为投诉举报: the complaint form, pre-filled (the person only into its sealed identity); the
        registered complaint names this entry, and its number goes on the entry's timeline."""
        from ui.complaints.complaint_dialog import ComplaintDialog

        prefill = ce.complaint_input(self.db, entry_id)
        prefill["contact_number"] = reg.detail(self.db, entry_id).row.number
        dlg = ComplaintDialog(self.db, self.actor, prefill=prefill, contact_entry_id=entry_id, parent=self)
        dlg.exec()
        if dlg.saved_id is not None:
            self._do(lambda: ce.link_complaint(self.db, self.actor, entry_id, dlg.saved_id), "关联投诉举报")

    def edit_limits(self) -> None:
        from ui.contacts.limits_dialog import LimitsDialog

        LimitsDialog(self.db, self.actor, self).exec()

    def _do(self, fn, title: str) -> bool:  # noqa: ANN001
        try:
            fn()
        except ServiceError as exc:
            self.inform(title, str(exc), icon="warning")
            return False
        return True

    def _selected(self, title: str) -> int | None:
        eid = self.selected_id()
        if eid is None:
            self.inform(title, "请先在列表中选择一条首问登记")
        return eid

    def _after(self, eid: int) -> None:
        """After an action: the list re-read, the same entry still selected for the next step
        (once its row is back, which may be after a background search)."""
        self.model.refresh_record(eid)
        self._reselect = eid
        self.refresh()
        self._select_pending()

    def _select_pending(self) -> None:
        if self._reselect is None:
            return
        if self.select(self._reselect) or not (self.model.loading or self.model.searching):
            self._reselect = None  # selected, or no longer in this view (e.g. closed and left 我的首问)

    def _ask_text(self, title: str, label: str, text: str = "") -> str | None:
        answer, ok = QInputDialog.getText(self, title, label, text=text)
        return answer if ok else None

    def accept_selected(self) -> None:
        eid = self._selected("确认接办")
        if eid is None:
            return
        who = ""
        if reg.detail(self.db, eid).row.outcome == v.EXTERNAL:
            who = self.ask_text("确认接办", "对方机关的接办人：")
            if who is None:
                return
        if self._do(lambda: ce.accept(self.db, self.actor, eid, who), "确认接办"):
            self._after(eid)

    def _heading(self, eid: int) -> str:
        r = reg.detail(self.db, eid).row
        return f"首问登记 {r.number}　{r.person or '（未留姓名）'}　{r.question[:60]}"

    def result_selected(self) -> None:
        from ui.contacts.action_dialogs import ResultDialog

        eid = self._selected("办理结果")
        if eid is None:
            return
        dlg = ResultDialog(self.db, self.actor, eid, self._heading(eid), self)
        self.run_dialog(dlg)
        if dlg.saved:
            self._after(eid)

    def follow_up_selected(self) -> None:
        eid = self._selected("回访")
        if eid is None:
            return
        d = reg.detail(self.db, eid)
        refusal = ce.followup_refusal(d.row.number, d.row.state if d.row.state != v.OVERDUE else
                                      (v.AWAIT_ACCEPT if d.row.accepted_at is None else v.IN_HAND))
        if refusal:
            self.inform("回访", refusal, icon="warning")
            return
        self._follow(eid, ce.follow_up, "回访")

    def second_follow_up_selected(self) -> None:
        eid = self._selected("整改后回访")
        if eid is not None:
            self._follow(eid, ce.second_follow_up, "整改后回访")

    def _follow(self, eid: int, fn, title: str) -> None:  # noqa: ANN001
        from ui.contacts.action_dialogs import FollowUpDialog

        dlg = FollowUpDialog(self.db, self.actor, eid, title, self._heading(eid), fn, self)
        self.run_dialog(dlg)
        if dlg.saved:
            self._after(eid)

    def details_selected(self) -> None:
        eid = self._selected("详情和更正")
        if eid is not None:
            self.show_entry(eid)

    def show_entry(self, entry_id: int) -> None:
        """The entry, its links and its timeline; 更正 and 转为投诉举报 from there."""
        from ui.contacts.detail_dialog import EntryDetailDialog

        dlg = EntryDetailDialog(self.db, self.actor, entry_id, self.convert_to_complaint, self)
        self.open_detail(dlg)
        if dlg.changed:
            self._after(entry_id)

    def open_detail(self, dlg: QDialog) -> None:  # tests replace it
        dlg.exec()

    # -- outputs -------------------------------------------------------------------------
    def print_book(self) -> None:
        """The current month's 登记簿 (a day can be chosen by typing its date)."""
        from app.services.contacts import book
        from ui.letters import preview_print

        today = self.db.today()
        text = self.ask_text("打印首问负责登记簿", f"打印哪一天或哪个月（如 {today:%Y-%m-%d} 或 {today:%Y-%m}）：",
                             f"{today:%Y-%m}")
        if not text:
            return
        try:
            parts = [int(p) for p in text.strip().split("-")]
            first, last = (book.period(day=dt.date(*parts)) if len(parts) == 3
                           else book.period(year=parts[0], month=parts[1]))
        except (ValueError, TypeError, IndexError, ValidationError):
            self.inform("打印首问负责登记簿", f"请写成 {today:%Y-%m-%d}（某一天）或 {today:%Y-%m}（某个月）", icon="warning")
            return
        # a busy month is thousands of rows: typeset off the UI thread, with page progress and 取消
        preview_print(self, "首问负责登记簿", lambda p: book.render(self.db, first, last, progress=p),
                      filename=f"首问负责登记簿-{text.strip()}.pdf", show=self.show_pdf)

    def export_dialog(self) -> None:
        path, _ = ask_save_path(self, "导出首问负责登记簿", "首问负责登记簿.xlsx", "Excel 文件 (*.xlsx)")
        if not path:
            return
        ids = list(self.model.ids)  # the list as shown now; written off the UI thread (years of entries)
        op = run_in_background(self, lambda _p: reg.export_contacts(self.db, Path(path), ids=ids),
                               title="正在导出首问负责登记簿…",
                               on_success=lambda count: self.inform("导出", f"已导出{count}条首问登记"))
        self._ops.append(op)
        op.finished.connect(lambda: self._ops.remove(op))

    def export_to(self, path: Path) -> int:
        """The list as shown (view, filters and search applied)."""
        return reg.export_contacts(self.db, path, ids=list(self.model.ids))

    def refresh_stats(self) -> None:
        if self.sections.currentWidget() is self.stats:
            self.stats.refresh()
