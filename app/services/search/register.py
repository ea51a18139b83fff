"""Generic register reading: sorted id lists, pages of rows by id, counts, and search in list order.

Usage (see app/services/requests/queries.py)::

    SPEC = RegisterSpec(model=InfoRequest, search_kind="info_request",
                        sort={"received_date": (InfoRequest.received_date, InfoRequest.id), ...},
                        columns=(InfoRequest.id, InfoRequest.number, ...))
    ids = sorted_ids(db, SPEC, where=[InfoRequest.state == "办理中"], sort="received_date", descending=True)
    rows = fetch_rows(db, SPEC, ids[0:200])          # {id: tuple of SPEC.columns}
    n = counts(db, SPEC.model, {"overdue": and_(...)})  # one indexed COUNT per badge
    for ids, complete in search_stream(db, SPEC, "张三", where, "received_date", True, head=ids[:2000]): ...

Ids are kept in ``array('i')`` (4 bytes each: a million-row register is 4 MB,
not the 36 MB of a list of ints).
"""

from __future__ import annotations

import sqlite3
from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from sqlalchemy import ColumnElement, Integer, bindparam, func, literal_column, select
from sqlalchemy.dialects.postgresql import ARRAY as PG_ARRAY
from sqlalchemy.exc import DBAPIError

from app.db import Database
from app.services.progress import Cancelled
from app.services.search import query
from app.services.search.documents import terms
from app.services.search.query import keep_going as query_keep_going

SELECTIVE = 20_000  # up to this many matches a search is collected whole; beyond, the first screen streams first
FIRST_SCREEN = 100
SCAN_BATCH = 2_000
RANKED = 200_000
"""With the list's positions kept (``ranks``), up to this many matches are collected and ordered in memory:
cheaper than the database re-sorting them, and what a search whose matches all lie beyond the kept
documents needs for its first screen (e.g. last year's numbers in a list newest first)."""
HEAD_DOCS = 20_000
"""A window keeps the search documents of this many leading records of its list (about 15 MB at most):
a keystroke's first screen is then a scan in memory, before any query runs (see ``search_stream``)."""


@dataclass(frozen=True)
class RegisterSpec:
    model: type
    search_kind: str
    sort: Mapping[str, tuple[Any, ...]]
    columns: tuple[Any, ...]  # the first must be the id column


_first = itemgetter(0)


def _cursor_ids(db: Database, stmt: Any, cancelled: Callable[[], bool] | None = None) -> array:
    """Run a one-column SELECT of ints straight on the DB-API cursor into an array.

    With ``cancelled``, SQLite polls it while it works and the rows are read in
    chunks, so a superseded search stops within milliseconds (raises Cancelled).
    """
    with db.engine.connect() as conn:
        dbapi = conn.connection.dbapi_connection
        sqlite = conn.dialect.name == "sqlite"
        if cancelled is not None and sqlite:
            dbapi.set_progress_handler(lambda: 1 if cancelled() else 0, 5000)
        result = None
        try:
            # SQLAlchemy compiles (cached per statement shape, IN lists expanded); the rows are read
            # from its DB-API cursor directly, without building a Row per id.
            result = conn.execute(stmt)
            cursor = result.cursor
            out = array("i")
            while batch := cursor.fetchmany(20_000):
                out.extend(map(_first, batch))
                if cancelled is not None and cancelled():
                    raise Cancelled()
            return out
        except (sqlite3.OperationalError, DBAPIError) as exc:  # raw from fetchmany, wrapped from execute
            if cancelled is not None and cancelled():
                raise Cancelled() from exc
            raise
        finally:
            if result is not None:
                result.close()
            if cancelled is not None and sqlite:
                dbapi.set_progress_handler(query_keep_going, 10**9)


def sorted_ids(db: Database, spec: RegisterSpec, where: Sequence[ColumnElement], sort: str,
               descending: bool, limit: int | None = None, cancelled: Callable[[], bool] | None = None) -> array:
    stmt = select(spec.columns[0]).where(*where).order_by(*_order(spec, sort, descending))
    if limit is not None:
        stmt = stmt.limit(limit)
    return _cursor_ids(db, stmt, cancelled)


def count_where(db: Database, spec: RegisterSpec, where: Sequence[ColumnElement]) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(spec.model).where(*where)) or 0)


def fetch_rows(db: Database, spec: RegisterSpec, ids: Sequence[int]) -> dict[int, tuple]:
    """The ``spec.columns`` of the given records, by id (missing ids were deleted meanwhile)."""
    out: dict[int, tuple] = {}
    if not ids:
        return out
    id_col = spec.columns[0]
    with db.session() as s:
        for start in range(0, len(ids), 500):
            chunk = list(ids[start:start + 500])
            for r in s.execute(select(*spec.columns).where(id_col.in_(chunk))):
                out[r[0]] = tuple(r)
    return out


def counts(db: Database, model: type, predicates: Mapping[str, ColumnElement]) -> dict[str, int]:
    """One ``COUNT(*)`` per badge, each answered by an index (keep predicates on indexed columns)."""
    with db.session() as s:
        return {k: int(s.scalar(select(func.count()).select_from(model).where(p)) or 0)
                for k, p in predicates.items()}


def _order(spec: RegisterSpec, sort: str, descending: bool) -> list[Any]:
    cols = spec.sort[sort]
    return [c.desc() for c in cols] if descending else list(cols)


def ordered_subset(db: Database, spec: RegisterSpec, where: Sequence[ColumnElement], sort: str,
                   descending: bool, ids: set[int], cancelled: Callable[[], bool] | None = None) -> array:
    """``ids`` that pass ``where``, in the register's order — sorted by the database, not in Python."""
    id_col = spec.columns[0]
    if db.is_sqlite:
        import json

        members = select(literal_column("value")).select_from(func.json_each(json.dumps(sorted(ids))))
        cond = id_col.in_(members.scalar_subquery())
        # MATERIALIZED: fetch the matched rows by id first, then sort those few.  Left to itself SQLite walks
        # the whole sort index testing every row against the list (155 ms for 2,816 of 1,000,000; now ~5 ms).
        cols = spec.sort[sort]
        picked = (select(id_col.label("rid"), *[c.label(f"k{n}") for n, c in enumerate(cols)])
                  .where(*where, cond).cte("matched").prefix_with("MATERIALIZED"))
        keys = [picked.c[f"k{n}"] for n in range(len(cols))]
        stmt = select(picked.c.rid).order_by(*[k.desc() for k in keys] if descending else keys)
        return _cursor_ids(db, stmt, cancelled)
    cond = id_col == func.any(bindparam("match_ids", sorted(ids), type_=PG_ARRAY(Integer)))
    stmt = select(id_col).where(*where, cond).order_by(*_order(spec, sort, descending))
    return _cursor_ids(db, stmt, cancelled)


def head_documents(db: Database, spec: RegisterSpec, ids: Sequence[int]) -> tuple[str, ...]:
    """The search documents of ``ids`` (a list's leading records), in the same order; "" where none."""
    with db.engine.connect() as conn:
        found = query.bodies(conn, spec.search_kind, ids)
    return tuple(found.get(i, "") for i in ids)


def ranks(ids: Sequence[int]) -> array | None:
    """Each record's position in the list (``ranks[id]``; -1 when not in it), so a set of matches is put
    in the list's order without a query.  None for ids too sparse for a 4-byte slot per possible id."""
    if not ids:
        return None
    top = max(ids)
    if top > 4 * len(ids) + 100_000:
        return None
    out = array("i", [-1]) * (top + 1)
    for pos, i in enumerate(ids):
        out[i] = pos
    return out


def doc_ranks(db: Database, spec: RegisterSpec, rank: Sequence[int] | None,
              cancelled: Callable[[], bool] = lambda: False) -> array | None:
    """``rank`` re-indexed by ``search_doc`` id, so an index lookup's rows need no join to be put in order."""
    if rank is None:
        return None
    with db.engine.connect() as conn:
        cursor = conn.connection.dbapi_connection.cursor()
        try:
            top = cursor.execute("SELECT max(id) FROM search_doc").fetchone()[0] if db.is_sqlite else None
            if top is None:
                return None
            out, n = array("i", [-1]) * (top + 1), len(rank)
            cursor.execute("SELECT id, record_id FROM search_doc WHERE kind = ?", (spec.search_kind,))
            while batch := cursor.fetchmany(50_000):  # in pieces: a million row tuples at once is 100 MB
                if cancelled():
                    raise Cancelled()
                for doc, record in batch:
                    if record < n:
                        out[doc] = rank[record]
            return out
        finally:
            cursor.close()


def scan_documents(ids: Sequence[int], docs: Sequence[str], text: str, stop: int | None = None) -> array:
    """The ids whose document (same position in ``docs``) contains every term, in order; at most ``stop``."""
    ts = sorted(terms(text), key=len, reverse=True)  # the longest term first: it rules out the most
    first, rest = ts[0], ts[1:]
    if rest:  # whole passes per term (list comprehensions), not a generator per document
        at = [k for k, b in enumerate(docs) if first in b]
        for t in rest:
            at = [k for k in at if t in docs[k]]
        return array("i", [ids[k] for k in at[:stop]])
    out = array("i")
    for i, b in zip(ids, docs, strict=False):
        if first in b:
            out.append(i)
            if stop is not None and len(out) >= stop:
                break
    return out


def search_stream(db: Database, spec: RegisterSpec, text: str, where: Sequence[ColumnElement], sort: str,
                  descending: bool, head: Sequence[int], cancelled: Callable[[], bool] = lambda: False,
                  docs: Sequence[str] | None = None, whole: bool = False, rank: Sequence[int] | None = None,
                  by_doc: tuple[Sequence[int], Sequence[int]] | None = None) -> Iterator[tuple[array, bool]]:
    """Yield ``(ids matching text in the register's order, complete?)``: once, or a first screen then all.

    ``head`` is the list's leading records in order; ``docs``, when the caller
    keeps them (``head_documents``), their search documents.  Then the first
    screen comes from memory: the head's matches are by construction the first
    matches of the whole list, so a screenful of them is shown before any
    query runs, and a list no longer than the head (``whole``) is answered
    entirely.  Otherwise a selective query (≤ SELECTIVE matches, the usual case
    for 3+ characters) is one index lookup, then the database sorts those ids.
    An unselective one ("z", "13") shows the head's matches first, then lets
    the database filter, match and sort everything.  All heavy work runs
    inside SQLite/PostgreSQL, which release Python's lock, so the window stays
    responsive; ``cancelled`` stops a superseded search.  ``rank`` (``ranks`` of
    the complete list, when the caller keeps it) orders a selective result in
    memory instead of asking the database to; ``by_doc`` (``doc_ranks`` and the
    complete list) lets a one-term query skip even the join to the documents.
    """
    kind = spec.search_kind
    if not terms(text):
        raise ValueError("empty query")
    first: array | None = None
    if docs is not None:
        if whole and len(docs) == len(head):
            yield scan_documents(head, docs, text), True
            return
        first = scan_documents(head, docs, text, stop=FIRST_SCREEN)
        if len(first) >= FIRST_SCREEN:
            yield first, False
            yield _all_matches(db, spec, text, where, sort, descending, cancelled), True
            return
        if first:  # fewer: still the true first matches, shown while the index finds the rest
            yield first, False
    with db.engine.connect() as conn:
        term = query.single_index_term(conn, text) if by_doc is not None else None
        if term is not None and by_doc is not None:
            found = query.index_rows(conn, term, RANKED, cancelled)
            if found is not None:
                positions, base = by_doc
                n = len(positions)
                at = sorted(p for d in found if d < n and (p := positions[d]) >= 0)
                yield array("i", [base[p] for p in at]), True
                return
        matched = query.match_ids(conn, kind, text, cap=SELECTIVE if rank is None else RANKED, cancelled=cancelled)
        if matched is None and first is None:
            first, start = array("i"), 0
            while start < len(head) and len(first) < FIRST_SCREEN:
                if cancelled():
                    raise Cancelled()
                first.extend(query.contains_all(conn, kind, head[start:start + SCAN_BATCH], text))
                start += SCAN_BATCH
    if matched is not None:
        if rank is not None:
            n = len(rank)
            yield array("i", sorted((i for i in matched if 0 <= i < n and rank[i] >= 0), key=rank.__getitem__)), True
        else:
            yield ordered_subset(db, spec, where, sort, descending, matched, cancelled), True
        return
    if docs is None:
        yield first, False
    yield _all_matches(db, spec, text, where, sort, descending, cancelled), True


def _all_matches(db: Database, spec: RegisterSpec, text: str, where: Sequence[ColumnElement], sort: str,
                 descending: bool, cancelled: Callable[[], bool]) -> array:
    """Every match in the register's order, filtered, matched and sorted inside the database."""
    if cancelled():
        raise Cancelled()
    with db.engine.connect() as conn:
        sub = query.matching_subquery(conn, spec.search_kind, text)
    id_col = spec.columns[0]
    stmt = select(id_col).where(*where, id_col.in_(sub)).order_by(*_order(spec, sort, descending))
    return _cursor_ids(db, stmt, cancelled)
