"""导出当前列表 service (app.services.search.export): ids in the given order, the given columns' texts,
formula-safe cells, rights checked now, nothing left behind on cancel."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from app.db.models import InfoRequest
from app.services.errors import PermissionDenied
from app.services.progress import Cancelled
from app.services.requests import intake, queries
from app.services.rights import Right
from app.services.search.export import export_list
from tests.app.conftest_requests import D, make_input

COLUMNS = [("申请编号", lambda r: r[queries.R_NUMBER]), ("申请人", lambda r: r[queries.R_APPLICANT]),
           ("收到日期", lambda r: f"{r[queries.R_RECEIVED]:%Y年%m月%d日}")]


@pytest.fixture
def three(office, clerk):
    names = ["张三", "=HYPERLINK(\"http://x\")", "李四"]
    return [intake.register(office, clerk, make_input(applicant_name=n, received=D(2025, 3, 3 + i)),
                            today=D(2025, 3, 10)) for i, n in enumerate(names)]


def test_rows_in_the_given_order_with_the_given_columns(office, clerk, three, tmp_path):
    path = tmp_path / "列表.xlsx"
    order = [three[2], three[0], three[1]]
    assert export_list(office, clerk, queries.SPEC, order, COLUMNS, path, "依申请公开列表") == 3
    ws = load_workbook(path).active
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    assert ws.title == "依申请公开列表"
    assert rows[0] == ["申请编号", "申请人", "收到日期"]
    assert [r[1] for r in rows[1:]] == ["李四", "张三", "=HYPERLINK(\"http://x\")"]
    assert rows[1][2] == "2025年03月05日"
    formula_cell = ws.cell(4, 2)
    assert formula_cell.data_type == "s"  # stored as text: Excel never runs it


def test_deleted_meanwhile_is_skipped(office, clerk, three, tmp_path):
    with office.session(actor="测试", action="删除") as s:
        s.delete(s.get(InfoRequest, three[1]))
    assert export_list(office, clerk, queries.SPEC, three, COLUMNS, tmp_path / "a.xlsx", "列表") == 2


def test_right_is_checked_now(office, clerk, three, tmp_path):
    path = tmp_path / "b.xlsx"
    with pytest.raises(PermissionDenied, match="导出投诉举报"):
        export_list(office, clerk, queries.SPEC, three, COLUMNS, path, "列表", right=Right.COMPLAINT_EXPORT)
    assert not path.exists()


def test_cancel_leaves_no_file(office, clerk, three, tmp_path, monkeypatch):
    import app.services.search.export as export

    monkeypatch.setattr(export, "PAGE", 1)

    class CancelAfterFirstPage:
        pages = 0

        def report(self, done: int, total: int, text: str = "") -> None:
            self.pages += 1

        def check(self) -> None:
            if self.pages:
                raise Cancelled()

    path = tmp_path / "c.xlsx"
    with pytest.raises(Cancelled):
        export_list(office, clerk, queries.SPEC, three, COLUMNS, path, "列表", progress=CancelAfterFirstPage())
    assert not path.exists() and not list(tmp_path.glob("c.xlsx*"))
