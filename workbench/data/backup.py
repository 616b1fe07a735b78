"""Backup and restore of the SQLite store with SQLite's online backup API.

The backup API copies a consistent snapshot page by page while other connections (the running
app, a second process) keep reading and writing. A restore checks the file first (a SQLite
database, intact, a Workbench store whose schema this version knows), keeps a copy of the store
it replaces next to it, then copies the backup into the live store, again with the backup API.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from workbench import paths
from workbench.data import migrations
from workbench.data.store import StoreError, backup_sqlite

PAGES_PER_STEP = 1024


@dataclass(frozen=True)
class RestoreResult:
    """What a restore did: the file restored, its schema revision, and the copy of the replaced store."""

    source: Path
    revision: str
    replaced_copy: Path | None


def sqlite_store_path(url: str | None = None) -> Path:
    """The file of the SQLite store at `url` (default: the configured store); StoreError for a server."""
    path = paths.sqlite_file(url or paths.store_url())
    if path is None:
        raise StoreError(
            "Backup and restore work on the built-in SQLite store. A shared PostgreSQL store is backed up "
            "with the server's own tools (pg_dump / pg_restore)."
        )
    return path


def _copy(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    source.backup(target, pages=PAGES_PER_STEP)


def backup_store(out: str | Path, url: str | None = None) -> Path:
    """Write a consistent copy of the store to `out` (refuses to overwrite a file); return `out`."""
    store = sqlite_store_path(url)
    out = Path(out).expanduser().resolve()
    if not store.is_file():
        raise StoreError(f"There is no store at {store} to back up yet.")
    if out.exists():
        raise StoreError(f"{out} already exists; choose a new file name (a backup never overwrites a file).")
    if out == store.resolve():
        raise StoreError(f"{out} is the store itself; choose another file.")
    part = out.with_name(out.name + ".part")
    try:
        with _connect(store) as src, _connect(part) as dst:
            _copy(src, dst)
        os.replace(part, out)
    except sqlite3.Error as exc:
        part.unlink(missing_ok=True)
        raise StoreError(f"The backup to {out} failed: {exc}. The store was not changed.") from exc
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise StoreError(f"Cannot write {out}: {exc.strerror}. Choose a folder you can write to.") from exc
    return out


def check_backup(source: str | Path) -> str:
    """The schema revision of a backup file; a StoreError names the file and the fix if it cannot be used."""
    source = Path(source).expanduser()
    if not source.is_file():
        raise StoreError(f"{source} does not exist.")
    try:
        with _connect(source, read_only=True) as con:
            ok = con.execute("PRAGMA quick_check").fetchone()
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            revision = (
                con.execute("SELECT version_num FROM alembic_version").fetchone()
                if "alembic_version" in tables
                else None
            )
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{source} is not a Workbench backup (not a SQLite database: {exc}).") from exc
    if not ok or ok[0] != "ok":
        raise StoreError(f"{source} is damaged ({ok[0] if ok else 'no answer'}); restore another backup.")
    if revision is None or "supplier" not in tables:
        raise StoreError(f"{source} is a SQLite database but not a Workbench store.")
    known = migrations.known_revisions()
    if revision[0] not in known:
        raise StoreError(
            f"{source} was written by a newer version of Workbench (schema {revision[0]}). Install that "
            "version to restore it; nothing was changed."
        )
    return str(revision[0])


def restore_store(source: str | Path, url: str | None = None) -> RestoreResult:
    """Replace the store's content with the backup `source`, keeping a copy of what it replaces.

    An older backup is upgraded the next time the store is opened.
    """
    source = Path(source).expanduser().resolve()
    revision = check_backup(source)
    store = sqlite_store_path(url)
    if store.exists() and source == store.resolve():
        raise StoreError(f"{source} is the store itself; choose a backup file.")
    store.parent.mkdir(parents=True, exist_ok=True)
    replaced = backup_sqlite(store) if store.is_file() else None
    try:
        with _connect(source, read_only=True) as src, _connect(store) as dst:
            _copy(src, dst)
    except sqlite3.Error as exc:
        kept = f" Your previous store is kept at {replaced}." if replaced else ""
        raise StoreError(f"Restoring {source} failed: {exc}.{kept}") from exc
    return RestoreResult(source, revision, replaced)


def _connect(path: Path, read_only: bool = False) -> closing[sqlite3.Connection]:
    """A sqlite3 connection that is closed (not only committed) when its block ends."""
    uri = f"{path.resolve().as_uri()}?mode=ro" if read_only else str(path)
    return closing(sqlite3.connect(uri, uri=read_only, timeout=30))
