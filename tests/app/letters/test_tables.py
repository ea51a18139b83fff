"""The table/landscape document engine: header repeat, spans, wrapping inside cells, orientation, identity."""

import io

import pdfplumber
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.letters import tables as t
from app.services.letters import MissingGlyphs
from app.services.progress import Cancelled

HEADER = [[t.Cell("序号", rowspan=2), t.Cell("来访情况", colspan=2)], [t.Cell("姓名"), t.Cell("事项")]]


def rows(n: int, text: str = "咨询政府信息公开申请的办理流程") -> list[list[t.Cell]]:
    return [[t.Cell(str(i + 1)), t.Cell(f"申请人{i + 1}", align="left"), t.Cell(text, align="left")]
            for i in range(n)]


def pages_of(pdf: bytes) -> list[tuple[tuple[int, int], str, list[dict]]]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [((round(p.width), round(p.height)), (p.extract_text() or "").replace("\n", ""), p.chars)
                for p in doc.pages]


def table_ops(doc: t.Document) -> list[tuple[int, int, int]]:
    return [(n, op[5], op[6]) for n, page in enumerate(t.paginate(doc)) for op in page.ops if op[0] == "table"]


def test_long_table_repeats_header_and_covers_every_row_once():
    doc = t.Document([t.Title("首问负责登记簿"), t.Table([1, 3, 6], HEADER, rows(120))])
    frags = table_ops(doc)
    assert len(frags) >= 3
    covered = [r for _, a, b in frags for r in range(a, b)]
    assert covered == list(range(120))
    pages = pages_of(t.render(doc))
    assert len(pages) == len(frags)
    for _size, text, _chars in pages:
        assert "来访情况" in text and "序号" in text  # header on every page
    assert "申请人120" in pages[-1][1]


def test_rows_joined_by_a_rowspan_stay_on_one_page():
    body = rows(28)  # about 30 rows fit on a page: rows 28-31 would straddle the break
    body.append([t.Cell("29", rowspan=4), t.Cell("合并", rowspan=4), t.Cell("第一行")])
    body += [[t.Cell(f"第{k}行")] for k in "二三四"]
    doc = t.Document([t.Table([1, 3, 6], HEADER, body + rows(30))])
    frags = table_ops(doc)
    assert len(frags) >= 2
    starts = [a for _p, a, _b in frags]
    assert 28 in starts  # the whole band moved to the next page
    for _page, a, b in frags:
        assert not 28 < a < 32 and not 28 < b < 32, (a, b)


def test_a_span_taller_than_a_page_is_split_and_its_text_repeated():
    body = [[t.Cell("三、本年度办理结果", rowspan=80), t.Cell(f"第{i}项")] for i in range(1)]
    body += [[t.Cell(f"第{i}项")] for i in range(1, 80)]
    doc = t.Document([t.Table([2, 5], [[t.Cell("项目"), t.Cell("内容")]], body)])
    pages = pages_of(t.render(doc))
    assert len(pages) >= 2
    assert all("本年度办理结果" in text for _s, text, _c in pages)


def test_cell_text_wraps_inside_its_cell_with_kinsoku():
    long = "，".join(["申请公开本机关二〇二六年度部门预算"] * 6) + "。"
    doc = t.Document([t.Table([1, 2], [[t.Cell("序号"), t.Cell("内容")]], [[t.Cell("1"), t.Cell(long, align="left")]])])
    (op,) = [op for page in t.paginate(doc) for op in page.ops if op[0] == "table"]
    body = op[4]
    (cell,) = [p for p in body.placed if p.col == 1]
    assert len(cell.lines) > 2
    assert all(line.text[0] not in "，。、" for line in cell.lines)
    col_w = op[1]
    # every character of the cell lies inside the cell's rules
    _size, _text, chars = pages_of(t.render(doc))[0]
    x_lo = t.PORTRAIT.left + col_w[0]
    inside = [c for c in chars if c["text"] in long and c["x0"] >= x_lo - 0.5]
    assert inside and all(c["x1"] <= x_lo + col_w[1] + 0.5 for c in inside)


def test_landscape_pages_and_page_numbers_run_on():
    doc = t.Document([t.Title("督查记录"), t.Paragraph("正文。" * 10), t.PageBreak(t.LANDSCAPE),
                      t.Table([1, 3, 6], HEADER, rows(10))])
    pages = pages_of(t.render(doc))
    assert [s for s, _t, _c in pages] == [(595, 842), (842, 595)]
    assert "— 1 —" in pages[0][1] and "— 2 —" in pages[1][1]
    # landscape: nothing but the page number outside the turned block
    f = t.LANDSCAPE
    for c in pages[1][2]:
        if c["text"] in "— 0123456789 ":
            continue
        assert f.left - 1 <= c["x0"] and c["x1"] <= f.left + f.width + 1, c
        assert f.top - 1 <= c["top"] and c["bottom"] <= f.top + f.height + 1, c


def test_heading_is_not_left_alone_at_the_bottom():
    items: list = [t.Paragraph("正文。" * 13) for _ in range(10)]
    items += [t.Heading("二、下一部分"), t.Table([1, 3, 6], HEADER, rows(5))]
    doc = t.Document(items)
    pages = t.paginate(doc)
    heading_page = next(n for n, p in enumerate(pages) for op in p.ops
                        if op[0] == "line" and op[1].text.startswith("二、"))
    table_page = next(n for n, p in enumerate(pages) for op in p.ops if op[0] == "table")
    assert heading_page == table_page


def test_output_is_reproducible_and_malformed_tables_are_refused():
    doc = t.Document([t.Heading("一、总体情况"), t.Table([1, 3, 6], HEADER, rows(30))])
    assert t.render(doc) == t.render(doc)
    with pytest.raises(ValueError):
        t.render(t.Document([t.Table([1, 1], [], [[t.Cell("a")]])]))
    with pytest.raises(ValueError):
        t.render(t.Document([t.Table([1, 1], [], [[t.Cell("a"), t.Cell("b", colspan=2)]])]))


def test_missing_glyph_is_refused_before_printing():
    with pytest.raises(MissingGlyphs):
        t.render(t.Document([t.Table([1], [], [[t.Cell("\U000f0000")]])]))


def test_keep_together_moves_a_short_table_whole():
    filler = [t.Paragraph("正文。" * 13) for _ in range(8)]
    split = t.Document([*filler, t.Table([1, 3, 6], HEADER, rows(20))])
    kept = t.Document([*filler, t.Table([1, 3, 6], HEADER, rows(20), keep_together=True)])
    assert len(table_ops(split)) == 2
    assert [(a, b) for _p, a, b in table_ops(kept)] == [(0, 20)]


class _Recorder:
    """A progress sink that stops the print once ``stop_after`` pages were reported (0: never)."""

    def __init__(self, stop_after: int = 0) -> None:
        self.reports: list[tuple[int, int, str]] = []
        self.stop_after = stop_after

    def report(self, done: int, total: int, text: str = "") -> None:
        self.reports.append((done, total, text))

    def check(self) -> None:
        if self.stop_after and len(self.reports) >= self.stop_after:
            raise Cancelled()


def test_a_long_print_reports_every_page_and_can_be_cancelled():
    doc = t.Document([t.Title("首问负责登记簿"), t.Table([1, 3, 6], HEADER, rows(120))])
    pages = t.page_count(doc)
    seen = _Recorder()
    assert t.render(doc, seen) == t.render(doc)  # reporting changes nothing in the PDF
    assert [d for d, _t, _x in seen.reports] == list(range(pages + 1))
    assert {total for _d, total, _x in seen.reports} == {pages}
    assert seen.reports[0][2] == f"正在排版第1页，共{pages}页"
    stopping = _Recorder(stop_after=2)
    with pytest.raises(Cancelled):
        t.render(doc, stopping)
    assert len(stopping.reports) == 2


SIGNATURE = t.Paragraph("\n主持人（签字）：　　　　　　　　　　年　　月　　日\n\n记录人（签字）：　　　　　　　　　　年　　月　　日",
                        first_indent=0, keep_together=True)


def _check_flow(doc: t.Document) -> list:
    """The engine's promises on any document ending with a signature block: no page ends with a
    heading, the signature never stands alone, nothing overflows, every table row printed once."""
    pages = t.paginate(doc)
    for page in pages:
        assert all(t._op_end(op) <= page.frame.height + 0.01 for op in page.ops)
    for page in pages[:-1]:
        last = page.ops[-1]
        assert not (last[0] == "line" and last[1].keep), last[1].text
    sig = next(n for n, p in enumerate(pages) for op in p.ops if op[0] == "line" and "主持人" in op[1].text)
    first = next(op for op in pages[sig].ops if op[0] == "table" or op[1].text)
    assert not (first[0] == "line" and "主持人" in first[1].text), "signature alone on its page"
    covered: dict[int, list[int]] = {}
    for page in pages:
        for op in page.ops:
            if op[0] == "table":
                covered.setdefault(id(op[4]), []).extend(range(op[5], op[6]))
    tables = [x for x in doc.items if isinstance(x, t.Table)]
    assert sorted(len(v) for v in covered.values()) == sorted(len(x.rows) for x in tables)
    assert all(v == sorted(set(v)) for v in covered.values())
    return pages


def test_meeting_record_signature_page_carries_the_tasks_table():
    """The 专题会议记录 of the review: its 整改任务 (heading and one-row table) used to fit on page 1 and
    leave the signatures alone on page 2; now the heading and table go on with them."""
    info = t.Table([1, 3], rows=[[t.Cell(k), t.Cell("某某县财政局", align="left")] for k in "单位 会议名称 会议时间 会议地点 "
                                 "主持人 参会人员 记录状态".split()], keep_together=True)
    doc = t.Document([t.Title("政务公开专题会议记录"), info,
                      t.Heading("一、听取汇报"), t.Paragraph("办公室关于本期政务公开工作情况的汇报。" * 2),
                      t.Heading("二、研究的问题"), t.Paragraph("依申请公开按期答复率和投诉举报办理中存在的问题。" * 2),
                      t.Heading("三、议定事项"), t.Paragraph("各股室对督查发现的问题限期整改。" * 2),
                      t.Heading("四、整改任务"), t.Table([1, 3, 1], [[t.Cell("序号"), t.Cell("整改内容"), t.Cell("状态")]],
                                                    [[t.Cell("1"), t.Cell("每月通报依申请公开办理情况"), t.Cell("已整改")]]),
                      t.Spacer(), SIGNATURE])
    for extra in range(0, 6):  # a longer 议定事项 moves the break: the rule holds wherever it falls
        doc.items[7] = t.Paragraph("各股室对督查发现的问题限期整改。" * (2 + extra))
        pages = _check_flow(doc)
    assert len(pages) == 2


@settings(max_examples=400, deadline=None, database=None)
@given(st.lists(st.tuples(st.integers(1, 2), st.integers(0, 40), st.integers(0, 25)), min_size=1, max_size=6))
def test_no_heading_ends_a_page_and_the_signature_never_stands_alone(sections):
    items: list = [t.Title("政务公开季度督查记录")]
    for n, (level, chars, nrows) in enumerate(sections):
        items.append(t.Heading(f"{n + 1}、部分", level=level))
        items.append(t.Paragraph("正文。" * (chars * 3)) if chars else t.Table([1, 3, 6], HEADER, rows(nrows)))
    _check_flow(t.Document([*items, t.Spacer(), SIGNATURE]))
