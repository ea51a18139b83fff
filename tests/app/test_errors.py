"""Environment errors are told apart from bugs and explained in one Chinese sentence."""

from __future__ import annotations

import errno
import sqlite3

import psycopg
import pytest
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError

from app.db import open_database
from app.errors import environment_message


def _wrapped(orig: BaseException, cls=OperationalError):
    return cls("SELECT 1", {}, orig)


@pytest.mark.parametrize("exc, words", [
    (_wrapped(sqlite3.OperationalError("database is locked")), "占用"),
    (_wrapped(sqlite3.OperationalError("database or disk is full")), "磁盘空间已满"),
    (_wrapped(sqlite3.OperationalError("attempt to write a readonly database")), "只读"),
    (_wrapped(sqlite3.DatabaseError("file is not a database"), SADatabaseError), "不是政务公开工作台的数据库"),
    (_wrapped(sqlite3.DatabaseError("database disk image is malformed"), SADatabaseError), "已损坏"),
    (_wrapped(psycopg.OperationalError('connection failed: FATAL:  password authentication failed for user "gk"')),
     "用户名或密码"),
    (_wrapped(psycopg.OperationalError("connection failed: Connection refused")), "无法连接数据库服务器"),
    (_wrapped(psycopg.OperationalError("failed to resolve host 'db.example'")), "找不到数据库服务器"),
    (OSError(errno.ENOSPC, "No space left on device"), "磁盘空间已满"),
    (PermissionError(errno.EACCES, "Permission denied", "/srv/x.xlsx"), "没有权限"),
    (OSError(errno.EROFS, "Read-only file system", "/media/cd/x.pdf"), "只读"),
    (ModuleNotFoundError("No module named 'pymysql'"), "驱动"),
])
def test_environment_errors_are_explained(exc, words):
    message = environment_message(exc)
    assert message is not None and words in message


@pytest.mark.parametrize("exc", [
    ZeroDivisionError("x"), KeyError("applicant"), ValueError("bad"),
    _wrapped(sqlite3.IntegrityError("UNIQUE constraint failed: info_request.number"), IntegrityError),
    _wrapped(psycopg.errors.UndefinedTable('relation "x" does not exist'), ProgrammingError),
])
def test_bugs_are_not_excused_as_environment(exc):
    assert environment_message(exc) is None


def test_cause_chain_is_followed():
    try:
        try:
            raise OSError(errno.ENOSPC, "No space left on device")
        except OSError as inner:
            raise RuntimeError("export failed") from inner
    except RuntimeError as outer:
        assert "磁盘空间已满" in environment_message(outer)


@pytest.mark.postgres
def test_missing_database_on_a_real_server(pg_server):
    with pytest.raises(Exception) as info:
        open_database(pg_server.url("gk_no_such_database"))
    assert "没有这个数据库" in environment_message(info.value)
