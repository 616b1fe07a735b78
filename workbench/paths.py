"""Where Workbench keeps its files: data dir, log dir, store file."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote, unquote

import platformdirs
from sqlalchemy.engine import URL, make_url

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
    return os.environ.get("WORKBENCH_DB_URL") or sqlite_url(store_path())


def sqlite_url(path: Path) -> str:
    """The SQLAlchemy URL of the SQLite file at `path`, taken literally.

    A folder name may hold characters a URL gives a meaning to ('?', '#', '%'); such a path is
    written as an SQLite file URI with those characters escaped, so "home?mode=ro" stays a folder
    name and never becomes an option.
    """
    text = str(path)
    if not any(c in text for c in "?#%"):
        return f"sqlite:///{text}"
    return URL.create("sqlite", database=f"file:{quote(text)}", query={"uri": "true"}).render_as_string()


def sqlite_file(url: str | URL) -> Path | None:
    """The file an SQLite URL names (None for other databases and in-memory stores)."""
    parsed = make_url(url)
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or database in (None, "", ":memory:"):
        return None
    if parsed.query.get("uri") == "true" and database.startswith("file:"):
        database = unquote(database.removeprefix("file:").split("?", 1)[0])
    return Path(database).expanduser()
