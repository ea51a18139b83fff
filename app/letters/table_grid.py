"""Table geometry for app.letters.tables: HTML-style cell placement, row heights, and the row bands
no rowspan crosses.  Split off from tables.py, which flows these grids into pages and draws them,
to keep each module to one concern and within the size limit."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reportlab.lib.units import mm

from app.letters import layout
from app.letters.layout import Block, Line

if TYPE_CHECKING:
    from app.letters.tables import Cell

PAD_X = 1.2 * mm
PAD_Y = 1.0 * mm


# ---------------------------------------------------------------- table geometry


@dataclass
class _Placed:
    cell: Cell
    row: int
    col: int
    lines: list[Line] = field(default_factory=list)


@dataclass
class _Grid:
    placed: list[_Placed]  # in row order, as _place makes them
    heights: list[float]
    _rows: list[int] = field(default_factory=list, repr=False)  # p.row of each placed cell
    _reach: int = 1  # the tallest rowspan

    def __post_init__(self) -> None:
        self._rows = [p.row for p in self.placed]
        self._reach = max((p.cell.rowspan for p in self.placed), default=1)

    def span_end(self, p: _Placed) -> int:
        return p.row + p.cell.rowspan

    def window(self, first: int, last: int) -> list[_Placed]:
        """The cells that may reach into rows [first, last), in placing order.

        A page of a long register draws only its own rows: scanning every cell of the
        table for every page made printing quadratic in the number of rows."""
        lo = bisect_left(self._rows, first - self._reach + 1)
        hi = bisect_left(self._rows, last)
        return self.placed[lo:hi]


def _place(rows: list[list[Cell]], ncols: int) -> list[_Placed]:
    """HTML-style placement; raises ValueError for a row that does not fill the columns."""
    taken: set[tuple[int, int]] = set()
    filled: dict[int, int] = {}  # positions taken per row (counting the set itself was quadratic)
    out: list[_Placed] = []
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            if c + cell.colspan > ncols:
                raise ValueError(f"table row {r}: cells overflow {ncols} columns")
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    if (r + dr, c + dc) not in taken:
                        taken.add((r + dr, c + dc))
                        filled[r + dr] = filled.get(r + dr, 0) + 1
            out.append(_Placed(cell, r, c))
            c += cell.colspan
        if filled.get(r, 0) != ncols:
            raise ValueError(f"table row {r}: {filled.get(r, 0)} of {ncols} columns filled")
    return out


def _lead(size: float) -> float:
    return size * 1.3


def _measure(rows: list[list[Cell]], col_w: list[float], size: float, min_h: float) -> _Grid:
    placed = _place(rows, len(col_w))
    heights = [min_h] * len(rows)
    for p in placed:
        width = sum(col_w[p.col:p.col + p.cell.colspan]) - 2 * PAD_X
        block = Block(p.cell.text, role=p.cell.role, size=size, align=p.cell.align, first_indent=0)
        p.lines = layout.break_lines(block, width=width) if p.cell.text else []
    for p in sorted(placed, key=lambda x: x.cell.rowspan):  # single rows first, then spans
        need = len(p.lines) * _lead(size) + 2 * PAD_Y
        end = min(p.row + p.cell.rowspan, len(rows))
        have = sum(heights[p.row:end])
        if need > have:
            heights[end - 1] += need - have
    return _Grid(placed, heights)


def _bands(grid: _Grid, n: int, whole: bool = False) -> list[tuple[int, int]]:
    """Smallest row ranges no rowspan crosses (kept on one page when they fit); ``whole``: one band."""
    if whole:
        return [(0, n)] if n else []
    reach = list(range(1, n + 1))
    for p in grid.placed:
        reach[p.row] = max(reach[p.row], min(grid.span_end(p), n))
    bands, start, end = [], 0, 0
    for r in range(n):
        end = max(end, reach[r])
        if r + 1 == end:
            bands.append((start, end))
            start = r + 1
    return bands
