"""The 工作台 tab: the day at a glance, everything due or overdue this week (the duty view, grouped
by kind, with the 12-month on-time chart), the 待签批 queue for heads, and 我的待办 for everyone.

Each line opens its record through ``RECORD_OPENERS`` (record type → opener); a new tab with
records of its own adds its opener there (one line).  The duty view is app/services/dashboard
(a head sees everything, a clerk their own work), loaded off the UI thread; the queue is
app/services/signoff.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.dates import cn_date, cn_date_weekday, days_left_text
from app.db import Database
from app.services import dashboard, holidays, signoff
from app.services import profile as profile_service
from app.services.actor import Actor
from app.services.annual_report import reminders
from app.services.errors import ServiceError
from ui.forms import ask
from ui.home_duties import DutyPanel
from ui.widgets import add_buttons

ID_ROLE = Qt.ItemDataRole.UserRole


def _open_request(parent: QWidget, db: Database, actor: Actor, item: signoff.QueueItem | None, record_id: int,
                  then: str = "") -> bool:
    """Open a request's window; ``then`` = "letter" offers the letter the approved item calls for,
    "resume" reopens a returned item's form filled with what was typed.  Returns True if it changed."""
    from app.services.requests.signoff_kinds import DECISION
    from ui.requests.request_dialog import RequestDialog

    dlg = RequestDialog(db, actor, record_id, parent)
    if item is not None and then == "letter":
        QTimer.singleShot(0, lambda: dlg.offer_letter_for("decide" if item.kind == DECISION else "extend"))
    elif item is not None and then == "resume":
        QTimer.singleShot(0, lambda: dlg.resume(item.kind, item.payload))
    dlg.exec()
    return dlg.changed


def _in_tab(parent: QWidget, attr: str) -> QWidget | None:
    """Bring the main window's tab ``attr`` to the front; None outside the main window."""
    window = parent.window()
    page = getattr(window, attr, None)
    if page is not None and hasattr(window, "tabs"):
        window.tabs.setCurrentWidget(page)
    return page


def _select_row(view: Any, model: Any, wanted: Callable[[Any], bool]) -> Any:
    """Select (and return) the first row of a sub-tab's short list that ``wanted`` accepts."""
    for n in range(model.rowCount()):
        if wanted(row := model.row(n)):
            view.selectRow(n)
            return row
    return None


def _open_contact(parent: QWidget, db: Database, actor: Actor, item: object, record_id: int, then: str = "") -> bool:
    """A 首问 entry: its details (with 更正 and 转为投诉举报) in the 首问负责 tab."""
    page = _in_tab(parent, "contacts")
    if page is not None:
        page.select(record_id)
        page.show_entry(record_id)
    return page is not None


def _open_complaint(parent: QWidget, db: Database, actor: Actor, item: object, record_id: int,
                    then: str = "") -> bool:
    """A complaint: the 投诉举报 tab opens its window (the identity stays （保密） unless revealed)."""
    page = _in_tab(parent, "complaints")
    if page is not None:
        page.select(record_id)
        page.open_record(record_id)
    return page is not None


def _open_ledger_record(parent: QWidget, db: Database, actor: Actor, item: object, record_id: int,
                        then: str = "") -> bool:
    """A 责任追究 or 表扬 record waiting for confirmation: the 责任追究台账 at its year, the record selected."""
    from app.services.complaints import ledger

    page = _in_tab(parent, "complaints")
    if page is None:
        return False
    book = page.ledger
    page.sections.setCurrentWidget(book)
    year = ledger.record_year(db, record_id)
    if year is not None:
        book.year.setValue(year)
    book.refresh()
    for n in range(book.records.rowCount()):
        if book.records.row(n).id == record_id:
            book.select_row(n)
            break
    return True


def _open_duty(parent: QWidget, db: Database, actor: Actor, item: object, record_id: int, then: str = "") -> bool:
    """A duty (record_id = holder, record_key = "kind|period"): the 督查日历 with the duty selected;
    its record opens as from the calendar (``duty_opened``)."""
    page = _in_tab(parent, "supervision")
    if page is None:
        return False
    kind, _, period = getattr(item, "record_key", "").partition("|")
    cal = page.calendar
    page.tabs.setCurrentWidget(cal)
    if period[:4].isdigit():
        cal.year.setValue(int(period[:4]))
    cal.refresh()
    duty = _select_row(cal.view, cal.model, lambda d: (d.holder_id, d.kind, d.period) == (record_id, kind, period))
    if duty is not None:
        cal.duty_opened.emit(duty)
    return True


def _open_task(parent: QWidget, db: Database, actor: Actor, item: object, record_id: int, then: str = "") -> bool:
    """A rectification task: the 督查 tab's 整改任务 list with the task selected."""
    page = _in_tab(parent, "supervision")
    if page is None:
        return False
    tasks = page.tasks
    page.tabs.setCurrentWidget(tasks)
    tasks.refresh()
    _select_row(tasks.view, tasks.model, lambda t: t.id == record_id)
    return True


def _open_annual_report(parent: QWidget, db: Database, actor: Actor, item: object, record_id: int,
                        then: str = "") -> bool:
    """The annual report of year ``record_id`` in its tab."""
    page = _in_tab(parent, "annual_report")
    if page is None:
        return False
    page.year.setValue(record_id)
    return True


RECORD_OPENERS: dict[str, Callable[..., bool]] = {
    "request": _open_request,
    "contact": _open_contact,
    "complaint": _open_complaint,
    "complaint_ledger": _open_ledger_record,
    "duty": _open_duty,
    "rectification": _open_task,
    "annual_report": _open_annual_report,
}


class HomePage(QWidget):
    def __init__(self, db: Database, actor: Actor | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.open_record = self._open_record  # replaceable in tests: (item, then) -> None
        lay = QVBoxLayout(self)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setOpenExternalLinks(False)
        lay.addWidget(self.label)

        self.duties = DutyPanel(db, actor, lambda line: self.open_record(line, ""))
        lay.addWidget(self.duties, 3)

        below = QHBoxLayout()  # side by side: the tab must fit a 768-pixel-high screen
        self.queue_box = QGroupBox("待签批")
        qlay = QVBoxLayout(self.queue_box)
        self.queue = self._table(["编号", "事项", "内容", "提交人", "提交日期", "办理期限"])
        self.queue.doubleClicked.connect(lambda _: self.open_selected(self.queue))
        qlay.addWidget(self.queue)
        row = QHBoxLayout()
        add_buttons(row, (("打开", lambda: self.open_selected(self.queue)), ("批准", self.approve_selected),
                          ("退回…", self.return_selected)))
        row.addStretch()
        qlay.addLayout(row)
        below.addWidget(self.queue_box, 1)

        self.todo_box = QGroupBox("我的待办")
        tlay = QVBoxLayout(self.todo_box)
        self.todo = self._table(["编号", "事项", "状态", "审批人", "退回意见或提交内容", "日期"])
        self.todo.doubleClicked.connect(lambda _: self.resume_selected())
        tlay.addWidget(self.todo)
        row = QHBoxLayout()
        add_buttons(row, (("打开并重新办理", self.resume_selected), ("已阅，不再提交", self.dismiss_selected),
                          ("撤回签批", self.withdraw_selected)))
        row.addStretch()
        tlay.addLayout(row)
        below.addWidget(self.todo_box, 1)
        lay.addLayout(below, 2)
        self.queue_items: list[signoff.QueueItem] = []
        self.todo_items: list[signoff.QueueItem] = []
        self.refresh()

    @staticmethod
    def _table(headers: list[str]) -> QTableWidget:
        t = QTableWidget(0, len(headers))
        t.setHorizontalHeaderLabels(headers)
        t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        t.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        t.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        t.setWordWrap(False)
        t.setTextElideMode(Qt.TextElideMode.ElideRight)
        t.horizontalHeader().setStretchLastSection(True)
        t.verticalHeader().hide()
        return t

    def set_actor(self, actor: Actor) -> None:
        self.actor = actor
        self.refresh()

    # -- display ----------------------------------------------------------------------------
    def refresh(self) -> None:
        today = self.db.today()
        prof = profile_service.get_profile(self.db)
        cal = self.db.calendar()
        parts = [f"<h2>{prof.full_name or '（尚未填写机关名称）'}</h2>", f"<p>今天是{cn_date_weekday(today)}，"
                 + ("工作日" if cal.is_working_day(today) else "休息日") + "。</p>"]
        if not prof.is_complete:
            parts.append(f"<p style='color:#b00020'>机关信息尚未填写完整（{'、'.join(prof.missing_for_letters())}）。"
                         "答复书和回执要用到这些信息，请系统管理员在“设置 → 机关信息”中填写。</p>")
        for st in holidays.year_statuses(self.db, range(today.year, today.year + 2)):
            if st.source == "estimated":
                parts.append(f"<p style='color:#8a5a00'>{st.year}年的节假日安排尚未录入：涉及{st.year}年的期限按法定节日估算，"
                             "标注为“暂估”。国务院办公厅通知发布后，请在“设置 → 节假日安排”中录入。</p>")
            else:
                parts.append(f"<p>{st.year}年节假日安排：{st.label}。</p>")
        # 年度报告 reminders from 12月1日 (条例第四十九、五十条)
        parts += [f"<p style='color:{'#b00020' if r.overdue else '#8a5a00'}'>{r.text}</p>"
                  for r in reminders.due_items(self.db, today)]
        parts.append(f"<p>答复期限：{prof.answer_days}个工作日；延期上限：{prof.extension_days}个工作日。</p>")
        self.label.setText("".join(parts))
        self._fill_queue(today)
        self._fill_todo(today)
        self.duties.actor = self.actor
        self.duties.load()

    def _fill_queue(self, today: dt.date) -> None:
        heads = self.actor is not None and signoff.may_sign_any(self.actor)  # heads; inspectors confirm ledger records
        self.queue_box.setVisible(heads)
        self.queue_items = signoff.pending(self.db, today, self.actor) if heads else []
        self.queue_box.setTitle(f"待签批（{len(self.queue_items)}件）")
        self._set_rows(self.queue, [
            (i.record_label, i.kind_label, i.summary, i.submitted_by, cn_date(i.submitted_day),
             days_left_text(i.remaining)) for i in self.queue_items],
            [i.remaining is not None and i.remaining <= 3 for i in self.queue_items])

    def _fill_todo(self, today: dt.date) -> None:
        if self.actor is None or self.actor.user_id is None:
            self.todo_items = []
        else:
            self.todo_items = (signoff.returned_to(self.db, self.actor, today)
                               + signoff.submitted_by(self.db, self.actor, today))
        self.todo_box.setTitle(f"我的待办（{len(self.todo_items)}件）")
        self._set_rows(self.todo, [
            (i.record_label, i.kind_label, "被退回" if i.state == signoff.RETURNED else "待签批（等候审批）",
             i.decided_by, i.comment or i.summary, cn_date(i.decided_day or i.submitted_day))
            for i in self.todo_items], [i.state == signoff.RETURNED for i in self.todo_items])

    @staticmethod
    def _set_rows(table: QTableWidget, rows: list[tuple], marked: list[bool]) -> None:
        table.setRowCount(len(rows))
        for r, (values, mark) in enumerate(zip(rows, marked, strict=True)):
            for c, v in enumerate(values):
                item = QTableWidgetItem(str(v))
                item.setToolTip(str(v))
                if mark:
                    item.setForeground(Qt.GlobalColor.darkRed)
                table.setItem(r, c, item)
        table.resizeColumnsToContents()
        for c in range(table.columnCount()):
            table.setColumnWidth(c, min(table.columnWidth(c), 320))

    def pending_count(self) -> int:
        return len(self.queue_items)

    # -- actions ----------------------------------------------------------------------------
    def _selected(self, table: QTableWidget, items: list[signoff.QueueItem]) -> signoff.QueueItem | None:
        row = table.currentRow()
        if 0 <= row < len(items):
            return items[row]
        QMessageBox.information(self, "工作台", "请先选中一项")
        return None

    def _open_record(self, item: signoff.QueueItem | dashboard.Line, then: str = "") -> None:
        opener = RECORD_OPENERS.get(item.record_type)
        if opener is None or self.actor is None:
            return
        opener(self, self.db, self.actor, item, item.record_id, then)
        self._changed()

    def open_selected(self, table: QTableWidget) -> None:
        item = self._selected(table, self.queue_items if table is self.queue else self.todo_items)
        if item is not None:
            self.open_record(item, "")

    def approve_selected(self) -> None:
        item = self._selected(self.queue, self.queue_items)
        if item is None or self.actor is None:
            return
        question = (f"批准{item.record_label}的{item.kind_label}？\n\n{item.summary}\n\n"
                    f"提交人：{item.submitted_by}（{cn_date(item.submitted_day)}）。批准后立即生效，"
                    f"签批人为{self.actor.full_name or self.actor.label}，日期为今天。")
        if not self.confirm(question):
            return
        try:
            signoff.approve(self.db, self.actor, item.id)
        except ServiceError as exc:
            QMessageBox.warning(self, "无法批准", str(exc))
            self.refresh()
            return
        self._changed()
        self.open_record(item, "letter")

    def return_selected(self) -> None:
        item = self._selected(self.queue, self.queue_items)
        if item is None or self.actor is None:
            return
        comment = self.ask_comment(item)
        if comment is None:
            return
        try:
            signoff.return_item(self.db, self.actor, item.id, comment)
        except ServiceError as exc:
            QMessageBox.warning(self, "无法退回", str(exc))
            return
        self._changed()

    def resume_selected(self) -> None:
        item = self._selected(self.todo, self.todo_items)
        if item is not None:
            self.open_record(item, "resume" if item.state == signoff.RETURNED else "")

    def dismiss_selected(self) -> None:
        """A returned item the clerk will not resubmit leaves 我的待办."""
        item = self._selected(self.todo, self.todo_items)
        if item is None or self.actor is None:
            return
        if item.state != signoff.RETURNED:
            QMessageBox.information(self, "我的待办", "这一项还在等候审批；不再需要的，请用“撤回签批”。")
            return
        try:
            signoff.acknowledge(self.db, self.actor, item.id)
        except ServiceError as exc:
            QMessageBox.warning(self, "我的待办", str(exc))
        self._changed()

    def withdraw_selected(self) -> None:
        """Take a waiting item back before the head decides (e.g. to change it)."""
        item = self._selected(self.todo, self.todo_items)
        if item is None or self.actor is None:
            return
        if item.state != signoff.PENDING:
            QMessageBox.information(self, "我的待办", "只有等候审批的事项可以撤回。")
            return
        if not self.confirm("撤回这项签批申请？撤回后负责人不再看到它，可修改后重新提交。"):
            return
        try:
            signoff.withdraw(self.db, self.actor, item.id)
        except ServiceError as exc:
            QMessageBox.warning(self, "我的待办", str(exc))
        self._changed()

    def confirm(self, question: str) -> bool:
        return ask(self, "请确认", question, "确定", "取消")

    def ask_comment(self, item: signoff.QueueItem) -> str | None:
        text, ok = QInputDialog.getMultiLineText(self, "退回", f"退回{item.record_label}的{item.kind_label}，"
                                                 "请写明意见（经办人会在“我的待办”中看到）：")
        return text.strip() if ok and text.strip() else None

    def _changed(self) -> None:
        self.refresh()
        window = self.window()
        if hasattr(window, "refresh_all"):
            window.refresh_all()
