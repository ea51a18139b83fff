"""A rotating log file in the user's log folder, with applicants' data masked.

The log and crash reports leave the office (sent to support), so they must not
carry personal data: names, addresses, ID and phone numbers, e-mails.  What
may carry such data is (a) values interpolated into a log message, (b) an
exception's message (SQL parameters, ``invalid literal … '张三'``) and
(c) local variables.  We therefore mask (a) and (b) with :func:`mask_text`,
never print (c), and keep what finds a bug: the exception types and every
traceback frame's file, line, function and source line (source is code, not data).
"""

from __future__ import annotations

import linecache
import logging
import re
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from app.paths import log_dir

LOG_FILE_NAME = "gongkai.log"
MASK = "＊"

_QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"|“[^”\n]*”|‘[^’\n]*’|「[^」\n]*」")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_LONG_DIGITS = re.compile(r"(?<![\w.])[0-9０-９][0-9０-９ \-]{4,}[0-9０-９Xx]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_SQL_PARAMS = re.compile(r"\[parameters: .*?\](?=\s*(?:\(Background|$))", re.S)


def _mask_quoted(match: re.Match[str]) -> str:
    text = match.group(0)
    return f"{text[0]}{MASK}{len(text) - 2}{text[-1]}"


def mask_text(text: str) -> str:
    """``text`` with anything that may be personal data replaced by ``＊``.

    Quoted literals keep only their length, e-mails and runs of six or more
    digits (ID, phone numbers) are masked, and so is every run of non-ASCII
    characters (Chinese names and addresses).  English words, identifiers,
    numbers up to five digits and punctuation stay, so "UNIQUE constraint
    failed: request.number" or "list index out of range" still read.
    """
    text = _SQL_PARAMS.sub("[parameters: ＊]", text)
    text = _QUOTED.sub(_mask_quoted, text)
    text = _EMAIL.sub(MASK + "@" + MASK, text)
    text = _LONG_DIGITS.sub(lambda m: MASK * 3, text)
    return _NON_ASCII.sub(lambda m: MASK, text)


def _exception_line(exc: BaseException) -> str:
    name = type(exc).__qualname__
    module = type(exc).__module__
    if module not in ("builtins", "__main__"):
        name = f"{module}.{name}"
    message = str(exc)
    return f"{name}: {mask_text(message)}" if message else name


def _frames(tb: TracebackType | None) -> list[str]:
    lines = []
    for frame, lineno in traceback.walk_tb(tb):
        code = frame.f_code
        lines.append(f'  File "{code.co_filename}", line {lineno}, in {code.co_name}')
        source = linecache.getline(code.co_filename, lineno).strip()
        if source:
            lines.append(f"    {source}")
    return lines


def format_exception_masked(exc: BaseException, tb: TracebackType | None = None) -> str:
    """A traceback like Python's (causes included) with every message masked."""
    chain: list[tuple[BaseException, str | None]] = []
    seen: set[int] = set()
    item: BaseException | None = exc
    link: str | None = None
    while item is not None and id(item) not in seen:
        seen.add(id(item))
        chain.append((item, link))
        if item.__cause__ is not None:
            item, link = item.__cause__, "The above exception was the direct cause of the following exception:"
        elif item.__context__ is not None and not item.__suppress_context__:
            item, link = item.__context__, "During handling of the above exception, another exception occurred:"
        else:
            item = None
    out: list[str] = []
    for index, (item, _) in enumerate(reversed(chain)):
        if index:
            out.append("")
            out.append(chain[len(chain) - index][1] or "")
            out.append("")
        out.append("Traceback (most recent call last):")
        frames_tb = tb if item is exc and tb is not None else item.__traceback__
        out.extend(_frames(frames_tb))
        out.append(_exception_line(item))
    return "\n".join(out) + "\n"


class MaskingFormatter(logging.Formatter):
    """Masks the values put into a message (``%s`` args) and every exception text.

    The format string itself is code and stays readable.
    """

    def format(self, record: logging.LogRecord) -> str:
        masked = logging.makeLogRecord(record.__dict__)
        if record.args:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            masked.args = tuple(
                a if isinstance(a, int | float) and not isinstance(a, bool) and abs(a) < 100_000
                else mask_text(str(a)) for a in args
            )
        elif record.name.startswith("sqlalchemy"):
            masked.msg = mask_text(str(record.msg))
        masked.exc_text = None
        return super().format(masked)

    def formatException(self, ei) -> str:  # noqa: ANN001, N802
        _, exc, tb = ei
        if exc is None:
            return ""
        return format_exception_masked(exc, tb).rstrip("\n")


def setup_logging(folder: Path | None = None) -> Path:
    folder = folder or log_dir()
    path = folder / LOG_FILE_NAME
    root = logging.getLogger()
    if not any(isinstance(h, RotatingFileHandler) and Path(h.baseFilename) == path for h in root.handlers):
        handler = RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
        handler.setFormatter(MaskingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def log_internal_error(exc: BaseException, where: str) -> Path | None:
    """Write a masked traceback of a bug to the log; the log's path, or None if unwritable."""
    try:
        path = setup_logging()
        logging.getLogger("gongkai.internal").error("internal error in %s", where, exc_info=exc)
        for handler in logging.getLogger().handlers:
            handler.flush()
        return path
    except OSError:
        return None
