"""The complaint window keeps 发生时间和地点 apart from 事实和理由, typed by keyboard and shown labelled;
a 科室负责人 who must recuse cannot open a complaint against their 科室."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.db.models import Role
from app.services import users
from app.services.complaints import listing
from tests.app.complaints.conftest import inspector, section  # noqa: F401
from tests.ui.test_complaints import fill_named, make_page
from ui.complaints.complaint_dialog import ComplaintDialog
from ui.complaints.detail_dialog import NOT_GIVEN, ComplaintWindow, detail_html


def test_tab_from_the_facts_types_the_time_and_place_into_their_own_field(qtbot, office, clerk, inspector):  # noqa: F811
    dlg = ComplaintDialog(office, clerk)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    fill_named(dlg)
    dlg.facts.setPlainText("")
    dlg.facts.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dlg.facts)
    dlg.facts.insertPlainText("拖延两周未办")  # typed (keyClicks cannot send CJK text)
    qtbot.keyClick(dlg.facts, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dlg.happened)
    dlg.happened.insert("2025年2月20日，预算股")
    dlg.save()
    assert dlg.saved_id is not None, dlg.form.general_label().text()
    d = listing.detail(office, dlg.saved_id)
    assert (d.facts, d.happened) == ("拖延两周未办", "2025年2月20日，预算股")
    page = detail_html(d, "（保密）")
    assert "发生时间和地点</td><td>2025年2月20日，预算股" in page and "拖延两周未办</td>" in page


def test_an_empty_time_and_place_still_has_its_labelled_line(qtbot, office, clerk, inspector):  # noqa: F811
    dlg = ComplaintDialog(office, clerk)
    qtbot.addWidget(dlg)
    fill_named(dlg)
    dlg.save()
    page = detail_html(listing.detail(office, dlg.saved_id), "（保密）")
    assert f"发生时间和地点</td><td>{NOT_GIVEN}</td>" in page


def test_head_of_the_section_complained_about_is_told_to_recuse(qtbot, office, admin, clerk, inspector,  # noqa: F811
                                                                section, monkeypatch):  # noqa: F811
    dlg = ComplaintDialog(office, clerk)
    qtbot.addWidget(dlg)
    fill_named(dlg)
    dlg.target_dept.setCurrentIndex(dlg.target_dept.findData(section))
    dlg.save()
    cid = dlg.saved_id
    assert cid is not None, dlg.form.general_label().text()
    head = users.create_user(office, admin.actor(), "qg", "钱股长", Role.SECTION_HEAD, "pass1234",
                             department="政务服务科").actor()
    page = make_page(qtbot, office, head)
    page.refresh(force=True)
    qtbot.waitUntil(lambda: not page.model.busy)
    assert page.model.rowCount() == 0
    opened: list[int] = []
    monkeypatch.setattr(ComplaintWindow, "exec", lambda self: opened.append(self.cid) or 0)
    page.open_record(cid)
    assert opened == [] and "被投诉举报科室的负责人，应当回避" in page.told[-1]
