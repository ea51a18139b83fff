"""Documents with ruled tables, headings and landscape pages, on the letters' GB/T 9704 grid.

This is NOT a second typesetter: lines are broken by ``layout.break_lines`` (its
避头尾 rules and character grid), drawn by ``layout._draw_line`` and numbered by
``layout._page_number``; the fonts are ``app.letters.fonts``'s chain (official
fonts, shipped subsets, missing-glyph refusal).  What this module adds is the
vertical flow of mixed items and the table grid.

Usage::

    from app.letters import tables as t

    doc = t.Document(meta_title="首问负责登记簿", author="某县财政局", items=[
        t.Title("首问负责登记簿"),
        t.Heading("一、登记情况"),                      # level 1: 黑体；level=2: 楷体（一）
        t.Paragraph("正文段落，首行缩进两字。"),
        t.Table(widths=[1, 3, 2],                      # relative widths, scaled to the text block
                header=[[t.Cell("序号", rowspan=2), t.Cell("来访情况", colspan=2)],
                        [t.Cell("姓名"), t.Cell("事项")]],   # repeated at the top of every page
                rows=[[t.Cell("1"), t.Cell("张三", align="left"), t.Cell("咨询……")]]),
        t.PageBreak(t.LANDSCAPE),                      # following pages are A4 landscape
        t.Table(...),
    ])
    pdf: bytes = t.render(doc)        # raises MissingGlyphs for a character no font has

Rules: cells are placed like HTML (``colspan``/``rowspan``; a cell skips the
grid positions already covered from above), every row must fill the columns.
Text wraps inside its cell; rows grow to fit.  Rows joined by a ``rowspan`` stay
on one page when they fit on a page; a longer span is split and its text is
repeated on the next page; ``keep_together=True`` moves a whole table that fits on
a page to the next page instead of splitting it.  Header rows repeat on every page the table reaches.
A heading is never left alone at the bottom of a page (every automatic page
break takes it along: layout.pull_headings), and a kept paragraph — the
signature/date block — never stands alone on a page: the end of the text or the
last rows of the table before it go along (GB/T 9704 7.3.5, no 此页无正文).  Portrait pages use the
GB/T 9704 block (156 × 225 mm at 28 mm left, 37 mm top); landscape pages turn
the block (225 × 156 mm at 37 mm left, 28 mm top).  Page numbers "— n —" run on
across orientations.  Output is byte-for-byte reproducible (ReportLab invariant).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from reportlab.lib.colors import black
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app.letters import fonts, layout
from app.letters.layout import BODY_PT, PITCH, Block, Line
from app.letters.table_grid import PAD_X, _bands, _Grid, _lead, _measure, _place  # noqa: F401  (_place: annual report)
from app.services.progress import NullProgress, ProgressSink


@dataclass(frozen=True)
class Frame:
    """A page size and its text block (points, origin top-left as in GB/T 9704 margins)."""

    page_w: float
    page_h: float
    left: float
    top: float
    width: float
    height: float

    @property
    def bottom(self) -> float:
        return self.page_h - self.top - self.height


PORTRAIT = Frame(layout.PAGE_W, layout.PAGE_H, layout.LEFT, layout.TOP, layout.BLOCK_W, layout.BLOCK_H)
LANDSCAPE = Frame(layout.PAGE_H, layout.PAGE_W, 37 * mm, 28 * mm, 225 * mm, 156 * mm)

TABLE_PT = 10.5  # 五号
RULE = 0.6  # line width of the table rules, points


@dataclass
class Title:
    """The document title: 2号 小标宋, centred, then the 发文字号 (if the document has one) centred
    under it, followed by one blank grid line (layout.heading: the same opening as every letter)."""

    text: str
    number: str = ""


@dataclass
class Heading:
    """一、 (level 1, 黑体) or （一） (level 2, 楷体), indented two characters as in GB/T 9704."""

    text: str
    level: int = 1


@dataclass
class Paragraph:
    text: str
    first_indent: int = 2
    align: str = "left"
    role: str = "body"
    size: float = BODY_PT
    keep_together: bool = False  # a signature block: never split, never alone on a page (_Flow.carry_break)


@dataclass
class Spacer:
    lines: int = 1


@dataclass
class PageBreak:
    """Start a new page; ``frame`` switches orientation for this and the following pages."""

    frame: Frame | None = None


@dataclass
class Cell:
    text: str = ""
    colspan: int = 1
    rowspan: int = 1
    align: str = "center"
    role: str = "body"


@dataclass
class Table:
    widths: list[float]
    header: list[list[Cell]] = field(default_factory=list)
    rows: list[list[Cell]] = field(default_factory=list)
    size: float = TABLE_PT
    min_row_height: float = 7 * mm
    keep_together: bool = False  # a short table: moved whole to the next page rather than split


Item = Title | Heading | Paragraph | Spacer | PageBreak | Table


@dataclass
class Document:
    items: list[Item]
    frame: Frame = PORTRAIT
    meta_title: str = ""
    author: str = ""


# ---------------------------------------------------------------- flow into pages


@dataclass
class _Page:
    frame: Frame
    ops: list[tuple] = field(default_factory=list)


class _Flow:
    def __init__(self, frame: Frame) -> None:
        self.pages: list[_Page] = []
        self.new_page(frame)

    def new_page(self, frame: Frame | None = None) -> None:
        self.pages.append(_Page(frame or self.frame))
        self.y = 0.0  # distance below the top of the text block

    @property
    def frame(self) -> Frame:
        return self.pages[-1].frame

    @property
    def room(self) -> float:
        return self.frame.height - self.y

    @property
    def empty(self) -> bool:
        return not self.pages[-1].ops

    def break_page(self) -> None:
        """A page break the flow makes (not a PageBreak item): headings at the page's end go on
        with what follows (layout.pull_headings, the rule both engines share)."""
        moved = layout.pull_headings(self.pages[-1].ops)
        self.new_page()
        self._put(moved)

    def _put(self, ops: list[tuple]) -> None:
        """Place ops taken off the previous page at the top of this one, in order."""
        for op in ops:
            if op[0] == "line":
                self.pages[-1].ops.append(("line", op[1], self.y, op[3]))
            else:
                self.pages[-1].ops.append((*op[:7], self.y, *op[8:]))
            self.y += _op_height(op)

    def carry_break(self, need: float) -> None:
        """Start a page for a kept block of height ``need`` (the signature) that does not fit here,
        taking the end of what precedes it along so it never stands alone on a page: the end of the
        last paragraph as layout._carry decides for letters, or the last rows (bands) of a table —
        the whole fragment, with its heading, when it is a single band.  The spacing between them
        (a Spacer, the half line after a table) is kept."""
        ops = self.pages[-1].ops
        gap = self.y - _op_end(ops[-1])
        moved: list[tuple] = []
        if ops[-1][0] == "line":
            i = len(ops)
            while i and ops[i - 1][0] == "line":
                i -= 1
            run = [op[1] for op in ops[i:]]
            heights = {id(op[1]): op[3] for op in ops[i:]}
            above = _op_end(ops[i - 1]) if i else 0.0
            layout._carry(run, need + gap, height=lambda x: heights[id(x)], capacity=self.frame.height, above=above)
            moved = ops[i + len(run):]
            del ops[i + len(run):]
        else:
            moved = self._carry_rows(need + gap)
        self.new_page()
        self._put(moved)
        if moved:
            self.y += gap

    def _carry_rows(self, need: float) -> list[tuple]:
        """Take the last bands (up to two, leaving one) of the table fragment ending the page off it,
        or the whole fragment and the headings above it when it is one band; nothing when what would
        move does not fit on a page with ``need``, or when it would leave the page empty."""
        ops = self.pages[-1].ops
        _, col_w, x0, head, body, start, end, y, size, whole = ops[-1]
        cuts = [a for a, _b in _bands(body, len(body.heights), whole) if start < a < end]
        head_h = sum(head.heights)
        if cuts:
            cut = cuts[-2] if len(cuts) >= 2 else cuts[-1]
            if head_h + sum(body.heights[cut:end]) + need > self.frame.height:
                cut = cuts[-1]
            if head_h + sum(body.heights[cut:end]) + need > self.frame.height:
                return []
            ops[-1] = ("table", col_w, x0, head, body, start, cut, y, size, whole)
            return [("table", col_w, x0, head, body, cut, end, y, size, whole)]
        if len(ops) == 1 or _op_height(ops[-1]) + need > self.frame.height:
            return []
        table = ops.pop()
        headings = layout.pull_headings(ops)
        if not ops:  # the page held only this table and its heading: moving them would empty it
            ops.extend([*headings, table])
            return []
        return [*headings, table]

    def lines(self, lines: list[Line], keep: bool = False, carry: bool = False) -> None:
        """Flow lines; ``keep``: all on one page; ``carry``: and never alone on it (carry_break)."""
        heights = [_line_height(x) for x in lines]
        if keep and sum(heights) > self.room and not self.empty:
            if carry:
                self.carry_break(sum(heights))
            else:
                self.new_page()
        for line, h in zip(lines, heights, strict=True):
            if h > self.room + 0.01 and not self.empty:
                self.break_page()
                if not line.text:
                    continue
            self.pages[-1].ops.append(("line", line, self.y, h))
            self.y += h

    def table(self, t: Table) -> None:
        col_w = _column_widths(t, self.frame.width)
        head = _measure(t.header, col_w, t.size, t.min_row_height) if t.header else _Grid([], [])
        body = _measure(t.rows, col_w, t.size, t.min_row_height)
        head_h = sum(head.heights)
        x0 = self.frame.left + (self.frame.width - sum(col_w)) / 2
        start: int | None = None  # first body row of the fragment on this page
        used = 0.0  # height of the open fragment (header included)

        def close(end: int) -> None:
            if start is not None:
                self.pages[-1].ops.append(("table", col_w, x0, head, body, start, end, self.y, t.size,
                                           t.keep_together))
                self.y += head_h + sum(body.heights[start:end])

        page_room = self.frame.height - head_h
        for a, b in _bands(body, len(t.rows), t.keep_together):
            band_h = sum(body.heights[a:b])
            if start is None:
                first_need = head_h + (band_h if band_h <= page_room else body.heights[a])
                if first_need > self.room + 0.01 and not self.empty:
                    self.break_page()
                start, used = a, head_h
            if used + band_h <= self.room + 0.01:
                used += band_h
                continue
            if band_h <= page_room + 0.01:  # the band fits on a fresh page: move it whole
                close(a)
                self.new_page()
                start, used = a, head_h + band_h
                continue
            for r in range(a, b):  # a band taller than a page: split it row by row
                if used + body.heights[r] > self.room + 0.01 and r > start:
                    close(r)
                    self.new_page()
                    start, used = r, head_h
                used += body.heights[r]
        if start is None:  # a table with a header only
            start = 0
        close(len(t.rows))


def _op_end(op: tuple) -> float:
    """Distance from the top of the block to the bottom of a line or table op."""
    return (op[2] if op[0] == "line" else op[7]) + _op_height(op)


def _op_height(op: tuple) -> float:
    if op[0] == "line":
        return op[3]
    head, body, start, end = op[3], op[4], op[5], op[6]
    return sum(head.heights) + sum(body.heights[start:end])


def _line_height(line: Line) -> float:
    if line.size > BODY_PT + 2:
        return 2 * PITCH
    return PITCH if line.size >= 14 else _lead(line.size) + 2


def _column_widths(t: Table, width: float) -> list[float]:
    total = sum(t.widths)
    return [width * w / total for w in t.widths]


def _first_height(item: Item, frame: Frame) -> float:
    """Height of what must follow a heading on the same page."""
    if isinstance(item, Paragraph):
        return sum(_line_height(x) for x in _paragraph_lines(item, frame)[:2])
    if isinstance(item, Table) and (item.rows or item.header):
        col_w = _column_widths(item, frame.width)
        head = _measure(item.header, col_w, item.size, item.min_row_height) if item.header else _Grid([], [])
        body = _measure(item.rows, col_w, item.size, item.min_row_height)
        bands = _bands(body, len(item.rows), item.keep_together)
        first = sum(body.heights[bands[0][0]:bands[0][1]]) if bands else 0.0
        total = sum(head.heights) + first
        return total if total <= frame.height - 2 * PITCH else sum(head.heights) + min(first, frame.height / 2)
    return 0.0


def _paragraph_lines(p: Paragraph, frame: Frame) -> list[Line]:
    block = Block(p.text, role=p.role, size=p.size, align=p.align, first_indent=p.first_indent)
    return layout.break_lines(block, width=frame.width)


def _heading_lines(h: Heading, frame: Frame) -> list[Line]:
    role = "hei" if h.level == 1 else "kai"
    return layout.break_lines(Block(h.text, role=role, size=BODY_PT, first_indent=2, keep_with_next=True),
                              width=frame.width)


def _numbered(lines: list[Line], item: int) -> list[Line]:
    """Mark the lines with the item they came from (layout._carry tells paragraphs apart by it)."""
    for line in lines:
        line.para = item + 1
    return lines


def paginate(doc: Document) -> list[_Page]:
    flow = _Flow(doc.frame)
    for i, item in enumerate(doc.items):
        lines: list[Line] = []
        if isinstance(item, PageBreak):
            flow.new_page(item.frame)
        elif isinstance(item, Title):
            lines = [x for b in layout.heading(item.text, item.number) for x in layout.break_lines(
                b, width=flow.frame.width)]
            flow.lines(lines, keep=True)
        elif isinstance(item, Heading):
            lines = _numbered(_heading_lines(item, flow.frame), i)
            nxt = doc.items[i + 1] if i + 1 < len(doc.items) else None
            need = sum(_line_height(x) for x in lines) + (_first_height(nxt, flow.frame) if nxt else 0)
            if need > flow.room and not flow.empty:
                flow.new_page()
            flow.lines(lines)
        elif isinstance(item, Paragraph):
            flow.lines(_numbered(_paragraph_lines(item, flow.frame), i), keep=item.keep_together,
                       carry=item.keep_together)
        elif isinstance(item, Spacer):
            flow.y = min(flow.y + item.lines * PITCH, flow.frame.height)
        elif isinstance(item, Table):
            flow.table(item)
            flow.y = min(flow.y + PITCH / 2, flow.frame.height)  # half a line before what follows
    return flow.pages


# ---------------------------------------------------------------- drawing


def _draw_table(c: Canvas, frame: Frame, op: tuple) -> None:
    _, col_w, x0, head, body, start, end, y, size_pt, _whole = op
    top = frame.page_h - frame.top - y  # PDF y of the fragment's top edge
    xs = [x0]
    for w in col_w:
        xs.append(xs[-1] + w)

    def draw(grid: _Grid, first: int, last: int, y_top: float, size_pt: float) -> None:
        offsets = [0.0]
        for r in range(first, last):
            offsets.append(offsets[-1] + grid.heights[r])
        for p in grid.window(first, last):
            r0, r1 = max(p.row, first), min(grid.span_end(p), last)
            if r0 >= r1:
                continue
            y_hi = y_top - offsets[r0 - first]
            y_lo = y_top - offsets[r1 - first]
            x_lo, x_hi = xs[p.col], xs[p.col + p.cell.colspan]
            c.rect(x_lo, y_lo, x_hi - x_lo, y_hi - y_lo, stroke=1, fill=0)
            if not p.lines:
                continue
            lead = _lead(size_pt)
            text_h = len(p.lines) * lead
            first_base = (y_hi + y_lo) / 2 + text_h / 2 - lead + (lead - size_pt) / 2 + size_pt * 0.12
            for k, line in enumerate(p.lines):
                layout._draw_line(c, line, first_base - k * lead, x_lo + PAD_X, x_hi - x_lo - 2 * PAD_X)

    c.setLineWidth(RULE)
    c.setStrokeColor(black)
    if head.heights:
        draw(head, 0, len(head.heights), top, size_pt)
    draw(body, start, end, top - sum(head.heights), size_pt)


def all_text(doc: Document) -> str:
    """Every character the document prints (for the missing-glyph check)."""
    parts: list[str] = []
    for item in doc.items:
        if isinstance(item, Table):
            parts += [cell.text for row in item.header + item.rows for cell in row]
        elif isinstance(item, Title):
            parts += [item.text, item.number]
        elif isinstance(item, Heading | Paragraph):
            parts.append(item.text)
    return "".join(parts)


def render(doc: Document, progress: ProgressSink | None = None) -> bytes:
    """Lay out and draw; refuse (MissingGlyphs) a character no available font can print.

    ``progress`` (the window's ui.operations.Progress) hears of every page drawn and may
    stop the print (Cancelled): a month's register is hundreds of pages and seconds of work."""
    # imported here: app.services.letters imports this package at module level, not the reverse
    from app.services.letters import MissingGlyphs

    missing = fonts.missing_characters(all_text(doc))
    if missing:
        raise MissingGlyphs(missing)
    progress = progress or NullProgress()
    progress.check()
    pages = paginate(doc)
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(doc.frame.page_w, doc.frame.page_h), invariant=1, pageCompression=1,
               initialFontName=fonts.chain("body")[0].name, initialFontSize=BODY_PT)
    c.setTitle(doc.meta_title)
    c.setAuthor(doc.author)
    c.setCreator("gongkai")
    for n, page in enumerate(pages, start=1):
        progress.check()
        progress.report(n - 1, len(pages), f"正在排版第{n}页，共{len(pages)}页")
        f = page.frame
        c.setPageSize((f.page_w, f.page_h))
        c.setFillColor(black)
        for op in page.ops:
            if op[0] == "line":
                _, line, y, h = op
                if line.text:
                    top = f.page_h - f.top - y
                    baseline = top - h + (h - line.size) / 2 + line.size * 0.12
                    layout._draw_line(c, line, baseline, f.left, f.width)
            else:
                _draw_table(c, f, op)
        layout._page_number(c, n, f.left, f.width, f.bottom)
        c.showPage()
    progress.check()
    c.save()
    progress.report(len(pages), len(pages), f"共{len(pages)}页")
    return buf.getvalue()


def page_count(doc: Document) -> int:
    return len(paginate(doc))
