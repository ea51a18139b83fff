"""The 督查 tab lists the year's duties with a missed quarter marked 逾期."""

import datetime as dt

from PySide6.QtCore import Qt

from app.services.supervision import duties as du
from app.services.supervision import posts
from app.services.supervision.posts import DEPUTY, PRINCIPAL, AssignmentInput
from tests.app.supervision.conftest import bureau  # noqa: F401  (shared fixture)
from ui.supervision.page import SupervisionPage

D = dt.date


def test_duty_list_marks_missed_quarter(qtbot, bureau, monkeypatch):  # noqa: F811
    db = bureau.db
    monkeypatch.setattr(db, "today", lambda: D(2024, 7, 10))
    posts.save_assignment(db, bureau.admin, AssignmentInput(bureau.chief.id, PRINCIPAL, None, D(2024, 1, 1)))
    posts.save_assignment(db, bureau.admin, AssignmentInput(bureau.dep1.id, DEPUTY, bureau.depts["预算股"],
                                                            D(2024, 1, 1)))
    du.record_completion(db, bureau.dep1.actor(), du.CHECK, bureau.dep1.id, "2024Q1", D(2024, 3, 20))
    page = SupervisionPage(db, bureau.dep1.actor())
    qtbot.addWidget(page)
    cal = page.calendar
    assert page.tabs.tabText(0) == "督查日历"
    m = cal.model
    assert cal.year.value() == 2024 and m.rowCount() == 6
    cells = [[m.data(m.index(r, c)) for c in range(m.columnCount())] for r in range(m.rowCount())]
    assert ["2024年第一季度", "季度督查", "分管负责人", "李副局长", "预算股", "2024年3月29日", "2024年3月20日",
            "已完成"] in cells
    q2 = next(r for r, row in enumerate(cells) if row[0] == "2024年第二季度")
    assert cells[q2][7] == "逾期" and m.data(m.index(q2, 7), Qt.ItemDataRole.ForegroundRole) is not None
    assert next(r for r in cells if r[:2] == ["2024年上半年", "专题会议"])[3:] == [
        "孙局长", "", "2024年6月28日", "", "逾期"]
    assert "逾期2项" in cal.summary.text()  # Q2 check and H1 meeting
    cal.year.setValue(2023)
    assert m.rowCount() == 0 and "责任分工" in cal.summary.text()


def test_tasks_tab_records_done_and_verifies(qtbot, bureau, monkeypatch):  # noqa: F811
    from app.services import rectification as rect
    from ui.supervision import tasks_view

    db = bureau.db
    monkeypatch.setattr(db, "today", lambda: D(2024, 4, 15))
    src = rect.Source(rect.SUPERVISION, 1, "2024年第一季度督查")
    first = rect.add_task(db, bureau.dep1.actor(), src, rect.TaskInput("主动公开超期", "王股长", "预算股", D(2024, 4, 10)),
                          D(2024, 3, 28))
    rect.add_task(db, bureau.dep1.actor(), src, rect.TaskInput("告知书未签收", "赵窗口", "办公室", D(2024, 4, 30)),
                  D(2024, 3, 28))
    page = SupervisionPage(db, bureau.dep1.actor())
    qtbot.addWidget(page)
    page.tabs.setCurrentWidget(page.tasks)
    view = page.tasks
    assert view.model.rowCount() == 2 and "逾期1项" in view.summary.text()
    assert view.model.data(view.model.index(0, 5), Qt.ItemDataRole.ForegroundRole) is not None
    view.view.selectRow(0)
    dlg = tasks_view.DoneDialog(db, bureau.dep1.actor(), view.model.row(0))  # qtbot owns it, not the view
    qtbot.addWidget(dlg)
    dlg.save()
    assert "整改情况" in dlg.form.error_text("evidence")  # empty evidence refused under the field
    dlg.evidence.setPlainText("已在网站补发并更正日期")
    dlg.day.set_value(D(2024, 4, 12))
    dlg.save()
    assert dlg.result() == dlg.DialogCode.Accepted
    view.refresh()
    view.view.selectRow(0)
    monkeypatch.setattr(tasks_view, "ask", lambda *a, **k: True)
    view.verify()
    view.filter.setCurrentText(rect.CLOSED)
    assert [(r.id, r.verified_by) for r in view.model.rows] == [(first, "李副局长")]


def test_a_long_task_does_not_push_columns_off_the_screen(qtbot, bureau):  # noqa: F811
    """A 200-character 整改内容 is cut in its column (whole in the tooltip); 状态 and 销号 stay on a 1366 screen."""
    from app.services import rectification as rect
    from ui.supervision import rows

    db = bureau.db
    src = rect.Source(rect.SUPERVISION, 1, "2024年第一季度督查")
    long_text = "主动公开信息超过10个工作日才公开，" * 12
    rect.add_task(db, bureau.dep1.actor(), src, rect.TaskInput(long_text, "王股长", "预算股", D(2024, 4, 10)),
                  D(2024, 3, 28))
    page = SupervisionPage(db, bureau.dep1.actor())
    qtbot.addWidget(page)
    page.tabs.setCurrentWidget(page.tasks)
    view = page.tasks.view
    page.resize(1300, 700)
    page.show()
    qtbot.waitExposed(page)
    header = view.horizontalHeader()
    assert max(header.sectionSize(c) for c in range(header.count() - 1)) <= rows.MAX_COLUMN
    index = page.tasks.model.index(0, 1)
    assert page.tasks.model.data(index, Qt.ItemDataRole.ToolTipRole) == long_text
