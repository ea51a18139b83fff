"""The text index: ``search_doc`` rows plus, on SQLite, two FTS5 tables; kept in step on every write.

Usage:
- ORM writes need nothing: :func:`install` (called by ``Database``) hooks every
  session's flush and rewrites the documents of new, changed and deleted
  records of the kinds in :mod:`~app.services.search.catalog`, in the same
  transaction.
- Bulk Core inserts (ledger import, demo generator) call
  ``put(conn, kind, [(record_id, body), ...])`` in their transaction.
- A register's migration calls ``rebuild(op.get_bind(), kind)``.

SQLite: ``search_tri`` (FTS5 trigram, external content = ``search_doc.body``)
answers substrings of 3+ characters; ``search_short`` (contentless FTS5,
unicode61, ``detail=none``) holds each record's distinct 1- and 2-character
pieces as tokens, so short queries are one lookup too.  Both are written here,
not by triggers, because the short-piece text is computed in Python.  A Python
whose SQLite lacks FTS5 gets no FTS tables; search then scans ``search_doc``
with the same results (logged once).  PostgreSQL: a pg_trgm GIN index on
``search_doc.body`` serves ``LIKE '%…%'``.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Engine, event, inspect, text
from sqlalchemy.orm import Session, sessionmaker

from app.services.search.documents import SearchSpec, documents, short_grams

log = logging.getLogger(__name__)
TRI, SHORT = "search_tri", "search_short"
FTS_TABLES = (TRI, SHORT)
_CHUNK = 500
_fts_by_engine: weakref.WeakKeyDictionary[Engine, bool] = weakref.WeakKeyDictionary()
_logged_fallback = False


def is_index_table(name: str) -> bool:
    """FTS5 virtual tables and their shadow tables (not ORM tables; schema comparisons skip them)."""
    return name.startswith(FTS_TABLES)


# -- schema (used by the migration) ---------------------------------------------
def fts5_compiled(conn: Connection) -> bool:
    """Whether this SQLite has FTS5 with the trigram tokenizer (SQLite ≥ 3.34)."""
    if conn.dialect.name != "sqlite":
        return False
    try:
        with conn.begin_nested():
            conn.exec_driver_sql("CREATE VIRTUAL TABLE temp.gk_fts_probe USING fts5(x, tokenize='trigram')")
            conn.exec_driver_sql("DROP TABLE temp.gk_fts_probe")
        return True
    except Exception:  # noqa: BLE001 - "no such module: fts5" or "no such tokenizer"
        return False


def create_index_tables(conn: Connection) -> None:
    """The FTS5 tables (SQLite with FTS5) or the pg_trgm GIN index (PostgreSQL); else nothing."""
    if conn.dialect.name == "postgresql":
        try:
            with conn.begin_nested():
                conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except Exception:  # noqa: BLE001 - no right to create extensions: search scans instead
            log.warning("PostgreSQL 未能启用 pg_trgm 扩展，搜索将逐行扫描（请数据库管理员执行 CREATE EXTENSION pg_trgm）")
            return
        conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_search_doc_body_trgm ON search_doc "
                             "USING gin (body gin_trgm_ops)")
    elif fts5_compiled(conn):
        conn.exec_driver_sql(f"CREATE VIRTUAL TABLE IF NOT EXISTS {TRI} USING fts5(body, content='search_doc', "
                             "content_rowid='id', tokenize='trigram')")
        conn.exec_driver_sql(f"CREATE VIRTUAL TABLE IF NOT EXISTS {SHORT} USING fts5(g, content='', "
                             "tokenize='unicode61', detail='none')")


def drop_index_tables(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("DROP INDEX IF EXISTS ix_search_doc_body_trgm")
    elif conn.dialect.name == "sqlite":
        for name in FTS_TABLES:
            if _has_table(conn, name):
                conn.exec_driver_sql(f"DROP TABLE {name}")


def _has_table(conn: Connection, name: str) -> bool:
    return conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).first() is not None


def fts_enabled(conn: Connection) -> bool:
    """True when this database has the FTS5 tables (checked once per engine)."""
    global _logged_fallback
    engine = conn.engine
    known = _fts_by_engine.get(engine)
    if known is None:
        known = conn.dialect.name == "sqlite" and _has_table(conn, TRI) and fts5_compiled(conn)
        _fts_by_engine[engine] = known
        if not known and conn.dialect.name == "sqlite" and not _logged_fallback:
            _logged_fallback = True
            log.warning("本机 SQLite 不支持 FTS5 全文索引：搜索改为逐行扫描（结果相同，数据量大时较慢）")
    return known


def forget(engine: Engine) -> None:
    """Re-check FTS availability next time (after a migration created or dropped the tables)."""
    _fts_by_engine.pop(engine, None)


# -- writing ----------------------------------------------------------------------
def put(conn: Connection, kind: str, docs: Sequence[tuple[int, str]]) -> None:
    """Insert or replace the documents of ``kind`` records, inside the caller's transaction."""
    if not docs:
        return
    fts = fts_enabled(conn)
    by_record = dict(docs)
    existing: dict[int, tuple[int, str]] = {}
    if not _maybe_all_new(conn, kind, by_record):
        keys = list(by_record)
        for i in range(0, len(keys), _CHUNK):
            rows = conn.execute(text("SELECT record_id, id, body FROM search_doc WHERE kind = :k AND record_id IN :ids")
                                .bindparams(_expanding("ids")), {"k": kind, "ids": keys[i:i + _CHUNK]})
            existing.update((r, (i_, b)) for r, i_, b in rows)
    changed = [(existing[r][0], existing[r][1], b) for r, b in by_record.items()
               if r in existing and existing[r][1] != b]
    if changed:
        if fts:
            _fts_delete(conn, [(i, old) for i, old, _ in changed])
        conn.execute(text("UPDATE search_doc SET body = :b WHERE id = :i"),
                     [{"i": i, "b": b} for i, _, b in changed])
        if fts:
            _fts_insert(conn, [(i, b) for i, _, b in changed])
    new = [(r, b) for r, b in by_record.items() if r not in existing]
    if not new:
        return
    if conn.dialect.name == "sqlite":
        start = conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM search_doc").scalar_one() + 1
        rows = [(start + n, kind, r, b) for n, (r, b) in enumerate(new)]
        conn.exec_driver_sql("INSERT INTO search_doc (id, kind, record_id, body) VALUES (?, ?, ?, ?)", rows)
        if fts:
            _fts_insert(conn, [(i, b) for i, _, _, b in rows])
    else:
        conn.execute(text("INSERT INTO search_doc (kind, record_id, body) VALUES (:k, :r, :b)"),
                     [{"k": kind, "r": r, "b": b} for r, b in new])


def _maybe_all_new(conn: Connection, kind: str, by_record: dict[int, str]) -> bool:
    """Cheap check for bulk inserts: every record id above the highest indexed one means none exists."""
    if len(by_record) < _CHUNK:
        return False
    top = conn.execute(text("SELECT max(record_id) FROM search_doc WHERE kind = :k"), {"k": kind}).scalar()
    return top is None or min(by_record) > top


def _fts_insert(conn: Connection, rows: Iterable[tuple[int, str]]) -> None:
    rows = list(rows)
    conn.exec_driver_sql(f"INSERT INTO {TRI} (rowid, body) VALUES (?, ?)", rows)
    conn.exec_driver_sql(f"INSERT INTO {SHORT} (rowid, g) VALUES (?, ?)", [(i, short_grams(b)) for i, b in rows])


def _fts_delete(conn: Connection, rows: Iterable[tuple[int, str]]) -> None:
    rows = list(rows)
    conn.exec_driver_sql(f"INSERT INTO {TRI} ({TRI}, rowid, body) VALUES ('delete', ?, ?)", rows)
    conn.exec_driver_sql(f"INSERT INTO {SHORT} ({SHORT}, rowid, g) VALUES ('delete', ?, ?)",
                         [(i, short_grams(b)) for i, b in rows])


def remove(conn: Connection, kind: str, record_ids: Iterable[int]) -> None:
    ids = list(record_ids)
    fts = fts_enabled(conn)
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i:i + _CHUNK]
        rows = conn.execute(text("SELECT id, body FROM search_doc WHERE kind = :k AND record_id IN :ids")
                            .bindparams(_expanding("ids")), {"k": kind, "ids": chunk}).all()
        if fts and rows:
            _fts_delete(conn, [(r[0], r[1]) for r in rows])
        conn.execute(text("DELETE FROM search_doc WHERE kind = :k AND record_id IN :ids")
                     .bindparams(_expanding("ids")), {"k": kind, "ids": chunk})


def _expanding(name: str) -> Any:
    from sqlalchemy import bindparam

    return bindparam(name, expanding=True)


def rebuild(conn: Connection, kind: str | None = None, batch: int = 5000) -> int:
    """Recompute the documents of ``kind`` (all kinds when None) from their tables; returns the count."""
    from app.services.search.catalog import SPECS

    forget(conn.engine)
    total = 0
    for spec in [SPECS[kind]] if kind else list(SPECS.values()):
        existing = [r[0] for r in conn.execute(text("SELECT record_id FROM search_doc WHERE kind = :k"),
                                               {"k": spec.kind})]
        remove(conn, spec.kind, existing)
        total += _index_table(conn, spec, batch)
    return total


def _index_table(conn: Connection, spec: SearchSpec, batch: int) -> int:
    table = spec.model.__table__
    cols = ["id", *sorted(spec.watched)]
    select_sql = text(f"SELECT {', '.join(cols)} FROM {table.name} WHERE id > :after ORDER BY id LIMIT :n")
    after, count = 0, 0
    while True:
        rows = [dict(zip(cols, r, strict=True)) for r in conn.execute(select_sql, {"after": after, "n": batch})]
        if not rows:
            return count
        put(conn, spec.kind, documents(spec, rows))
        after, count = rows[-1]["id"], count + len(rows)


# -- keeping ORM writes in step ------------------------------------------------------
def install(sessions: sessionmaker) -> None:
    """Rewrite the search documents of flushed records, in the flush's transaction."""
    event.listen(sessions, "after_flush", _after_flush)


def _after_flush(session: Session, _ctx: Any) -> None:
    from app.services.search.catalog import BY_MODEL

    puts: dict[str, list[Any]] = {}
    gone: dict[str, list[int]] = {}
    for obj in session.new:
        spec = BY_MODEL.get(type(obj))
        if spec is not None:
            puts.setdefault(spec.kind, []).append(obj)
    for obj in session.dirty:
        spec = BY_MODEL.get(type(obj))
        if spec is not None:
            state = inspect(obj)
            if any(state.attrs[f].history.has_changes() for f in spec.watched):
                puts.setdefault(spec.kind, []).append(obj)
    for obj in session.deleted:
        spec = BY_MODEL.get(type(obj))
        if spec is not None:
            gone.setdefault(spec.kind, []).append(obj.id)
    if not puts and not gone:
        return
    conn = session.connection()
    for kind, objs in puts.items():
        put(conn, kind, documents(BY_MODEL[type(objs[0])], objs))
    for kind, ids in gone.items():
        remove(conn, kind, ids)
