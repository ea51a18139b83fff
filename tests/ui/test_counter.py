"""The counter in the window: correction, the 签批 queue, the double-click, Esc, long values."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.db.models import Role
from app.services import corrections, letters, profile, signoff, users
from app.services.requests import decisions, intake, queries
from tests.app.conftest_requests import make_input
from ui.correction_dialog import CorrectionDialog, UndoDialog
from ui.home import HomePage
from ui.requests.decision_dialog import DecisionDialog
from ui.requests.intake_dialog import IntakeDialog
from ui.requests.request_dialog import RequestDialog


@pytest.fixture
def desk(db, admin):
    """An office with its counter clerk and section head, and one request registered today."""
    profile.save_profile(db, admin.actor(), profile.Profile(
        full_name="某某县财政局", doc_code="X财公开", reconsideration_body="某某县人民政府", court="某某县人民法院",
        address="某某县人民路1号", phone="0851-86123456", window_location="政务服务中心3号窗口"))
    clerk = users.create_user(db, admin.actor(), "zs", "赵窗口", Role.CLERK, "pass1234")
    head = users.create_user(db, admin.actor(), "ks", "钱科长", Role.SECTION_HEAD, "pass1234")
    today = db.today()
    rid = intake.register(db, clerk.actor(), make_input(received=today), today=today)
    return db, clerk, head, rid


def _withhold() -> decisions.DecisionInput:
    return decisions.DecisionInput(result_code="3.5", article="第三十六条第（三）项", reasons="属于内部事务信息",
                                   legal_basis="《条例》第十六条第一款", withheld="内部人事管理文件")


def test_double_click_opens_the_request_once(qtbot, desk, monkeypatch):
    db, clerk, _head, rid = desk
    intake.register(db, clerk.actor(), make_input(received=db.today(), applicant_name="李四",
                                                  id_number="110101199003077774", phone="13900000000",
                                                  content="另一件"))
    from ui.requests import register_page

    opened: list[int] = []

    class FakeDialog:
        def __init__(self, _db, _actor, request_id, _parent=None) -> None:
            opened.append(request_id)
            self.changed = True  # closing "after a change" refreshes the list: must not open another

        def exec(self) -> int:
            return 0

    monkeypatch.setattr(register_page, "RequestDialog", FakeDialog)
    page = register_page.RegisterPage(db, clerk.actor())
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    target = page.model.id_at(1)
    double_click(page.view.viewport(), page.view.visualRect(page.model.index(1, 1)).center())
    qtbot.waitUntil(lambda: bool(opened))
    qtbot.wait(50)
    assert opened == [target]


def double_click(widget, pos) -> None:
    """The events a desktop sends for a double-click: press, release, press, double-click, release.

    (QTest.mouseDClick sends only part of this sequence on Qt 6, so it cannot show the bug.)
    """
    from PySide6.QtCore import QEvent, QPointF
    from PySide6.QtGui import QMouseEvent

    local, screen = QPointF(pos), QPointF(widget.mapToGlobal(pos))
    for kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonPress,
                 QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseButtonRelease):
        held = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease else Qt.MouseButton.LeftButton
        QApplication.sendEvent(widget, QMouseEvent(kind, local, screen, Qt.MouseButton.LeftButton, held,
                                                   Qt.KeyboardModifier.NoModifier))


def test_correct_date_of_receipt_in_the_window(qtbot, desk):
    db, clerk, _head, rid = desk
    before = queries.detail(db, rid)
    req = RequestDialog(db, clerk.actor(), rid)
    qtbot.addWidget(req)
    letters.issue(db, clerk.actor(), rid, "receipt")
    req.refresh()
    asked: list[str] = []
    req.offer_letter = lambda q: asked.append(q) or False
    dlg = CorrectionDialog(db, clerk.actor(), "request", rid, req)
    qtbot.addWidget(dlg)
    dlg.select("received_date")
    assert dlg.editor().isEnabled()
    dlg.editor().set_value(before.received_date - dt.timedelta(days=7))
    dlg.save()
    assert dlg.result is None and "理由" in dlg.form.error_text("reason")  # reason required, nothing saved
    assert queries.detail(db, rid).received_date == before.received_date
    dlg.reason.setPlainText("收件日期登记错了")
    monkeypatch_exec(dlg)
    req._correct(dlg)
    d = queries.detail(db, rid)
    assert d.received_date < before.received_date and d.due_date < before.due_date
    assert "答复期限由" in dlg.result.summary
    kinds = [req.timeline.item(i, 2).text() for i in range(req.timeline.rowCount())]
    assert kinds[-1] == "更正"
    assert asked and "已过时" in asked[0]  # the receipt issued from the old data
    assert [i.outdated != "" for i in req.letters.issued] == [True]


def monkeypatch_exec(dlg) -> None:
    """Run the dialog's 确定 instead of showing it modally."""
    def run() -> int:
        dlg.save()
        return int(dlg.result is not None)
    dlg.exec = run


def test_undo_dialog_lists_recorded_actions(qtbot, desk):
    db, _clerk, head, rid = desk
    from app.services.requests import actions

    actions.extend(db, head.actor(), rid, 5, "钱科长", "调档")
    dlg = UndoDialog(db, head.actor(), "request", rid)
    qtbot.addWidget(dlg)
    assert dlg.which.currentData() == "extension"
    dlg.reason.setPlainText("记错了申请")
    dlg.save()
    assert queries.detail(db, rid).extension_days == 0
    assert corrections.history(db, "request", rid)[-1].after == "已撤销"


def test_clerk_submits_decision_head_approves_from_home_and_reply_is_offered(qtbot, desk):
    db, clerk, head, rid = desk
    dec = DecisionDialog(db, clerk.actor(), rid, db.today())
    qtbot.addWidget(dec)
    dec.load(_withhold())
    from PySide6.QtWidgets import QDialogButtonBox

    assert dec.buttons.button(QDialogButtonBox.StandardButton.Ok).text() == "提交签批"
    dec.save()
    assert dec.submitted and dec.result() == 1
    assert queries.detail(db, rid).state != "已答复"

    clerk_home = HomePage(db, clerk.actor())
    qtbot.addWidget(clerk_home)
    assert not clerk_home.queue_box.isVisibleTo(clerk_home)
    assert clerk_home.todo.rowCount() == 1 and "等候审批" in clerk_home.todo.item(0, 2).text()

    home = HomePage(db, head.actor())
    qtbot.addWidget(home)
    assert home.queue_box.title() == "待签批（1件）" and home.queue.rowCount() == 1
    assert "还剩" in home.queue.item(0, 5).text()
    opened: list[tuple[int, str]] = []
    home.open_record = lambda item, then="": opened.append((item.record_id, then))
    home.confirm = lambda q: True
    home.queue.selectRow(0)
    home.approve_selected()
    d = queries.detail(db, rid)
    assert d.state == "已答复" and d.signed_off_by == "钱科长" and d.reply_date == db.today()
    assert opened == [(rid, "letter")] and home.queue.rowCount() == 0

    # "letter": the request window offers the reply that the approved decision calls for
    req = RequestDialog(db, head.actor(), rid)
    qtbot.addWidget(req)
    asked: list[str] = []
    req.offer_letter = lambda q: asked.append(q) or True
    shown: list = []
    req.letters.open_preview = lambda dlg: shown.append(dlg.record)
    req.offer_letter_for("decide")
    qtbot.waitUntil(lambda: bool(shown))  # issued off the UI thread
    assert "不予公开告知书" in asked[0] and shown[0].title == "政府信息不予公开告知书"


def test_returned_item_comes_back_to_the_clerk_with_what_was_typed(qtbot, desk):
    db, clerk, head, rid = desk
    from app.services.requests.signoff_kinds import submit_decision

    d = _withhold()
    d.reply_date = db.today()
    item = submit_decision(db, clerk.actor(), rid, d)
    home = HomePage(db, head.actor())
    qtbot.addWidget(home)
    home.ask_comment = lambda it: "请写明具体依据"
    home.queue.selectRow(0)
    home.return_selected()
    assert signoff.pending(db) == []
    mine = HomePage(db, clerk.actor())
    qtbot.addWidget(mine)
    assert mine.todo.rowCount() == 1 and mine.todo.item(0, 4).text() == "请写明具体依据"
    req = RequestDialog(db, clerk.actor(), rid)
    qtbot.addWidget(req)
    dec = DecisionDialog(db, clerk.actor(), rid, db.today())
    qtbot.addWidget(dec)
    dec.load(decisions.DecisionInput(**{k: v for k, v in signoff.returned_to(db, clerk.actor())[0].payload.items()}))
    assert dec.withheld.toPlainText() == "内部人事管理文件" and dec.current_code() == "3.5"
    assert item


def test_third_party_withholding_without_consultation_asks_for_a_reason(qtbot, desk):
    db, _clerk, head, rid = desk
    dec = DecisionDialog(db, head.actor(), rid, db.today())
    qtbot.addWidget(dec)
    dec.load(decisions.DecisionInput(result_code="3.4", article="第三十六条第（三）项", reasons="涉及商业秘密",
                                     legal_basis="《条例》第十五条", withheld="投标报价"))
    dec._third_party_reason = ""
    dec.ask_third_party_reason = lambda: None
    dec.save()
    assert dec.result() == 0 and queries.detail(db, rid).state != "已答复"
    dec.ask_third_party_reason = lambda: "第三方已书面声明不同意公开"
    dec.save()
    d = queries.detail(db, rid)
    assert d.state == "已答复" and "第三方已书面声明不同意公开" in d.events[-1].text


def test_esc_with_typed_data_asks_before_discarding(qtbot, desk):
    db, clerk, _head, _rid = desk
    dlg = IntakeDialog(db, clerk.actor())
    qtbot.addWidget(dlg)
    dlg.show()
    asked: list[bool] = []
    dlg.confirm_discard = lambda: asked.append(True) or False
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)
    assert not asked and not dlg.isVisible()  # nothing typed: closes at once
    dlg = IntakeDialog(db, clerk.actor())
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.confirm_discard = lambda: asked.append(True) or False
    dlg.applicant_name.setText("王五")
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)
    assert asked == [True] and dlg.isVisible()
    dlg.confirm_discard = lambda: True
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)
    assert not dlg.isVisible()


def test_after_saving_the_receipt_is_offered_and_enter_prints(qtbot, desk):
    db, clerk, _head, _rid = desk
    dlg = IntakeDialog(db, clerk.actor())
    qtbot.addWidget(dlg)
    dlg.applicant_name.setText("王五")
    dlg.id_number.setText("11010519491231002X")
    dlg.phone.setText("13800000001")
    dlg.content.setPlainText("2026年度财政预算执行情况")
    printed: list = []
    dlg.print_receipt = lambda preview: printed.append(preview.record)
    dlg.save()
    assert dlg.saved_id is not None
    qtbot.waitUntil(lambda: dlg.receipt_box.isVisible())
    assert dlg.receipt_box.defaultButton() is dlg.print_button
    qtbot.keyClick(dlg.receipt_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(printed))
    assert printed[0].title == "政府信息公开申请接收回执" and printed[0].request_id == dlg.saved_id


def test_clerk_extension_goes_to_signoff(qtbot, desk):
    db, clerk, _head, rid = desk
    req = RequestDialog(db, clerk.actor(), rid)
    qtbot.addWidget(req)
    ext = req.dialog_for("extend")
    qtbot.addWidget(ext)
    assert "提交签批" in ext.windowTitle() and "approver" not in ext.widgets
    ext.widgets["reason"].setPlainText("需要调取历年档案")
    ext.save()
    assert ext.result() == 1 and [q.kind_label for q in signoff.pending(db)] == ["延期答复"]
    req.refresh()
    assert "等待审批" in req.clock_label.text()


def test_long_values_stay_on_screen_and_errors_grow_the_dialog(qtbot, desk):
    db, clerk, _head, _rid = desk
    long_id = intake.register(db, clerk.actor(), make_input(received=db.today(), content="x" * 4000,
                                                            phone="13800000002"))
    room = QApplication.primaryScreen().availableGeometry()
    req = RequestDialog(db, clerk.actor(), long_id)
    qtbot.addWidget(req)
    req.show()
    assert req.width() <= room.width() and req.height() <= room.height()
    dlg = IntakeDialog(db, clerk.actor())
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.applicant_name.setText("名" * 10_000)
    height = dlg.height()
    dlg.save()
    assert "不能超过" in dlg.form.error_text("applicant_name")
    assert dlg.width() <= room.width() and height <= dlg.height() <= room.height()
    dlg.confirm_discard = lambda: True  # qtbot closes it at teardown


def test_staff_see_the_agency_profile_read_only(qtbot, desk):
    db, clerk, _head, _rid = desk
    from ui.dialogs.profile import ProfileDialog

    dlg = ProfileDialog(db, clerk.actor())
    qtbot.addWidget(dlg)
    assert dlg.read_only and "只读" in dlg.windowTitle()
    assert dlg.widgets["full_name"].text() == "某某县财政局" and dlg.widgets["full_name"].isReadOnly()
    assert not dlg.widgets["answer_days"].isEnabled()
    assert dlg.widgets["answer_days"].maximum() == 20


def test_register_shows_the_signoff_count_to_heads(qtbot, desk):
    db, clerk, head, rid = desk
    from app.services.requests.signoff_kinds import submit_extension
    from ui.requests.register_page import RegisterPage

    submit_extension(db, clerk.actor(), rid, 5, "需调档")
    page = RegisterPage(db, clerk.actor())
    qtbot.addWidget(page)
    assert not page.signoff_button.isVisibleTo(page)
    page.set_actor(head.actor())
    assert page.signoff_button.isVisibleTo(page) and page.signoff_button.text() == "待签批：1"


def test_clerk_withdraws_a_waiting_item_and_dismisses_a_returned_one(qtbot, desk):
    db, clerk, head, rid = desk
    from app.services.requests.signoff_kinds import submit_extension

    submit_extension(db, clerk.actor(), rid, 5, "需调档")
    home = HomePage(db, clerk.actor())
    qtbot.addWidget(home)
    home.confirm = lambda q: True
    home.todo.selectRow(0)
    home.withdraw_selected()
    assert signoff.pending(db) == [] and home.todo.rowCount() == 0
    item = submit_extension(db, clerk.actor(), rid, 5, "需调档")
    signoff.return_item(db, head.actor(), item, "不必延期，本周可答复")
    home.refresh()
    assert home.todo.item(0, 2).text() == "被退回" and home.todo.item(0, 4).text() == "不必延期，本周可答复"
    home.todo.selectRow(0)
    home.dismiss_selected()
    assert home.todo.rowCount() == 0


def test_ctrl_p_in_the_register_issues_the_receipt_off_the_ui_thread(qtbot, desk):
    db, clerk, _head, rid = desk
    from ui.requests.register_page import RegisterPage

    page = RegisterPage(db, clerk.actor())
    qtbot.addWidget(page)
    shown: list = []
    page.show_pdf = shown.append
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.view.selectRow(0)
    page.print_receipt()
    qtbot.waitUntil(lambda: bool(shown))
    qtbot.addWidget(shown[0])
    info = shown[0].record
    assert info.request_id == rid and info.title == "政府信息公开申请接收回执"
    assert shown[0].data == letters.letter_pdf(db, info.id) and info.number in shown[0].windowTitle()
    page.print_receipt()  # again: the same receipt (same 文号), not a second one
    qtbot.waitUntil(lambda: len(shown) == 2)
    qtbot.addWidget(shown[1])
    assert shown[1].record.number == info.number and shown[1].data == shown[0].data
