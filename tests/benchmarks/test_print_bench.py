"""Print speed of the document engine: a 5,500-row 首问负责登记簿 (a busy office's month) in ≤ 10 s,
and time growing linearly with rows (the per-row time of 5,000 rows no worse than of 1,000).

The rows are synthetic and built in memory (tests/app/letters/register_rows.py, through
the book's own cell builder), so the benchmark needs no cached database and measures
the engine alone: app.letters.tables lays out and draws every register print."""

from __future__ import annotations

import time

from app.letters import tables as t
from tests.app.letters.register_rows import book_document
from tests.benchmarks.conftest import report


def _seconds(rows: int) -> tuple[float, float, int]:
    """Wall-clock and CPU seconds of rendering ``rows`` rows, and the PDF's size."""
    doc = book_document(rows)
    wall, cpu = time.perf_counter(), time.process_time()
    pdf = t.render(doc)
    return time.perf_counter() - wall, time.process_time() - cpu, len(pdf)


def test_register_print_is_fast_and_linear():
    _seconds(1000)  # warm-up: fonts registered, character widths and repeated lines cached
    small, small_cpu, _ = min(_seconds(1000), _seconds(1000))
    large, large_cpu, size = _seconds(5000)
    whole, _, _ = _seconds(5500)
    # the growth is judged on CPU time: on a shared machine wall-clock also counts other people's work
    per_small, per_large = small_cpu / 1000 * 1000, large_cpu / 5000 * 1000
    report("登记簿1,000行排版", small, "s", 2)
    report("登记簿5,000行排版", large, "s", 10, f"{size / 2**20:.1f} MB")
    report("登记簿5,500行排版", whole, "s", 10)
    report("每行CPU耗时之比（5,000行÷1,000行）", per_large / per_small, "倍", 1.3,
           f"{per_small:.2f} ms/行 → {per_large:.2f} ms/行")
    assert whole <= 10
    assert per_large <= 1.3 * per_small
