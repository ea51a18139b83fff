"""Keep None, True and False alive under PySide6 6.12 on Python 3.11.

Why: PySide6/shiboken 6.12.0 returns ``None`` from every void method
(``setText``, ``processEvents``, ``setObjectName``…), from ``QModelIndex.data()``
when a Python ``data()`` override answered None, and ``True`` from
``Signal.emit`` *without taking a reference* — correct only where these
objects are immortal (Python ≥ 3.12, PEP 683).  On Python 3.11 each such call
drops one reference that was never taken, so the counts of None and True run
down until the interpreter aborts with ``Fatal Python error: none_dealloc``
(or ``bool_dealloc``).  A busy window gets there fast: painting one screen of
the register asks ``data()`` for roles it answers with None a few thousand
times, and the 1,000,000-request register died while its full id list loaded
(tests/ui/test_pyside_guard.py measures the leak; PySide6 6.11.3 does not leak).

The remedy is what Python 3.12 itself does: give the three singletons a
reference count so large that no number of lost references can reach zero.
They are statically allocated and never freed anyway, so this changes nothing
else.  Applied once, when the ``ui`` package is first imported.
"""

from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger(__name__)

SPARE = 1 << 60
"""Added to each singleton's count: 10^18 lost references, centuries of a busy window."""

_done = False


def _refcount_cell(obj: object) -> ctypes.c_ssize_t | None:
    """The object's ``ob_refcnt`` field, found from the layout (``ob_type`` follows it), or None if unsure."""
    word = ctypes.sizeof(ctypes.c_void_p)
    offset = object.__basicsize__ - 2 * word  # 0 normally; 16 in a Py_TRACE_REFS build
    if offset < 0 or ctypes.c_void_p.from_address(id(obj) + offset + word).value != id(type(obj)):
        return None
    return ctypes.c_ssize_t.from_address(id(obj) + offset)


def keep_singletons_alive() -> bool:
    """Make None/True/False effectively immortal on Python < 3.12; True if it was applied (once per process)."""
    global _done
    if _done or sys.version_info >= (3, 12):
        return False
    cells = [_refcount_cell(o) for o in (None, True, False)]
    if any(c is None for c in cells):
        log.warning("无法识别对象布局，未能加固 None/True/False 的引用计数")
        return False
    for cell in cells:
        cell.value += SPARE  # type: ignore[union-attr]
    _done = True
    return True
