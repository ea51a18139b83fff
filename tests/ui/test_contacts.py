"""The 首问负责 tab: keyboard-only quick entry, the global shortcut, a referral 接办 in another session."""

import datetime as dt
import time

from PySide6.QtCore import QItemSelectionModel, Qt

from app.services.contacts import entry as ce
from app.services.contacts import register as reg
from app.services.contacts import vocab as v
from tests.app.contacts.conftest import budget_clerk, depts, referral  # noqa: F401  (shared fixtures)
from ui.contacts.entry_dialog import EntryDialog
from ui.contacts.page import ContactsPage


def pick(page) -> None:
    """Select the first row (through the selection model: selectRow needs the header laid out)."""
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    page.view.selectionModel().select(page.model.index(0, 0), flags)


NOW = dt.datetime.now().replace(second=0, microsecond=0) - dt.timedelta(minutes=2)


def test_phone_call_logged_keyboard_only(qtbot, office, clerk):
    dlg = EntryDialog(office, clerk)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    started = time.perf_counter()
    assert dlg.focusWidget() is dlg.channel  # the time is already now
    # Chinese comes through the input method (QTest cannot type it); digits and Enter are keys
    dlg.person.insert("张三")
    qtbot.keyClicks(dlg.phone, "13800001111")
    dlg.question.insertPlainText("低保资金什么时候发放")
    dlg.answer.insertPlainText("每月10日前发放")
    qtbot.keyClick(dlg.phone, Qt.Key.Key_Return)  # Enter in a line field saves (the default button)
    assert dlg.saved_id is not None, dlg.form.general_label().text()
    assert time.perf_counter() - started < 30
    d = reg.detail(office, dlg.saved_id)
    assert (d.row.person, d.row.phone, d.row.channel, d.row.outcome, d.answer) == (
        "张三", "13800001111", "来电", v.ANSWERED, "每月10日前发放")


def test_bad_input_shown_under_the_field_and_nothing_saved(qtbot, office, clerk):
    dlg = EntryDialog(office, clerk)
    qtbot.addWidget(dlg)
    dlg.phone.setText("12345")
    dlg.outcome.setCurrentText(v.INTERNAL)
    dlg.save()
    assert dlg.saved_id is None
    assert "不是有效的电话号码" in dlg.form.error_text("phone")
    assert "请填写来访或来电反映的问题" in dlg.form.error_text("question")
    assert "请选择转至哪个科室" in dlg.form.error_text("department_id")
    assert reg.list_ids(office) == []


def test_outcome_shows_only_its_fields(qtbot, office, clerk):
    dlg = EntryDialog(office, clerk)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.outcome.setCurrentText(v.EXTERNAL)
    assert dlg.agency.isVisible() and not dlg.department.isVisible() and not dlg.answer.isVisible()
    dlg.outcome.setCurrentText(v.TO_COMPLAINT)
    assert dlg.category.currentText() == v.COMPLAINT


def test_global_shortcut_from_another_tab(qtbot, window):
    opened = []
    window.contacts.new_entry = lambda: opened.append(True)
    window.tabs.setCurrentWidget(window.register)
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.register, Qt.Key.Key_L,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert opened == [True]
    assert window.tabs.currentWidget() is window.contacts


def test_referral_accepted_in_another_session_then_followed_up(qtbot, office, clerk, budget_clerk, depts):  # noqa: F811
    eid = ce.log_entry(office, clerk, referral(depts, contact_at=NOW))
    mine = ContactsPage(office, clerk)
    qtbot.addWidget(mine)
    mine.show()
    said = []
    mine.inform = lambda *a, **k: said.append(a)
    assert mine.view_box.currentText() == reg.MINE
    qtbot.waitUntil(lambda: mine.model.rowCount() == 1)
    theirs = ContactsPage(office, budget_clerk)  # the 预算股 clerk, signed in elsewhere
    qtbot.addWidget(theirs)
    theirs.show()
    theirs.inform = lambda *a, **k: said.append(a)
    theirs.view_box.setCurrentText(reg.TO_ME)
    qtbot.waitUntil(lambda: theirs.model.rowCount() == 1 and not theirs.model.busy and not theirs.model.loading)
    pick(theirs)
    theirs.accept_selected()
    assert reg.detail(office, eid).row.state == v.IN_HAND, said
    assert theirs.selected_id() == eid  # still selected for the next step

    def fill_result(dlg) -> None:
        dlg.save()  # empty: refused under the field, the form stays open
        assert "请填写办理结果" in dlg.form.error_text("result") and not dlg.saved
        dlg.result.setPlainText("已电话答复，资金本周拨付")
        dlg.save()
    theirs.run_dialog = fill_result
    theirs.result_selected()
    assert reg.detail(office, eid).row.state == v.AWAIT_FOLLOWUP
    mine.refresh()
    qtbot.waitUntil(lambda: mine.model.rowCount() == 1 and not mine.model.busy and not mine.model.loading)
    pick(mine)

    def fill_followup(dlg) -> None:
        dlg.save()  # no rating chosen yet
        assert "非常满意" in dlg.form.error_text("rating") and not dlg.saved
        dlg.rating.setCurrentText("满意")
        dlg.words.setText("很及时")
        dlg.save()
    mine.run_dialog = fill_followup
    mine.follow_up_selected()
    d = reg.detail(office, eid)
    assert d.row.state == v.CLOSED and d.row.rating == "满意"
    assert "我的首问：0条" in mine.counts.text()
    assert said == []


def test_follow_up_before_acceptance_is_refused_before_the_form_opens(qtbot, office, clerk, depts):  # noqa: F811
    eid = ce.log_entry(office, clerk, referral(depts, contact_at=NOW))
    page = ContactsPage(office, clerk)
    qtbot.addWidget(page)
    said, opened = [], []
    page.inform = lambda *a, **k: said.append(a)
    page.run_dialog = opened.append
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    pick(page)
    page.follow_up_selected()
    assert opened == [] and "尚未接办，不能回访" in said[0][1]
    assert reg.detail(office, eid).row.state == v.AWAIT_ACCEPT


def test_overdue_referral_shows_for_the_head(qtbot, office, clerk, head, depts):  # noqa: F811
    ce.log_entry(office, clerk, referral(depts, contact_at=dt.datetime(2025, 3, 3, 9, 0)))
    page = ContactsPage(office, head)
    qtbot.addWidget(page)
    assert page.view_box.currentText() == reg.ALL
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.index(0, len(page.model.columns) - 1).data() == v.OVERDUE
    assert "已逾期：1条" in page.counts.text()
    page.state.setCurrentText(v.OVERDUE)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)


def test_export_the_list_as_shown(qtbot, office, clerk, tmp_path):
    ce.log_entry(office, clerk, ce.EntryInput(contact_at=NOW, question="问一下", answer="已答复"))
    page = ContactsPage(office, clerk)
    qtbot.addWidget(page)
    page.view_box.setCurrentText(reg.ALL)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.export_to(tmp_path / "x.xlsx") == 1


def test_a_call_answered_on_the_spot_is_said_where_it_went(qtbot, office, clerk, monkeypatch):
    """当场答复 closes the entry at once, so it leaves 我的首问: the clerk is told, not left to log it twice."""
    from ui.contacts import entry_dialog

    def answered(self):  # noqa: ANN001, ANN202
        self.person.insert("张三")
        self.question.insertPlainText("低保资金什么时候发放")
        self.answer.insertPlainText("每月10日前发放")
        self.save()
        return 1

    monkeypatch.setattr(entry_dialog.EntryDialog, "exec", answered)
    page = ContactsPage(office, clerk)
    qtbot.addWidget(page)
    page.view_box.setCurrentText(reg.MINE)
    page.new_entry()
    note = page.saved_note.text()
    assert note.startswith("已登记SW") and f"（{v.CLOSED}）" in note and "“全部”" in note
    page.search.setText("低保")
    qtbot.waitUntil(lambda: not page.model.busy)
    assert page.model.rowCount() == 0 and "请选“全部”再查找" in page.view.empty_text()
    page.view_box.setCurrentText(reg.ALL)
    qtbot.waitUntil(lambda: not page.model.busy and page.model.rowCount() == 1)
    page.set_actor(clerk)  # 切换用户: the last person's note goes
    assert page.saved_note.isHidden()


def test_someone_who_may_not_log_calls_is_told_before_the_form(qtbot, office, admin, monkeypatch):
    from app.db.models import Role
    from app.services import users
    from ui.contacts import entry_dialog
    from ui.contacts import page as page_module

    users.create_user(office, admin.actor(), "lijian", "李监督", Role.INSPECTOR, "pass1234")
    inspector = users.sign_in(office, "lijian", "pass1234").actor()
    told, opened = [], []
    monkeypatch.setattr(page_module, "tell", lambda _p, title, text, icon="information": told.append(text))
    monkeypatch.setattr(entry_dialog.EntryDialog, "exec", lambda self: opened.append(self) or 0)
    page = ContactsPage(office, inspector)
    qtbot.addWidget(page)
    page.new_entry()
    assert opened == [] and "登记和办理首问" in told[-1]
