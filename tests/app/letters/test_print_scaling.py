"""Printing a register costs the same per row however long it is (a cheap guard against quadratic work).

Wall-clock time is noise on a shared machine, so the test counts work instead: the
lines of the document engine (app/letters) executed while laying out and drawing a
100-row and a 200-row book.  Linear work doubles; scanning the whole table for every
page, re-measuring a cell per character, or re-counting every placed cell per row
makes the longer book cost far more than twice as much."""

from __future__ import annotations

import sys
from pathlib import Path

from app.letters import tables as t
from tests.app.letters.register_rows import book_document

ENGINE = str(Path(t.__file__).parent)


def engine_lines(doc: t.Document) -> int:
    """Lines executed in app/letters while rendering ``doc`` (ReportLab's own work is not counted)."""
    count = 0

    def local(_frame, event, _arg):
        nonlocal count
        if event == "line":
            count += 1
        return local

    def calls(frame, _event, _arg):
        return local if frame.f_code.co_filename.startswith(ENGINE) else None

    sys.settrace(calls)
    try:
        t.render(doc)
    finally:
        sys.settrace(None)
    return count


def test_twice_the_rows_cost_twice_the_work():
    t.render(book_document(5))  # warm-up: fonts loaded, character widths cached
    small, large = engine_lines(book_document(100)), engine_lines(book_document(200))
    assert t.page_count(book_document(100)) >= 10  # enough pages for per-page rescans to show
    assert large / small < 2.15, (small, large)
