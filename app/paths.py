"""Where the app keeps its files (platformdirs: per-user data and log folders)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from app import APP_NAME


def data_dir() -> Path:
    override = os.environ.get("GONGKAI_DATA_DIR")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    override = os.environ.get("GONGKAI_DATA_DIR")
    path = Path(override) / "logs" if override else Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database() -> Path:
    return data_dir() / "gongkai.sqlite3"


def resources_dir() -> Path:
    """The repository's resources/ folder (fonts and their licences)."""
    return Path(__file__).resolve().parent.parent / "resources"
