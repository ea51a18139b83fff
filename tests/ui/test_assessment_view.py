"""The 百分制考核 view: scores entered in the dialog (errors under the fields), grades with the ledger
deduction, the template's sum refused, notices with the plan task, print and export."""

import datetime as dt

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.db.models import Role
from app.services import profile, users
from app.services.complaints import ledger
from app.services.supervision import assessment as asm
from tests.app.complaints.conftest import inspector, section, staff  # noqa: F401  (fixtures)
from tests.app.supervision.test_assessment import _full, _substantiated
from ui.supervision.assessment_dialogs import NoticeDialog, ScoreDialog, TemplateDialog
from ui.supervision.assessment_view import AssessmentView

D = dt.date


@pytest.fixture
def setup(office, admin, inspector, staff, section, monkeypatch):  # noqa: F811
    monkeypatch.setattr(office, "today", lambda: D(2026, 1, 12))
    leader = users.create_user(office, admin.actor(), "jz", "周局长", Role.LEADER, "pass1234").actor()
    profile.add_department(office, admin.actor(), "国库股")
    ledger.confirm(office, inspector, _substantiated(office, leader, staff, D(2025, 3, 3)), today=D(2025, 3, 4))
    return leader


def _cells(view):
    m = view.model
    return [[m.data(m.index(r, c)) for c in range(m.columnCount())] for r in range(m.rowCount())]


def _select(view, name):
    row = next(r for r, cells in enumerate(_cells(view)) if cells[0] == name)
    view.view.selectRow(row)


def test_scores_grades_deduction_notice_print_and_export(qtbot, office, setup, tmp_path):
    view = AssessmentView(office, setup)
    qtbot.addWidget(view)
    view.year.setValue(2025)
    assert [c[0] for c in _cells(view)] == ["政务服务科", "国库股"]
    header = [view.model.headerData(c, Qt.Orientation.Horizontal) for c in range(view.model.columnCount())]
    assert header[1] == "组织机构\n10分" and header[-4:] == ["责任追究扣分", "总分", "等次", "通报"]

    seen: list[QDialog] = []

    def fill_scores(dlg):
        seen.append(dlg)
        if isinstance(dlg, ScoreDialog):
            qtbot.waitUntil(lambda: dlg.figures_loaded)
            for o, edit in dlg.scores.items():
                edit.setText(str(next(i.weight for i in dlg.items if i.ordinal == o)))
            dlg.scores[8].setText("10")  # 年度工作要点落实 15 → 10, no reason yet
            dlg.save()
            assert dlg.result() != QDialog.DialogCode.Accepted
            assert dlg.form.error_text("reason8") == "“年度工作要点落实”未得满分，请写明扣分理由"
            assert dlg.focusWidget() is dlg.reasons[8]  # the cursor waits in the wrong field
            dlg.scores[1].setText("12")
            dlg.reasons[8].setText("年度要点两项未落实")
            dlg.save()
            assert dlg.form.error_text("score1") == "“组织机构”的考核分12分超过该项分值10分"
            assert dlg.focusWidget() is dlg.scores[1]  # a score's row puts the cursor in its box
            dlg.scores[1].setText("10")
            dlg.save()
        return dlg.result() == QDialog.DialogCode.Accepted

    view.open_dialog = fill_scores
    _select(view, "政务服务科")
    view.enter_scores()
    fig_text = seen[0].figure_labels[7].text()
    assert fig_text.startswith("相关数据（2025年）：本年收到投诉举报1") and "本年查实（属实、部分属实）1" in fig_text
    row = _cells(view)[0]
    assert row[-6:] == ["", "95", "-5（1件）", "90", "优秀", ""]  # no 自评分 yet
    assert "考核分10：年度要点两项未落实" in view.model.data(view.model.index(0, 8), Qt.ItemDataRole.ToolTipRole)
    assert "列入通报表彰：政务服务科" in view.notes.text() and "属实投诉1件，扣5分" in view.notes.text()

    # 国库股 by the service (59.5), shown 不合格 in red
    items = asm.template(office, 2025)
    depts = {n: i for i, n in asm.departments_of(office, 2025)}
    asm.save_scores(office, setup, 2025, depts["国库股"], _full(items, {1: "0", 2: "9.5", 3: "0", 6: "0"}))
    view.refresh()
    assert _cells(view)[1][-3:-1] == ["59.5", "不合格"]
    assert view.model.data(view.model.index(1, len(header) - 2), Qt.ItemDataRole.ForegroundRole) is not None

    # template: a sum of 105 is refused in the dialog, nothing saved
    def bad_template(dlg):
        assert isinstance(dlg, TemplateDialog)
        dlg.grid.item(0, 1).setText("15")
        assert dlg.total.text() == "合计：105分"
        dlg.save()
        assert "各项分值合计应为100分，现为105分" in dlg.error.text()
        return False

    view.open_dialog = bad_template
    view.edit_template()
    assert asm.template(office, 2025)[0].weight == 10

    # notice: both 科室; 国库股 gets its plan task due a week later
    def notify(dlg):
        assert isinstance(dlg, NoticeDialog)
        assert dlg.units.count() == 2
        dlg.save()
        return dlg.result() == QDialog.DialogCode.Accepted

    view.open_dialog = notify
    view.issue_notices()
    cells = _cells(view)
    # each notice names its 文号 (numbered in the year it is issued, one per 科室)
    assert cells[1][-1] == "2026年1月12日通报（X财公开考〔2026〕2号）；整改措施2026年1月19日前提出（整改中）"
    assert cells[0][-1] == "2026年1月12日通报（X财公开考〔2026〕1号）"

    # prints open the preview with a PDF; the notice needs a selected 科室
    previews = []
    view.open_dialog = lambda dlg: previews.append(dlg) or True
    view.print_table()
    qtbot.waitUntil(lambda: len(previews) == 1)  # typeset off the UI thread
    _select(view, "国库股")
    view.print_notice()
    qtbot.waitUntil(lambda: len(previews) == 2)
    assert [p.data[:4] for p in previews] == [b"%PDF", b"%PDF"]
    # the notice's 文号 names the preview and the file
    assert previews[1].filename == "2025年度政务公开考核结果通知-X财公开考〔2026〕2号-国库股.pdf"
    assert previews[1].windowTitle().startswith("考核结果通知 X财公开考〔2026〕2号（国库股）")

    out = tmp_path / "考核.xlsx"
    assert view.export_to(out) == 2
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert rows[1][0] == "政务服务科" and rows[1][-4:] == (95, 5, 90, "优秀")


def test_a_clerk_of_another_section_is_refused_self_assessment_with_the_service_message(qtbot, office, admin,
                                                                                       setup, monkeypatch):
    from ui.supervision import assessment_dialogs

    clerk = users.create_user(office, admin.actor(), "gk", "国库窗口", Role.CLERK, "pass1234",
                              department="国库股").actor()
    told = []
    monkeypatch.setattr(assessment_dialogs, "tell", lambda _p, title, text, *_a: told.append(text))
    view = AssessmentView(office, clerk)
    qtbot.addWidget(view)
    view.year.setValue(2025)

    def try_save(dlg):
        qtbot.waitUntil(lambda: dlg.figures_loaded)
        dlg.save()
        return False

    view.open_dialog = try_save
    _select(view, "政务服务科")
    view.enter_scores(self_assessment=True)
    assert told == ["自评分由本科室工作人员填报（局领导也可代为录入）"]
