"""The 一次性告知 tab: the keyboard-only checklist, the register, the catalogue with history, statistics."""

import datetime as dt
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.services.catalogue import service as catalogue
from app.services.notices import issue, register
from tests.app.notices.conftest import finance, make_matter, matter_id  # noqa: F401  (shared fixtures)
from ui.notices.catalogue_view import HistoryDialog
from ui.notices.checklist_dialog import ChecklistDialog
from ui.notices.notice_dialog import NoticeDialog
from ui.notices.page import NoticesPage


@pytest.fixture
def checklist(qtbot, finance, clerk, matter_id):  # noqa: F811
    dlg = ChecklistDialog(finance, clerk)
    qtbot.addWidget(dlg)
    dlg.shown_pdfs = []
    dlg.show_pdf = lambda preview: dlg.shown_pdfs.append(preview.record)  # the notice shown, by id
    dlg.show()
    qtbot.waitExposed(dlg)
    return dlg


def test_keyboard_only_find_tick_and_issue(qtbot, checklist, finance):  # noqa: F811
    dlg = checklist
    assert dlg.search.hasFocus()
    qtbot.keyClicks(dlg.search, "xedk")  # pinyin initials of 小额贷款
    assert dlg.matches.count() == 1
    qtbot.keyClick(dlg.search, Qt.Key.Key_Return)
    assert dlg.detail is not None and dlg.table.hasFocus()
    assert dlg.notice_id is None and not dlg.form.error_text("applicant_name")  # Enter chose, did not issue
    qtbot.keyClick(dlg.table, Qt.Key.Key_Space)  # 设立申请书 brought
    qtbot.keyClick(dlg.table, Qt.Key.Key_Down)
    dlg.ask_reason = lambda name: "未加盖公章"
    qtbot.keyClick(dlg.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)  # 营业执照 defective
    qtbot.keyClick(dlg.table, Qt.Key.Key_Down)
    qtbot.keyClick(dlg.table, Qt.Key.Key_Down)
    qtbot.keyClick(dlg.table, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)  # 授权委托书 not applicable
    summary = dlg.summary.toPlainText()
    assert "共2项" in summary and "营业执照：不符合要求（未加盖公章）" in summary
    assert "法定代表人身份证明：缺少" in summary and "授权委托书" not in summary
    assert "承诺时限：15个工作日" in summary and "不收费" in summary
    qtbot.keyClick(dlg.table, Qt.Key.Key_Tab)
    assert dlg.applicant.hasFocus()  # Tab leaves the list for the form
    dlg.applicant.setText("张三")  # Chinese arrives through the input method, not key events
    qtbot.keyClick(dlg.applicant, Qt.Key.Key_Tab)
    assert dlg.phone.hasFocus()
    qtbot.keyClicks(dlg.phone, "13800000000")
    qtbot.keyClick(dlg.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dlg.notice_id is not None)  # issued and typeset off the UI thread
    assert dlg.shown_pdfs == [dlg.notice_id] and dlg.result() == QDialog.DialogCode.Accepted
    d = register.detail(finance, dlg.notice_id)
    assert [(p, m) for p, m, _, _ in d.items] == [("不符合要求", "营业执照"), ("缺少", "法定代表人身份证明")]
    assert d.clerk_phone == "0432-62345678"  # the matter's enquiry phone until the clerk gives their own


def test_complete_materials_issue_nothing(qtbot, checklist, finance):  # noqa: F811
    dlg = checklist
    dlg.search.setText("小额")  # Chinese arrives through the input method
    qtbot.keyClick(dlg.search, Qt.Key.Key_Return)
    for _ in range(3):
        qtbot.keyClick(dlg.table, Qt.Key.Key_Space)
        qtbot.keyClick(dlg.table, Qt.Key.Key_Down)
    qtbot.keyClick(dlg.table, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    assert dlg.summary.toPlainText().startswith("材料已齐全")
    dlg.applicant.setText("张三")
    dlg.phone.setText("13800000000")
    dlg.issue()
    qtbot.waitUntil(lambda: "材料已齐全" in dlg.errors.text())
    assert dlg.notice_id is None
    assert register.list_ids(finance) == []


def test_bad_phone_shown_next_to_the_field(qtbot, checklist):
    dlg = checklist
    dlg.choose(catalogue.list_matters(dlg.db)[0].id)
    dlg.applicant.setText("张三")
    dlg.phone.setText("12")
    dlg.issue()
    qtbot.waitUntil(lambda: "不是有效的电话号码" in dlg.form.error_text("contact_phone"))
    assert dlg.notice_id is None


def test_prefilled_from_another_tab(qtbot, finance, clerk, matter_id):  # noqa: F811
    dlg = ChecklistDialog(finance, clerk, person="李四", contact="13900000000", matter="小额贷款公司设立")
    qtbot.addWidget(dlg)
    assert dlg.detail is not None and dlg.detail.id == matter_id
    assert (dlg.applicant.text(), dlg.phone.text()) == ("李四", "13900000000")


def test_page_lists_notices_and_states_move(qtbot, finance, clerk, matter_id):  # noqa: F811
    nid = issue.issue_notice(finance, clerk, issue.NoticeInput(matter_id, "张三", "13800000000", {}, "0432-62345678"))
    page = NoticesPage(finance, clerk)
    qtbot.addWidget(page)
    reg = page.register
    qtbot.waitUntil(lambda: reg.model.rowCount() == 1)
    assert reg.model.data(reg.model.index(0, 0)) == f"X财公开告〔{finance.today().year}〕1号"
    assert "待补齐：1份" in reg.counts.text()
    reg.view.selectRow(0)
    reg.complete_selected()
    assert register.detail(finance, nid).row.state == "已补齐" and "已补齐：1份" in reg.counts.text()
    qtbot.keyClicks(reg.search, "zs")
    qtbot.waitUntil(lambda: not reg.model.busy)
    assert reg.model.rowCount() == 1
    reg.search.setText("wangwu")
    qtbot.waitUntil(lambda: not reg.model.busy and reg.model.rowCount() == 0)
    assert "没有找到" in reg.view.current_message()
    dlg = NoticeDialog(finance, clerk, nid)
    qtbot.addWidget(dlg)
    assert not dlg.buttons["complete"].isEnabled() and dlg.buttons["start"].isHidden()


def test_export_of_the_shown_list(qtbot, finance, clerk, matter_id, tmp_path):  # noqa: F811
    issue.issue_notice(finance, clerk, issue.NoticeInput(matter_id, "张三", "13800000000", {}, "0432-62345678"))
    page = NoticesPage(finance, clerk)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.register.model.rowCount() == 1)
    assert page.register.export_to(tmp_path / "n.xlsx") == 1


def test_notice_and_guide_prints_open_the_preview(qtbot, finance, clerk, matter_id):  # noqa: F811
    nid = issue.issue_notice(finance, clerk, issue.NoticeInput(matter_id, "张三", "13800000000", {}, "0432-62345678"))
    number, stored = register.detail(finance, nid).row.number, issue.notice_pdf(finance, nid)
    page = NoticesPage(finance, clerk)
    qtbot.addWidget(page)
    reg, shown = page.register, []
    qtbot.waitUntil(lambda: reg.model.rowCount() == 1)
    reg.show_pdf = shown.append
    reg.view.selectRow(0)
    reg.reprint_selected()  # Ctrl+P in the register: the stored PDF, byte for byte
    qtbot.waitUntil(lambda: len(shown) == 1)
    assert (shown[0].data, shown[0].windowTitle(), shown[0].filename) == (
        stored, f"一次性告知书 — {number}", f"{number}-一次性告知书.pdf")
    dlg = NoticeDialog(finance, clerk, nid)
    qtbot.addWidget(dlg)
    dlg.show_pdf = shown.append
    dlg.reprint()
    qtbot.waitUntil(lambda: len(shown) == 2)
    assert shown[1].data == stored and shown[1].record == nid
    view = page.catalogue
    view.show_pdf = shown.append
    view.view.selectRow(0)
    view.print_guide()
    qtbot.waitUntil(lambda: len(shown) == 3)
    assert shown[2].data.startswith(b"%PDF") and shown[2].windowTitle() == "小额贷款公司设立办事指南（第1版）"


def test_catalogue_history_shows_the_filing(qtbot, finance, head, matter_id):  # noqa: F811
    catalogue.change_matter(finance, head, matter_id, replace(make_matter(), promised_days=10),
                            catalogue.Filing("要素变化", "压缩承诺时限"), today=dt.date(2026, 4, 1))
    page = NoticesPage(finance, head)
    qtbot.addWidget(page)
    view = page.catalogue
    assert view.model.rowCount() == 1 and view.model.data(view.model.index(0, 3)) == "第2版"
    assert view.buttons["change"].isEnabled()
    dlg = HistoryDialog(finance, matter_id)
    qtbot.addWidget(dlg)
    top = dlg.tree.topLevelItem(0)  # newest first
    assert top.text(0).startswith("第2版 调整") and top.text(1) == "调整原因：要素变化"
    assert (top.child(0).text(0), top.child(0).text(1), top.child(0).text(2)) == ("承诺时限（工作日）", "15", "10")


def test_clerk_sees_catalogue_read_only(qtbot, finance, clerk, matter_id):  # noqa: F811
    page = NoticesPage(finance, clerk)
    qtbot.addWidget(page)
    assert not page.catalogue.buttons["change"].isEnabled() and page.catalogue.buttons["guide"].isEnabled()
    assert not page.register.pattern_button.isEnabled()


def test_admin_sets_the_notice_number_pattern(qtbot, finance, admin, monkeypatch):  # noqa: F811
    from PySide6.QtWidgets import QInputDialog

    page = NoticesPage(finance, admin.actor())
    qtbot.addWidget(page)
    assert page.register.pattern_button.isEnabled()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("{文号代字}一告〔{年}〕{序号}号", True))
    page.register.edit_pattern()
    assert issue.notice_pattern(finance) == "{文号代字}一告〔{年}〕{序号}号"


def test_stats_view_headline(qtbot, finance, clerk, matter_id):  # noqa: F811
    for phone in ("13800000000", "13800000000", "13900000000"):
        issue.issue_notice(finance, clerk, issue.NoticeInput(matter_id, "张三", phone, {}, "0432-62345678"))
    page = NoticesPage(finance, clerk)
    qtbot.addWidget(page)
    text = page.stats.headline.text()
    assert "共出具一次性告知书3份" in text and "再次告知1份" in text


def test_main_window_has_the_tab_and_its_find_key(window):
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert "一次性告知" in titles
    window.tabs.setCurrentWidget(window.notices)
    window.tab_command("focus_search")
    assert window.focusWidget() is window.notices.register.search


def test_matter_dialog_change_needs_filing_then_saves_a_version(qtbot, finance, head, matter_id):  # noqa: F811
    from ui.notices.matter_dialog import MatterDialog

    dlg = MatterDialog(finance, head, matter_id)
    qtbot.addWidget(dlg)
    dlg.widgets["promised_days"].setValue(30)
    dlg.save()
    assert "不能长于法定时限" in dlg.form.error_text("promised_days") and not dlg.saved
    dlg.widgets["promised_days"].setValue(10)
    dlg.save()
    assert "调整原因" in dlg.filing.error_text("reason") and not dlg.saved
    dlg.reason.setCurrentText("要素变化")
    dlg.basis.setPlainText("县政府办公室通知压缩承诺时限")
    dlg.save()
    assert dlg.saved and catalogue.detail(finance, matter_id).version == 2
    assert catalogue.history(finance, matter_id)[-1].changes == (("承诺时限（工作日）", "15", "10"),)


def test_matter_dialog_new_matter_with_materials(qtbot, finance, head):  # noqa: F811
    from app.services.catalogue.elements import MaterialInput
    from ui.notices.matter_dialog import MatterDialog

    dlg = MatterDialog(finance, head)
    qtbot.addWidget(dlg)
    dlg.fill(make_matter("典当行设立审核"))
    dlg.materials.setRowCount(0)
    dlg.save()
    assert "申请材料不能为空" in dlg.materials_error.text() and not dlg.saved
    dlg.add_material(MaterialInput("设立申请", requirement="载明名称、住所"))
    dlg.reason.setCurrentText("其他")
    dlg.basis.setPlainText("编制事项清单")
    dlg.save()
    assert dlg.saved and catalogue.detail(finance, dlg.matter_id).content.materials[0].name == "设立申请"
