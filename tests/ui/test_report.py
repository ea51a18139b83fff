"""年度报告 tab: numbers shown as counted, drill-down lists as long as their cells, figures and case
forms with errors next to the field, finalise and export, the request window's 复议/诉讼 button."""

from __future__ import annotations

import datetime as dt

import pytest

from app.services.annual_report import cases, counting, figures, reminders, report
from app.services.requests import actions, intake
from tests.app.conftest_requests import make_input
from ui.report import page as page_module
from ui.report.cases_dialog import CaseForm
from ui.report.drill import DrillDialog
from ui.report.figures_dialog import FiguresDialog
from ui.report.page import ReportPage

D = dt.date
YEAR = dt.date.today().year - 1


@pytest.fixture
def year_data(office, clerk):
    ids = [intake.register(office, clerk, make_input(received=D(YEAR, m, 3 + m)), today=D(YEAR, m, 3 + m))
           for m in (2, 5, 9)]
    actions.withdraw(office, clerk, ids[0], D(YEAR, 2, 10), "不再需要", today=D(YEAR, 2, 10))
    return ids


def _counted(qtbot, page, year: int) -> None:
    """The year's count (made off the UI thread) is on screen and the texts are editable again."""
    qtbot.waitUntil(lambda: page.report is not None and page.report.year == year and not page.overview.isReadOnly(),
                    timeout=20_000)


def test_page_shows_the_counts_and_a_cell_drills_down(qtbot, year_data, office, head, monkeypatch):
    import threading

    page = ReportPage(office, head)
    qtbot.addWidget(page)
    assert page.report is None  # nothing counted until the tab is shown
    threads = []
    real_build = report.build
    monkeypatch.setattr(report, "build", lambda *a, **k: threads.append(threading.current_thread()) or
                        real_build(*a, **k))
    page.year.setValue(YEAR)
    page.show()
    assert page.overview.isReadOnly() and "正在统计" in page.status.text()  # nothing typed can be overwritten
    _counted(qtbot, page, YEAR)
    assert threads and threading.main_thread() not in threads  # counted off the UI thread (0.7 s at 1M)
    r = real_build(office, YEAR)
    new_row = counting.ROWS.index(counting.NEW)
    assert page.table3.item(new_row, 6).text() == str(r.table3.rows[counting.NEW][6]) == "3"
    opened = []
    monkeypatch.setattr(DrillDialog, "exec", lambda self: opened.append(self) or 0)
    page.table3.cellClicked.emit(counting.ROWS.index("其他处理/其他"), 6)
    (dlg,) = opened
    qtbot.addWidget(dlg)
    qtbot.waitUntil(lambda: dlg.model.rowCount() == 1, timeout=20_000)
    opened.clear()
    page.table3.cellClicked.emit(counting.ROWS.index(counting.CARRIED_OUT), 0)
    qtbot.waitUntil(lambda: opened and opened[0].model.rowCount() == r.table3.rows[counting.CARRIED_OUT][0] == 2, timeout=20_000)
    qtbot.addWidget(opened[0])
    assert "不能定稿" in page.status.text() and page.problems.count() >= 1


def test_figures_dialog_marks_bad_fields_and_saves(qtbot, office, head):
    dlg = FiguresDialog(office, head, YEAR)
    qtbot.addWidget(dlg)
    dlg.edits["licensing"].setText("十二")
    dlg.edits["fees_yuan"].setText("1.23456")
    dlg.save()
    assert "整数" in dlg.form.error_text("licensing") and "万元" in dlg.form.error_text("fees_yuan")
    assert figures.get_figures(office, YEAR).licensing is None
    for key, edit in dlg.edits.items():
        edit.setText("１２.５" if key == "fees_yuan" else "3")
    dlg.save()
    f = figures.get_figures(office, YEAR)
    assert f.licensing == 3 and f.fees_yuan == 125000 and f.missing() == []


def test_case_form_refuses_decision_before_filing(qtbot, registered, office, clerk):
    form = CaseForm(office, clerk, registered)
    qtbot.addWidget(form)
    form.number.setText("复〔2025〕3号")
    form.body.setText("某某县人民政府")
    form.filed.set_value(D(2025, 5, 1))
    form.result.setCurrentText("结果维持")
    form.decided.set_value(D(2025, 4, 1))
    form.save()
    assert "不能早于" in form.form.error_text("decided_date")
    assert cases.cases(office, registered) == []
    form.decided.set_value(D(2025, 6, 1))
    form.save()
    assert [c.result for c in cases.cases(office, registered)] == ["结果维持"]


def test_request_window_opens_the_cases(qtbot, registered, office, clerk, monkeypatch):
    from ui.report.cases_dialog import CasesDialog
    from ui.requests.request_dialog import RequestDialog

    dlg = RequestDialog(office, clerk, registered)
    qtbot.addWidget(dlg)
    shown = []
    monkeypatch.setattr(CasesDialog, "exec", lambda self: shown.append(self) or 0)
    dlg.buttons["cases"].click()
    assert shown and shown[0].request_id == registered
    qtbot.addWidget(shown[0])


def test_finalise_and_export_from_the_page(qtbot, year_data, office, head, tmp_path, monkeypatch):
    import ui.letters
    from app.db.models import AnnualReportVersion

    figures.save_figures(office, head, figures.Figures(YEAR, *([0] * 10)))
    told = []
    monkeypatch.setattr(page_module, "tell", lambda _p, title, text, icon="information": told.append((title, text)))
    monkeypatch.setattr(ui.letters, "tell", lambda _p, title, text, icon="information": told.append((title, text)))
    asked = []
    monkeypatch.setattr(page_module, "ask", lambda *a, **k: asked.append(a) or True)
    page = ReportPage(office, head)
    qtbot.addWidget(page)
    shown = []
    page.show_pdf = shown.append
    assert page.report is None  # nothing counted until the tab is shown
    page.year.setValue(YEAR)
    page.show()
    _counted(qtbot, page, YEAR)
    page.finalise()
    qtbot.waitUntil(lambda: bool(told), timeout=20_000)  # counted off the UI thread, refused
    assert told[-1][0] == "不能定稿" and "第五部分" in told[-1][1] and not shown
    assert asked == []  # refused before the 定稿？ question, not after it
    _counted(qtbot, page, YEAR)  # counted again after the refusal
    page.problems_text.setPlainText("一是人员不足。")
    page.finalise()
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)  # archived, then the archived PDF opens for printing
    qtbot.addWidget(shown[0])
    v = shown[0].record
    qtbot.waitUntil(lambda: page.versions.rowCount() == 1, timeout=20_000)  # counted again after 定稿
    assert v.version == 1 and "已定稿（第1版），修改后可重新发布。" in page.status.text()
    assert shown[0].data == report.archived_file(office, v.id, "pdf")[0] and shown[0].data.startswith(b"%PDF")
    assert shown[0].windowTitle().startswith(f"{YEAR}年度报告 — 第1版") and shown[0].filename == f"{YEAR}年度报告第1版.pdf"
    page.versions.selectRow(0)
    page.print_version()  # a finalised version again (double-click)
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=20_000)
    qtbot.addWidget(shown[1])
    assert shown[1].data == shown[0].data
    with office.session(actor="测试", action="改动存档") as s:  # an archive changed behind the program's back: refused
        s.get(AnnualReportVersion, v.id).pdf = shown[0].data + b"%"
    told.clear()
    page.print_version()
    qtbot.waitUntil(lambda: bool(told), timeout=20_000)
    assert "校验值不符" in told[-1][1] and len(shown) == 2
    out = tmp_path / "r.docx"
    page.save_path = lambda *a: str(out)
    monkeypatch.setattr(page_module.QInputDialog, "getItem", lambda *a, **k: ("Word", True))
    told.clear()
    page.export()
    qtbot.waitUntil(lambda: bool(told), timeout=20_000)  # counted and typeset off the UI thread
    assert told[-1][0] == "已导出" and out.read_bytes()[:2] == b"PK"


def test_reminders_from_december_first(office, head):
    assert reminders.due_items(office, D(2026, 11, 30)) == []
    dec = reminders.due_items(office, D(2026, 12, 1))
    assert [r.due for r in dec] == [D(2026, 12, 20), D(2027, 1, 31)]
    late = reminders.due_items(office, D(2027, 2, 3))
    assert len(late) == 1 and late[0].overdue and "尚未定稿" in late[0].text
    report.save_draft(office, head, 2026, "", "", "", D(2026, 12, 15), today=D(2026, 12, 1))
    assert reminders.due_items(office, D(2026, 12, 16))[0].due == D(2027, 1, 31)


def test_turning_the_year_keeps_typed_texts(qtbot, year_data, office, head):
    page = ReportPage(office, head)
    qtbot.addWidget(page)
    page.year.setValue(YEAR)
    page.show()
    _counted(qtbot, page, YEAR)
    page.problems_text.setPlainText("一是培训不够。")
    page.year.setValue(YEAR - 1)
    _counted(qtbot, page, YEAR - 1)
    assert page.problems_text.toPlainText() == ""
    assert report.build(office, YEAR).problems == "一是培训不够。"
