"""One request: its details, the clock, the timeline, and every action the state allows."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QKeySequence, QShortcut, QTextOption
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.dates import cn_date, days_left_text
from app.db import Database
from app.domain import fees
from app.domain.vocab import CONSULT_KINDS, SERVICE_METHODS, State
from app.letters import kinds
from app.services.actor import Actor
from app.services.errors import ServiceError
from app.services.requests import actions, clock, queries, signoff_kinds
from ui.correction_dialog import CorrectionDialog, UndoDialog
from ui.files import ask_save_path
from ui.fit import limit_width
from ui.forms import ask
from ui.requests.action_dialog import ActionDialog
from ui.requests.decision_dialog import DecisionDialog
from ui.requests.reissue import offer_reissue, pick_letters, print_selected_letter
from ui.widgets import DateEdit, add_buttons, combo

# The letter an action calls for, offered as soon as the action is saved.
LETTER_AFTER = {"correction": "correction", "extend": "extension", "decide": "reply", "consult": "consult",
                "fee": "fee"}
TITLE_NAME_CHARS = 30

W = State
ACTIONS: list[tuple[str, str, set[State]]] = [
    ("assign", "分办", {W.REGISTERED, W.CORRECTION_RECEIVED, W.PROCESSING, W.EXTENDED}),
    ("correction", "补正告知", {W.REGISTERED, W.PROCESSING}),
    ("correction_received", "收到补正", {W.CORRECTION}),
    ("correction_lapsed", "逾期未补正", {W.CORRECTION}),
    ("consult", "征求意见", {W.REGISTERED, W.CORRECTION_RECEIVED, W.PROCESSING, W.EXTENDED, W.CONSULTING}),
    ("consult_reply", "收到意见", {W.CONSULTING}),
    ("extend", "延期", {W.REGISTERED, W.CORRECTION_RECEIVED, W.PROCESSING}),
    ("pieces", "申请件数", {W.REGISTERED, W.CORRECTION_RECEIVED, W.PROCESSING, W.EXTENDED, W.CONSULTING}),
    ("fee", "收费通知", {W.REGISTERED, W.CORRECTION_RECEIVED, W.PROCESSING, W.EXTENDED}),
    ("fee_paid", "已缴费", {W.AWAITING_FEE}),
    ("fee_lapsed", "逾期未缴费", {W.AWAITING_FEE}),
    ("decide", "作出答复", {W.REGISTERED, W.CORRECTION_RECEIVED, W.PROCESSING, W.EXTENDED, W.CONSULTING}),
    ("deliver", "送达", {W.ANSWERED}),
    ("archive", "归档", {W.DELIVERED, W.WITHDRAWN}),
    ("withdraw", "申请人撤回", {W.REGISTERED, W.CORRECTION, W.CORRECTION_RECEIVED, W.PROCESSING, W.CONSULTING,
                                 W.EXTENDED, W.AWAITING_FEE}),
]
ALLOWED = {key: states for key, _, states in ACTIONS}


class RequestDialog(QDialog):
    def __init__(self, db: Database, actor: Actor, request_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.request_id = db, actor, request_id
        self.changed = False
        self.offer_letter = self._ask_letter  # replaceable in tests: (question) -> bool
        self.pick_letters = lambda question, due: pick_letters(self, question, due)  # replaceable in tests
        self.last_correction = None
        lay = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        lay.addWidget(self.title)
        self.clock_label = QLabel()
        self.clock_label.setWordWrap(True)
        lay.addWidget(self.clock_label)
        self.tabs = QTabWidget()
        # A browser, not a label: a 10,000-character value scrolls instead of widening the window.
        self.info = QTextBrowser()
        self.info.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.info.setOpenLinks(False)
        self.tabs.addTab(self.info, "申请信息")
        self.timeline = self._table(["日期", "经办人", "事项", "内容"])
        self.tabs.addTab(self.timeline, "办理过程")
        self.consult_table = self._table(["对象", "类型", "发出日期", "答复期限", "答复日期", "意见"])
        self.tabs.addTab(self.consult_table, "征求意见")
        att_page = QWidget()
        att_lay = QVBoxLayout(att_page)
        self.attachments = self._table(["文件名", "大小", "校验值", "添加人"])
        att_lay.addWidget(self.attachments)
        row = QHBoxLayout()
        add_buttons(row, (("添加附件…", self.add_attachment), ("另存附件…", self.save_attachment)))
        row.addStretch()
        att_lay.addLayout(row)
        self.tabs.addTab(att_page, "附件")
        from ui.letters_tab import LettersTab

        self.letters = LettersTab(db, actor, request_id, self._letters_changed)
        self.tabs.addTab(self.letters, "文书")
        lay.addWidget(self.tabs, 1)
        grid = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        for i, (key, text, _) in enumerate(ACTIONS):
            b = QPushButton(text)
            b.clicked.connect(lambda _=False, k=key: self.run_action(k))
            grid.addWidget(b, i // 7, i % 7)
            self.buttons[key] = b
        n = len(ACTIONS)
        for j, (key, text, slot) in enumerate((("amend", "更正…", self.amend), ("undo", "撤销误录…", self.undo),
                                               ("cases", "复议/诉讼…", self.open_cases))):
            b = QPushButton(text)
            b.clicked.connect(slot)
            grid.addWidget(b, (n + j) // 7, (n + j) % 7)
            self.buttons[key] = b
        lay.addLayout(grid)
        close = QPushButton("关闭")
        close.clicked.connect(self.accept)
        lay.addWidget(close)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self, activated=self.print_letter)
        self.refresh()
        limit_width(self, 1000)
        self.resize(self.width(), min(720, self.maximumHeight()))

    @staticmethod
    def _table(headers: list[str]) -> QTableWidget:
        t = QTableWidget(0, len(headers))
        t.setHorizontalHeaderLabels(headers)
        t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        t.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        t.horizontalHeader().setStretchLastSection(True)
        t.verticalHeader().hide()
        t.setWordWrap(True)
        t.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        return t

    # -- display --------------------------------------------------------------
    def refresh(self) -> None:
        d = self.d = queries.detail(self.db, self.request_id)
        self.setWindowTitle(f"依申请公开 {d.number}")
        name = d.applicant_name if len(d.applicant_name) <= TITLE_NAME_CHARS else d.applicant_name[:TITLE_NAME_CHARS] + "…"
        self.title.setText(f"{d.number}　{name}　【{d.state}】")
        self.title.setToolTip(d.applicant_name)
        waiting = signoff_kinds.waiting_text(self.db, self.request_id)
        self.clock_label.setText(self._clock_text(d) + (f"<br><b style='color:#8a5a00'>{waiting}</b>" if waiting else ""))
        self.info.setText(self._info_html(d))
        self._fill(self.timeline, [(cn_date(e.day), e.actor, e.kind, e.text) for e in d.events])
        # a period from receipt is only an estimate (预计) until the letter's 送达 is recorded
        self._fill(self.consult_table, [(c.party, c.kind, cn_date(c.sent_date),
                                         ("" if c.delivered_date else "预计") + cn_date(c.reply_due),
                                         cn_date(c.reply_date), c.opinion) for c in d.consultations])
        self._fill(self.attachments, [(a.filename, f"{a.size / 1024:.0f} KB", a.sha256, a.added_by)
                                      for a in d.attachments])
        self.letters.refresh(d)
        state = State(d.state)
        for key, _, allowed in ACTIONS:
            self.buttons[key].setEnabled(state in allowed)
        self.buttons["extend"].setEnabled(state in ALLOWED["extend"] and not d.extension_days)
        self.buttons["correction"].setEnabled(state in ALLOWED["correction"] and d.correction_date is None)
        self.buttons["extend"].setText("延期" if self.actor.can_approve else "延期（提交签批）")

    @staticmethod
    def _fill(table: QTableWidget, rows: list[tuple]) -> None:
        table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            for j, v in enumerate(row):
                item = QTableWidgetItem(str(v))
                item.setToolTip(str(v)[:2000])
                table.setItem(i, j, item)
        table.resizeColumnsToContents()
        # Long texts (a correction's before → after and reason) wrap in the last column, which
        # stretches to the table's width; rows take the height they need (see _table).
        last = table.columnCount() - 1
        for c in range(last):
            table.setColumnWidth(c, min(table.columnWidth(c), 320))
        table.setColumnWidth(last, 100)

    @staticmethod
    def _clock_text(d: queries.RequestDetail) -> str:
        c = d.clock
        assert c is not None
        parts = [f"答复期限：{cn_date(c.due)}（自{cn_date(d.clock_start)}起算"
                 + (f"，含延期{d.extension_days}个工作日" if d.extension_days else "") + "）"]
        if c.remaining is not None:  # the words the 工作台 and the ledger use too (app.dates.days_left_text)
            colour = " style='color:#b00020'" if c.remaining <= 0 else ""
            parts.append(f"<b{colour}>{days_left_text(c.remaining)}</b>")
        else:
            parts.append(f"已于{cn_date(d.reply_date)}答复" + ("" if d.on_time in (True, None) else "（超过期限）")
                         if d.reply_date else d.state)
        if c.pauses:
            parts.append("暂停计时：" + "、".join(f"{cn_date(a)}至{cn_date(b)}" for a, b in c.pauses))
        html = "；".join(parts)
        if c.provisional:
            html += f"<br><span style='color:#8a5a00'>{c.note}</span>"
        return html

    @staticmethod
    def _info_html(d: queries.RequestDetail) -> str:
        rows = [("申请方式", d.channel), ("收到申请日期", cn_date(d.received_date)), ("申请人类型", d.applicant_type),
                ("姓名或名称", d.applicant_name), ("证件", f"{d.id_type} {d.id_number}"),
                ("联系人", d.contact_person), ("联系电话", d.phone), ("通信地址", f"{d.address} {d.postcode}"),
                ("电子邮箱", d.email), ("所需信息", d.content), ("获取方式", d.delivery_form),
                ("口头申请", f"是，{d.filled_by}代为填写" if d.oral else "否"), ("承办", d.handler),
                ("补正", f"{cn_date(d.correction_date)}告知：{d.correction_items}（期限{'' if d.correction_delivered else '预计'}{cn_date(d.correction_deadline)}）"
                 if d.correction_date else ""),
                ("延期", f"{d.extension_days}个工作日，{d.extension_approver}批准，理由：{d.extension_reason}"
                 if d.extension_days else ""),
                ("信息处理费", f"{d.fee_method}{d.fee_quantity}，{d.fee_amount}元（{d.fee_breakdown}），"
                 f"缴费期限{'' if d.fee_delivered else '预计'}{cn_date(d.fee_deadline)}" + (f"，{cn_date(d.fee_paid_date)}已缴" if d.fee_paid_date else "")
                 if d.fee_notice_date else ""),
                ("办理结果", d.result_label), ("依据", d.article), ("理由", d.reasons), ("法律依据", d.legal_basis),
                ("不予公开内容", d.withheld), ("负责公开的机关", f"{d.responsible_agency} {d.responsible_contact}".strip()),
                ("提供的信息", f"{d.provided_docs}" + (f"（{d.page_count}页）" if d.page_count else "")),
                ("签发", d.signed_off_by),
                ("送达", f"{d.service_method}，{cn_date(d.delivered_date)}，签收人{d.receiver}"
                 + (f"，单号{d.tracking_number}" if d.tracking_number else "") if d.delivered_date else ""),
                ("备注", d.remarks)]
        from html import escape

        return "<table cellspacing=4>" + "".join(
            f"<tr><td style='color:#555'>{k}</td><td>{escape(str(v))}</td></tr>" for k, v in rows if v) + "</table>"

    def _letters_changed(self) -> None:
        self.changed = True
        self.refresh()

    # -- actions --------------------------------------------------------------
    def run_action(self, key: str) -> None:
        dlg = self.dialog_for(key)
        if dlg is None:
            return
        done = bool(dlg.exec())
        if done:
            self.changed = True
        self.refresh()
        if done and key in LETTER_AFTER and not getattr(dlg, "submitted", False):
            self.offer_letter_for(key)

    # -- letters offered after the action that needs them -----------------------------
    def letter_choice(self, key: str) -> tuple[str, int | None] | None:
        """(letter code, consultation id) the action ``key`` calls for, as the 文书 tab lists it."""
        d = self.d
        if key == "decide":
            reply = kinds.reply_kind(d)
            return (reply.code, None) if reply is not None else None
        if key == "consult":
            if not d.consultations:
                return None
            latest = d.consultations[-1]
            return ("consult_party" if latest.kind == CONSULT_KINDS[0] else "consult_agency", latest.id)
        return (LETTER_AFTER[key], None)

    def offer_letter_for(self, key: str) -> None:
        choice = self.letter_choice(key)
        if choice is None:
            return
        combo_ = self.letters.kind
        index = next((i for i in range(combo_.count()) if tuple(combo_.itemData(i) or ()) == choice), -1)
        if index < 0:
            return
        if self.offer_letter(f"需要出具{combo_.itemText(index)}。现在生成并预览吗？"):
            self.tabs.setCurrentWidget(self.letters)
            combo_.setCurrentIndex(index)
            self.letters.generate()

    def _ask_letter(self, question: str) -> bool:
        return ask(self, "出具文书", question, "生成并预览", "稍后")

    def resume(self, kind: str, payload: dict) -> None:
        """Reopen a returned 签批 item's form with everything that was typed, to fix and resubmit."""
        from dataclasses import fields

        from app.services.requests import decisions

        if kind == signoff_kinds.DECISION:
            names = {f.name for f in fields(decisions.DecisionInput)}
            dlg = DecisionDialog(self.db, self.actor, self.request_id, self.d.received_date, parent=self)
            dlg.load(decisions.DecisionInput(**{k: v for k, v in payload.items() if k in names}))
            key = "decide"
        elif kind == signoff_kinds.EXTENSION:
            dlg = self._extension_dialog()
            dlg.widgets["days"].setValue(payload["days"])
            dlg.widgets["reason"].setPlainText(payload["reason"])
            key = "extend"
        else:
            return
        done = bool(dlg.exec())
        if done:
            self.changed = True
        self.refresh()
        if done and not getattr(dlg, "submitted", False):
            self.offer_letter_for(key)

    # -- corrections ----------------------------------------------------------------------
    def open_cases(self) -> None:
        """行政复议/行政诉讼 about this request (annual report table 四), in their own dialog."""
        from ui.report.cases_dialog import CasesDialog

        dlg = CasesDialog(self.db, self.actor, self.request_id, self)
        dlg.exec()
        if dlg.changed:
            self.changed = True
            self.refresh()

    def amend(self) -> None:
        self._correct(CorrectionDialog(self.db, self.actor, "request", self.request_id, self))

    def undo(self) -> None:
        dlg = UndoDialog(self.db, self.actor, "request", self.request_id, self)
        if not dlg.options:
            QMessageBox.information(self, "撤销误录", "本申请没有可以撤销的办理事项。")
            return
        self._correct(dlg)

    def _correct(self, dlg: CorrectionDialog | UndoDialog) -> None:
        """After a 更正 or 撤销: the letters it outdated are offered for 重新出具 (ui.requests.reissue)."""
        current = {i.id for i in self.letters.issued if not i.outdated}
        if not dlg.exec():
            return
        self.changed = True
        self.last_correction = dlg.result
        self.refresh()
        offer_reissue(self, current)

    def print_letter(self) -> None:
        """Ctrl+P: the letter selected in the 文书 tab (print dialog first), or say what to do."""
        print_selected_letter(self)

    def _simple(self, fn, *args) -> None:  # noqa: ANN001
        try:
            fn(self.db, self.actor, self.request_id, *args)
        except ServiceError as exc:
            QMessageBox.warning(self, "无法办理", str(exc))
        else:
            self.changed = True

    def dialog_for(self, key: str) -> QDialog | None:
        """The form for an action (None for one-click actions, which are done at once)."""
        db, a, rid, d, today = self.db, self.actor, self.request_id, self.d, self.db.today()
        if key == "assign":
            return ActionDialog("分办", [("handler", "承办科室或承办人", combo(self._departments(), d.handler, editable=True))],
                                lambda v: actions.assign(db, a, rid, v["handler"]), parent=self)
        if key == "correction":
            limit = clock.correction_issue_limit(d.received_date, db.calendar())
            deadline = db.calendar().add_working_days(today, 15).date
            dlg = ActionDialog(
                "补正告知", [("items", "需要补正的事项（一次性全部列明）", QPlainTextEdit()),
                             ("deadline", "补正期限", DateEdit(deadline)), ("issued", "告知日期", DateEdit(today))],
                lambda v: actions.issue_correction(db, a, rid, v["items"], v["deadline"], v["issued"]),
                note=f"第三十条：应在收到申请之日起7个工作日内（最迟{cn_date(limit)}）一次性告知，补正后的申请重新计算答复期限。",
                parent=self)
            checklist = QPushButton("按事项清单逐项核对并出具一次性告知书…")
            checklist.setAutoDefault(False)
            checklist.clicked.connect(lambda: self._correction_checklist(dlg))
            dlg.layout().insertWidget(dlg.layout().count() - 1, checklist)
            return dlg
        if key == "correction_received":
            return ActionDialog("收到补正", [("received", "收到补正日期", DateEdit(today))],
                                lambda v: actions.receive_correction(db, a, rid, v["received"]),
                                note="答复期限自收到补正之日起重新计算。", parent=self)
        if key == "consult":
            return ActionDialog("征求意见", [("kind", "对象类型", combo(CONSULT_KINDS)), ("party", "第三方或机关名称", QLineEdit()),
                                         ("sent", "发出日期", DateEdit(today))],
                                lambda v: actions.start_consultation(db, a, rid, v["kind"], v["party"], v["sent"]),
                                note="第三十二条、第三十四条：对方应在15个工作日内答复；征求意见期间不计入答复期限。", parent=self)
        if key == "consult_reply":
            waiting = [c for c in d.consultations if c.reply_date is None]
            if not waiting:
                return None
            parties = combo([f"{c.party}（{cn_date(c.sent_date)}发出）" for c in waiting])
            return ActionDialog("收到意见", [("which", "征求对象", parties), ("replied", "收到意见日期", DateEdit(today)),
                                         ("opinion", "意见", QPlainTextEdit())],
                                lambda v: actions.record_consultation_reply(
                                    db, a, rid, waiting[parties.currentIndex()].id, v["replied"], v["opinion"]),
                                parent=self)
        if key == "extend":
            return self._extension_dialog()
        if key == "fee":
            qty = QSpinBox()
            qty.setRange(1, 100000)
            return ActionDialog("收费通知", [("method", "计收方式", combo(fees.METHODS)), ("quantity", "件数/页数", qty),
                                         ("notice", "通知日期", DateEdit(today))],
                                lambda v: actions.issue_fee_notice(db, a, rid, v["method"], v["quantity"], v["notice"]),
                                note="国办函〔2020〕109号：按件计收的，同一申请人一个自然月内累计10件以下免费；"
                                     "按量计收的，30页以下免费。申请人应在20个工作日内缴费。", parent=self)
        if key == "pieces":
            from app.services.requests.delivery import MAX_PIECES, set_piece_count

            pieces = QSpinBox()
            pieces.setRange(1, MAX_PIECES)
            pieces.setValue(d.piece_count)
            return ActionDialog("申请件数", [("pieces", "本申请按几件计", pieces)],
                                lambda v: set_piece_count(db, a, rid, v["pieces"]),
                                note="国办函〔2020〕109号第四条：按件计收的，同一申请人一个自然月内的申请件数累计计算"
                                     "（免费的申请也计入）；一份申请包含多项内容的，可按合理的最小单位拆分计件。",
                                parent=self)
        if key == "fee_paid":
            return ActionDialog("登记缴费", [("paid", "缴费日期", DateEdit(today))],
                                lambda v: actions.record_fee_paid(db, a, rid, v["paid"]), parent=self)
        if key == "decide":
            return DecisionDialog(db, a, rid, d.received_date, parent=self)
        if key == "deliver":
            return ActionDialog("送达", [("method", "送达方式", combo(SERVICE_METHODS)), ("day", "送达日期", DateEdit(today)),
                                       ("receiver", "签收人", QLineEdit(d.applicant_name)),
                                       ("tracking", "邮件单号", QLineEdit())],
                                lambda v: actions.deliver(db, a, rid, v["method"], v["day"], v["receiver"], v["tracking"]),
                                parent=self)
        if key == "withdraw":
            return ActionDialog("申请人撤回", [("day", "撤回日期", DateEdit(today)), ("reason", "说明", QLineEdit())],
                                lambda v: actions.withdraw(db, a, rid, v["day"], v["reason"]), parent=self)
        one_click = {"correction_lapsed": (actions.close_correction_lapsed, "按逾期未补正办结（视为放弃申请，计入“其他处理”）？"),
                     "fee_lapsed": (actions.close_fee_lapsed, "按逾期未缴费办结（视为放弃申请，计入“其他处理”）？"),
                     "archive": (actions.archive, "将本申请归档？")}
        fn, question = one_click[key]
        if self.confirm(question):
            self._simple(fn)
        return None

    def _correction_checklist(self, dlg: ActionDialog) -> None:
        """The 一次性告知 checklist for 政府信息公开申请, pre-filled with the applicant; the notice it
        issues is linked to this request and its items become the 补正事项."""
        from app.services.notices import issue as notices
        from ui.notices.checklist_dialog import ChecklistDialog

        d = self.d
        checklist = ChecklistDialog(self.db, self.actor, dlg, person=d.applicant_name, contact=d.phone,
                                    matter="政府信息公开申请", request_id=self.request_id)
        checklist.exec()
        if checklist.notice_id is not None:
            items = dlg.widgets["items"]
            assert isinstance(items, QPlainTextEdit)
            items.setPlainText(notices.correction_items(self.db, checklist.notice_id))

    def _extension_dialog(self) -> ActionDialog:
        """A head records the extension (批准人 = the head); a clerk prepares it for 签批."""
        from app.services.profile import get_profile

        db, a, rid, today = self.db, self.actor, self.request_id, self.db.today()
        limit = get_profile(db).extension_days
        days = QSpinBox()
        days.setRange(1, max(1, limit))
        days.setValue(max(1, limit))
        note = ("第三十三条第二款：需要延长答复期限的，应经政府信息公开工作机构负责人同意并告知申请人，"
                f"延长期限最长不得超过{limit}个工作日。只能延期一次。")
        if a.can_approve:
            approver = QLineEdit(a.full_name or a.label)
            approver.setReadOnly(True)
            return ActionDialog("延期答复", [("days", "延长工作日数", days), ("reason", "延期理由", QPlainTextEdit()),
                                         ("approver", "批准人", approver), ("day", "决定日期", DateEdit(today))],
                                lambda v: actions.extend(db, a, rid, v["days"], v["approver"], v["reason"], v["day"]),
                                note=note, parent=self)
        dlg = ActionDialog("延期答复（提交签批）", [("days", "延长工作日数", days), ("reason", "延期理由", QPlainTextEdit()),
                                             ("day", "拟决定日期", DateEdit(today))],
                           lambda v: signoff_kinds.submit_extension(db, a, rid, v["days"], v["reason"], v["day"]),
                           note=note + "\n延期须经科室负责人或以上批准：提交后在工作台“待签批”中等候审批，"
                                       "批准之日起生效，批准人为审批的负责人。答复期限在等候期间照常计算。",
                           ok_text="提交签批", parent=self)
        dlg.submitted = True
        return dlg

    def confirm(self, question: str) -> bool:
        return ask(self, "请确认", question)

    def _departments(self) -> list[str]:
        from app.services.profile import list_departments

        return ["", *list_departments(self.db)]

    def add_attachment(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "添加附件（扫描件）", "", "所有文件 (*)")
        if path:
            self.attach(Path(path))

    def attach(self, path: Path) -> None:
        try:
            actions.add_attachment(self.db, self.actor, self.request_id, path)
        except (ServiceError, OSError) as exc:
            QMessageBox.warning(self, "附件", str(exc))
        self.changed = True
        self.refresh()

    def save_attachment(self) -> None:
        row = self.attachments.currentRow()
        if row < 0:
            return
        att = self.d.attachments[row]
        name, data, intact = actions.attachment_bytes(self.db, att.id)
        if not intact:
            QMessageBox.critical(self, "附件", "附件内容与登记时的校验值不一致，可能已被篡改。")
            return
        path, _ = ask_save_path(self, "另存附件", name)
        if path:
            Path(path).write_bytes(data)
