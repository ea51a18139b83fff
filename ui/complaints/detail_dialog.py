"""One 投诉举报 in full: what was registered and every handling step so far, the next steps as buttons,
its prints, and its evidence.

The complainant reads （保密） (or 匿名) here like everywhere else.  Someone who may see identities (a
监督检查人员 or a person named in the settings, signed in with their key) gets a 查看投诉举报人身份
button; each press is one audited view, made by the service.
"""

from __future__ import annotations

import html

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.dates import cn_date
from app.db import Database
from app.services.actor import Actor
from app.services.complaints import listing
from app.services.complaints.vocab import DONE, FOUND, HANDLING, TOLD, TRANSFERRED, WAITING
from ui.complaints.steps import Steps
from ui.fit import start_size


def _line(label: str, value: object) -> str:
    if value in (None, "", 0):
        return ""
    text = cn_date(value) if hasattr(value, "isoformat") else str(value)
    return f"<tr><td style='color:#555;padding-right:12px'>{label}</td><td>{html.escape(text)}</td></tr>"


NOT_GIVEN = "未填写"


def detail_html(d: listing.ComplaintDetail, who: str) -> str:
    """The complaint as the window shows it (``who`` is what may be shown of the complainant).

    发生时间和地点 always has its own line, 未填写 when empty: left out, a time and place typed into
    the facts reads as if the window had run the two fields together."""
    reg = [("编号", d.number), ("收到日期", d.received_on), ("渠道", d.channel), ("交办机关", d.assigned_body),
           ("交办回复期限", d.assigned_due), ("署名或匿名", "匿名" if d.anonymous else "署名"), ("投诉举报人", who),
           ("要求答复", (d.reply_how or "是") if d.wants_reply else "否"), ("被投诉举报对象", d.target),
           ("类别", d.category), ("事实和理由", d.facts), ("发生时间和地点", d.happened or NOT_GIVEN),
           ("接待（记录）人", d.taken_by),
           ("接待地点", d.taken_place), ("状态", d.state), ("办理期限", d.due)]
    steps = [("受理决定", d.decision), ("决定日期", d.decision_on), ("有权处理的机关", d.other_body),
             ("调查方式", d.investigation), ("批准的领导", d.approved_by),
             ("延长期限", f"{d.extension_days}日（{d.extension_approved_by}批准）" if d.extension_days else ""),
             ("调查结论", d.finding), ("查结日期", d.finding_on), ("处理措施", d.measures), ("初步审查报告", d.report),
             ("反馈日期", d.feedback_on), ("反馈方式", d.feedback_how), ("反馈的内容", d.feedback_words),
             ("投诉举报人的意见", d.feedback_response), ("办理结果报告报送日期", d.report_on)]
    body = "".join(_line(k, v) for k, v in reg)
    done = "".join(_line(k, v) for k, v in steps)
    return (f"<h3>投诉举报 {html.escape(d.number)}</h3><table>{body}</table>"
            + (f"<h4>办理情况</h4><table>{done}</table>" if done else ""))


class ComplaintWindow(QDialog):
    """``changed`` is True once a step was saved here (the register refreshes the row)."""

    def __init__(self, db: Database, actor: Actor, cid: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.cid = db, actor, cid
        self.changed = False
        self.revealed = ""
        self.steps = Steps(db, actor, self)
        lay = QVBoxLayout(self)
        self.text = QTextBrowser()
        self.text.setTabChangesFocus(True)  # Tab leaves the text for the buttons (keyboard users)
        lay.addWidget(self.text, 1)
        who_row = QHBoxLayout()
        self.reveal_button = QPushButton("查看投诉举报人身份（&S）")  # Alt+S
        self.reveal_button.setToolTip("每次查看都记入操作日志")
        self.reveal_button.clicked.connect(self.reveal)
        who_row.addWidget(self.reveal_button)
        who_row.addStretch(1)
        lay.addLayout(who_row)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, text, slot in (("decide", "受理决定…", self.steps.decide), ("investigate", "调查方式…",
                                                                          self.steps.investigate),
                                ("extend", "延长期限…", self.steps.extend), ("finding", "调查结论…", self.steps.finding),
                                ("approve", "签批调查结论", self.steps.approve_finding),
                                ("feedback", "反馈…", self.steps.feedback)):
            b = QPushButton(text)
            b.clicked.connect(lambda _c=False, fn=slot: self._step(fn))
            row.addWidget(b)
            self.buttons[key] = b
        row.addStretch(1)
        for key, text, slot in (("record", "打印笔录", self.steps.print_record),
                                ("transfer", "打印转办函", self.steps.print_transfer),
                                ("report", "打印办理结果报告",
                                 lambda cid: self.steps.print_result_report(cid, then=self.refresh))):
            b = QPushButton(text)
            b.clicked.connect(lambda _c=False, fn=slot: fn(self.cid))
            row.addWidget(b)
            self.buttons[key] = b
        lay.addLayout(row)
        self.attachments = self._attachments_panel()
        lay.addWidget(QLabel("证据材料"))
        lay.addWidget(self.attachments)
        close = QPushButton("关闭")
        close.clicked.connect(self.accept)
        lay.addWidget(close)
        start_size(self, 820, 760)
        self.refresh()

    def _attachments_panel(self) -> QWidget:
        """The evidence: the shared attachments panel (checksummed files, rights per record type)."""
        from app.services.complaints import evidence
        from ui.attachments_panel import AttachmentsPanel

        return AttachmentsPanel(self.db, self.actor, evidence.RECORD_TYPE, self.cid, self)

    def refresh(self) -> None:
        d = listing.detail(self.db, self.cid)
        self.detail = d
        self.setWindowTitle(f"投诉举报 {d.number}")
        who = self.revealed or listing.who_text(d.anonymous)
        self.text.setHtml(detail_html(d, who))
        self.reveal_button.setVisible(d.has_identity and listing.may_reveal(self.db, self.actor))
        state = d.state
        self.buttons["decide"].setEnabled(state == WAITING)
        for key in ("investigate", "extend", "finding"):
            self.buttons[key].setEnabled(state == HANDLING)
        self.buttons["extend"].setEnabled(state == HANDLING and not d.extension_days)
        self.buttons["feedback"].setEnabled(state == FOUND)
        waiting = self.steps.pending_finding(self.cid)
        self.buttons["finding"].setEnabled(state == HANDLING and waiting is None)
        self.buttons["approve"].setVisible(waiting is not None and self.actor.can_approve)
        self.buttons["report"].setVisible(d.channel == "上级交办" and state in (FOUND, DONE, TOLD, TRANSFERRED))
        self.buttons["record"].setVisible(d.channel == "当面")
        self.buttons["transfer"].setVisible(d.decision == "转交有权机关")
        if waiting is not None:
            p = waiting.payload
            self.text.append(f"<p style='color:#b00020'>调查结论“{html.escape(p.get('finding', ''))}”"
                             f"已由{html.escape(waiting.submitted_by)}提交，待科室负责人或领导签批。</p>"
                             f"<p>处理措施：{html.escape(p.get('measures', ''))}</p>"
                             f"<p>初步审查报告：{html.escape(p.get('report', ''))}</p>")
        if state == DONE:
            self.text.append("<p style='color:#2e7d32'>本件已办结。</p>")

    def _step(self, fn) -> None:  # noqa: ANN001
        if fn(self.cid):
            self.changed = True
            self.refresh()

    def reveal(self) -> None:
        """One audited view of the identity (the service refuses anyone not authorised now)."""
        ident = listing.reveal(self.db, self.actor, self.cid, purpose="查看登记详情")
        if ident is None:
            self.revealed = ""
            self.steps.inform("投诉举报人身份", "你没有查看投诉举报人身份的权限（或尚未持有密钥），身份信息保密。")
            return
        parts = [ident.name, f"证件号码：{ident.id_number}" if ident.id_number else "",
                 f"联系电话：{ident.phone}" if ident.phone else "", f"地址：{ident.address}" if ident.address else ""]
        self.revealed = "　".join(p for p in parts if p)
        self.refresh()
