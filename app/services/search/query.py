"""Text queries against the index: which records of a kind contain every term.

Three paths, same results (tests run each against the others):
- SQLite with FTS5: the longest term drives an index lookup (``search_tri`` for
  3+ characters, ``search_short`` for 1–2), the other terms are checked on the
  joined document with ``instr``; rows stream, so ``cap`` stops early.
- PostgreSQL: ``body LIKE '%term%'`` for each term, served by the pg_trgm index.
- SQLite without FTS5: the same ``instr`` checks over ``search_doc`` (a scan).
"""

from __future__ import annotations

import sqlite3
from array import array
from collections.abc import Callable, Sequence

from sqlalchemy import Connection, Integer, TextualSelect, column, text

from app.services.progress import Cancelled
from app.services.search.documents import is_token, terms
from app.services.search.index import SHORT, TRI, fts_enabled


def match_ids(conn: Connection, kind: str, query: str, cap: int | None = None,
              cancelled: Callable[[], bool] | None = None) -> set[int] | None:
    """Ids of ``kind`` records whose document contains every term of ``query``.

    With ``cap``, returns None as soon as more than ``cap`` records match: the
    caller then streams the first screen from its ordered list instead of
    collecting a large, unselective set on the user's keystroke.
    """
    ts = terms(query)
    if not ts:
        raise ValueError("empty query")
    limit = f" LIMIT {int(cap) + 1}" if cap is not None else ""
    if conn.dialect.name == "postgresql":
        likes = " AND ".join(f"body LIKE :t{n} ESCAPE '\\'" for n in range(len(ts)))
        params = {f"t{n}": "%" + _escape_like(t) + "%" for n, t in enumerate(ts)} | {"k": kind}
        sql = f"SELECT record_id FROM search_doc WHERE kind = :k AND {likes}{limit}"
        ids = {r[0] for r in conn.execute(text(sql), params)}
    else:
        sql, args = _sqlite_sql(conn, kind, ts)
        ids = set(_id_list(conn, sql.replace("SELECT d.record_id ", "SELECT d.record_id AS id ", 1) + limit, args,
                           cancelled))
    if cap is not None and len(ids) > cap:
        return None
    return ids


def single_index_term(conn: Connection, query: str) -> str | None:
    """The query's one term when an FTS5 table answers it alone (``index_rows``); else None."""
    ts = terms(query)
    if len(ts) != 1 or conn.dialect.name != "sqlite" or not fts_enabled(conn):
        return None
    return ts[0] if len(ts[0]) >= 3 or is_token(ts[0]) else None


def index_rows(conn: Connection, term: str, cap: int, cancelled: Callable[[], bool] | None = None) -> array | None:
    """``search_doc`` ids (every kind) containing ``term``, straight from the FTS5 table: no join to the
    documents, which costs three times the lookup.  None when more than ``cap`` match."""
    table = TRI if len(term) >= 3 else SHORT
    ids = _id_list(conn, f"SELECT rowid AS id FROM {table} WHERE {table} MATCH ? LIMIT {int(cap) + 1}",
                   ['"' + term.replace('"', '""') + '"'], cancelled)
    return None if len(ids) > cap else ids


def _id_list(conn: Connection, sql: str, args: Sequence, cancelled: Callable[[], bool] | None) -> array:
    """The ids ``sql`` selects (one integer column named ``id``), read as one comma-joined string.

    Why: the driver takes Python's lock back for every row it hands over, and on a search worker
    each take waits for the window's thread to let go (up to the 5 ms switch interval) — 11,000
    matching ids cost 38 ms instead of the 8 ms the lookup takes.  One aggregated row crosses once.
    """
    rows = _raw(conn, f"SELECT group_concat(id) FROM ({sql})", args, cancelled)
    text = rows[0][0] if rows else None
    return array("i", map(int, text.split(","))) if text else array("i")


def _sqlite_sql(conn: Connection, kind: str, ts: list[str]) -> tuple[str, list]:
    drive = max(ts, key=len)
    rest = [t for t in ts if t != drive]
    checks = "".join(" AND instr(d.body, ?) > 0" for _ in rest)
    if fts_enabled(conn) and (len(drive) >= 3 or is_token(drive)):
        table = TRI if len(drive) >= 3 else SHORT
        phrase = '"' + drive.replace('"', '""') + '"'
        # CROSS JOIN keeps the FTS table the outer loop (SQLite would otherwise walk every document of the kind)
        sql = (f"SELECT d.record_id FROM {table} f CROSS JOIN search_doc d ON d.id = f.rowid "
               f"WHERE {table} MATCH ? AND d.kind = ?{checks}")
        return sql, [phrase, kind, *rest]
    checks = "".join(" AND instr(d.body, ?) > 0" for _ in ts)
    return f"SELECT d.record_id FROM search_doc d WHERE d.kind = ?{checks}", [kind, *ts]


def matching_subquery(conn: Connection, kind: str, query: str) -> TextualSelect:
    """``SELECT record_id`` of the matching documents, to use as ``Model.id.in_(…)``: the database
    filters, sorts and counts without the ids passing through Python (and its lock)."""
    ts = terms(query)
    if not ts:
        raise ValueError("empty query")
    if conn.dialect.name == "postgresql":
        likes = " AND ".join(f"body LIKE :st{n} ESCAPE '\\'" for n in range(len(ts)))
        params = {f"st{n}": "%" + _escape_like(t) + "%" for n, t in enumerate(ts)} | {"sk": kind}
        sql = f"SELECT record_id FROM search_doc WHERE kind = :sk AND {likes}"
    else:
        sql, args = _sqlite_sql(conn, kind, ts)
        parts = sql.split("?")
        sql = "".join(p + (f":sq{n}" if n < len(args) else "") for n, p in enumerate(parts))
        params = {f"sq{n}": a for n, a in enumerate(args)}
    return text(sql).bindparams(**params).columns(column("record_id", Integer))


def _raw(conn: Connection, sql: str, args: Sequence, cancelled: Callable[[], bool] | None = None) -> list[tuple]:
    # Straight to the DB-API cursor: building SQLAlchemy Row objects for
    # hundreds of thousands of matches costs more than the lookup itself.
    dbapi = conn.connection.dbapi_connection
    if cancelled is not None and conn.dialect.name == "sqlite":
        # SQLite polls this every few thousand steps: a newer keystroke aborts the running query.
        dbapi.set_progress_handler(lambda: 1 if cancelled() else 0, 50_000)
    cursor = dbapi.cursor()
    try:
        cursor.execute(sql, list(args))
        return cursor.fetchall()
    except sqlite3.OperationalError as exc:
        if cancelled is not None and cancelled():
            raise Cancelled() from exc
        raise
    finally:
        cursor.close()
        if cancelled is not None and conn.dialect.name == "sqlite":
            dbapi.set_progress_handler(keep_going, 10**9)


def keep_going() -> int:
    """The idle progress handler.  Never ``set_progress_handler(None, …)``: Python 3.11's sqlite3
    then drops a reference to None it never took, and the interpreter aborts at exit."""
    return 0


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def bodies(conn: Connection, kind: str, record_ids: Sequence[int]) -> dict[int, str]:
    """The search documents of the given records (records without one are absent)."""
    out: dict[int, str] = {}
    for i in range(0, len(record_ids), 900):
        chunk = list(record_ids[i:i + 900])
        if conn.dialect.name == "sqlite":
            marks = ",".join("?" * len(chunk))
            out.update(_raw(conn, f"SELECT record_id, body FROM search_doc WHERE kind = ? "
                                  f"AND record_id IN ({marks})", [kind, *chunk]))
        else:
            out.update(conn.execute(text("SELECT record_id, body FROM search_doc WHERE kind = :k "
                                         "AND record_id = ANY(:ids)"), {"k": kind, "ids": chunk}).all())
    return out


def contains_all(conn: Connection, kind: str, record_ids: Sequence[int], query: str) -> list[int]:
    """The given ids (in the given order) whose document contains every term: one batch of a streamed search."""
    ts = terms(query)
    if not record_ids:
        return []
    found = bodies(conn, kind, record_ids)
    return [i for i in record_ids if (b := found.get(i)) is not None and all(t in b for t in ts)]
