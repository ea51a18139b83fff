"""The lazy register list every tab uses: ids in an array, rows fetched in pages, search off the UI thread.

Usage (ui/requests/register_model.py is the worked example)::

    COLUMNS = [Column("编号", lambda r: r[1], sort_key="number"),
               Column("内容", lambda r: r[5], tooltip=lambda r: r[5], elide=True), ...]
    model = LazyRegisterModel(db, SPEC, COLUMNS)       # SPEC: app.services.search.register.RegisterSpec
    model.set_base([Notice.state == "草稿"], "received_date", descending=True)   # filters + sort
    model.set_search("张三")                            # returns at once; results arrive by signal
    model.refresh_record(rid) / model.add_record(rid)   # after a save: only that row changes

Guarantees the benchmarks hold it to:
- The id list is an ``array('i')``; rows live in a page cache of at most
  ``max_pages`` pages (least recently used dropped), so memory stays flat
  while scrolling a million rows end to end.
- Opening shows the first page from a ``LIMIT`` query; the full sorted id list
  loads in a background thread and is appended without a reset.
- A search runs in a QThreadPool worker; each keystroke bumps a generation
  number, an older worker stops at its next step and its results are dropped;
  an unselective search shows the first screen, then the rest (appended, not
  a reset).  The search documents of the list's first ``HEAD_DOCS`` records
  are kept, so a keystroke's first screen is a scan in memory.
- ``results_changed`` fires whenever a new list replaced the old one (the
  view scrolls to the top and shows the empty-result message).
"""

from __future__ import annotations

import os
import threading
import time
from array import array
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRunnable,
    Qt,
    QThreadPool,
    Signal,
)

from app.db import Database
from app.services.progress import Cancelled
from app.services.search import register

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
ID_ROLE = Qt.ItemDataRole.UserRole + 2
STREAM_PAUSE = 0.25
"""Seconds between a search's first screen and the query for all its matches (typing usually cancels it)."""
_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.BackgroundRole,
                    ID_ROLE})


@dataclass(frozen=True)
class Column:
    """One column: header, text from the row tuple, optional sort key, tooltip and elision of long text."""

    header: str
    display: Callable[[tuple], str]
    sort_key: str | None = None
    tooltip: Callable[[tuple], str | None] | None = None
    elide: bool = False


class _Signals(QObject):
    # Only the generation number crosses threads; the payload waits in the model's
    # inbox (Python objects passed through queued signals have proved fragile).
    arrived = Signal(int)


_yielding = threading.local()


def yield_cpu_to_the_window() -> None:
    """Lower this worker thread's scheduling priority (Linux: per-thread nice 10; elsewhere nothing).

    Why: on a two-core office PC a search's full result is seconds of CPU; at equal priority the
    scheduler let it (and other programs) hold both cores while the window's own thread waited,
    and typing stalled for 100 ms and more.  Once per pool thread.
    """
    if getattr(_yielding, "done", False):
        return
    _yielding.done = True
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
    except (AttributeError, OSError):  # not Linux, or not permitted: stay as is
        pass


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], None]) -> None:
        super().__init__()
        self.fn = fn
        self.setAutoDelete(True)

    def run(self) -> None:
        yield_cpu_to_the_window()
        self.fn()


class LazyRegisterModel(QAbstractTableModel):
    results_changed = Signal()
    searching_changed = Signal(bool)

    def __init__(self, db: Database, spec: register.RegisterSpec, columns: Sequence[Column],
                 parent: Any = None, page: int = 200, max_pages: int = 25) -> None:
        super().__init__(parent)
        self.db, self.spec, self.columns = db, spec, list(columns)
        self.page, self.max_pages = page, max_pages
        self.ids: array = array("i")
        self.search_text = ""
        self.searching = False
        self.loading = False
        self._base: array = array("i")
        self._base_complete = False
        self._base_key: tuple = ()
        self._docs: tuple[array, tuple[str, ...]] | None = None  # (leading ids, their search documents)
        self._rank: array | None = None  # register.ranks of the complete base list
        self._by_doc: array | None = None  # register.doc_ranks of it
        self._shown_gen = -1  # the search generation whose (partial) result is on screen
        self._pages: OrderedDict[int, dict[int, tuple]] = OrderedDict()
        self._render_cache: dict[int, tuple] = {}
        self._gen = 0
        self._base_gen = 0
        self._signals = _Signals(self)  # owned by the model: destroyed with it, never after
        self._signals.arrived.connect(self._deliver)
        self._inbox: list[tuple[int, str, Any, bool]] = []
        self._inbox_lock = threading.Lock()
        self.pool = QThreadPool.globalInstance()

    # -- loading ------------------------------------------------------------------
    def set_base(self, where: Sequence[Any], sort: str, descending: bool, key: Hashable = None) -> None:
        """Filters and order; shows the first page now and loads the rest in the background.

        ``key`` describes the filters (any hashable, e.g. a frozen dataclass): the
        same key, sort and order again is a no-op, so Qt's repeated sort calls
        while a view is set up cost nothing.  None always reloads.
        """
        full_key = (key, sort, descending)
        if key is not None and full_key == self._base_key:
            return
        self._base_key = full_key
        self._where, self._sort, self._descending = list(where), sort, descending
        self._gen += 1
        self._base_gen += 1
        gen, base_gen = self._gen, self._base_gen
        first = register.sorted_ids(self.db, self.spec, self._where, sort, descending, limit=self.page)
        self._base, self._base_complete = first, len(first) < self.page
        self._docs = self._rank = self._by_doc = None
        self._clear_cache()
        if self.search_text:
            self._start_search(gen)
        else:
            self._show(first)
        if not self._base_complete:
            self.loading = True
            self.pool.start(_Job(lambda: self._load_base(base_gen, list(self._where), sort, descending)))

    def reload(self) -> None:
        """Re-read the whole list (data changed in bulk: an import, a batch)."""
        self.set_base(self._where, self._sort, self._descending)

    def _post(self, gen: int, what: str, payload: Any, complete: bool = True) -> None:
        """From a worker thread: hand a result to the UI thread."""
        with self._inbox_lock:
            self._inbox.append((gen, what, payload, complete))
        try:
            self._signals.arrived.emit(gen)
        except RuntimeError:  # the window closed while this worker ran: nobody is waiting for the result
            pass

    def _deliver(self, _gen: int) -> None:
        with self._inbox_lock:
            items, self._inbox = self._inbox, []
        for gen, what, payload, complete in items:
            if what == "base":
                self._on_base_loaded(gen, payload)
            elif what == "search":
                self._on_searched(gen, payload, complete)
            elif what == "docs":
                if payload[0] == self._base[:register.HEAD_DOCS]:  # still this list's head
                    self._docs = payload
            else:
                self._on_failed(gen, payload)

    def _load_base(self, gen: int, where: list, sort: str, descending: bool) -> None:
        # stops when the filters changed or the list's window is gone (its model deleted)
        stale = lambda: gen != self._base_gen or not shiboken6.isValid(self)  # noqa: E731
        try:
            ids = register.sorted_ids(self.db, self.spec, where, sort, descending, cancelled=stale)
            head = ids[:register.HEAD_DOCS]
            docs = register.head_documents(self.db, self.spec, head)  # for the next keystroke's first screen
            if stale():
                return
            rank = register.ranks(ids)  # orders a search's matches without a query
            by_doc = register.doc_ranks(self.db, self.spec, rank, stale)  # … and without a join
        except Cancelled:
            return
        except Exception as exc:  # noqa: BLE001 - reported on the UI thread
            self._post(gen, "failed", exc)
            return
        self._post(gen, "base", (ids, head, docs, rank, by_doc))

    def _on_base_loaded(self, gen: int, loaded: tuple) -> None:
        if gen != self._base_gen:  # filters or order changed meanwhile (a keystroke does not matter)
            return
        ids, head, docs, rank, by_doc = loaded
        self.loading = False
        self._base, self._base_complete = ids, True
        self._docs, self._rank, self._by_doc = (head, docs), rank, by_doc
        if self.search_text:
            return  # the search runs on its own query; the full list serves when the search is cleared
        n = len(self.ids)
        if ids[:n] == self.ids:  # the first page is the head of the full list: append, keep scroll and selection
            if len(ids) > n:
                self.beginInsertRows(ROOT, n, len(ids) - 1)
                self.ids = ids
                self.endInsertRows()
            self.results_changed.emit()
        else:
            self._show(ids)

    def _show(self, ids: array, first_page: dict[int, tuple] | None = None) -> None:
        self.beginResetModel()
        self.ids = ids
        self._clear_cache()
        if first_page is not None:
            self._pages[0] = first_page
        self.endResetModel()
        self.results_changed.emit()

    # -- search ----------------------------------------------------------------------
    def set_search(self, text: str) -> None:
        """Start a search for ``text`` (or clear it); results replace the list when they arrive."""
        text = text.strip()
        if text == self.search_text:
            return
        self.search_text = text
        self._gen += 1
        if not text:
            self._set_searching(False)
            self._shown_gen = -1
            self._show(self._base)
            return
        self._start_search(self._gen)

    def _start_search(self, gen: int) -> None:
        self._set_searching(True)
        text, head = self.search_text, self._base[:register.HEAD_DOCS]
        docs = self._docs[1] if self._docs is not None and self._docs[0] == head else None
        whole = self._base_complete and len(self._base) <= register.HEAD_DOCS
        rank = self._rank if self._base_complete else None
        by_doc = (self._by_doc, self._base[:]) if self._by_doc is not None and rank is not None else None
        where, sort, descending = list(self._where), self._sort, self._descending
        self.pool.start(_Job(lambda: self._search(gen, text, where, sort, descending, head, docs, whole, rank,
                                                  by_doc)))

    def _search(self, gen: int, text: str, where: list, sort: str, descending: bool, head: array,
                docs: tuple[str, ...] | None, whole: bool, rank: array | None = None,
                by_doc: tuple[array, array] | None = None) -> None:
        try:
            if docs is None and len(head) >= self.page:  # first search on this list: keep its head's documents
                docs = register.head_documents(self.db, self.spec, head)
                self._post(gen, "docs", (head, docs))
            stale = lambda: gen != self._gen  # noqa: E731
            for ids, complete in register.search_stream(self.db, self.spec, text, where, sort, descending, head,
                                                        stale, docs, whole, rank, by_doc):
                # the first page's rows are read here too, so the UI thread only paints them
                self._post(gen, "search", (ids, register.fetch_rows(self.db, self.spec, ids[:self.page])), complete)
                if not complete and self._pause(stale):
                    raise Cancelled()
        except Cancelled:  # a newer keystroke took over
            return
        except ValueError:  # nothing searchable left after normalisation (e.g. only spaces)
            self._post(gen, "search", None, True)
        except Exception as exc:  # noqa: BLE001 - reported on the UI thread
            self._post(gen, "failed", exc)

    def _pause(self, stale: Callable[[], bool]) -> bool:
        """After a first screen: let the window paint it, and the user type on, before the rest is computed
        (a keystroke within ``STREAM_PAUSE`` cancels it unstarted).  True if superseded meanwhile."""
        deadline = time.monotonic() + STREAM_PAUSE
        while time.monotonic() < deadline:
            if stale():
                return True
            time.sleep(0.01)
        return stale()

    def _on_searched(self, gen: int, found: tuple[array, dict] | None, complete: bool) -> None:
        if gen != self._gen:
            return
        if complete:
            self._set_searching(False)
        if found is None:
            self._shown_gen = -1
            self._show(self._base)
            return
        ids, n = found[0], len(self.ids)
        if self._shown_gen == gen and 0 < n <= len(ids) and ids[:n] == self.ids:
            # the rest of a streamed result: the screen already shows its head, so rows are appended
            if len(ids) > n:
                self.beginInsertRows(ROOT, n, len(ids) - 1)
                self.ids = ids
                self.endInsertRows()
            self.results_changed.emit()
            return
        self._shown_gen = gen
        self._show(ids, found[1])

    def _on_failed(self, gen: int, exc: BaseException) -> None:
        self.loading = False
        self._set_searching(False)
        if gen == self._gen:
            from ui.crash import show_unexpected

            show_unexpected(exc)

    def _set_searching(self, on: bool) -> None:
        if on != self.searching:
            self.searching = on
            self.searching_changed.emit(on)

    @property
    def busy(self) -> bool:
        """A list is still coming (background load or search)."""
        return self.loading or self.searching

    # -- rows ---------------------------------------------------------------------------
    def _clear_cache(self) -> None:
        self._pages.clear()
        self._render_cache.clear()

    def row_data(self, row: int) -> tuple | None:
        """The row tuple (``spec.columns``) at ``row``, fetching its page; None if deleted meanwhile."""
        number = row // self.page
        page = self._pages.get(number)
        if page is None:
            start = number * self.page
            page = register.fetch_rows(self.db, self.spec, self.ids[start:start + self.page])
            self._pages[number] = page
            while len(self._pages) > self.max_pages:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page.get(self.ids[row])

    @property
    def cached_rows(self) -> int:
        return sum(len(p) for p in self._pages.values())

    def id_at(self, row: int) -> int:
        return self.ids[row]

    def row_of(self, record_id: int) -> int:
        try:
            return self.ids.index(record_id)
        except ValueError:
            return -1

    def refresh_record(self, record_id: int) -> None:
        """After a save: re-read that one row (list order and other rows untouched)."""
        row = self.row_of(record_id)
        if row < 0:
            return
        number = row // self.page
        page = self._pages.get(number)
        self._render_cache.pop(record_id, None)
        self._docs = None  # its search document may have changed
        if page is not None:
            page.update(register.fetch_rows(self.db, self.spec, [record_id]))
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    def add_record(self, record_id: int) -> None:
        """A new record goes to the top of the list (until the next re-sort or filter)."""
        if self.row_of(record_id) >= 0:
            self.refresh_record(record_id)
            return
        self.beginInsertRows(ROOT, 0, 0)
        self._rank = self._by_doc = None  # positions moved; rebuilt with the next full load
        self.ids.insert(0, record_id)
        if self.ids is not self._base:
            self._base.insert(0, record_id)
        self._clear_cache()
        self.endInsertRows()

    # -- Qt model --------------------------------------------------------------------------
    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section].header
        return section + 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every role of every visible cell on each paint: unused roles leave first,
        # and a row's texts and colour are rendered once per fetch (painting stays a lookup).
        if role not in _ROLES or not index.isValid() or not 0 <= index.row() < len(self.ids):
            return None
        if role == ID_ROLE:
            return self.ids[index.row()]
        rendered = self._rendered(index.row())
        if rendered is None:
            return "（已删除）" if role == Qt.ItemDataRole.DisplayRole and index.column() == 0 else None
        if role == Qt.ItemDataRole.DisplayRole:
            return rendered[0][index.column()]
        if role == Qt.ItemDataRole.BackgroundRole:
            return rendered[1]
        col = self.columns[index.column()]
        r = rendered[2]
        return col.tooltip(r) if col.tooltip else self.row_tooltip(r)

    def _rendered(self, row: int) -> tuple[tuple[str, ...], Any, tuple] | None:
        rid = self.ids[row]
        cached = self._render_cache.get(rid)
        if cached is not None:
            return cached
        r = self.row_data(row)
        if r is None:
            return None
        out = (tuple(c.display(r) for c in self.columns), self.row_background(r), r)
        self._render_cache[rid] = out
        if len(self._render_cache) > self.page * 2:  # the visible screen and a little more
            self._render_cache.pop(next(iter(self._render_cache)))
        return out

    def row_background(self, r: tuple) -> Any:
        """Override: a QBrush for rows that need attention (overdue…), else None."""
        return None

    def row_tooltip(self, r: tuple) -> str | None:
        """Override: the tooltip of columns without their own."""
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.columns[column].sort_key
        if key is None or not self._base_key:
            return
        self.set_base(self._where, key, order == Qt.SortOrder.DescendingOrder, self._base_key[0])
