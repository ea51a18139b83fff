"""避头尾 and unbreakable runs on the line-breaking function itself, with generated text;
the signature rule on generated paragraph lengths."""

import re

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from app.letters import layout
from app.letters.layout import BLOCK_W, LINES, Block, Line, break_lines, paginate

CJK = st.sampled_from("政府信息公开申请本机关答复告知书第条款项县财政局")
CLOSING = st.text(alphabet="，。、；：？！）》〉」』】〕”’…", min_size=1, max_size=6)
OPENING = st.text(alphabet="（《〈「『【〔“‘", min_size=1, max_size=8)
DATES = st.dates().map(lambda d: f"{d.year}年{d.month}月{d.day}日")
NUMBERS = st.tuples(st.sampled_from(["X财公开", "某府办", "财公开答"]), st.integers(2000, 2099),
                    st.integers(1, 99999)).map(lambda t: f"{t[0]}〔{t[1]}〕{t[2]}号")
DIGITS = st.integers(0, 10**12).map(str)
TEXT = st.lists(st.one_of(CJK, CJK, CJK, CLOSING, OPENING, DATES, NUMBERS, DIGITS), min_size=1, max_size=120)
DATE_RE = re.compile(r"\d+年\d+月\d+日")
NUMBER_RE = re.compile(r"〔\d{4}〕\d+号")


@settings(max_examples=2000, deadline=None, database=None)
@given(TEXT, st.integers(0, 4))
def test_kinsoku_and_whole_dates_and_numbers(pieces, indent):
    text = "".join(pieces)
    # the guarantee holds whenever each unbreakable piece fits on a line (see the next test otherwise)
    assume(all(sum(layout._advance(c, "body", layout.BODY_PT) for c in a) <= BLOCK_W - indent * layout.CELL
               for a in layout.atoms(text)))
    lines = break_lines(Block(text, first_indent=indent))
    assert "".join(x.text for x in lines) == text  # nothing lost or added
    for line in lines:
        width = (line.indent if line is lines[0] else 0) * layout.CELL + sum(
            layout._advance(c, "body", layout.BODY_PT) for c in line.text)
        assert width <= BLOCK_W + 0.01
    for prev, line in zip(lines, lines[1:], strict=False):
        assert line.text[:1] not in layout.NO_START, (prev.text, line.text)
        assert prev.text[-1:] not in layout.NO_END, (prev.text, line.text)
    for piece in pieces:
        if DATE_RE.fullmatch(piece) or NUMBER_RE.search(piece):
            assert any(piece in x.text for x in lines), piece


def test_a_run_longer_than_a_line_is_still_broken_and_kept():
    text = "好" + "。" * 40 + "https://example.gov.cn/" + "a" * 60
    lines = break_lines(Block(text, first_indent=2))
    assert "".join(x.text for x in lines) == text and len(lines) >= 3


def _letter(body_lines: int, last_para: int) -> list[Line]:
    lines = [Line("标题", size=22), Line("号"), Line("")]
    lines += [Line("正文", para=1) for _ in range(body_lines)]
    lines += [Line("救济", para=2) for _ in range(last_para)]
    lines += [Line("特此告知。", group=1), Line("", group=1), Line("", group=1), Line("机关", group=1),
              Line("日期", group=1)]
    return lines


@settings(max_examples=300, deadline=None, database=None)
@given(st.integers(0, 60), st.integers(1, 12))
def test_signature_block_never_alone_short_clause_never_split_page_never_half_empty(body, last):
    pages = paginate(_letter(body, last))
    sig_page = next(i for i, p in enumerate(pages) if any(x.group for x in p))
    assert any(x.text and not x.group for x in pages[sig_page])  # text before the signature on its page
    if last <= layout.SHORT_PARAGRAPH:
        assert [i for i, p in enumerate(pages) if any(x.para == 2 for x in p)] == [sig_page]
    for p in pages[:-1]:
        assert sum(2 if x.size > 18 else 1 for x in p) >= LINES // 2


def _sections(lengths: list[int], heading_lines: list[int], signature: bool) -> list[Line]:
    """A title, then sections: a heading (one or two lines, ``keep``) and its body paragraph."""
    lines = [Line("标题", size=22), Line("号"), Line("")]
    for n, (body, head) in enumerate(zip(lengths, heading_lines, strict=False)):
        lines += [Line(f"{n}、标题", role="hei", para=2 * n + 1, keep=True) for _ in range(head)]
        lines += [Line("正文", para=2 * n + 2) for _ in range(body)]
    if signature:
        lines += [Line("", group=1), Line("机关", group=1), Line("日期", group=1)]
    return lines


@settings(max_examples=500, deadline=None, database=None)
@given(st.lists(st.integers(1, 30), min_size=1, max_size=14), st.lists(st.integers(1, 2), min_size=14, max_size=14),
       st.booleans())
def test_a_heading_never_ends_a_page_and_goes_on_with_its_section(lengths, heads, signature):
    lines = _sections(lengths, heads, signature)
    pages = paginate(lines)
    assert [x for p in pages for x in p if x.text] == [x for x in lines if x.text]  # nothing lost, order kept
    for p in pages[:-1]:
        text = [x for x in p if x.text]
        assert not text[-1].keep, [x.text for x in text[-3:]]
        assert sum(2 if x.size > 18 else 1 for x in p) <= LINES
        # a heading that moved takes at most its two lines and one line of its section along
        assert sum(2 if x.size > 18 else 1 for x in p) >= LINES // 2
    for p in pages[1:]:  # a heading that went on has the start of its section under it on the new page
        first = [x for x in p if x.text]
        if first[0].keep:
            assert any(not x.keep for x in first[1:]), [x.text for x in first]
    if signature:
        sig_page = next(p for p in pages if any(x.group for x in p))
        assert any(x.text and not x.group for x in sig_page)


def test_builders_mark_their_section_headings():
    """The 办事指南 and 一次性告知书 builders make their 一、二、… headings with section_heading: the
    review's two documents (九、办理地点和时间 and 七、… were left at a page's foot) print without it."""
    import datetime as dt

    from app.services.catalogue import guide
    from app.services.catalogue.demo_data import catalogue_for
    from app.services.notices import document, issue

    matters = catalogue_for("某某县财政局")
    built = guide.build(matters[1], 1, "某某县财政局", dt.date(2026, 7, 2))
    heads = [b.text for b in built.blocks if b.keep_with_next]
    assert heads[0] == "一、事项类别" and "九、办理地点和时间" in heads and len(heads) == 11
    materials = list(enumerate(matters[0].materials, start=1))
    items = issue.missing_items(materials, {6: issue.Mark(issue.DEFECTIVE, "缺少法人股东近三年审计报告")})
    notice = document.build(document.NoticeDoc(
        number="X财公开告〔2026〕43号", day=dt.date(2026, 11, 29), applicant="刘试验", phone="13912345678",
        matter=matters[0], version=2, items=items, clerk="赵窗口", clerk_phone="0731-83561234", agency="某某县财政局"))
    assert any(b.keep_with_next and b.text.startswith("七、") for b in notice.blocks)
    for doc in (built, notice):
        pages = layout.lay_out(doc)
        assert len(pages) > 1
        for page in pages[:-1]:
            assert not [x for x in page if x.text][-1].keep
        assert any(x.text and not x.group for x in pages[-1])  # the signature page carries text
