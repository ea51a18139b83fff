"""导出当前列表 from any register view (ui/register/export.py): the list as shown — search applied, in
its order, the visible columns left to right as on screen — written off the UI thread."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from tests.ui.test_register_machinery import many  # noqa: F401  (120 requests fixture)
from ui.register.export import export_current_view, visible_columns
from ui.requests.register_model import COL_APPLICANT, COL_CONTENT, COL_NUMBER, COL_RECEIVED
from ui.requests.register_page import RegisterPage


@pytest.fixture
def page(qtbot, many, admin):  # noqa: F811
    p = RegisterPage(many, admin.actor())
    qtbot.addWidget(p)
    qtbot.waitUntil(lambda: not p.model.busy)
    return p


def test_exports_the_searched_list_with_visible_columns_as_arranged(qtbot, page, tmp_path):
    page.search.setText("张三")
    qtbot.waitUntil(lambda: not page.model.busy)
    view = page.view
    for n in range(page.model.columnCount()):
        view.setColumnHidden(n, n not in (COL_NUMBER, COL_RECEIVED, COL_APPLICANT, COL_CONTENT))
    header = view.horizontalHeader()
    header.moveSection(header.visualIndex(COL_APPLICANT), 0)  # the user dragged 申请人 to the front
    assert [h for h, _ in visible_columns(view)] == ["申请人", "申请编号", "收到日期", "申请内容"]
    done: list[int] = []
    path = tmp_path / "当前列表.xlsx"
    export_current_view(view, path, on_done=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=10_000)
    rows = [[c.value for c in r] for r in load_workbook(path).active.iter_rows()]
    assert rows[0] == ["申请人", "申请编号", "收到日期", "申请内容"]
    shown = [[page.model.data(page.model.index(r, c)) for c in (COL_APPLICANT, COL_NUMBER, COL_RECEIVED,
                                                                 COL_CONTENT)]
             for r in range(page.model.rowCount())]
    assert rows[1:] == shown and done == [12] == [len(shown)]


def test_every_register_offers_it(qtbot, many, admin):  # noqa: F811
    from ui.contacts.page import ContactsPage
    from ui.notices.register_page import NoticeRegister

    for cls in (RegisterPage, ContactsPage, NoticeRegister):
        p = cls(many, admin.actor())
        qtbot.addWidget(p)
        assert p.view.export_action in p.view.context_actions, cls.__name__
        assert p.view.export_actor() == admin.actor()


def test_complaints_export_needs_the_complaint_export_right(qtbot, many, admin, tmp_path, monkeypatch):  # noqa: F811
    from app.db.models import Role
    from app.services import users
    from app.services.rights import Right
    from ui.complaints.page import ComplaintsPage

    clerk = users.create_user(many, admin.actor(), "zs", "赵窗口", Role.CLERK, "pass1234").actor()
    p = ComplaintsPage(many, clerk)
    qtbot.addWidget(p)
    qtbot.waitUntil(lambda: not p.model.busy)
    assert p.view.export_right == Right.COMPLAINT_EXPORT
    told: list[str] = []
    monkeypatch.setattr("ui.register.export.QMessageBox.warning", lambda *a: told.append(a[2]))
    export_current_view(p.view, tmp_path / "投诉.xlsx")
    qtbot.waitUntil(lambda: bool(told), timeout=10_000)
    assert "导出投诉举报" in told[0] and not (tmp_path / "投诉.xlsx").exists()


def test_not_while_the_list_is_still_arriving(qtbot, page, tmp_path, monkeypatch):
    told: list[str] = []
    monkeypatch.setattr("ui.register.export.QMessageBox.information", lambda *a: told.append(a[2]))
    page.model.searching = True
    assert export_current_view(page.view, tmp_path / "x.xlsx") is None
    assert "稍候" in told[0] and not (tmp_path / "x.xlsx").exists()
