"""设置 → 文书模板 lists the 责任追究决定 and 考核结果通知 after the letters: only their 文号 format
is set there (their text follows from the record), saved through the one numbering service."""

import datetime as dt

from app.letters import kinds
from app.services import letters
from app.services.complaints import handling, ledger, listing, result_report
from app.services.complaints import register as complaints_register
from app.services.supervision import assessment_notices
from tests.app.complaints.conftest import DAY, inspector, named, section, staff  # noqa: F401
from ui.complaints.detail_dialog import detail_html
from ui.complaints.ledger_page import RECORDS
from ui.complaints.page import ComplaintsPage
from ui.dialogs.templates import TemplatesDialog


def test_decision_and_notice_number_formats_in_the_templates_dialog(qtbot, office, admin):
    dlg = TemplatesDialog(office, admin.actor())
    qtbot.addWidget(dlg)
    titles = [dlg.list.item(i).text() for i in range(dlg.list.count())]
    assert titles[len(kinds.KINDS):] == ["责任追究决定", "政务公开工作考核结果通知"]
    dlg.list.setCurrentRow(len(kinds.KINDS))
    assert dlg.pattern.text() == "{文号代字}责〔{年}〕{序号}号"
    assert dlg.number_label.text() == "责任追究决定文号格式"
    assert "没有模板" in dlg.required.text() and dlg.editor.isHidden() and not dlg.editor.toPlainText()
    assert not any(b.isEnabled() for b in dlg.template_buttons)  # 保存/恢复默认 are the template's
    assert dlg.number_example.text().startswith("示例：X财公开责〔")
    dlg.pattern.setText("{文号代字}纪")
    dlg.save_pattern()
    assert "未保存" in dlg.message.text() and "{年}" in dlg.message.text()
    dlg.pattern.setText("{文号代字}纪〔{年}〕{序号}号")
    dlg.save_pattern()
    assert dlg.message.text().startswith("文号格式已保存")
    dlg.list.setCurrentRow(len(kinds.KINDS) + 1)
    assert dlg.pattern.text() == "{文号代字}考〔{年}〕{序号}号" and dlg.number_label.text() == "考核结果通知文号格式"
    dlg.list.setCurrentRow(0)  # back on a letter: its template and buttons again
    assert dlg.editor.toPlainText() and not dlg.editor.isHidden() and all(b.isEnabled() for b in dlg.template_buttons)
    patterns = {key: pattern for key, _label, pattern in letters.number_patterns(office)}
    assert patterns[ledger.DECISION_NUMBER.key] == "{文号代字}纪〔{年}〕{序号}号"
    assert patterns[assessment_notices.NOTICE_NUMBER.key] == "{文号代字}考〔{年}〕{序号}号"


def test_ledger_lists_the_decision_number_once_confirmed(qtbot, office, clerk, head, inspector, staff):  # noqa: F811
    cid = complaints_register.register(office, clerk, named(target_user_id=staff.id), today=DAY)
    handling.decide(office, clerk, cid, "受理", DAY, today=DAY)
    rec = handling.record_finding(office, head, cid, "属实", DAY, "", "属实", today=DAY)
    page = ComplaintsPage(office, inspector)
    qtbot.addWidget(page)
    ledger_page = page.ledger
    ledger_page.year.setValue(DAY.year)
    ledger_page.refresh()
    column = [c.header for c in RECORDS].index("决定文号")
    assert ledger_page.records.cells()[0][column] == ""  # not issued while it waits for confirmation
    ledger.confirm(office, inspector, rec, today=DAY)
    ledger_page.refresh()
    assert ledger_page.records.cells()[0][column] == "X财公开责〔2025〕1号"


def test_the_complaint_window_shows_the_report_date_once_issued(qtbot, office, clerk, head, inspector,  # noqa: F811
                                                                 staff):  # noqa: F811
    cid = complaints_register.register(office, clerk, named(channel="上级交办", assigned_body="某某县纪委监委信访室",
                                                             assigned_due=dt.date(2025, 4, 30),
                                                             target_user_id=staff.id), today=DAY)
    handling.decide(office, clerk, cid, "受理", DAY, today=DAY)
    handling.record_finding(office, head, cid, "不属实", DAY, "", "查阅记录", today=DAY)
    assert "报送日期" not in detail_html(listing.detail(office, cid), "（保密）")
    result_report.pdf(office, clerk, cid, "某某县财政局", today=dt.date(2025, 3, 21))
    shown = detail_html(listing.detail(office, cid), "（保密）")
    assert "办理结果报告报送日期</td><td>2025年3月21日" in shown


def test_printing_the_report_from_the_complaint_window_shows_its_date_at_once(qtbot, office, clerk, head,  # noqa: F811
                                                                               inspector, staff):  # noqa: F811
    from ui.complaints.detail_dialog import ComplaintWindow

    cid = complaints_register.register(office, clerk, named(channel="上级交办", assigned_body="某某县纪委监委信访室",
                                                             assigned_due=dt.date(2025, 4, 30),
                                                             target_user_id=staff.id), today=DAY)
    handling.decide(office, clerk, cid, "受理", DAY, today=DAY)
    handling.record_finding(office, head, cid, "不属实", DAY, "", "查阅记录", today=DAY)
    window = ComplaintWindow(office, clerk, cid)
    qtbot.addWidget(window)
    previews = []
    window.steps.show_pdf = previews.append
    assert "报送日期" not in window.text.toHtml()
    window.buttons["report"].click()
    qtbot.waitUntil(lambda: len(previews) == 1, timeout=20_000)
    assert "报送日期" in window.text.toPlainText() and "办理结果报告" in previews[0].windowTitle()
