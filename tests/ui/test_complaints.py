"""The 投诉举报 tab: registration into the list, the identity hidden from clerk and administrator and shown
(audited) to the inspector, a walk through the handling steps and the ledger, refusals under the fields,
and the form pre-filled from a first-responder entry."""

import datetime as dt

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QDialog
from sqlalchemy import func, select

from app.db.models import AccountabilityRecord, AuditEntry, Complaint
from app.services.complaints import listing
from app.services.contacts import entry as ce
from app.services.contacts import vocab as cv
from tests.app.complaints.conftest import ID, NAME, PHONE, inspector, section, staff  # noqa: F401
from ui.complaints.complaint_dialog import ANON, ComplaintDialog
from ui.complaints.detail_dialog import ComplaintWindow
from ui.complaints.page import ComplaintsPage


def fill_named(dlg: ComplaintDialog, target_user_id=None) -> None:
    dlg.channel.setCurrentText("当面")
    dlg.name.setText(NAME)
    dlg.id_number.setText(ID)
    dlg.phone.setText(PHONE)
    dlg.category.setCurrentText("服务态度")
    dlg.facts.setPlainText("办理时工作人员态度恶劣，拒绝解释所缺材料")
    dlg.taken_place.setText("政务服务中心投诉接待室")
    if target_user_id is not None:
        dlg.target_user.setCurrentIndex(dlg.target_user.findData(target_user_id))


def make_page(qtbot, db, actor):
    page = ComplaintsPage(db, actor)
    qtbot.addWidget(page)
    page.shown = []
    page.told = []
    page.steps.show_pdf = lambda dlg: page.shown.append((dlg.windowTitle(), dlg.data))
    page.steps.inform = lambda title, text: page.told.append(text)
    page.inform = lambda title, text, icon="information": page.told.append(text)
    return page


def register(qtbot, office, actor, **kw) -> int:
    dlg = ComplaintDialog(office, actor)
    qtbot.addWidget(dlg)
    fill_named(dlg, **kw)
    dlg.save()
    assert dlg.saved_id is not None, dlg.form.general_label().text()
    return dlg.saved_id


def shown_texts(page, row=0) -> list[str]:
    return [page.model.index(row, c).data() for c in range(page.model.columnCount())]


def test_registered_complaint_appears_in_list_with_record_printed(qtbot, office, clerk, inspector):  # noqa: F811
    page = make_page(qtbot, office, clerk)
    cid = register(qtbot, office, clerk)
    page.after_registered(cid)
    assert page.model.row_of(cid) == 0 and page.selected_id() == cid
    texts = shown_texts(page)
    assert texts[0].startswith("TS") and texts[2] == "当面" and texts[3] == "（保密）" and texts[7] == "待受理"
    assert NAME not in "".join(texts)
    assert page.counts.text().startswith("共1件")
    page.state.setCurrentText("办理中")  # a filter: the count is the filtered register's
    assert page.model.rowCount() == 0 and page.counts.text().startswith("共0件")
    page.state.setCurrentText("全部状态")
    qtbot.waitUntil(lambda: bool(page.shown))  # typeset off the UI thread
    title, pdf = page.shown[0]
    assert title.startswith("投诉举报笔录") and pdf.startswith(b"%PDF")


def test_named_listed_before_anonymous(qtbot, office, clerk, inspector):  # noqa: F811
    anon = ComplaintDialog(office, clerk)
    qtbot.addWidget(anon)
    fill_named(anon)
    anon.signed.setCurrentText(ANON)
    anon.phone.clear()
    anon.save()
    assert anon.saved_id is not None, anon.form.general_label().text()
    named = register(qtbot, office, clerk)  # registered later, listed first
    page = make_page(qtbot, office, clerk)
    assert [page.model.id_at(0), page.model.id_at(1)] == [named, anon.saved_id]
    assert shown_texts(page, 1)[3] == "匿名"


def test_identity_hidden_for_clerk_and_admin_shown_audited_for_inspector(qtbot, office, clerk, admin, inspector):  # noqa: F811
    cid = register(qtbot, office, clerk)
    for actor in (clerk, admin.actor()):
        win = ComplaintWindow(office, actor, cid)
        qtbot.addWidget(win)
        refused = []
        win.steps.inform = lambda title, text, out=refused: out.append(text)
        text = win.text.toPlainText()
        assert "（保密）" in text and NAME not in text and PHONE not in text
        assert win.reveal_button.isHidden()
        win.reveal()  # even pressed by a script, the service refuses
        assert NAME not in win.text.toPlainText() and "没有查看投诉举报人身份的权限" in refused[0]
    with office.session() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "查看投诉举报人身份")) == 0
    win = ComplaintWindow(office, inspector, cid)
    qtbot.addWidget(win)
    assert not win.reveal_button.isHidden() and NAME not in win.text.toPlainText()
    win.reveal()
    assert NAME in win.text.toPlainText() and ID in win.text.toPlainText()
    with office.session() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "查看投诉举报人身份")) == 1


LAST: list = []


def _auto(filler):
    """A ``Steps.run`` that fills the form and presses 保存, as a person would."""
    def run(dlg) -> bool:
        LAST[:] = [dlg]
        filler(dlg)
        dlg.save()
        return dlg.result() == QDialog.DialogCode.Accepted
    return run


def test_walk_through_handling_and_ledger(qtbot, office, clerk, head, inspector, staff):  # noqa: F811
    cid = register(qtbot, office, clerk, target_user_id=staff.id)
    page = make_page(qtbot, office, clerk)
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    page.view.selectionModel().select(page.model.index(0, 0), flags)
    steps = page.steps

    steps.run = _auto(lambda d: d.decision.setCurrentText("受理"))
    page._action("decide", steps.decide)
    assert listing.detail(office, cid).state == "办理中"
    assert shown_texts(page)[7] == "办理中"

    steps.run = _auto(lambda d: (d.how.setCurrentText("报领导/党组"), d.approved_by.setText("孙副局长")))
    assert steps.investigate(cid)

    def finding(d):
        d.finding.setCurrentText("属实")
        d.measures.setPlainText("当面道歉，批评教育")
        d.report.setPlainText("经调阅窗口录像并询问当事人，投诉属实")
    steps.run = _auto(finding)
    assert steps.finding(cid), LAST[0].form.general_label().text()
    assert "已提交科室负责人或领导签批" in page.told[-1]
    assert listing.detail(office, cid).state == "办理中"  # waits for the head
    win = ComplaintWindow(office, head, cid)  # the head signs it in the complaint's window
    qtbot.addWidget(win)
    win.steps.inform = lambda title, text: page.told.append(text)
    assert not win.buttons["approve"].isHidden() and not win.buttons["finding"].isEnabled()
    win.buttons["approve"].click()
    assert listing.detail(office, cid).state == "已查结" and win.buttons["approve"].isHidden()

    ledger_page = page.ledger
    ledger_page.refresh()
    assert ledger_page.records.cells()[0][0] == "责任追究" and ledger_page.records.row(0).state == "待确认"
    ledger_page.select_row(0)
    warned = []
    ledger_page.inform = lambda title, text, icon="information": warned.append(text)
    ledger_page.confirm_selected()  # the clerk may not confirm
    assert "监督检查人员" in warned[-1]
    ledger_page.set_actor(inspector)
    ledger_page.select_row(0)
    ledger_page.confirm_selected()
    assert ledger_page.records.row(0).state == "已确认"
    assert ledger_page.people.cells() == [["徐窗口", "1", "0", "0"]]
    assert ledger_page.sections.cells() == [["政务服务科", "1", "5", "10"]]
    before = len(page.shown)
    ledger_page.print_selected()
    qtbot.waitUntil(lambda: len(page.shown) > before)
    assert page.shown[-1][0].startswith("责任追究决定 X财公开责〔") and page.shown[-1][1].startswith(b"%PDF")

    steps.run = _auto(lambda d: (d.how.setCurrentText("电话"), d.words.setPlainText("已查实并处理，向您致歉")))
    assert steps.feedback(cid)
    assert listing.detail(office, cid).state == "已办结"


def test_step_refusal_shown_under_field(qtbot, office, clerk, inspector):  # noqa: F811
    cid = register(qtbot, office, clerk)
    page = make_page(qtbot, office, clerk)
    dlg = page.steps.finding_dialog(cid)
    qtbot.addWidget(dlg)
    dlg.finding.setCurrentText("属实")
    dlg.save()  # a finding before acceptance
    assert dlg.result() != QDialog.DialogCode.Accepted
    assert "请先作受理决定" in dlg.form.general_label().text()
    dlg = page.steps.decide_dialog(cid)
    qtbot.addWidget(dlg)
    dlg.decision.setCurrentText("转交有权机关")
    dlg.save()
    assert dlg.form.error_text("other_body") == "请填写有权处理的机关"
    assert listing.detail(office, cid).state == "待受理"


def test_bad_input_under_the_field_and_nothing_saved(qtbot, office, clerk, inspector):  # noqa: F811
    dlg = ComplaintDialog(office, clerk)
    qtbot.addWidget(dlg)
    dlg.signed.setCurrentText(ANON)
    dlg.category.setCurrentText("服务态度")
    dlg.wants_reply.setChecked(True)
    dlg.reply_how.setCurrentText("电话")
    dlg.received_on.edit.setText("2026-13-45")
    dlg.save()
    assert dlg.saved_id is None
    assert dlg.form.error_text("received_on")
    dlg.received_on.set_value(office.today())
    dlg.save()
    assert dlg.form.error_text("facts") == "请填写投诉举报的事实和理由"
    assert "联系电话" in dlg.form.error_text("phone")
    dlg.channel.setCurrentText("上级交办")
    dlg.save()
    assert dlg.form.error_text("assigned_body") and dlg.form.error_text("assigned_due")
    with office.session() as s:
        assert s.scalar(select(func.count()).select_from(Complaint)) == 0


def test_prefill_from_contact_entry_links_it(qtbot, office, clerk, inspector):  # noqa: F811
    eid = ce.log_entry(office, clerk, ce.EntryInput(
        contact_at=dt.datetime.now() - dt.timedelta(minutes=5), channel="来访", person="", phone="",
        category=cv.COMPLAINT, question="窗口人员让我跑了三次", outcome=cv.TO_COMPLAINT))
    prefill = ce.complaint_input(office, eid)  # what the 首问负责 tab passes for 转为投诉举报
    prefill["contact_number"] = "首问登记 SW-1"
    dlg = ComplaintDialog(office, clerk, prefill=prefill, contact_entry_id=eid)
    qtbot.addWidget(dlg)
    assert dlg.channel.currentText() == "转自首问" and dlg.name.text() == ""  # the log never holds who complained
    dlg.signed.setCurrentText("署名")  # who complained is typed here only, where it is sealed
    dlg.name.setText(NAME)
    dlg.phone.setText(PHONE)
    assert dlg.facts.toPlainText() == "窗口人员让我跑了三次" and dlg.contact_label.text() == "首问登记 SW-1"
    dlg.category.setCurrentText("刁难")
    dlg.save()
    assert dlg.saved_id is not None, dlg.form.general_label().text()
    with office.session() as s:
        row = s.get(Complaint, dlg.saved_id)
        assert (row.channel, row.contact_entry_id) == ("转自首问", eid)
        assert NAME.encode() not in (row.identity or b"")


def test_tab_in_main_window_with_overdue_count(qtbot, office, admin, clerk, inspector):  # noqa: F811
    from ui.main_window import MainWindow

    w = MainWindow(office, admin)
    qtbot.addWidget(w)
    titles = [w.tabs.tabText(i) for i in range(w.tabs.count())]
    assert titles.index("投诉举报") == titles.index("首问负责") + 1
    assert titles.index("督查") == titles.index("投诉举报") + 1
    cid = register(qtbot, office, clerk)
    with office.session(actor="测试", action="过期") as s:
        s.get(Complaint, cid).due = office.today() - dt.timedelta(days=1)
    assert w.complaints.overdue_count() == 1
    w.refresh_status()
    assert "投诉举报1件" in w.overdue_label.text()
    with office.session() as s:
        assert s.scalar(select(func.count()).select_from(AccountabilityRecord)) == 0


def test_search_box_finds_by_facts_not_by_complainant(qtbot, office, clerk, inspector):  # noqa: F811
    cid = register(qtbot, office, clerk)
    page = make_page(qtbot, office, clerk)
    page.search.setText("拒绝解释")
    qtbot.waitUntil(lambda: not page.model.busy)
    assert list(page.model.ids) == [cid]
    assert page.counts.text().startswith("找到1件　共1件")
    page.search.setText(NAME)
    qtbot.waitUntil(lambda: not page.model.busy)
    assert list(page.model.ids) == []
    assert "没有找到" in page.view.current_message()


def test_clerk_export_refused_inspector_export_hides_identity(qtbot, office, clerk, inspector, tmp_path):  # noqa: F811
    from openpyxl import load_workbook

    register(qtbot, office, clerk)
    page = make_page(qtbot, office, clerk)
    page.export_to(tmp_path / "a.xlsx")
    qtbot.waitUntil(lambda: bool(page.told))
    assert "导出投诉举报" in page.told[-1] and not (tmp_path / "a.xlsx").exists()
    page = make_page(qtbot, office, inspector)
    page.export_to(tmp_path / "b.xlsx")
    qtbot.waitUntil(lambda: bool(page.told))
    rows = list(load_workbook(tmp_path / "b.xlsx").active.iter_rows(values_only=True))
    assert rows[1][4:7] == ("（保密）", "（保密）", "（保密）")
    assert NAME not in str(rows) and PHONE not in str(rows)


def test_settings_limits_ladder_gap_and_viewer_grant(qtbot, office, admin, clerk, inspector):  # noqa: F811
    from app.services import users
    from app.services.complaints import setup
    from ui.complaints.settings_dialog import SettingsDialog

    told = []
    dlg = SettingsDialog(office, admin.actor())
    qtbot.addWidget(dlg)
    dlg.inform = lambda title, text, icon="information": told.append(text)
    dlg.result_days.setValue(30)
    dlg.working_days.setChecked(True)
    assert dlg.save_limits()
    lim = setup.read(office)
    assert (lim.result_days, lim.working_days) == (30, True)
    dlg.steps_table.item(1, 0).setText("4")  # steps 1, 4, 3: the 2nd is missing
    assert not dlg.save_ladder()
    assert "缺少第2次" in dlg.ladder_error.text()
    assert listing.ladder_presets(office)[1][lim.ladder_preset][1][0] == 2  # nothing saved
    dlg.steps_table.item(1, 0).setText("2")
    dlg.steps_table.item(1, 2).setText("12")
    assert dlg.save_ladder()
    assert listing.ladder_presets(office)[1][lim.ladder_preset][1][2] == 12
    dlg.ask_name = lambda: "本局办法（2026年修订）"  # an office's own preset, then adopted
    dlg.new_preset()
    dlg.steps_table.item(0, 1).setText("诫勉谈话")
    dlg.add_step()
    dlg.steps_table.item(1, 1).setText("通报批评")
    dlg.steps_table.item(1, 2).setText("5")
    assert dlg.save_ladder()
    assert dlg.save_limits()
    current, presets = listing.ladder_presets(office)
    assert current == "本局办法（2026年修订）" and presets[current] == [(1, "诫勉谈话", 0), (2, "通报批评", 5)]
    # granting the identity right: the administrator cannot, a signed-in inspector can
    users.create_user(office, admin.actor(), "jj", "纪检员", users.Role.CLERK, "pass5678")
    jj = next(u for u in users.list_users(office) if u.login == "jj")
    dlg.grantee.setCurrentIndex(dlg.grantee.findData(jj.id))
    dlg.grantee_password.setText("pass5678")
    assert not dlg.grant() and "持有密钥" in told[-1]
    dlg2 = SettingsDialog(office, inspector)
    qtbot.addWidget(dlg2)
    dlg2.grantee.setCurrentIndex(dlg2.grantee.findData(jj.id))
    dlg2.grantee_password.setText("wrong")
    assert not dlg2.grant()
    assert dlg2.grant_form.error_text("password") == "被授权人的密码不正确"
    dlg2.grantee_password.setText("pass5678")
    assert dlg2.grant()
    assert [(v.name, v.holds_key) for v in dlg2.viewers.rows if v.user_id == jj.id] == [("纪检员", True)]


def test_assigned_complaint_told_elsewhere_prints_result_report(qtbot, office, clerk, inspector):  # noqa: F811
    dlg = ComplaintDialog(office, clerk)
    qtbot.addWidget(dlg)
    fill_named(dlg)
    dlg.channel.setCurrentText("上级交办")
    dlg.assigned_body.setText("某某县人民政府办公室")
    dlg.assigned_due.set_value(office.today() + dt.timedelta(days=20))
    dlg.save()
    assert dlg.saved_id is not None, dlg.form.general_label().text()
    win = ComplaintWindow(office, clerk, dlg.saved_id)
    qtbot.addWidget(win)
    shown = []
    win.steps.show_pdf = lambda dlg: shown.append((dlg.windowTitle(), dlg.data))
    assert win.buttons["report"].isHidden() and win.buttons["record"].isHidden()
    win.steps.run = _auto(lambda d: (d.decision.setCurrentText("告知向有权机关反映"), d.other_body.setText("县纪委监委")))
    win.buttons["decide"].click()
    assert win.detail.state == "已告知" and not win.buttons["report"].isHidden()
    win.buttons["report"].click()
    qtbot.waitUntil(lambda: bool(shown))
    assert shown[0][0].startswith("投诉举报办理结果报告") and shown[0][1].startswith(b"%PDF")


def test_audit_log_shows_identity_as_hidden_in_chinese(qtbot, office, admin, clerk, inspector):  # noqa: F811
    from ui.dialogs.audit_log import AuditLogDialog

    cid = register(qtbot, office, clerk)
    number = listing.detail(office, cid).number
    dlg = AuditLogDialog(office, admin.actor())
    qtbot.addWidget(dlg)
    dlg.record.setText(number)
    dlg.search()
    texts = []
    for row in range(dlg.model.rowCount()):
        dlg.table.selectRow(row)
        texts.append(dlg.details.toPlainText())
    text = "\n".join(texts)
    assert "投诉举报人身份：（保密）" in text and "事实和理由：" in text
    assert NAME not in text and PHONE not in text and "字段" not in text


def test_commendation_recorded_and_confirmed_in_ledger(qtbot, office, clerk, inspector, staff):  # noqa: F811
    from ui.complaints.ledger_page import LedgerPage
    from ui.complaints.steps import Steps

    page = LedgerPage(office, clerk, Steps(office, clerk, None))
    qtbot.addWidget(page)

    def fill(dlg):
        dlg.person.setCurrentIndex(dlg.person.findData(staff.id))
        dlg.save()  # no reason: refused under the field
        assert dlg.form.error_text("reason") == "请填写表扬的事由"
        dlg.reason.setPlainText("群众来信表扬耐心细致")
        dlg.save()
        return dlg.result() == QDialog.DialogCode.Accepted

    page.run_dialog = fill
    page.commend()
    assert page.records.cells()[0][:3] == ["表扬", "", "徐窗口"] and page.records.row(0).state == "待确认"
    page.set_actor(inspector)
    page.select_row(0)
    page.confirm_selected()
    assert page.people.cells() == [["徐窗口", "0", "1", "0"]]


def test_transfer_decision_offers_the_transfer_letter(qtbot, office, clerk, inspector):  # noqa: F811
    cid = register(qtbot, office, clerk)
    page = make_page(qtbot, office, clerk)
    page.steps.run = _auto(lambda d: (d.decision.setCurrentText("转交有权机关"), d.other_body.setText("县市场监督管理局")))
    assert page.steps.decide(cid)
    assert listing.detail(office, cid).state == "已转交"
    qtbot.waitUntil(lambda: bool(page.shown))
    title, pdf = page.shown[-1]
    assert title.startswith("投诉举报转办函") and pdf.startswith(b"%PDF")
    assert "告知投诉举报人" in page.told[-1]


def test_wrong_field_gets_the_cursor(qtbot, office, clerk, inspector):  # noqa: F811
    """Enter on an incomplete form puts the cursor in the first wrong field (the name, before 事实和理由)."""
    dlg = ComplaintDialog(office, clerk)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    dlg.taken_place.setFocus()
    dlg.save()
    assert dlg.form.error_text("name") and dlg.form.error_text("facts")
    assert dlg.focusWidget() is dlg.name
    dlg.name.setText(NAME)
    dlg.category.setCurrentText("服务态度")
    dlg.save()
    assert dlg.focusWidget() is dlg.facts


def test_forms_fit_the_screen(qtbot, office, clerk, inspector):  # noqa: F811
    """The form and the complaint window open no taller than the screen, so 登记 and 关闭 can be seen."""
    dlg = ComplaintDialog(office, clerk)
    qtbot.addWidget(dlg)
    room = dlg.screen().availableGeometry().height()
    assert dlg.height() <= room - 60
    win = ComplaintWindow(office, clerk, register(qtbot, office, clerk))
    qtbot.addWidget(win)
    assert win.height() <= room - 60


def test_complaints_about_the_signed_in_user_are_not_listed_to_them(qtbot, office, clerk, inspector, staff,  # noqa: F811
                                                                   monkeypatch):
    """回避: a staff member never sees the complaints about themselves (facts included) in the register."""
    about_staff = register(qtbot, office, clerk, target_user_id=staff.id)
    other = register(qtbot, office, clerk)
    page = make_page(qtbot, office, staff.actor())
    page.refresh(force=True)
    qtbot.waitUntil(lambda: not page.model.busy)
    assert [page.model.id_at(n) for n in range(page.model.rowCount())] == [other]
    assert page._count_text.startswith("共1件")
    page = make_page(qtbot, office, clerk)
    page.refresh(force=True)
    qtbot.waitUntil(lambda: not page.model.busy)
    assert sorted(page.model.id_at(n) for n in range(page.model.rowCount())) == sorted([about_staff, other])
    # nor opened, whatever way in (the 工作台 and links come through open_record)
    page = make_page(qtbot, office, staff.actor())
    told, opened = [], []
    page.inform = lambda title, text, icon="information": told.append(text)
    monkeypatch.setattr(ComplaintWindow, "exec", lambda self: opened.append(self.cid) or 0)
    page.open_record(about_staff)
    assert opened == [] and "应当回避" in told[-1]
    page.open_record(other)
    assert opened == [other]
