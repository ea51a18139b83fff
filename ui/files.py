"""Where save dialogs start: the user's documents folder, with a dated file name."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget


def documents_folder() -> Path:
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(location) if location else Path.home()


def dated_path(stem: str, suffix: str, day: dt.date | None = None) -> str:
    """e.g. ~/文档/依申请公开列表-20261129.xlsx (a string, as QFileDialog wants it)."""
    day = day or dt.date.today()
    return str(documents_folder() / f"{stem}-{day:%Y%m%d}{suffix}")


def ask_save_path(parent: QWidget | None, title: str, suggested: str, pattern: str = "") -> tuple[str, str]:
    """QFileDialog.getSaveFileName, but a bare file name starts in the documents folder — not in
    the program's folder, where a clerk would never find the file again."""
    path = Path(suggested)
    if not path.is_absolute() and path.parent == Path("."):
        suggested = str(documents_folder() / path)
    return QFileDialog.getSaveFileName(parent, title, suggested, pattern)
