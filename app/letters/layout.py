"""A small CJK typesetter on the GB/T 9704-2012 grid.

A4; text block 156 × 225 mm at 28 mm from the left and 37 mm from the top;
22 lines of 28 characters; body 16 pt, title 22 pt centred; page numbers
"— 1 —" in 14 pt, 7 mm below the block, odd pages right and even pages left,
one character in.  Characters are placed on the grid directly (ReportLab's
Paragraph cannot space CJK characters to 28 a line), lines never start with
closing punctuation, and the signature block is kept on one page together with
the end of the text before it.  Output is byte-for-byte reproducible.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

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
NO_START = set("，。、；：？！）》」』〕】”’·…—%,.;:?!)]}")
NO_END = set("（《「『〔【“‘([{")


@dataclass
class Line:
    text: str
    role: str = "body"  # font role
    size: float = BODY_PT
    align: str = "left"  # left | center | right
    indent: int = 0  # characters from the left (or, for align=right, from the right)
    group: int = 0  # lines with the same non-zero group stay on one page


@dataclass
class Block:
    """A paragraph to be broken into grid lines."""

    text: str
    role: str = "body"
    size: float = BODY_PT
    align: str = "left"
    first_indent: int = 2
    group: int = 0


@dataclass
class LetterLayout:
    title: str
    blocks: list[Block] = field(default_factory=list)
    meta_title: str = ""
    author: str = ""


def _advance(ch: str, role: str, size: float) -> float:
    """Width of one character on the grid: a full cell for CJK, the glyph width for Latin."""
    if ord(ch) > 0x2E80 or ch in NO_START or ch in NO_END:
        return CELL * size / BODY_PT
    f = fonts.font_for(ch, fonts.chain(role))
    name = (f or fonts.chain(role)[0]).name
    return stringWidth(ch, name, size)


def break_lines(block: Block, width: float = BLOCK_W) -> list[Line]:
    """Break a paragraph into lines of at most ``width`` (the block width; a table cell's
    width in app.letters.tables), with kinsoku rules."""
    out: list[Line] = []
    for para in block.text.split("\n"):
        indent = block.first_indent
        current = ""
        used = indent * CELL
        for ch in para:
            w = _advance(ch, block.role, block.size)
            if used + w > width + 0.01 and current:
                carry = ""
                if ch in NO_START or current[-1] in NO_END:
                    carry, current = current[-1], current[:-1]
                out.append(Line(current, block.role, block.size, block.align, indent, block.group))
                indent = 0
                current = carry
                used = sum(_advance(c, block.role, block.size) for c in current)
            current += ch
            used += w
        out.append(Line(current, block.role, block.size, block.align, indent, block.group))
    return out


def paginate(lines: list[Line]) -> list[list[Line]]:
    """22 grid lines a page (a title line takes its height in grid lines); keep groups together,
    and carry the two lines before a kept group along so it is never orphaned."""
    def height(line: Line) -> int:
        return 2 if line.size > BODY_PT + 2 else 1

    pages: list[list[Line]] = [[]]
    used = 0
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.group:
            group = [x for x in lines[i:] if x.group == line.group]
            need = sum(height(x) for x in group)
            if used + need > LINES and pages[-1]:
                carry = []
                while pages[-1] and len(carry) < 2 and pages[-1][-1].text:
                    carry.insert(0, pages[-1].pop())
                pages.append(carry)
                used = sum(height(x) for x in carry)
            pages[-1].extend(group)
            used += need
            i += len(group)
            continue
        if used + height(line) > LINES:
            pages.append([])
            used = 0
            if not line.text:  # no blank line at the top of a page
                i += 1
                continue
        pages[-1].append(line)
        used += height(line)
        i += 1
    return pages


def _draw_line(c: Canvas, line: Line, baseline: float, left: float = LEFT, width: float = BLOCK_W) -> None:
    """Draw one grid line in the box [left, left + width] (the text block, or a table cell)."""
    runs = fonts.runs(line.text, line.role)
    widths = [(name, text, sum(_advance(ch, line.role, line.size) for ch in text)) for name, text in runs]
    total = sum(w for _, _, w in widths)
    if line.align == "center":
        x = left + (width - total) / 2
    elif line.align == "right":
        x = left + width - line.indent * CELL - total
    else:
        x = left + line.indent * CELL
    for name, text, _ in widths:
        for ch in text:
            w = _advance(ch, line.role, line.size)
            glyph = stringWidth(ch, name, line.size)
            c.setFont(name, line.size)
            # centre a glyph narrower than its cell (full-width punctuation keeps its left side)
            offset = (w - glyph) / 2 if ord(ch) > 0x2E80 and ch not in NO_START and ch not in NO_END else 0
            c.drawString(x + max(offset, 0), baseline, ch)
            x += w


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


def render(layout: LetterLayout) -> bytes:
    lines: list[Line] = []
    for block in layout.blocks:
        lines.extend(break_lines(block))
    pages = paginate(lines)
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
