"""The 依申请公开 tab end to end: counter intake → clock actions → decision → delivery."""

import datetime as dt

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt

from app.db.models import Role
from app.services import profile, users
from app.services.requests import queries
from ui.requests.intake_dialog import IntakeDialog
from ui.requests.register_model import COL_APPLICANT, COL_DUE, RegisterModel
from ui.requests.request_dialog import RequestDialog


@pytest.fixture
def office(db, admin):
    profile.save_profile(db, admin.actor(), profile.Profile(
        full_name="某某县财政局", doc_code="X财公开", reconsideration_body="某某县人民政府", court="某某县人民法院"))
    return db


@pytest.fixture
def head(office, admin):
    return users.create_user(office, admin.actor(), "ks", "钱科长", Role.SECTION_HEAD, "pass1234")


def fill_intake(qtbot, dlg, name="张三", id_number="11010519491231002X"):
    # Chinese text arrives through the input method, not as key events: set it directly.
    dlg.applicant_name.setText(name)
    qtbot.keyClicks(dlg.id_number, id_number)
    qtbot.keyClicks(dlg.phone, "13800000000")
    dlg.content.setPlainText("2025年县级部门预算公开情况")


def test_model_passes_qt_model_tester(qtmodeltester, office, admin):
    from app.services import demo  # noqa: F401  (a few rows are enough)
    from app.services.requests import intake
    from tests.app.conftest_requests import make_input

    for i in range(5):
        intake.register(office, admin.actor(), make_input(received=dt.date(2025, 3, 3 + i), content=f"信息{i}"),
                        today=dt.date(2025, 3, 10))
    model = RegisterModel(office)
    model.reload()
    qtmodeltester.check(model)
    model.sort(COL_APPLICANT, Qt.SortOrder.AscendingOrder)
    assert model.rowCount() == 5
    assert model.data(model.index(0, COL_DUE)).endswith("日")


def test_keyboard_intake_with_bad_id_then_save(qtbot, office, head):
    dlg = IntakeDialog(office, head.actor())
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.activateWindow()
    qtbot.waitUntil(dlg.isActiveWindow)
    fill_intake(qtbot, dlg, id_number="110105194912310021")
    qtbot.keyClick(dlg, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dlg.saved_id is None
    assert "校验码" in dlg.form.error_text("id_number")
    dlg.id_number.clear()
    qtbot.keyClicks(dlg.id_number, "11010519491231002X")
    qtbot.keyClick(dlg, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dlg.saved_id is not None
    assert queries.detail(office, dlg.saved_id).number.startswith("X财公开〔")


def test_repeat_warning_offers_the_earlier_request(qtbot, office, head):
    first = IntakeDialog(office, head.actor())
    qtbot.addWidget(first)
    fill_intake(qtbot, first)
    first.save()
    second = IntakeDialog(office, head.actor())
    qtbot.addWidget(second)
    fill_intake(qtbot, second)
    seen = []
    second.confirm_repeat = lambda cands: seen.append(cands) or "open"
    second.save()
    assert second.saved_id is None and second.open_request_id == first.saved_id
    assert seen[0][0].number == queries.detail(office, first.saved_id).number


def test_counter_to_delivered_decision_in_the_window(qtbot, window, office, head, monkeypatch):
    window.set_user(head)
    page = window.register
    assert window.tabs.tabText(1) == "依申请公开"
    dlg = IntakeDialog(office, head.actor())
    qtbot.addWidget(dlg)
    fill_intake(qtbot, dlg)
    dlg.save()
    rid = dlg.saved_id
    page.refresh()
    qtbot.keyClicks(page.search, "zs")
    qtbot.waitUntil(lambda: not page.model.busy and list(page.model.ids) == [rid])

    req = RequestDialog(office, head.actor(), rid)
    qtbot.addWidget(req)
    assert "还剩" in req.clock_label.text()
    assert req.buttons["correction"].isEnabled() and not req.buttons["deliver"].isEnabled()

    a = req.dialog_for("assign")
    a.widgets["handler"].setCurrentText("预算股")
    a.save()
    assert a.result() == 1
    ext = req.dialog_for("extend")
    ext.widgets["reason"].setPlainText("需要调取档案")
    ext.save()
    req.refresh()
    assert req.d.state == "已延期" and not req.buttons["extend"].isEnabled()

    dec = req.dialog_for("decide")
    dec.select_code("2")
    assert dec.article.currentText().startswith("第三十六条第（二）项")
    dec.save()
    assert "withheld" in dec.form._errors and dec.form.error_text("withheld")
    dec.withheld.setPlainText("第三人身份证号码")
    dec.reasons.setPlainText("涉及个人隐私，区分处理")
    dec.provided_docs.setPlainText("预算公开表")
    dec.page_count.setValue(4)
    dec.save()
    assert dec.result() == 1
    req.refresh()
    assert req.d.state == "已答复" and req.buttons["deliver"].isEnabled()

    dl = req.dialog_for("deliver")
    dl.widgets["method"].setCurrentText("邮寄送达")
    dl.save()
    assert "邮件单号" in dl.form.error_text("tracking")
    dl.widgets["tracking"].setText("EMS1234567890")
    dl.save()
    req.refresh()
    assert req.d.state == "已送达"
    kinds = [req.timeline.item(i, 2).text() for i in range(req.timeline.rowCount())]
    assert kinds == ["登记", "分办", "延期", "答复", "送达"]
    monkeypatch.setattr(req, "confirm", lambda q: True)
    req.dialog_for("archive")
    req.refresh()
    assert req.d.state == "已归档"


def _ledger(path, rows):
    from app.services.requests.ledger import COLUMNS

    wb = Workbook()
    ws = wb.active
    ws.append(COLUMNS)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def test_import_ledger_in_window_with_progress(qtbot, window, office, tmp_path):
    page = window.register
    rows = [["", dt.date(2025, 3, 3), "当面提交", "自然人", f"申请人{i}", "", "", "13800000000", "", "",
             f"信息{i}", "纸质", "予以公开", dt.date(2025, 3, 10), "否", "", ""] for i in range(30)]
    path = _ledger(tmp_path / "in.xlsx", rows)
    page.import_from(path, confirm=lambda preview: len(preview.rows) == 30)
    qtbot.waitUntil(lambda: page.footer.text() == "已导入30件申请", timeout=10000)
    assert page.model.rowCount() == 30


def test_broken_ledger_shows_row_numbers(qtbot, window, office, tmp_path):
    page = window.register
    rows = [["", "2025-13-01", "飞鸽", "自然人", "张三", "", "", "", "", "", "x", "", "", None, "否", "", ""]]
    page.import_from(_ledger(tmp_path / "bad.xlsx", rows), confirm=lambda p: True)
    qtbot.waitUntil(lambda: hasattr(page, "last_problems"), timeout=10000)
    text = page.last_problems.text.toPlainText()
    assert "第2行 收到申请日期" in text and "第2行 申请方式" in text
    assert page.model.rowCount() == 0


def test_export_current_view(qtbot, window, office, tmp_path):
    page = window.register
    path = tmp_path / "out.xlsx"
    page.export_to(path)
    qtbot.waitUntil(lambda: path.exists() and "已导出" in page.footer.text(), timeout=10000)


def test_status_bar_counts_overdue(qtbot, window, office, admin):
    from app.services.requests import intake
    from tests.app.conftest_requests import make_input

    intake.register(office, admin.actor(), make_input(received=dt.date(2025, 3, 3)), today=dt.date(2025, 3, 3))
    window.register.refresh()
    window.refresh_status()
    assert window.overdue_label.text() == "已逾期：依申请公开1件"
    assert window.register.counter_buttons["overdue"].text() == "已逾期：1"


def test_status_bar_names_each_module_with_its_unit(window, monkeypatch):
    window.register.overdue_count = lambda: 2
    monkeypatch.setattr("app.services.contacts.register.overdue_count", lambda db: 3)
    window.refresh_status()
    assert window.overdue_label.text() == "已逾期：依申请公开2件，首问负责3条"
    window.register.overdue_count = lambda: 0
    monkeypatch.setattr("app.services.contacts.register.overdue_count", lambda db: 0)
    window.refresh_status()
    assert window.overdue_label.text() == "已逾期：无"


def test_the_register_leaves_room_for_the_request_text(qtbot, office, admin):
    from ui.main_window import MainWindow
    from ui.requests.register_model import COL_CONTENT

    window = MainWindow(office, admin)
    qtbot.addWidget(window)
    window.resize(1200, 760)
    window.show()
    qtbot.waitExposed(window)
    view = window.register.view
    qtbot.waitUntil(lambda: view.columnWidth(COL_CONTENT) >= 12 * view.fontMetrics().horizontalAdvance("申"))
