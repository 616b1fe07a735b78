"""Opening the store: engine with SQLite pragmas, checks on the file, migrations, built-in data.

`open_store()` is the one entry point the app, the CLI and the tests use. It never overwrites or
"repairs" a bad file: it raises `StoreError` with a message that says what is wrong and what to do.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from workbench import paths

log = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"


class StoreError(Exception):
    """The store cannot be opened or upgraded; the message is meant for the user."""


@dataclass
class Store:
    """An open store: the engine and a factory for sessions (one session per thread)."""

    engine: Engine
    url: str
    sessions: sessionmaker[Session]

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def session(self) -> Session:
        """Return a new session; use it on one thread only, and write inside `with s.begin():`."""
        return self.sessions()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session with a transaction that commits on success and rolls back on any error."""
        with self.sessions() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def _set_sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def _check_sqlite_file(path: Path) -> None:
    """Refuse files that are not SQLite databases and locations we cannot write to."""
    if path.exists():
        if path.is_dir():
            raise StoreError(
                f"The store path {path} is a folder, not a file. Point WORKBENCH_HOME elsewhere."
            )
        with path.open("rb") as fh:
            header = fh.read(16)
        if not header:
            raise StoreError(
                f"{path} is empty (0 bytes), so it holds no Workbench store: a store is never empty, "
                "even when new. The file was left untouched. If it should hold your data, restore it from "
                "a backup; if it was created by mistake, delete it and start again."
            )
        if header != SQLITE_MAGIC:
            raise StoreError(
                f"{path} is not a Workbench store (not an SQLite database, or it is corrupt). "
                "The file was left untouched. Move it aside or restore it from a backup, then start again."
            )
        if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
            raise StoreError(
                f"The store {path} is read-only. Workbench needs to write to it and to its folder "
                f"({path.parent}). Fix the permissions or set WORKBENCH_HOME to a writable folder."
            )
        return
    parent = path.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(
            f"Cannot create the data folder {parent}: {exc.strerror}. "
            "Set WORKBENCH_HOME to a writable folder."
        ) from exc
    if not os.access(parent, os.W_OK):
        raise StoreError(f"The data folder {parent} is read-only. Set WORKBENCH_HOME to a writable folder.")


def make_engine(url: str) -> Engine:
    """Create an engine for `url`; SQLite gets WAL, foreign keys, NORMAL sync and a busy timeout."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(url, poolclass=NullPool if parsed.database in (None, "", ":memory:") else None)
        event.listen(engine, "connect", _set_sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def backup_sqlite(path: Path) -> Path:
    """Copy the SQLite store next to itself (consistent snapshot via the backup API); return the copy."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.backup-{stamp}{path.suffix}")
    src = sqlite3.connect(path)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


def open_store(url: str | None = None, *, migrate: bool = True, load_builtin: bool = True) -> Store:
    """Open (creating and migrating if needed) the store at `url` or the configured default.

    Raises `StoreError` for a corrupt or foreign file, a store from a newer Workbench, or a
    location that cannot be written.
    """
    from workbench.data import migrations

    url = url or paths.store_url()
    try:
        parsed = make_url(url)
        parsed.get_dialect()
    except (ArgumentError, NoSuchModuleError) as exc:
        shown = re.sub(r"(//[^:/@]*):[^@/]*@", r"\1:***@", url)  # never print a password
        raise StoreError(
            f"The store address '{shown}' is not a database URL Workbench can use ({exc}). Check "
            "WORKBENCH_DB_URL, e.g. postgresql+psycopg://user@host/workbench, or unset it to use the "
            "embedded store."
        ) from exc
    sqlite_path = paths.sqlite_file(parsed)
    if sqlite_path is not None:
        _check_sqlite_file(sqlite_path)
    try:
        engine = make_engine(url)
    except ImportError as exc:
        raise StoreError(
            f"The database driver for {parsed.drivername} is not installed ({exc}). For PostgreSQL, "
            "install Workbench with the postgres extra."
        ) from exc
    store = Store(engine=engine, url=url, sessions=sessionmaker(engine, expire_on_commit=False))
    try:
        if migrate:
            migrations.upgrade(engine, backup=(lambda: backup_sqlite(sqlite_path)) if sqlite_path else None)
        else:
            migrations.check_current(engine)
        if load_builtin:
            from workbench.measures.dataset import ensure_builtin_loaded

            ensure_builtin_loaded(store)
    except StoreError:
        engine.dispose()
        raise
    except DBAPIError as exc:
        engine.dispose()
        raise unreadable_store(url, exc) from exc
    return store


def unreadable_store(url: str, exc: DBAPIError) -> StoreError:
    """The user-facing error for a database error while using the store (e.g. a damaged file)."""
    parsed = make_url(url)
    sqlite_path = paths.sqlite_file(parsed)
    is_file = sqlite_path is not None
    origin = sqlite_path if is_file else parsed.render_as_string(hide_password=True)
    hint = (
        " Restore it from a backup (workbench.backup-*.sqlite3 next to it) or move it aside to start anew."
        if is_file
        else " Check that the database server is running and reachable."
    )
    reason = " ".join(str(exc.orig).split()).rstrip(".")
    end = "" if reason.endswith(("?", "!")) else "."
    return StoreError(
        f"Cannot use the store {origin}: {reason}{end} Any unfinished change was rolled back.{hint}"
    )
