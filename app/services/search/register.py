"""Generic register reading: sorted id lists, pages of rows by id, counts, and search in list order.

Usage (see app/services/requests/queries.py)::

    SPEC = RegisterSpec(model=InfoRequest, search_kind="info_request",
                        sort={"received_date": (InfoRequest.received_date, InfoRequest.id), ...},
                        columns=(InfoRequest.id, InfoRequest.number, ...))
    ids = sorted_ids(db, SPEC, where=[InfoRequest.state == "办理中"], sort="received_date", descending=True)
    rows = fetch_rows(db, SPEC, ids[0:200])          # {id: tuple of SPEC.columns}
    n = counts(db, SPEC.model, {"overdue": and_(...)})  # one indexed COUNT per badge
    for partial, complete in search_stream(db, SPEC.search_kind, "张三", ids): ...

Ids are kept in ``array('i')`` (4 bytes each: a million-row register is 4 MB,
not the 36 MB of a list of ints).
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, func, select

from app.db import Database
from app.services.search import query

SELECTIVE = 20_000  # up to this many matches a search is collected whole; beyond, the first screen streams first
FIRST_SCREEN = 100
SCAN_BATCH = 2_000


@dataclass(frozen=True)
class RegisterSpec:
    model: type
    search_kind: str
    sort: Mapping[str, tuple[Any, ...]]
    columns: tuple[Any, ...]  # the first must be the id column


def _cursor_ids(db: Database, stmt: Any) -> array:
    """Run a one-column SELECT of ints straight on the DB-API cursor into an array."""
    with db.engine.connect() as conn:
        compiled = stmt.compile(dialect=conn.dialect)
        params = compiled.construct_params()
        args = [params[k] for k in compiled.positiontup] if compiled.positional else params
        cursor = conn.connection.dbapi_connection.cursor()
        try:
            cursor.execute(str(compiled), args)
            out = array("i")
            while batch := cursor.fetchmany(50_000):
                out.extend(r[0] for r in batch)
            return out
        finally:
            cursor.close()


def sorted_ids(db: Database, spec: RegisterSpec, where: Sequence[ColumnElement], sort: str,
               descending: bool, limit: int | None = None) -> array:
    cols = spec.sort[sort]
    order = [c.desc() for c in cols] if descending else list(cols)
    stmt = select(spec.columns[0]).where(*where).order_by(*order)
    if limit is not None:
        stmt = stmt.limit(limit)
    return _cursor_ids(db, stmt)


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


def rank_of(ids: Sequence[int]) -> array:
    """position of each id in ``ids`` (-1 when absent), indexable by id."""
    top = max(ids, default=0)
    rank = array("i", [-1]) * (top + 1)
    for pos, i in enumerate(ids):
        rank[i] = pos
    return rank


def in_order(ids: Sequence[int], rank: array, matched: set[int]) -> array:
    """``matched`` in the order of ``ids`` (whose ranks are ``rank``); ids not in the list are dropped."""
    n = len(rank)
    positions = sorted(p for i in matched if i < n and (p := rank[i]) >= 0)
    return array("i", (ids[p] for p in positions))


def search_stream(db: Database, kind: str, text: str, ids: Sequence[int],
                  rank: Callable[[], array], cancelled: Callable[[], bool] = lambda: False,
                  ) -> Iterator[tuple[array, bool]]:
    """Yield ``(ids matching text, in the order of ids, complete?)``: once, or a first screen then the rest.

    A selective query (≤ SELECTIVE matches, the usual case for 3+ characters)
    is one index lookup, ordered through ``rank`` (built lazily by the caller
    and reused).  An unselective one ("z", "13") first checks the documents of
    the list's leading records until a screenful matched, then collects the
    whole set.  ``cancelled`` is polled between steps so a newer keystroke
    stops an older search.
    """
    with db.engine.connect() as conn:
        matched = query.match_ids(conn, kind, text, cap=SELECTIVE)
        if matched is not None:
            yield in_order(ids, rank(), matched), True
            return
        first, start = array("i"), 0
        while start < len(ids) and len(first) < FIRST_SCREEN:
            if cancelled():
                return
            first.extend(query.contains_all(conn, kind, ids[start:start + SCAN_BATCH], text))
            start += SCAN_BATCH
        if start >= len(ids):  # the whole list was checked: that was everything
            yield first, True
            return
        yield first, False
        if cancelled():
            return
        everything = query.match_ids(conn, kind, text)
        assert everything is not None
    if cancelled():
        return
    yield array("i", (i for i in ids if i in everything)), True
