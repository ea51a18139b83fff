"""The handling steps of a 投诉举报 in the window: one small form per step, each calling its one service
function, and the complaint prints opened in the shared PDF preview.

``Steps`` is used by the register page's buttons and by the complaint's own window alike, so each step
exists once.  A step's refusal is shown under its field (or above the buttons) and nothing is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from app.db import Database
from app.db.models.signoff import PENDING
from app.services import profile, signoff
from app.services.actor import Actor
from app.services.complaints import handling, listing, record_print
from app.services.complaints.signoff_kinds import FINDING
from app.services.complaints.vocab import DECISIONS, FEEDBACK_HOW, FINDINGS, INVESTIGATIONS
from app.services.errors import ServiceError, ValidationError
from ui.forms import FieldForm, ok_cancel_buttons, tell
from ui.guard import GuardedDialog
from ui.widgets import DateEdit, combo, text_box

if TYPE_CHECKING:  # the PDF modules load with the first print, not with the tab
    from ui.letters import PdfPreview


class StepDialog(GuardedDialog):
    """A form whose 保存 runs ``on_save``; a ValidationError lands under the fields it names."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = FieldForm()
        self.on_save: Callable[[], object] = lambda: None
        self.result_value: object = None
        lay = QVBoxLayout(self)
        lay.addLayout(self.form)
        self._lay = lay
        self.resize(560, 200)

    def finish(self) -> None:
        self._lay.addWidget(self.form.general_label())
        self._lay.addWidget(ok_cancel_buttons(self, "保存", "取消", self.save))
        self.mark_clean()  # the fields are in: Esc or 取消 now asks before throwing away what was typed

    def save(self) -> None:
        try:
            self.result_value = self.on_save()
        except ValidationError as exc:
            self.form.show_errors(exc)
            return
        except ServiceError as exc:  # a refusal of the whole step (rights, state): above the buttons
            self.form.show_errors(ValidationError({"": str(exc)}))
            return
        self.accept()


class Steps:
    """Opens each step's form for one complaint; returns True when something was saved.

    ``run`` shows a dialog modally; tests replace it to fill and save the form without a human.
    """

    def __init__(self, db: Database, actor: Actor, parent: QWidget) -> None:
        self.db, self.actor, self.parent = db, actor, parent
        self.run: Callable[[StepDialog], bool] = lambda dlg: dlg.exec() == QDialog.DialogCode.Accepted
        self.show_pdf: Callable[[PdfPreview], object] = lambda dlg: dlg.exec()  # tests look at the dialog
        self.inform: Callable[[str, str], None] = lambda title, text: tell(parent, title, text)

    # -- steps -------------------------------------------------------------------------------
    def decide_dialog(self, cid: int) -> StepDialog:
        dlg = StepDialog("受理决定", self.parent)
        f = dlg.form
        dlg.decision = f.add_field("decision", "受理决定", combo(DECISIONS))
        dlg.day = f.add_field("day", "决定日期", DateEdit(self.db.today()))
        dlg.other_body = f.add_field("other_body", "有权处理的机关", QLineEdit())

        def update(text: str) -> None:
            f.setRowVisible(dlg.other_body.parentWidget(), text != DECISIONS[0])

        dlg.decision.currentTextChanged.connect(update)
        update(dlg.decision.currentText())
        dlg.on_save = lambda: handling.decide(self.db, self.actor, cid, dlg.decision.currentText(), dlg.day.value(),
                                              dlg.other_body.text())
        dlg.finish()
        return dlg

    def decide(self, cid: int) -> bool:
        dlg = self.decide_dialog(cid)
        if not self.run(dlg):
            return False
        if dlg.decision.currentText() == "转交有权机关":
            self.inform("转交有权机关", "已决定转交。请打印投诉举报转办函随件转交，并告知投诉举报人。")
            self.print_transfer(cid)
        return True

    def investigate_dialog(self, cid: int) -> StepDialog:
        dlg = StepDialog("调查方式", self.parent)
        f = dlg.form
        dlg.how = f.add_field("investigation", "调查方式", combo(INVESTIGATIONS))
        dlg.approved_by = f.add_field("approved_by", "批准的领导", QLineEdit())
        dlg.approved_by.setPlaceholderText("报领导/党组的，填写批准的领导")
        dlg.on_save = lambda: handling.investigate(self.db, self.actor, cid, dlg.how.currentText(),
                                                   dlg.approved_by.text())
        dlg.finish()
        return dlg

    def investigate(self, cid: int) -> bool:
        return self.run(self.investigate_dialog(cid))

    def extend_dialog(self, cid: int) -> StepDialog:
        from app.services.complaints import setup

        limit = setup.read(self.db).extension_max_days
        dlg = StepDialog("延长办理期限", self.parent)
        dlg.days = dlg.form.add_field("days", f"延长天数（至多{limit}日，只能延长一次）", QSpinBox())
        dlg.days.setRange(1, max(limit, 1))
        dlg.days.setValue(max(limit, 1))
        dlg.on_save = lambda: handling.extend(self.db, self.actor, cid, dlg.days.value())
        dlg.finish()
        return dlg

    def extend(self, cid: int) -> bool:
        return self.run(self.extend_dialog(cid))

    def finding_dialog(self, cid: int) -> StepDialog:
        dlg = StepDialog("调查结论", self.parent)
        f = dlg.form
        dlg.finding = f.add_field("finding", "调查结论", combo(("", *FINDINGS)))
        dlg.day = f.add_field("day", "查结日期", DateEdit(self.db.today()))
        dlg.measures = f.add_field("measures", "处理措施", text_box(70))
        dlg.report = f.add_field("report", "初步审查报告", text_box(140))
        dlg.on_save = lambda: handling.propose_finding(self.db, self.actor, cid, dlg.finding.currentText(),
                                                       dlg.day.value(), dlg.measures.toPlainText(),
                                                       dlg.report.toPlainText())
        dlg.finish()
        dlg.resize(620, 480)
        return dlg

    def finding(self, cid: int) -> bool:
        dlg = self.finding_dialog(cid)
        if not self.run(dlg):
            return False
        if dlg.result_value is not None:  # 属实/部分属实 by a handler: waiting in the 签批 queue
            self.inform("调查结论", "调查结论为属实或部分属实，已提交科室负责人或领导签批；批准后生效，"
                        "并生成责任追究记录，由监督检查人员确认。")
        elif dlg.finding.currentText() in handling.NEEDS_SIGNOFF:
            self.inform("调查结论", "调查结论已记录；涉及工作人员或科室的，已生成责任追究记录，待监督检查人员确认。")
        return True

    def pending_finding(self, cid: int) -> signoff.QueueItem | None:
        """The finding waiting for a head's signature, if any."""
        items = [i for i in signoff.for_record(self.db, FINDING, cid) if i.state == PENDING]
        return items[0] if items else None

    def approve_finding(self, cid: int) -> bool:
        """签批 of a waiting finding from the complaint's window (the same call as the 工作台's 批准)."""
        item = self.pending_finding(cid)
        if item is None:
            return False
        try:
            signoff.approve(self.db, self.actor, item.id)
        except ServiceError as exc:
            tell(self.parent, "签批调查结论", str(exc), icon="warning")
            return False
        self.inform("签批调查结论", f"已批准：{item.summary or item.payload.get('finding', '')}")
        return True

    def feedback_dialog(self, cid: int) -> StepDialog:
        dlg = StepDialog("反馈投诉举报人", self.parent)
        f = dlg.form
        dlg.how = f.add_field("how", "反馈方式", combo(("", *FEEDBACK_HOW)))
        dlg.day = f.add_field("day", "反馈日期", DateEdit(self.db.today()))
        dlg.words = f.add_field("words", "反馈的内容", text_box(100))
        dlg.response = f.add_field("response", "投诉举报人的意见", QLineEdit())
        dlg.on_save = lambda: handling.feedback(self.db, self.actor, cid, dlg.day.value(), dlg.how.currentText(),
                                                dlg.words.toPlainText(), dlg.response.text())
        dlg.finish()
        dlg.resize(600, 360)
        return dlg

    def feedback(self, cid: int) -> bool:
        return self.run(self.feedback_dialog(cid))

    # -- prints ------------------------------------------------------------------------------
    def _agency(self) -> str:
        return profile.get_profile(self.db).full_name

    def _print(self, what: str, make: Callable[[], bytes], title: str, filename: str,
               then: Callable[[], None] | None = None) -> bool:
        """Typeset off the UI thread through the shared print path; False when a print is already running.
        ``then`` runs once the document is made (a print that stores something: the window shows it)."""
        from ui.letters import preview_print

        return preview_print(self.parent, what, lambda _progress: make(), title=title, filename=filename,
                             show=self.show_pdf, on_built=(lambda _printed: then()) if then else None) is not None

    def print_record(self, cid: int) -> bool:
        """投诉举报笔录 (当面): the identity printed only for whoever may see it (the view logged)."""
        number, agency = listing.detail(self.db, cid).number, self._agency()
        return self._print(record_print.TITLE, lambda: record_print.pdf(self.db, self.actor, cid, agency),
                           f"{record_print.TITLE} {number}", f"{record_print.TITLE}-{number}.pdf")

    def print_transfer(self, cid: int) -> bool:
        from app.letters.layout import render

        number, agency = listing.detail(self.db, cid).number, self._agency()
        return self._print(record_print.TRANSFER_TITLE,
                           lambda: render(record_print.transfer_layout(self.db, self.actor, cid, agency)),
                           f"{record_print.TRANSFER_TITLE} {number}", f"{record_print.TRANSFER_TITLE}-{number}.pdf")

    def print_result_report(self, cid: int, then: Callable[[], None] | None = None) -> bool:
        """办理结果报告 to the body that assigned the complaint (上级交办 only; the service says so otherwise).
        The first print stores its 报送日期, so ``then`` (the complaint window's refresh) shows it."""
        from app.services.complaints import result_report

        number, agency = listing.detail(self.db, cid).number, self._agency()
        return self._print(result_report.TITLE, lambda: result_report.pdf(self.db, self.actor, cid, agency),
                           f"{result_report.TITLE} {number}", f"{result_report.TITLE}-{number}.pdf", then)

    def print_decision(self, record_id: int, number: str = "") -> bool:
        """责任追究决定; ``number`` (its 文号, given at confirmation) names the preview and the file."""
        from app.services.complaints import decision_print

        agency, label = self._agency(), number or f"记录{record_id}"
        return self._print(decision_print.TITLE, lambda: decision_print.pdf(self.db, record_id, agency, self.actor),
                           f"{decision_print.TITLE} {label}".strip(), f"{decision_print.TITLE}-{label}.pdf")
