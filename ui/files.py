"""Where save dialogs start: the user's documents folder, with a dated file name."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QStandardPaths


def documents_folder() -> Path:
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(location) if location else Path.home()


def dated_path(stem: str, suffix: str, day: dt.date | None = None) -> str:
    """e.g. ~/文档/依申请公开列表-20261129.xlsx (a string, as QFileDialog wants it)."""
    day = day or dt.date.today()
    return str(documents_folder() / f"{stem}-{day:%Y%m%d}{suffix}")
