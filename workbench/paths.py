"""Where Workbench keeps its files: data dir, log dir, store file."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "Workbench"
APP_AUTHOR = "Workbench"
STORE_FILENAME = "workbench.sqlite3"


def data_dir() -> Path:
    """Return the data directory: `$WORKBENCH_HOME` if set, else the platform user-data dir."""
    home = os.environ.get("WORKBENCH_HOME")
    path = Path(home).expanduser() if home else Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    return path


def log_dir() -> Path:
    """Return the directory for log files (inside `$WORKBENCH_HOME` when that is set)."""
    home = os.environ.get("WORKBENCH_HOME")
    if home:
        return Path(home).expanduser() / "logs"
    return Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))


def store_path() -> Path:
    """Return the path of the embedded SQLite store file."""
    return data_dir() / STORE_FILENAME


def store_url() -> str:
    """Return the SQLAlchemy URL of the store: `$WORKBENCH_DB_URL` or the embedded SQLite file."""
    return os.environ.get("WORKBENCH_DB_URL") or f"sqlite:///{store_path()}"
