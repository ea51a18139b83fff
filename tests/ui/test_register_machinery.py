"""The shared lazy register (ui/register): bounded cache, background list and search, stale results
dropped, one-row refresh after a save, the empty message, back to the top on new results."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from PySide6.QtCore import Qt

from app.db.models import InfoRequest
from app.services.requests import queries
from app.services.search import register
from ui.register.model import LazyRegisterModel
from ui.register.view import RegisterView
from ui.requests.register_model import COL_APPLICANT, COL_CONTENT, COLUMNS, RegisterModel
from ui.requests.register_page import RegisterPage

D = dt.date(2025, 3, 3)


@pytest.fixture
def many(office):
    """120 requests inserted through the ORM (the flush listener indexes them)."""
    with office.session(actor="测试", action="登记") as s:
        for i in range(120):
            name = ("张三" if i % 10 == 0 else "李四") + str(i)
            s.add(InfoRequest(number=f"X财公开〔2025〕{i + 1}号", year=2025, seq=i + 1, channel="当面提交",
                              received_date=D + dt.timedelta(days=i % 30), applicant_type="自然人",
                              applicant_name=name, phone="13800000000",
                              content=("县级部门预算执行情况" if i % 3 == 0 else "征地补偿款拨付") + "。" * 200,
                              state="已登记", clock_start=D, due_date=D + dt.timedelta(days=28)))
    return office


def _model(db, page=10, max_pages=3) -> LazyRegisterModel:
    return LazyRegisterModel(db, queries.SPEC, COLUMNS, page=page, max_pages=max_pages)


def test_first_page_now_rest_in_background(qtbot, many):
    model = _model(many)
    with qtbot.waitSignal(model.results_changed, timeout=10_000):
        model.set_base([], "received_date", True, key="all")
        assert model.rowCount() == 10 and model.loading  # the first page is on screen at once
    qtbot.waitUntil(lambda: not model.busy)
    assert model.rowCount() == 120
    assert list(model.ids) == queries.list_ids(many, queries.RegisterFilter())


def test_page_cache_is_bounded(qtbot, many):
    model = _model(many)
    model.set_base([], "received_date", True, key="all")
    qtbot.waitUntil(lambda: not model.busy)
    for row in range(model.rowCount()):  # scroll end to end
        assert model.data(model.index(row, COL_APPLICANT))
        assert model.cached_rows <= 30
    assert len(model._pages) == 3  # noqa: SLF001


def test_search_in_background_orders_like_the_list(qtbot, many):
    model = _model(many)
    model.set_base([], "received_date", True, key="all")
    qtbot.waitUntil(lambda: not model.busy)
    model.set_search("张三")
    assert model.searching
    qtbot.waitUntil(lambda: not model.busy)
    expected = [i for i in queries.list_ids(many, queries.RegisterFilter()) if i in queries.matching_ids(many, "张三")]
    assert list(model.ids) == expected and len(expected) == 12


def test_newer_keystroke_wins(qtbot, many):
    model = _model(many)
    model.set_base([], "received_date", True, key="all")
    qtbot.waitUntil(lambda: not model.busy)
    for text in ["征", "征地", "张", "张三1", "预算"]:
        model.set_search(text)
    qtbot.waitUntil(lambda: not model.busy)
    qtbot.wait(50)  # any older search still running must not overwrite
    assert set(model.ids) == queries.matching_ids(many, "预算") and len(model.ids) == 40


def test_unselective_search_streams_first_screen(qtbot, many, monkeypatch):
    monkeypatch.setattr(register, "SELECTIVE", 5)
    monkeypatch.setattr(register, "FIRST_SCREEN", 3)
    monkeypatch.setattr(register, "SCAN_BATCH", 4)
    monkeypatch.setattr(register, "HEAD_DOCS", 20)  # the list is longer than the documents kept in memory
    model = _model(many)
    model.set_base([], "received_date", True, key="all")
    qtbot.waitUntil(lambda: not model.busy)
    seen: list[tuple[int, bool]] = []
    model.results_changed.connect(lambda: seen.append((model.rowCount(), model.searching)))
    model.set_search("李四")
    qtbot.waitUntil(lambda: not model.busy)
    assert seen[0][1] and 3 <= seen[0][0] < 108  # a first screen while still searching
    assert model.rowCount() == 108 and not seen[-1][1]


def test_streamed_rest_is_appended_not_reset(qtbot, many, monkeypatch):
    monkeypatch.setattr(register, "SELECTIVE", 5)
    monkeypatch.setattr(register, "FIRST_SCREEN", 3)
    monkeypatch.setattr(register, "HEAD_DOCS", 20)
    model = _model(many)
    model.set_base([], "received_date", True, key="all")
    qtbot.waitUntil(lambda: not model.busy)
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(model.rowCount()))
    model.set_search("李四")
    qtbot.waitUntil(lambda: not model.busy)
    expected = [i for i in queries.list_ids(many, queries.RegisterFilter()) if i in queries.matching_ids(many, "李四")]
    assert list(model.ids) == expected
    assert len(resets) == 1 and resets[0] < 108  # one reset for the first screen; the rest came as inserted rows


@pytest.mark.parametrize("text", ["张三", "zs", "李四 预算", "征地", "三1", "x财公开〔2025〕7号", "没有这个"])
def test_first_screen_from_memory_equals_the_database(qtbot, many, text):
    """The list fits in the kept documents: the whole answer comes from memory, and it is the database's."""
    model = _model(many)
    model.set_base([], "received_date", True, key="all")
    qtbot.waitUntil(lambda: not model.busy)
    assert model._docs is not None  # noqa: SLF001 - loaded with the list
    model.set_search(text)
    qtbot.waitUntil(lambda: not model.busy)
    expected = [i for i in queries.list_ids(many, queries.RegisterFilter()) if i in queries.matching_ids(many, text)]
    assert list(model.ids) == expected


def test_saved_record_is_found_by_its_new_text(qtbot, many):
    """Kept documents are dropped when a row is saved: no search answers from the old text."""
    model = _model(many)
    model.set_base([], "received_date", True, key="all")
    qtbot.waitUntil(lambda: not model.busy)
    rid = model.id_at(3)
    with many.session(actor="测试", action="更正") as s:
        s.get(InfoRequest, rid).applicant_name = "欧阳修"
    model.refresh_record(rid)
    model.set_search("欧阳")
    qtbot.waitUntil(lambda: not model.busy)
    assert list(model.ids) == [rid]


def test_save_refreshes_one_row_not_the_list(qtbot, many):
    model = _model(many)
    model.set_base([], "received_date", True, key="all")
    qtbot.waitUntil(lambda: not model.busy)
    rid = model.id_at(5)
    model.data(model.index(5, COL_APPLICANT))
    with many.session(actor="测试", action="更正") as s:
        s.get(InfoRequest, rid).applicant_name = "王五"
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    with qtbot.waitSignal(model.dataChanged) as changed:
        model.refresh_record(rid)
    assert changed.args[0].row() == 5 and not resets
    assert model.data(model.index(5, COL_APPLICANT)) == "王五"


def test_new_record_goes_to_the_top(qtbot, many):
    model = _model(many)
    model.set_base([], "received_date", True, key="all")
    qtbot.waitUntil(lambda: not model.busy)
    with many.session(actor="测试", action="登记") as s:
        req = InfoRequest(number="X财公开〔2025〕999号", year=2025, seq=999, channel="当面提交", received_date=D,
                          applicant_type="自然人", applicant_name="新来", content="x", state="已登记",
                          clock_start=D, due_date=D)
        s.add(req)
        s.flush()
        rid = req.id
    with qtbot.waitSignal(model.rowsInserted):
        model.add_record(rid)
    assert model.id_at(0) == rid and model.rowCount() == 121


def test_view_empty_message_and_scroll_to_top(qtbot, many):
    model = RegisterModel(many)
    view = RegisterView(model)
    qtbot.addWidget(view)
    view.resize(900, 300)
    view.show()
    model.set_filter(queries.RegisterFilter())
    qtbot.waitUntil(lambda: not model.busy)
    view.scrollToBottom()
    assert view.verticalScrollBar().value() > 0
    model.set_filter(queries.RegisterFilter(search="李四"))
    qtbot.waitUntil(lambda: not model.busy and view.verticalScrollBar().value() == 0)
    assert view.current_message() == ""
    model.set_filter(queries.RegisterFilter(search="没有这个人"))
    qtbot.waitUntil(lambda: not model.busy)
    assert model.rowCount() == 0
    assert view.current_message() == "没有找到包含“没有这个人”的记录"


def test_content_is_one_elided_line_with_full_tooltip(qtbot, many):
    model = RegisterModel(many)
    view = RegisterView(model)
    qtbot.addWidget(view)
    model.set_filter(queries.RegisterFilter())
    qtbot.waitUntil(lambda: not model.busy)
    assert not view.wordWrap() and view.textElideMode() == Qt.TextElideMode.ElideRight
    tip = model.data(model.index(0, COL_CONTENT), Qt.ItemDataRole.ToolTipRole)
    assert tip == queries.detail(many, model.id_at(0)).content  # 207 characters, shown whole


def test_page_says_when_nothing_matches_and_pinyin_of_content_finds(qtbot, many, clerk):
    page = RegisterPage(many, clerk)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.model.busy)
    qtbot.keyClicks(page.search, "zdbc")  # 征地补偿: the content by its pinyin initials
    qtbot.waitUntil(lambda: not page.model.busy and page.model.search_text == "zdbc")
    assert page.model.rowCount() == 80 and page.footer.text() == "共80件"
    page.search.setText("查无此件")
    qtbot.waitUntil(lambda: not page.model.busy and page.model.rowCount() == 0)
    assert "没有找到包含“查无此件”的申请" in page.view.current_message()


def test_selective_search_ordered_by_the_kept_positions(qtbot, many, monkeypatch):
    """Beyond the kept documents, a selective search is put in list order from the positions kept with
    the full list (no ordering query), and the order is the database's."""
    monkeypatch.setattr(register, "HEAD_DOCS", 5)
    asked: list[int] = []
    monkeypatch.setattr(register, "ordered_subset", lambda *a, **k: asked.append(1))
    model = _model(many)
    model.set_base([], "applicant_name", False, key="by-name")
    qtbot.waitUntil(lambda: not model.busy)
    assert model._rank is not None and model._by_doc is not None  # noqa: SLF001
    for text, count in [("张三", 12), ("张三 预算", 4), ("zs", 12)]:  # one term: index rows only; two: the join
        model.set_search(text)
        qtbot.waitUntil(lambda: not model.busy)
        expected = [i for i in queries.list_ids(many, queries.RegisterFilter(), sort="applicant_name",
                                                descending=False) if i in queries.matching_ids(many, text)]
        assert list(model.ids) == expected and len(expected) == count and not asked, text


@pytest.mark.skipif(not hasattr(os, "setpriority"), reason="per-thread priority is set on Linux only")
def test_workers_run_below_the_window(qtbot):
    """A search worker never competes with the window's thread for a core at equal priority."""
    import threading

    from PySide6.QtCore import QThreadPool

    from ui.register.model import _Job

    seen: list[int] = []
    QThreadPool.globalInstance().start(_Job(lambda: seen.append(os.getpriority(os.PRIO_PROCESS,
                                                                                threading.get_native_id()))))
    qtbot.waitUntil(lambda: bool(seen))
    assert seen[0] >= 10 and os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) < 10
