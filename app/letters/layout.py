"""A small CJK typesetter on the GB/T 9704-2012 grid.

A4; text block 156 × 225 mm at 28 mm from the left and 37 mm from the top;
22 lines of 28 characters; body 16 pt, title 22 pt centred; page numbers
"— 1 —" in 14 pt, 7 mm below the block, odd pages right and even pages left,
one character in.  Characters are placed on the grid directly (ReportLab's
Paragraph cannot space CJK characters to 28 a line), lines never start with
closing punctuation, a section heading is never the last line of a page (it
goes to the next page with the start of its section), and the signature block
is kept on one page together with the end of the text before it.  Output is byte-for-byte reproducible.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from functools import lru_cache

from reportlab.lib.colors import black
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from app.letters import fonts

PAGE_W, PAGE_H = A4
LEFT = 28 * mm
TOP = 37 * mm
BLOCK_W = 156 * mm
BLOCK_H = 225 * mm
BOTTOM = PAGE_H - TOP - BLOCK_H  # 35 mm
LINES = 22
CHARS = 28
PITCH = BLOCK_H / LINES  # line pitch ≈ 28.9 pt
CELL = BLOCK_W / CHARS  # character cell ≈ 15.8 pt
BODY_PT = 16
TITLE_PT = 22
PAGENO_PT = 14
# 避头尾: closing marks never start a line, opening marks never end one.
NO_START = set("，。、；：？！）》〉」』】〕”’·…—%,.;:?!)]}")
NO_END = set("（《〈「『【〔“‘([{")
# Runs that must never be split across lines: document numbers (X财公开〔2025〕17号),
# dates (2025年4月2日, 2025年4月, 4月2日), money and other digit/Latin runs (12.5元 is
# kept as "12.5"), and the doubled marks …… and ——.
_DOC_NUMBER = re.compile(r"[^\s\d年月日，。、；：？！（）《》〈〉「」『』【】〔〕“”‘’]{0,8}〔\d{4}〕\d+号")
_UNBREAKABLE = re.compile(
    r"\d+年\d+月\d+日|\d+年\d+月|\d+月\d+日|\d+年"
    r"|[0-9A-Za-z][0-9A-Za-z.,:/@_%+\-]*"
    r"|……|——"
)


@dataclass
class Line:
    text: str
    role: str = "body"  # font role
    size: float = BODY_PT
    align: str = "left"  # left | center | right
    indent: int = 0  # characters from the left (or, for align=right, from the right)
    group: int = 0  # lines with the same non-zero group stay on one page
    para: int = 0  # which block (paragraph) the line came from; set by render()
    keep: bool = False  # a heading line: never the last text line on a page (keep with next)


@dataclass
class Block:
    """A paragraph to be broken into grid lines."""

    text: str
    role: str = "body"
    size: float = BODY_PT
    align: str = "left"
    first_indent: int = 2
    group: int = 0
    keep_with_next: bool = False  # a section heading: goes to the next page with the start of its section


def section_heading(text: str) -> Block:
    """A numbered section heading (一、…) in 黑体, indented two characters (GB/T 9704 7.3.3), kept with
    the start of its section: every document's builder makes its headings here, so none is left at
    the foot of a page."""
    return Block(text, role="hei", first_indent=2, keep_with_next=True)


def heading(title: str, number: str = "") -> list[Block]:
    """The title (2号 centred) and, in the 发文字号 position, the document's number centred under it,
    then one blank line — every numbered document (letters, notices, decisions) opens this way.
    Without a number (a document issued before it was numbered) the title stands alone."""
    blocks = [Block(title, role="title", size=TITLE_PT, align="center", first_indent=0)]
    if number:
        blocks.append(Block(number, align="center", first_indent=0))
    return [*blocks, Block("")]


@dataclass
class LetterLayout:
    title: str
    blocks: list[Block] = field(default_factory=list)
    meta_title: str = ""
    author: str = ""


def _advance(ch: str, role: str, size: float) -> float:
    """Width of one character on the grid: a full cell for CJK and full-width punctuation, the glyph
    width for Latin, digits and ASCII punctuation (so 12.3456 and 100% are not spaced out)."""
    if ord(ch) > 0x2E80 or (ord(ch) > 0x7F and (ch in NO_START or ch in NO_END)):
        return CELL * size / BODY_PT
    return fonts.char_width(ch, fonts.measure_name(ch, role), size)


def atoms(para: str) -> list[str]:
    """Split a paragraph into the smallest pieces a line may break between.

    Unbreakable runs (document numbers, dates, digit and Latin runs) are one piece;
    closing marks are glued to the piece before them and opening marks to the piece
    after them, however many follow each other, so a break between two pieces never
    puts a closing mark at the start of a line or an opening mark at its end.
    """
    tokens: list[str] = []

    def runs(text: str) -> None:
        pos = 0
        for m in _UNBREAKABLE.finditer(text):
            tokens.extend(text[pos : m.start()])
            tokens.append(m.group())
            pos = m.end()
        tokens.extend(text[pos:])

    pos = 0
    for m in _DOC_NUMBER.finditer(para):  # document numbers first: their prefix may look like a Latin run
        runs(para[pos : m.start()])
        tokens.append(m.group())
        pos = m.end()
    runs(para[pos:])
    out: list[str] = []
    for tok in tokens:
        if out and (tok[0] in NO_START or out[-1][-1] in NO_END):
            out[-1] += tok
        else:
            out.append(tok)
    return out


def _good_split(piece: str, k: int) -> int:
    """The largest split point <= k inside an over-long piece that keeps 避头尾 (0 if none)."""
    for j in range(k, 0, -1):
        if piece[j] not in NO_START and piece[j - 1] not in NO_END:
            return j
    return 0


def break_lines(block: Block, width: float = BLOCK_W) -> list[Line]:
    """Break a paragraph into lines of at most ``width`` (the block width; a table cell's
    width in app.letters.tables).

    Lines break only between the pieces of :func:`atoms`, so 避头尾 holds and dates and
    document numbers stay whole.  Only a single piece longer than a whole line (a long
    URL, dozens of closing marks in a row) is split inside, at the last point that still
    keeps 避头尾 if there is one.
    """
    out: list[Line] = []
    role, size = block.role, block.size
    limit = width + 0.01

    def adv(text: str) -> float:
        return sum(_advance(c, role, size) for c in text)

    def emit(text: str, indent: int) -> None:
        out.append(Line(text, role, size, block.align, indent, block.group, keep=block.keep_with_next))

    for para in block.text.split("\n"):
        indent = block.first_indent
        current, used = "", 0.0
        for piece in atoms(para):
            w = adv(piece)
            if indent * CELL + used + w <= limit:
                current, used = current + piece, used + w
                continue
            if current and w <= limit:
                emit(current, indent)
                indent, current, used = 0, piece, w
                continue
            while piece:  # an over-long piece: fill the line, split inside the piece
                room = limit - indent * CELL - used
                k, taken = 0, 0.0
                while k < len(piece) and taken + _advance(piece[k], role, size) <= room:
                    taken += _advance(piece[k], role, size)
                    k += 1
                if k == len(piece):
                    current, used = current + piece, used + taken
                    break
                j = _good_split(piece, k) if k else 0
                if j == 0 and current:
                    emit(current, indent)
                    indent, current, used = 0, "", 0.0
                    continue
                j = j or max(k, 1)
                emit(current + piece[:j], indent)
                indent, current, used, piece = 0, "", 0.0, piece[j:]
        emit(current, indent)
    return out


SHORT_PARAGRAPH = 6  # lines: a paragraph this short (the remedy clause) moves whole with the signature


def _height(line: Line) -> int:
    return 2 if line.size > BODY_PT + 2 else 1


def pull_headings(page: list, above: float = 0.0) -> list:
    """Heading lines (``keep``) left at the end of a page, taken off it to start the next one.

    The one keep-with-next rule of both engines (app.letters.tables passes its page's
    ops, whose line ops hold the line at index 1): whatever breaks a page, a heading
    goes on with the start of its section.  Trailing blank lines go with it; a page
    holding nothing but headings keeps them (moving would only make an empty page) —
    ``above``: the height of content before ``page`` when it is only the page's end."""
    def line_of(x: object) -> Line | None:
        if isinstance(x, Line):
            return x
        return x[1] if isinstance(x, tuple) and x[0] == "line" else None

    k = len(page)
    while k and (ln := line_of(page[k - 1])) is not None and not ln.text:
        k -= 1
    j = k
    while j and (ln := line_of(page[j - 1])) is not None and ln.keep and not ln.group:
        j -= 1
    if j == k or (j == 0 and not above):
        return []
    moved = page[j:]
    del page[j:]
    return moved


def _carry(page: list[Line], need: float, *, height=None, capacity: float = LINES,  # noqa: ANN001
           above: float = 0.0) -> list[Line]:
    """Lines to move from the end of a full page to the next one, ahead of a kept group.

    The signature block must not stand alone, so the end of the text goes with it: the
    whole last paragraph when it is short (the remedy clause is never split from the
    signature) and the page it leaves stays at least half full; otherwise its last two
    lines, keeping at least two on this page.  A heading before what moves goes along
    (:func:`pull_headings`).  ``height``/``capacity`` measure in grid lines here and in
    points for app.letters.tables, whose ``page`` is the trailing lines after ``above``
    points of other content (tables).
    """
    height = height or _height
    k = len(page)
    while k and not page[k - 1].text:
        k -= 1
    if not k:
        return []
    j = k
    while j and page[j - 1].text and page[j - 1].para == page[k - 1].para:
        j -= 1
    n = k - j
    kept = above + sum(height(x) for x in page[:j])
    if n <= SHORT_PARAGRAPH and sum(height(x) for x in page[j:k]) + need <= capacity and kept >= capacity / 2:
        moved = page[j:k]
    else:
        moved = page[k - min(2, max(n - 2, 0)) : k] if n > 2 else []
    del page[k - len(moved) :]
    return pull_headings(page, above) + moved if moved else moved


def paginate(lines: list[Line]) -> list[list[Line]]:
    """22 grid lines a page (a title line takes its height in grid lines); keep groups together,
    and carry the end of the text before a kept group along so it is never orphaned (:func:`_carry`).
    Every page break takes the headings at the page's end along (:func:`pull_headings`)."""
    pages: list[list[Line]] = [[]]
    used = 0
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.group:
            group = [x for x in lines[i:] if x.group == line.group]
            need = sum(_height(x) for x in group)
            if used + need > LINES and pages[-1]:
                carry = _carry(pages[-1], need)
                pages.append(carry)
                used = sum(_height(x) for x in carry)
            pages[-1].extend(group)
            used += need
            i += len(group)
            continue
        if used + _height(line) > LINES:
            # a short paragraph (the remedy clause) is not split: it moves whole to the next page
            # when the page it leaves stays at least half full
            page = pages[-1]
            k = 0
            while k < len(page) and page[-1 - k].text and page[-1 - k].para == line.para and not page[-1 - k].group:
                k += 1
            n = k + sum(1 for x in lines[i:] if x.para == line.para and not x.group)
            moved: list[Line] = []
            if line.text and 0 < k and n <= SHORT_PARAGRAPH and used - k >= LINES // 2:
                moved = page[-k:]
            elif line.text and k == 1 and len(page) > 1 and page[-2].keep:
                moved = page[-1:]  # a heading and one line of its section: both go on
            if moved:
                del page[-len(moved):]
            moved = pull_headings(page) + moved
            pages.append(moved)
            used = sum(_height(x) for x in moved)
            if not line.text:  # no blank line at the top of a page
                i += 1
                continue
        pages[-1].append(line)
        used += _height(line)
        i += 1
    return pages


Stretch = tuple[float, float | None, str]  # x from the line's start, character spacing (None: one character), text


@lru_cache(maxsize=16384)
def _plan(text: str, role: str, size: float) -> tuple[float, tuple[tuple[str, tuple[Stretch, ...]], ...]]:
    """How a line's text is drawn: its width, and per font run the stretches of evenly spaced characters.

    Cached: a register repeats the same short texts (状态, 类别, names) thousands of times;
    fonts.reset() clears it with the fonts (see the on_reset call below)."""
    x, out = 0.0, []
    for name, run in fonts.runs(text, role):
        places, glyphs = [], []
        for ch in run:
            w = _advance(ch, role, size)
            glyph = fonts.char_width(ch, name, size)
            # centre a glyph narrower than its cell (full-width punctuation keeps its left side)
            offset = (w - glyph) / 2 if ord(ch) > 0x2E80 and ch not in NO_START and ch not in NO_END else 0
            places.append(x + max(offset, 0))
            glyphs.append(glyph)
            x += w
        out.append((name, tuple((places[i], gap if j - i > 1 else None, run[i:j])
                                for i, j, gap in _even_stretches(places, glyphs))))
    return x, tuple(out)


fonts.on_reset(_plan.cache_clear)


def _draw_line(c: Canvas, line: Line, baseline: float, left: float = LEFT, width: float = BLOCK_W) -> None:
    """Draw one grid line in the box [left, left + width] (the text block, or a table cell).

    One text object per line, each character placed on its grid cell (a text object per
    character, as Canvas.drawString makes, costs twice the time for the same page)."""
    total, runs = _plan(line.text, line.role, line.size)
    if line.align == "center":
        x = left + (width - total) / 2
    elif line.align == "right":
        x = left + width - line.indent * CELL - total
    else:
        x = left + line.indent * CELL
    t = c.beginText()
    spacing = 0.0
    for name, stretches in runs:
        t.setFont(name, line.size)
        for dx, gap, text in stretches:
            if gap is not None and gap != spacing:  # a lone character needs no spacing
                t.setCharSpace(gap)
                spacing = gap
            t.setTextOrigin(x + dx, baseline)
            t.textOut(text)
    if spacing:
        t.setCharSpace(0)  # character spacing outlives the text object: leave none behind
    c.drawText(t)


def _even_stretches(places: list[float], glyphs: list[float]) -> list[tuple[int, int, float]]:
    """Runs [i, j) of characters the same gap apart, as (i, j, gap after each glyph).

    Each run is drawn as one string with that character spacing: the same grid places
    as positioning every character on its own, for a tenth of the PDF operators (a long
    register drew several hundred thousand characters one by one)."""
    out: list[tuple[int, int, float]] = []
    i, n = 0, len(places)
    while i < n:
        j, gap = i + 1, 0.0
        if j < n:
            gap = places[j] - places[i] - glyphs[i]
            j += 1
            while j < n and abs(places[j] - places[j - 1] - glyphs[j - 1] - gap) < 1e-6:
                j += 1
        out.append((i, j, gap))
        i = j
    return out


def _page_number(c: Canvas, n: int, left: float = LEFT, block_w: float = BLOCK_W, bottom: float = BOTTOM) -> None:
    """"— n —" in 14 pt, 7 mm below the block: odd pages right, even pages left, one character in.
    The frame defaults to the portrait block; app.letters.tables passes the landscape one."""
    text = f"— {n} —"
    pieces = fonts.runs(text, "song")
    width = sum(stringWidth(piece, name, PAGENO_PT) for name, piece in pieces)
    baseline = bottom - 7 * mm - PAGENO_PT * 0.88
    x = left + block_w - PAGENO_PT - width if n % 2 else left + PAGENO_PT
    for name, piece in pieces:
        c.setFont(name, PAGENO_PT)
        c.drawString(x, baseline, piece)
        x += stringWidth(piece, name, PAGENO_PT)


def lay_out(layout: LetterLayout) -> list[list[Line]]:
    """The document's pages of grid lines, as render() draws them (tests read the page breaks here)."""
    lines: list[Line] = []
    for n, block in enumerate(layout.blocks):
        for line in break_lines(block):
            line.para = n
            lines.append(line)
    return paginate(lines)


def render(layout: LetterLayout) -> bytes:
    pages = lay_out(layout)
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4, invariant=1, pageCompression=1, initialFontName=fonts.chain("body")[0].name,
               initialFontSize=BODY_PT)
    c.setTitle(layout.meta_title or layout.title)
    c.setAuthor(layout.author)
    c.setCreator("gongkai")
    for n, page in enumerate(pages, start=1):
        c.setFillColor(black)
        slot = 0
        for line in page:
            h = 2 if line.size > BODY_PT + 2 else 1
            # baseline: bottom of the slot, raised so the glyph sits centred in its pitch
            baseline = PAGE_H - TOP - (slot + h) * PITCH + (h * PITCH - line.size) / 2 + line.size * 0.12
            if line.text:
                _draw_line(c, line, baseline)
            slot += h
        _page_number(c, n)
        c.showPage()
    c.save()
    return buf.getvalue()
