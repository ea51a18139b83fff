"""File names made from record data, and names of files people hand us.

Batch letter export names files after request numbers and letter titles, which
hold whatever a clerk typed.  On Windows a name may not contain \\ / : * ? " < > |,
may not be CON, PRN, AUX, NUL, COM1-9 or LPT1-9 (with any extension), may not end
in a dot or a space; ".." or a drive letter would leave the chosen folder.
An existing file is never overwritten silently: "名称 (2).pdf", "(3)", … instead.

Stored attachment names keep what the person sees, minus direction overrides and
control characters (a name "invoice\\u202Efdp.exe" displays as "invoiceexe.pdf").
"""

from __future__ import annotations

import re
from pathlib import Path

from app.validation.text import strip_controls

MAX_NAME = 120  # characters before the extension; well within every file system's 255 bytes
_FORBIDDEN = re.compile(r'[\\/:*?"<>|]')
_RESERVED = re.compile(r"(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³]|CONIN\$|CONOUT\$)", re.IGNORECASE)


def safe_filename(name: str, default: str = "文件") -> str:
    """A single file name that is valid on Windows and Linux and stays inside its folder."""
    text = strip_controls(name).replace("\n", " ").replace("\t", " ")
    text = _FORBIDDEN.sub("_", text)
    stem, dot, ext = text.rpartition(".")
    if not dot or not stem or len(ext) > 10 or _FORBIDDEN.search(ext):
        stem, ext = text, ""
    stem = stem.strip(" .")
    ext = ext.strip(" .")
    while ".." in stem:
        stem = stem.replace("..", ".")
    if not stem:
        stem = default
    if _RESERVED.fullmatch(stem.split(".", 1)[0].strip()):
        stem = "_" + stem
    stem = stem[:MAX_NAME].rstrip(" .") or default
    return f"{stem}.{ext}" if ext else stem


def unique_path(folder: Path, name: str) -> Path:
    """``folder / safe name``, or "name (2).ext", "(3)"… if that file exists already."""
    safe = safe_filename(name)
    candidate = folder / safe
    if not candidate.exists():
        return candidate
    stem, dot, ext = safe.rpartition(".")
    if not dot:
        stem, ext = safe, ""
    n = 2
    while True:
        candidate = folder / (f"{stem} ({n}).{ext}" if ext else f"{stem} ({n})")
        if not candidate.exists():
            return candidate
        n += 1


def stored_name(name: str, limit: int = 200) -> str:
    """An attachment's name as stored: no direction overrides or control characters, at most ``limit``."""
    text = strip_controls(name).strip()
    if len(text) > limit:
        stem, dot, ext = text.rpartition(".")
        text = (stem[: limit - len(ext) - 1] + "." + ext) if dot and len(ext) <= 10 else text[:limit]
    return text or "附件"
