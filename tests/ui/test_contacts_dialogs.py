"""The 首问负责 tab's detail view (timeline, 更正), time-limit settings, statistics chart, 转为投诉举报."""

import datetime as dt

from PySide6.QtWidgets import QDialog

from app.services.contacts import entry as ce
from app.services.contacts import register as reg
from app.services.contacts import stats
from app.services.contacts import vocab as v
from tests.app.complaints.conftest import inspector  # noqa: F401  (the office's complaint key)
from tests.app.contacts.conftest import budget_clerk, depts, quick, referral  # noqa: F401
from ui import charts
from ui.contacts import stats_view
from ui.contacts.detail_dialog import EntryDetailDialog
from ui.contacts.limits_dialog import LimitsDialog
from ui.contacts.page import ContactsPage
from ui.correction_dialog import CorrectionDialog

NOW = dt.datetime.now().replace(second=0, microsecond=0) - dt.timedelta(minutes=2)


def _correcting(monkeypatch, key: str, value: str, reason: str) -> None:
    """The correction dialog, as a person fills it: pick the field, type the value and the reason, 确定更正."""
    def run(dlg: CorrectionDialog) -> int:
        dlg.select(key)
        dlg.editor().setText(value) if hasattr(dlg.editor(), "setText") else dlg.editor().setPlainText(value)
        dlg.reason.setPlainText(reason)
        dlg.save()
        return QDialog.DialogCode.Accepted if dlg.result is not None else QDialog.DialogCode.Rejected
    monkeypatch.setattr(CorrectionDialog, "exec", run)


def test_author_corrects_in_place_the_same_day(qtbot, monkeypatch, office, clerk):
    eid = ce.log_entry(office, clerk, quick(contact_at=NOW))
    dlg = EntryDetailDialog(office, clerk, eid)
    qtbot.addWidget(dlg)
    _correcting(monkeypatch, "person", "张山", "听错")
    dlg.correct()
    assert dlg.changed and reg.detail(office, eid).row.person == "张山"
    assert [r[1] for r in dlg.timeline_rows()] == ["登记"]  # in place: no event on the timeline
    assert ("姓名或名称", "张山") in [(k, t) for k, t in stats_view_facts(dlg)]


def stats_view_facts(dlg: EntryDetailDialog) -> list[tuple[str, str]]:
    from ui.contacts.detail_dialog import facts

    return facts(dlg.detail)


def test_head_correction_is_a_timeline_event_with_before_and_after(qtbot, monkeypatch, office, clerk, head):
    eid = ce.log_entry(office, clerk, quick(contact_at=NOW))
    dlg = EntryDetailDialog(office, head, eid)
    qtbot.addWidget(dlg)
    _correcting(monkeypatch, "question", "惠农补贴发放时间", "记录不准确")
    dlg.correct()
    last = dlg.timeline_rows()[-1]
    assert last[1] == "更正" and last[3] == "钱科长"
    assert "小额贷款公司设立需要哪些材料 → 惠农补贴发放时间" in last[2] and "理由：记录不准确" in last[2]
    assert last[0].startswith(f"{NOW.year}年")


def test_correction_refused_shows_the_message_and_changes_nothing(qtbot, monkeypatch, office, clerk):
    eid = ce.log_entry(office, clerk, quick(contact_at=NOW))
    dlg = EntryDetailDialog(office, clerk, eid)
    qtbot.addWidget(dlg)
    seen = []

    def run(c: CorrectionDialog) -> int:
        c.select("phone")
        c.editor().setText("12345")
        c.reason.setPlainText("记错")
        c.save()
        seen.append(c.form.error_text("value"))
        return QDialog.DialogCode.Rejected
    monkeypatch.setattr(CorrectionDialog, "exec", run)
    dlg.correct()
    assert "不是有效的电话号码" in seen[0]
    assert reg.detail(office, eid).row.phone == "13800001111" and not dlg.changed


def test_limits_form_for_heads(qtbot, office, clerk, head):
    page = ContactsPage(office, clerk)
    qtbot.addWidget(page)
    assert page.limits_button.isHidden()
    page.set_actor(head)
    assert not page.limits_button.isHidden()
    dlg = LimitsDialog(office, head)
    qtbot.addWidget(dlg)
    assert (dlg.result_days.value(), dlg.rectification_days.value()) == (5, 15)
    dlg.result_days.setValue(0)
    dlg.save()
    assert "1至60个工作日" in dlg.form.error_text("result_days") and not dlg.saved
    assert ce.current_limits(office) == (5, 15)
    dlg.result_days.setValue(7)
    dlg.rectification_days.setValue(20)
    dlg.save()
    assert dlg.saved and ce.current_limits(office) == (7, 20)


def test_statistics_chart_shows_what_the_table_says(qtbot, office, clerk, head, budget_clerk, depts):  # noqa: F811
    ce.log_entry(office, clerk, quick(contact_at=NOW, matter_name="惠农补贴"))
    ce.log_entry(office, clerk, quick(contact_at=NOW, matter_name="惠农补贴", rating="满意"))
    ce.log_entry(office, head, referral(depts, contact_at=NOW))
    view = stats_view.StatsView(office)
    qtbot.addWidget(view)
    view.refresh()
    assert view.busy and "正在统计" in view.headline.text()  # counted off the UI thread
    qtbot.waitUntil(lambda: not view.busy)
    assert "登记3条" in view.headline.text() and "回访率" in view.headline.text()
    assert "差评整改率" in view.headline.text()
    for i, sec in enumerate(view.current):
        view.chart_kind.setCurrentIndex(i)
        chart = view.chart.chart()
        names, series = stats_view.chart_series(sec)
        assert charts.categories(chart) == names
        assert charts.bar_values(chart) == [(n, [float(x) for x in values]) for n, values in series]
        for c in sec.chart_columns:  # the chart's numbers are the table's column
            assert [float(r[c]) for r in sec.rows] == dict(charts.bar_values(chart))[sec.headers[c]]
    by_clerk = view.current[0]
    assert by_clerk.rows == [("赵窗口", 2, 2, 0, 0), ("钱科长", 1, 0, 1, 0)]
    st = stats.compute(office, NOW.date(), NOW.date())
    assert dict(r[:2] for r in view.current[2].rows)["满意"] == st.ratings["满意"] == 1
    assert view.current[3].rows == [("惠农补贴", 2)]
    quarter = (NOW.month - 1) // 3  # this quarter is listed after the year, newest quarter first
    view.period.setCurrentIndex(1)
    assert view.period.currentText().strip() == f"{NOW.year}年第{'一二三四'[quarter]}季度"
    assert view.period_days()[0] == dt.date(NOW.year, 3 * quarter + 1, 1)
    qtbot.waitUntil(lambda: not view.busy)
    assert "登记3条" in view.headline.text()


def test_convert_to_complaint_prefilled_and_linked(qtbot, monkeypatch, office, clerk, inspector):  # noqa: F811
    from ui.complaints.complaint_dialog import ComplaintDialog

    eid = ce.log_entry(office, clerk, quick(contact_at=NOW, outcome=v.TO_COMPLAINT, answer="", person="", phone="",
                                            question="窗口人员态度生硬"))
    seen = {}

    def run(dlg: ComplaintDialog) -> int:
        seen.update(name=dlg.name.text(), phone=dlg.phone.text(), facts=dlg.facts.toPlainText(),
                    channel=dlg.channel.currentText())
        dlg.category.setCurrentText("服务态度")
        dlg.save()
        return QDialog.DialogCode.Accepted
    monkeypatch.setattr(ComplaintDialog, "exec", run)
    page = ContactsPage(office, clerk)
    qtbot.addWidget(page)
    dlg = EntryDetailDialog(office, clerk, eid, page.convert_to_complaint)
    qtbot.addWidget(dlg)
    assert not dlg.complaint_button.isHidden()
    dlg.to_complaint()
    assert seen == {"name": "", "phone": "", "facts": "窗口人员态度生硬", "channel": "转自首问"}
    d = reg.detail(office, eid)
    assert d.complaint_id is not None and d.linked.startswith("投诉举报TS")
    assert dlg.complaint_button.isHidden() and dlg.timeline_rows()[-1][1] == "关联"


def test_print_book_typeset_off_the_ui_thread(qtbot, office, clerk):
    ce.log_entry(office, clerk, quick(contact_at=NOW))
    page = ContactsPage(office, clerk)
    qtbot.addWidget(page)
    shown, said = [], []
    page.show_pdf = lambda dlg: shown.append((dlg.data, dlg.filename))
    page.inform = lambda *a, **k: said.append(a)
    page.ask_text = lambda *a, **k: "2026-13"
    page.print_book()
    assert "请写成" in said[0][1]
    page.ask_text = lambda *a, **k: f"{NOW:%Y-%m}"
    page.print_book()
    qtbot.waitUntil(lambda: bool(shown))
    pdf, name = shown[0]
    assert pdf.startswith(b"%PDF") and name == f"首问负责登记簿-{NOW:%Y-%m}.pdf"


def test_quick_entry_puts_the_cursor_on_the_first_field_to_fix(qtbot, office, clerk):
    from ui.contacts.entry_dialog import EntryDialog

    dlg = EntryDialog(office, clerk)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    dlg.question.insertPlainText("低保资金什么时候发放")
    dlg.phone.setText("12345")
    dlg.channel.setFocus()
    dlg.save()  # the phone is wrong and the answer is missing: the phone comes first in the form
    assert dlg.saved_id is None
    qtbot.waitUntil(lambda: dlg.focusWidget() is dlg.phone)
    assert "请写明答复或办理的内容" in dlg.form.error_text("answer")
