"""Tell environment problems (disk full, locked, read-only, no server) from bugs.

Environment errors get one plain Chinese line the user can act on; anything
else is a bug and goes to the crash dialog (window) or the log (command line).
The command line, the window's start-up and its background jobs all ask
:func:`environment_message`, so a given problem reads the same everywhere.
"""

from __future__ import annotations

import errno
import sys
from collections.abc import Iterator


class DatabaseError(Exception):
    """A problem with the database the user can act on; the message is Chinese.

    Defined here, not in ``app.db``, so that the command line's error guard and the
    window's start-up can name it without importing SQLAlchemy and the models (about
    0.9 s): the sign-in dialog appears before the database layer is loaded.
    """


def _sa_exc():  # noqa: ANN202
    """``sqlalchemy.exc`` if SQLAlchemy is loaded, else None: an exception from it cannot exist
    before it is imported, and importing it just to ask would cost start-up time."""
    return sys.modules.get("sqlalchemy.exc")


def _sqlite_error() -> type[BaseException] | None:
    """``sqlite3.Error`` if the driver is loaded (same reasoning as :func:`_sa_exc`)."""
    module = sys.modules.get("sqlite3")
    return None if module is None else module.Error

_SQLITE_RULES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("database is locked", "database table is locked", "database schema is locked"),
     "数据库正被其他窗口或电脑占用，请稍后再试。"),
    (("database or disk is full", "disk is full"), "磁盘空间已满，数据未能保存。请清理磁盘后再试。"),
    (("readonly", "read-only"), "数据库文件是只读的，无法保存。请检查文件权限，或把数据库放到可写的位置。"),
    (("file is not a database", "file is encrypted or is not a database", "not a database"),
     "这个文件不是政务公开工作台的数据库（或已损坏），请检查 --db 指向的文件。"),
    (("database disk image is malformed",), "数据库文件已损坏。请用最近的备份恢复，并联系技术支持。"),
    (("disk i/o error",), "读写数据库文件时磁盘出错，请检查磁盘或移动存储设备是否正常。"),
    (("unable to open database file",), "无法打开数据库文件：文件夹不存在、没有访问权限，或路径指向了文件夹。"),
)

_SERVER_RULES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("password authentication failed", "no password supplied", "authentication failed"),
     "数据库服务器拒绝了用户名或密码，请检查连接地址中的用户名和密码。"),
    (("does not exist",), "数据库服务器上没有这个数据库或用户，请检查连接地址。"),
    (("permission denied",), "数据库服务器上的这个用户没有所需的权限，请联系服务器管理员。"),
    (("failed to resolve host", "could not translate host name", "name or service not known"),
     "找不到数据库服务器，请检查服务器地址和网络。"),
    (("connection refused", "could not connect", "connection failed", "timeout expired", "timed out",
      "server closed the connection", "connection to server"),
     "无法连接数据库服务器，请检查网络和服务器是否在运行。"),
    (("no space left on device", "could not extend file"), "数据库服务器磁盘空间已满，请联系服务器管理员。"),
    (("read-only transaction", "read only"), "数据库服务器处于只读状态，无法保存，请联系服务器管理员。"),
)


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """``exc``, the DBAPI error it wraps and its causes, each once."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        item = todo.pop(0)
        if item is None or id(item) in seen:
            continue
        seen.add(id(item))
        yield item
        todo.extend([getattr(item, "orig", None), item.__cause__, item.__context__])


def _match(text: str, rules: tuple[tuple[tuple[str, ...], str], ...]) -> str | None:
    for needles, message in rules:
        if any(n in text for n in needles):
            return message
    return None


def _os_message(exc: OSError) -> str | None:
    where = f"：{exc.filename}" if exc.filename else ""
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return "磁盘空间已满，文件未能保存。请清理磁盘后再试。"
    if exc.errno == errno.EROFS:
        return f"该位置是只读的，无法写入{where}"
    if exc.errno in (errno.EACCES, errno.EPERM) or isinstance(exc, PermissionError):
        return f"没有权限访问该位置{where}"
    if exc.errno == errno.ENOENT or isinstance(exc, FileNotFoundError):
        return f"找不到文件或文件夹{where}"
    if exc.errno == errno.EISDIR or isinstance(exc, IsADirectoryError):
        return f"这是一个文件夹，不是文件{where}"
    if exc.errno == errno.ENOTDIR or isinstance(exc, NotADirectoryError):
        return f"路径中有一部分不是文件夹{where}"
    if exc.errno == errno.EIO:
        return f"读写磁盘出错，请检查磁盘或移动存储设备是否正常{where}"
    if exc.errno in (errno.EMFILE, errno.ENFILE):
        return "打开的文件过多，请关闭一些程序后再试。"
    if exc.errno == getattr(errno, "ENAMETOOLONG", -1):
        return f"文件名或路径太长{where}"
    return None


def _one(exc: BaseException) -> str | None:
    text = str(exc).lower()
    sa_exc = _sa_exc()
    if sa_exc is not None and isinstance(exc, sa_exc.NoSuchModuleError):
        return "无法识别数据库地址：只支持 SQLite 文件路径和 postgresql:// 开头的地址。"
    if sa_exc is not None and isinstance(exc, sa_exc.ArgumentError) and "url" in text:
        return "数据库地址的写法不正确：请写文件路径，或 postgresql://用户名:密码@服务器:5432/数据库名。"
    if isinstance(exc, ModuleNotFoundError):
        return "本程序没有安装这种数据库的驱动：只支持 SQLite 文件和 PostgreSQL 服务器。"
    sqlite_error = _sqlite_error()
    if sqlite_error is not None and isinstance(exc, sqlite_error):
        return _match(text, _SQLITE_RULES)
    if (type(exc).__module__ or "").startswith("psycopg"):
        # Only connection/server-state errors: a ProgrammingError ("relation does not exist") is a bug.
        names = {cls.__name__ for cls in type(exc).__mro__}
        if names & {"OperationalError", "InsufficientPrivilege", "DiskFull", "ReadOnlySqlTransaction"}:
            return _match(text, _SERVER_RULES)
        return None
    if isinstance(exc, MemoryError):
        return "内存不足，操作未能完成。请关闭一些程序后再试。"
    if isinstance(exc, OSError):
        return _os_message(exc)
    return None


def environment_message(exc: BaseException) -> str | None:
    """A Chinese explanation if ``exc`` is caused by the machine, else None (a bug)."""
    for item in _chain(exc):
        message = _one(item)
        if message is not None:
            return message
    sa_exc = _sa_exc()
    if sa_exc is not None and isinstance(exc, sa_exc.OperationalError):
        # A driver we do not know in detail: still the environment, not a bug.
        text = str(exc).lower()
        return _match(text, _SQLITE_RULES) or _match(text, _SERVER_RULES)
    return None
