"""Engine creation: SQLite pragmas, URLs from paths, network-drive detection."""

from __future__ import annotations

import os
import sys
from contextvars import ContextVar
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url

SQLITE_BUSY_TIMEOUT_MS = 10_000
WRITE_INTENT: ContextVar[bool] = ContextVar("gongkai_write_intent", default=False)
"""Set by ``Database.session(actor=...)``: the transaction will write."""

_NETWORK_FS = {"nfs", "nfs4", "cifs", "smbfs", "smb3", "9p", "fuse.sshfs", "afs", "ncpfs", "davfs"}


def to_url(path_or_url: str | os.PathLike[str]) -> URL:
    """Accept a file path (SQLite) or any SQLAlchemy URL."""
    text = os.fspath(path_or_url)
    if "://" in text:
        url = make_url(text)
        if url.drivername in ("postgresql", "postgres"):
            url = url.set(drivername="postgresql+psycopg")
        return url
    return URL.create("sqlite+pysqlite", database=str(Path(text).expanduser().resolve()))


def sqlite_path(url: URL) -> Path | None:
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def _mount_fstype(path: Path) -> str | None:
    """The filesystem type of the mount holding ``path`` (Linux /proc/mounts)."""
    try:
        mounts = Path("/proc/mounts").read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    best, fstype = "", None
    target = str(path.resolve())
    for line in mounts:
        parts = line.split()
        if len(parts) < 3:
            continue
        mnt = parts[1].replace("\\040", " ")
        if (target == mnt or target.startswith(mnt.rstrip("/") + "/")) and len(mnt) > len(best):
            best, fstype = mnt, parts[2]
    return fstype


def is_network_path(path: Path) -> bool:
    """True for a UNC path, a mapped network drive on Windows, or a network mount."""
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return True
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import ctypes

        drive = os.path.splitdrive(str(path.resolve()))[0]
        if drive:
            DRIVE_REMOTE = 4
            return ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == DRIVE_REMOTE
        return False
    fstype = _mount_fstype(path.parent if not path.exists() else path)
    return fstype in _NETWORK_FS


def make_engine(url: URL) -> Engine:
    """An engine that never writes on connect.

    The journal mode is switched to WAL by :func:`enable_wal` only after the
    schema version was checked, so a database newer than the app keeps its
    bytes.  ``hide_parameters`` keeps applicants' data (SQL parameters) out of
    exception messages, hence out of the log and crash reports.
    """
    if url.get_backend_name() == "sqlite":
        path = sqlite_path(url)
        engine = create_engine(
            url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, future=True,
            hide_parameters=True,
        )

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record) -> None:  # noqa: ANN001
            # Let SQLAlchemy, not pysqlite, manage transactions so BEGIN is explicit.
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
            if path is not None:
                cur.execute("PRAGMA synchronous=NORMAL")  # per connection; writes nothing
            cur.close()

        @event.listens_for(engine, "begin")
        def _begin(conn) -> None:  # noqa: ANN001
            # IMMEDIATE takes the write lock up front, so two desks saving at once
            # wait for each other (busy timeout) instead of failing mid-transaction.
            conn.exec_driver_sql("BEGIN IMMEDIATE" if WRITE_INTENT.get() else "BEGIN")

        return engine
    return create_engine(url, pool_pre_ping=True, future=True, hide_parameters=True)


def enable_wal(engine: Engine) -> None:
    """Switch a SQLite file to WAL (persistent in the file; a no-op when already on).

    Called once the schema version is known to be ours: WAL lets the window
    read while another desk writes.
    """
    if engine.url.get_backend_name() != "sqlite" or sqlite_path(engine.url) is None:
        return
    raw = engine.raw_connection()
    try:
        raw.driver_connection.execute("PRAGMA journal_mode=WAL")
    finally:
        raw.close()
