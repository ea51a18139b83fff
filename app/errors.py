"""Tell environment problems (disk full, locked, read-only) from bugs.

Environment errors get a plain Chinese message the user can act on; anything
else is a bug and goes to the crash dialog and the log.
"""

from __future__ import annotations

import errno

from sqlalchemy.exc import OperationalError


def environment_message(exc: BaseException) -> str | None:
    """A Chinese explanation if ``exc`` is caused by the machine, else None."""
    text = str(exc).lower()
    if isinstance(exc, OperationalError) or "sqlite" in type(exc).__module__:
        if "database is locked" in text or "database table is locked" in text:
            return "数据库正被其他窗口或电脑占用，请稍后再试。"
        if "disk is full" in text or "database or disk is full" in text:
            return "磁盘空间已满，数据未能保存。请清理磁盘后再试。"
        if "readonly" in text or "read-only" in text:
            return "数据库文件是只读的，无法保存。请检查文件权限或是否在只读位置。"
        if "unable to open database" in text:
            return "无法打开数据库文件，请检查路径和权限。"
        if "could not connect" in text or "connection refused" in text or "connection" in text and "failed" in text:
            return "无法连接数据库服务器，请检查网络和服务器是否运行。"
        if "password authentication failed" in text:
            return "数据库服务器拒绝了用户名或密码。"
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            return "磁盘空间已满，文件未能保存。"
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return f"没有权限写入该位置：{exc.filename or ''}"
        if exc.errno == errno.ENOENT:
            return f"找不到文件或文件夹：{exc.filename or ''}"
    return None
