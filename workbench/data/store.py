"""Opening the store: engine with SQLite pragmas, checks on the file, migrations, built-in data.

`open_store()` is the one entry point the app, the CLI and the tests use. It never overwrites or
"repairs" a bad file: it raises `StoreError` with a message that says what is wrong and what to do.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from workbench import paths

log = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"
#: How long a write waits for another writer (SQLite busy timeout, PostgreSQL lock_timeout).
LOCK_WAIT_MS = 5000
#: The longest one PostgreSQL statement may run (statement_timeout); a list diff of 1M entries fits.
STATEMENT_LIMIT_MS = 300_000


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
    cursor.execute(f"PRAGMA busy_timeout={LOCK_WAIT_MS}")
    cursor.close()


def _postgres_connect_args(url: str) -> dict[str, str]:
    """Per-connection limits on waiting for a lock and on one statement (libpq startup options)."""
    if "options" in make_url(url).query:
        return {}
    return {"options": f"-c lock_timeout={LOCK_WAIT_MS} -c statement_timeout={STATEMENT_LIMIT_MS}"}


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
    """Create an engine for `url`: SQLite gets WAL, foreign keys, NORMAL sync and a busy timeout;
    PostgreSQL a lock timeout and a statement timeout on every connection."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(url, poolclass=NullPool if parsed.database in (None, "", ":memory:") else None)
        event.listen(engine, "connect", _set_sqlite_pragmas)
        return engine
    if parsed.get_backend_name() == "postgresql":
        return create_engine(url, pool_pre_ping=True, connect_args=_postgres_connect_args(url))
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
    """The user-facing error for a database error while using the store.

    A busy store, a timeout, a full disk or a conflicting change are not damage: their messages
    say what happened and that the store is fine, and never advise restoring a backup.
    """
    parsed = make_url(url)
    sqlite_path = paths.sqlite_file(parsed)
    is_file = sqlite_path is not None
    origin = sqlite_path if is_file else parsed.render_as_string(hide_password=True)
    reason = " ".join(str(exc.orig).split()).rstrip(".")
    end = "" if reason.endswith(("?", "!")) else "."
    kind = error_kind(exc)
    advice = _ADVICE[kind].format(
        wait=f"{LOCK_WAIT_MS / 1000:g}",
        limit=f"{STATEMENT_LIMIT_MS / 1000:g}",
        folder=_folder(origin, is_file),
    )
    if kind == "damaged":
        advice += (
            " Restore it from a backup (workbench.backup-*.sqlite3 next to it) or move it aside to start"
            " anew."
            if is_file
            else " Check that the database server is running and reachable."
        )
    return StoreError(f"Cannot use the store {origin}: {reason}{end} {advice}")


def _folder(origin: object, is_file: bool) -> str:
    return str(Path(str(origin)).parent) if is_file else "the database server's data folder"


_ROLLED_BACK = "Any unfinished change was rolled back."
_FINE = "Nothing is wrong with the store: the unfinished change was rolled back, nothing else was touched."
_ADVICE = {
    "busy": (
        "Another Workbench window, command or reviewer was writing to the store and did not finish "
        f"within {{wait}} seconds. {_FINE} Wait until that work is done (an import or a screening run "
        "can take a few minutes), then try again."
    ),
    "timeout": (
        "The database server stopped a statement that ran longer than {limit} seconds. "
        f"{_FINE} Try again when the server is less busy."
    ),
    "full": (
        f"The disk holding the store is full. {_FINE} Free some space in {{folder}}, then try again; "
        "do not move or delete the store file."
    ),
    "conflict": (
        "The change conflicts with data saved at the same moment (by another reviewer, window or "
        f"command), or breaks a rule of the store. {_FINE} Reload what you were editing and try again."
    ),
    "denied": (
        "Your database role is not allowed to make this change (for example, the audit log can only be "
        f"added to, never edited). {_FINE} Ask the database owner if you need more rights."
    ),
    "damaged": _ROLLED_BACK,
}
_SQLSTATE_KINDS = {
    "55P03": "busy",  # lock_not_available (lock_timeout)
    "40P01": "busy",  # deadlock_detected
    "40001": "busy",  # serialization_failure
    "57014": "timeout",  # query_canceled (statement_timeout)
    "53100": "full",  # disk_full
    "42501": "denied",  # insufficient_privilege
}


def error_kind(exc: DBAPIError) -> str:
    """Classify a database error: busy, timeout, full, conflict, denied, or damaged (anything else)."""
    orig = exc.orig
    state = str(getattr(orig, "sqlstate", "") or "")
    if state in _SQLSTATE_KINDS:
        return _SQLSTATE_KINDS[state]
    if state.startswith("23") or isinstance(exc, IntegrityError):
        return "conflict"
    name = str(getattr(orig, "sqlite_errorname", ""))
    text = str(orig).lower()
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "database is locked" in text:
        return "busy"
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        return "full"
    return "damaged"


def serialise(session: Session, name: str, wait_ms: int = LOCK_WAIT_MS) -> None:
    """Make writers that call this with the same `name` run one after the other.

    Takes a lock held until the session's transaction ends, waiting at most `wait_ms` for it
    (a busy error after that, see `unreadable_store`). PostgreSQL: a transaction-scoped advisory
    lock on `name`. SQLite has one writer at a time: the store's write lock is taken now, so what
    the caller reads next is already what the previous writer committed.
    """
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        conn.execute(text(f"SET LOCAL lock_timeout = {int(wait_ms)}"))
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": advisory_key(name)})
        return
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"PRAGMA busy_timeout={int(wait_ms)}")
        try:
            conn.exec_driver_sql("DELETE FROM alembic_version WHERE 0")  # a write: takes the write lock
        finally:
            conn.exec_driver_sql(f"PRAGMA busy_timeout={LOCK_WAIT_MS}")


def advisory_key(name: str) -> int:
    """A stable signed 64-bit key for a PostgreSQL advisory lock named `name`."""
    digest = hashlib.sha256(f"workbench:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)
