"""The 督查 tab's records in the window: a deputy opens the quarter's check from the calendar, pre-filled;
the checklist and errors under the items; two problems become tasks, one closed and 销号; a figure opens its list;
the meeting record; the 责任分工 settings refuse bad input in Chinese."""

import datetime as dt

from app.services import rectification as rect
from app.services.supervision import checks
from app.services.supervision import duties as du
from tests.app.supervision.conftest import bureau  # noqa: F401  (shared fixture)
from tests.app.supervision.test_checks import request, setup  # noqa: F401  (shared fixture)
from ui.supervision import check_dialog, meeting_dialog, record_dialog, settings_view, tasks_view
from ui.supervision.page import SupervisionPage

D = dt.date


def _page(qtbot, b, actor):
    page = SupervisionPage(b.db, actor)
    qtbot.addWidget(page)
    return page


def test_deputy_fills_the_quarter_check_and_closes_a_task(qtbot, setup, monkeypatch):  # noqa: F811
    b, db = setup, setup.db
    request(db, 1, "预算股", D(2024, 5, 6), D(2024, 6, 20), False)
    page = _page(qtbot, b, b.dep1.actor())
    cal = page.calendar
    row = next(n for n, d in enumerate(cal.model.rows) if d.kind == du.CHECK and d.period == "2024Q2")
    assert cal.model.cells()[row][7] == "逾期"
    cal.view.selectRow(row)
    cal.open_button.click()
    dlg = page.record_dialog
    assert isinstance(dlg, check_dialog.CheckDialog)
    qtbot.addWidget(dlg)
    assert dlg.busy and dlg.figures_note.text() == "正在统计本季度数据…"  # the window opens before the figures
    qtbot.waitUntil(lambda: not dlg.busy, timeout=10000)
    cells = dlg.figure_model.cells()
    assert ["依申请公开", "收到申请", "1", "1"] == cells[0][:4] and ["依申请公开", "超期答复", "1", "1"] == cells[2][:4]
    assert len(dlg.item_rows) == 7 and dlg.checker.text() == "李副局长"
    assert dlg.print_button.isEnabled() is False and "未填写" in dlg.status.text()
    from shiboken6 import isValid

    note = dlg._placeholders[0]

    asked = []
    monkeypatch.setattr(check_dialog, "ask", lambda *a, **k: asked.append(a) or True)
    # completing needs a result per item: shown under the item at once, before the 完成？ question
    assert dlg.save(True) is False and asked == []
    assert dlg.item_rows[0][3].text() == "请填写“制度落实情况”的检查结果" and dlg.pages.currentIndex() == 1
    dlg.check_date.edit.setText("20240705")
    dlg.problems.setPlainText("预算股两条信息超期公开。\n一次性告知书未签收。")
    dlg.save(False)
    qtbot.waitUntil(lambda: not dlg.busy, timeout=10000)
    assert "草稿" in dlg.status.text() and dlg.print_button.isEnabled()
    assert not dlg.item_rows[0][3].isVisible() and dlg._placeholders == []
    qtbot.waitUntil(lambda: not isValid(note), timeout=5000)  # deleteLater: gone on the event loop's next pass
    shown = []  # 打印… previews the saved record under its own title
    monkeypatch.setattr(record_dialog, "preview_record", lambda _p, make, kind, title: shown.append((make(), kind, title)))
    dlg.print_button.click()
    assert shown[0][0].startswith(b"%PDF") and shown[0][1:] == ("政务公开季度督查记录", "2024年第二季度督查（李副局长）")

    tasks = dlg.tasks
    for what, owner, dept, due in (("补发超期信息", "王股长", "预算股", "20240731"),
                                   ("告知书补签收", "赵窗口", "国库股", "20240831")):
        add = tasks_view.TaskDialog(db, tasks.add, D(2024, 8, 1), tasks)
        qtbot.addWidget(add)
        add.what.setPlainText(what)
        add.owner.setText(owner)
        add.department.setCurrentText(dept)
        add.due.edit.setText("20240701")
        add.save()
        assert add.form.error_text("due") == "整改期限不能早于督查日期（2024年7月5日）"
        add.due.edit.setText(due)
        add.save()
        assert add.result() == add.DialogCode.Accepted
    tasks.refresh()
    assert [r.what for r in tasks.model.rows] == ["补发超期信息", "告知书补签收"]
    rect.mark_done(db, b.clerk.actor(), tasks.model.rows[0].id, "已补发并更正", D(2024, 7, 8))
    tasks.refresh()
    tasks.view.selectRow(0)
    monkeypatch.setattr(tasks_view, "ask", lambda *a, **k: True)
    tasks.verify()
    assert [r.state for r in tasks.model.rows] == [rect.CLOSED, rect.IN_PROGRESS]

    for n, (_, result, _, _) in enumerate(dlg.item_rows):
        result.setCurrentText("不符合" if n == 2 else "符合")
    assert dlg.save(True) is True
    qtbot.waitUntil(lambda: not dlg.busy, timeout=10000)
    assert "已完成（2024年7月5日，逾期完成）" in dlg.status.text() and not dlg.save_button.isEnabled()
    assert dlg.problems.isReadOnly() and not dlg.item_rows[0][1].isEnabled()
    dlg.accept()
    page.tabs.setCurrentWidget(page.calendar)
    assert cal.model.cells()[row][6:] == ["2024年7月5日", "逾期完成"]
    page.tabs.setCurrentWidget(page.checks)
    assert page.checks.model.cells() == [["2024年第二季度", "李副局长", "预算股、国库股", "2024年7月5日", "已完成", "1"]]


def test_a_figure_opens_the_records_behind_it(qtbot, setup, monkeypatch):  # noqa: F811
    b, db = setup, setup.db
    request(db, 1, "预算股", D(2024, 5, 6), D(2024, 6, 20), False)
    request(db, 2, "办公室", D(2024, 5, 7))
    duty = next(d for d in du.duties_for_year(db, 2024) if d.kind == du.CHECK and d.period == "2024Q2")
    dlg = check_dialog.CheckDialog(db, b.dep1.actor(), duty)
    qtbot.addWidget(dlg)
    qtbot.waitUntil(lambda: not dlg.busy, timeout=10000)
    dlg.open_figure(0)
    qtbot.waitUntil(lambda: dlg.figure_dialog is not None, timeout=5000)
    listing = dlg.figure_dialog
    qtbot.addWidget(listing)
    assert listing.model.cells() == [["Q1", "2024年5月6日", "x", "已答复", "2024年6月3日", "2024年6月20日", "预算股"]]
    assert "收到申请" in listing.listing.title
    import ui.home

    opened = []
    monkeypatch.setitem(ui.home.RECORD_OPENERS, "request", lambda *a: opened.append(a[4]))
    assert listing.open_row(0) is True and opened == [listing.listing.rows[0][0]]  # the request's own window
    from app.services.supervision import figure_rows
    from app.services.supervision import figures as fg
    from ui.supervision.figure_list import FigureListDialog

    matters = FigureListDialog(figure_rows.Listing("事项", ("事项名称",), [(1, ["某事项"])]), db=db,
                               actor=b.dep1.actor(), source=fg.MATTER)
    qtbot.addWidget(matters)
    assert matters.open_row(0) is False  # no opener for a catalogue matter: the list is the end of the road


def test_meeting_record_in_the_window(qtbot, setup, monkeypatch):  # noqa: F811
    b, db = setup, setup.db
    page = _page(qtbot, b, b.chief.actor())
    duty = next(d for d in du.duties_for_year(db, 2024) if d.kind == du.MEETING and d.period == "2024H1")
    page.open_duty(duty)
    dlg = page.record_dialog
    assert isinstance(dlg, meeting_dialog.MeetingDialog)
    qtbot.addWidget(dlg)
    asked = []
    monkeypatch.setattr(meeting_dialog, "ask", lambda *a, **k: asked.append(a) or True)
    assert dlg.save(True) is False and dlg.fields.error_text("place") == "请填写会议地点"
    assert asked == []  # what completing needs is told before the 完成？ question, not after it
    dlg.meeting_date.edit.setText("20240620")
    dlg.place.setText("三楼会议室")
    dlg.attendees.setText("李副局长、周副局长")
    dlg.reports_heard.setPlainText("办公室上半年工作汇报")
    dlg.issues.setPlainText("超期答复")
    dlg.decisions.setPlainText("建立超期预警")
    assert dlg.save(True) is True and "已完成（2024年6月20日）" in dlg.status.text()
    assert dlg.tasks.add is not None and hasattr(dlg, "attachments")
    shown = []
    monkeypatch.setattr(record_dialog, "preview_record", lambda _p, make, kind, title: shown.append((make(), kind, title)))
    dlg.print_button.click()
    assert shown[0][0].startswith(b"%PDF") and shown[0][1:] == ("政务公开专题会议记录", "2024年上半年政务公开专题会议（孙局长）")
    page.tabs.setCurrentWidget(page.meetings)
    assert page.meetings.model.cells()[0][:5] == ["2024年上半年", "孙局长", "2024年6月20日", "三楼会议室", "已完成"]


def test_posts_settings_refuse_bad_input(qtbot, setup, monkeypatch):  # noqa: F811
    b, db = setup, setup.db
    page = _page(qtbot, b, b.admin)
    page.tabs.setCurrentWidget(page.settings)
    view = page.settings
    assert len(view.post_model.rows) == 3 and view.check_freq.currentText() == "每季度"
    dlg = settings_view.AssignmentDialog(db, b.admin, None, view)
    qtbot.addWidget(dlg)
    dlg.post.setCurrentText("分管负责人")
    dlg.save()
    assert "职责不能没有人负责" in dlg.form.error_text("user") and dlg.form.error_text("department")
    dlg.user.setCurrentIndex(dlg.user.findData(b.dep1.id))
    dlg.department.setCurrentIndex(dlg.department.findData(b.depts["预算股"]))
    dlg.start.edit.setText("20240301")
    dlg.save()
    assert "任职期间不能重叠" in dlg.form.error_text("start_on") and dlg.result() != dlg.DialogCode.Accepted
    dlg.user.setCurrentIndex(dlg.user.findData(b.dep2.id))
    dlg.save()
    assert dlg.result() == dlg.DialogCode.Accepted
    view.refresh()
    assert len(view.post_model.rows) == 4

    monkeypatch.setattr(settings_view, "tell", lambda *a, **k: None)
    assert view.template.rowCount() == 7  # seed 001's items
    view.template.setRowCount(0)
    view._append("保密审查", "公开前审查")
    view._append("保密审查", "")
    view.save_template()
    assert "检查项目“保密审查”重复" in view.template_error.text()
    view.template.removeRow(1)
    view.save_template()
    assert view.template_error.text() == "" and checks.template(db) == [checks.TemplateItem("保密审查", "公开前审查")]
    view.check_freq.setCurrentText("每月")
    view.save_frequencies()
    # monthly: 12 checks for 李副局长 (预算股 stays with the earlier holder, 周副局长's overlap is another person)
    assert sum(1 for d in du.duties_for_year(db, 2024) if d.kind == du.CHECK) == 12


def test_tab_leaves_the_text_boxes(qtbot, setup):  # noqa: F811
    """A keyboard user fills 整改内容 and Tabs on to 责任人: Tab moves focus, it is not typed into the text."""
    from PySide6.QtCore import Qt

    b, db = setup, setup.db
    page = _page(qtbot, b, b.chief.actor())
    page.open_duty(next(d for d in du.duties_for_year(db, 2024) if d.kind == du.MEETING and d.period == "2024H1"))
    meeting = page.record_dialog
    qtbot.addWidget(meeting)
    page.open_duty(next(d for d in du.duties_for_year(db, 2024) if d.kind == du.CHECK and d.period == "2024Q2"))
    check = page.record_dialog
    qtbot.addWidget(check)
    qtbot.waitUntil(lambda: not check.busy, timeout=10000)
    task = tasks_view.TaskDialog(db, lambda _data: 1, D(2024, 8, 1))
    qtbot.addWidget(task)
    boxes = [meeting.reports_heard, meeting.issues, meeting.decisions, check.problems, task.what]
    for box in boxes:
        box.setPlainText("补发超期信息")
        qtbot.keyClick(box, Qt.Key.Key_Tab)
        assert box.toPlainText() == "补发超期信息"


def test_escape_asks_before_dropping_a_typed_task(qtbot, setup):  # noqa: F811
    """Esc on a half-typed 整改任务 asks first (继续填写 keeps it); an untouched one closes at once."""
    db = setup.db
    task = tasks_view.TaskDialog(db, lambda _data: 1, D(2024, 8, 1))
    qtbot.addWidget(task)
    asked: list[bool] = []
    task.confirm_discard = lambda: asked.append(True) or False
    task.show()
    task.what.setPlainText("补发超期信息")
    task.reject()
    assert asked and task.isVisible() and task.what.toPlainText() == "补发超期信息"
    fresh = tasks_view.TaskDialog(db, lambda _data: 1, D(2024, 8, 1))
    qtbot.addWidget(fresh)
    fresh.confirm_discard = lambda: asked.append(False) or False
    fresh.show()
    fresh.reject()
    assert not fresh.isVisible() and asked == [True]
