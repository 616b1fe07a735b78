"""Importing a list file as a new snapshot of a watchlist, in one transaction, with a diff."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select, text, update
from sqlalchemy.orm import Session

from workbench.data.models import ListEntry, ListSnapshot, Watchlist
from workbench.data.store import serialise
from workbench.errors import InputError
from workbench.lists.diff import EntryChange, count_diff, diff_snapshots, rescreen_keys
from workbench.lists.entry import check_bounds, fit_key
from workbench.lists.formats import Parser, detect_type, get_format
from workbench.lists.reading import Progress, check_file, sha256_file
from workbench.progress import TaskState, ensure_state

Rescreen = Callable[[Session, Callable[[], set[str]]], int]
"""Re-screens suppliers against the entry keys that the given function returns (added, changed or
removed in the new snapshot, as `ListEntry.entry_key`); returns the number of new hits. The keys
are read only when asked for: a store without suppliers never loads a million of them."""

BATCH = 5000
MAX_DETAILS = 200
NAME_MAX = 120  # Watchlist.name
ENTRY_TABLE = ListEntry.__table__
IMPORT_WAIT_MS = 600_000  # an import of a list waits this long for another import of it to finish
SQLITE_CACHE_KIB = 64 * 1024  # page cache during the bulk insert: bounds memory, spares the WAL


@dataclass
class ImportResult:
    """What an import did: the snapshot, its size, the diff against the previous snapshot, new hits.

    `sha256` is the hash of the imported file (for ofac-csv: of sdn.csv; alt.csv and add.csv are
    named in the snapshot's `source_file`).
    """

    list_name: str
    list_type: str
    snapshot_id: str
    previous_snapshot_id: str | None
    sha256: str
    rows: int
    added: int
    removed: int
    changed: int
    new_hits: int = 0
    changes: list[EntryChange] = field(default_factory=list)  # at most MAX_DETAILS of each kind

    def as_json(self) -> dict[str, Any]:
        """The CLI's JSON shape."""
        return {
            "list": self.list_name,
            "snapshot_id": self.snapshot_id,
            "rows": self.rows,
            "added": self.added,
            "removed": self.removed,
            "changed": self.changed,
            "new_hits": self.new_hits,
        }


def latest_snapshot(session: Session, watchlist_id: int) -> ListSnapshot | None:
    """The most recent snapshot of a watchlist."""
    query = (
        select(ListSnapshot)
        .where(ListSnapshot.watchlist_id == watchlist_id)
        .order_by(ListSnapshot.imported_at.desc())
        .limit(1)
    )
    return session.scalar(query)


def import_list(
    session: Session,
    path: Path | str,
    list_type: str | None = None,
    name: str | None = None,
    state: TaskState | None = None,
    *,
    rescreen: Rescreen | None = None,
    max_details: int = MAX_DETAILS,
) -> ImportResult:
    """Import `path` as a new snapshot of the list `name` (default: the type's list name).

    All rows or none: runs in its own transaction, or in the caller's if one is open (the caller
    then commits or rolls back). Bad input raises InputError and writes nothing. `rescreen`, if
    given, runs in the same transaction with the keys of the added, changed and removed entries
    (not at all when nothing changed); its return value is `new_hits`.
    """
    path = Path(path)
    check_file(path, "list")
    list_type = list_type or detect_type(path)
    fmt = get_format(list_type)
    list_name = (name or fmt.list_name).strip()
    if not list_name or len(list_name) > NAME_MAX:
        raise InputError(
            f"The list name {list_name!r} is empty or longer than {NAME_MAX} characters; "
            "give --name a shorter label or leave it out."
        )
    files = fmt.files(path)
    total = sum(check_file(f, fmt.title) for f in files) * fmt.passes
    digest = sha256_file(path)
    context = nullcontext() if session.in_transaction() else session.begin()
    with context:
        # Imports of one list take turns: the second sees the list and snapshot the first committed.
        serialise(session, f"list import:{list_name}", IMPORT_WAIT_MS)
        watchlist = session.scalar(select(Watchlist).where(Watchlist.name == list_name))
        if watchlist is None:
            watchlist = Watchlist(name=list_name, type=list_type)
            session.add(watchlist)
            session.flush()
        previous = latest_snapshot(session, watchlist.id)
        snapshot = ListSnapshot(
            id=str(uuid.uuid4()),
            watchlist_id=watchlist.id,
            source_file="; ".join(str(f.resolve()) for f in files),
            sha256=digest,
        )
        session.add(snapshot)
        session.flush()
        with _sqlite_cache(session):
            rows = _insert_entries(session, fmt.parse, path, snapshot.id, total, ensure_state(state))
        _disambiguate_keys(session, snapshot.id)
        previous_id = previous.id if previous is not None else None
        counts = count_diff(session, previous_id, snapshot.id)
        snapshot.rows, snapshot.added, snapshot.removed, snapshot.changed = (
            rows,
            counts.added,
            counts.removed,
            counts.changed,
        )
        session.flush()
        result = ImportResult(
            list_name=list_name,
            list_type=list_type,
            snapshot_id=snapshot.id,
            previous_snapshot_id=previous_id,
            sha256=digest,
            rows=rows,
            added=counts.added,
            removed=counts.removed,
            changed=counts.changed,
            changes=list(diff_snapshots(session, previous_id, snapshot.id, max_details, counts.nonzero())),
        )
        if rescreen is not None and (counts.added or counts.changed or counts.removed):
            result.new_hits = rescreen(session, lambda: rescreen_keys(session, previous_id, snapshot.id))
    return result


def _insert_entries(
    session: Session, parse: Parser, path: Path, snapshot_id: str, total: int, state: TaskState
) -> int:
    rows = 0

    def tick(done: int) -> None:
        state.raise_if_cancelled()
        state.set_progress(min(done, total), total, f"Reading {path.name}: {rows:,} entries so far")

    progress = Progress(tick)
    batch: list[dict[str, Any]] = []
    state.set_progress(0, total, f"Reading {path.name}")
    for entry in parse(path, progress):
        check_bounds(entry, path)
        batch.append(entry.row(snapshot_id))
        if len(batch) >= BATCH:
            rows += _flush(session, batch)
            tick(progress.done)
    rows += _flush(session, batch)
    if rows == 0:
        raise InputError(
            f"{path} holds no listed entries. Check that the download is complete and the --type is right."
        )
    state.set_progress(total, total, f"{rows:,} entries read")
    return rows


@contextmanager
def _sqlite_cache(session: Session) -> Iterator[None]:
    """On SQLite, a larger page cache while the entries go in (index inserts stay in memory)."""
    if session.get_bind().dialect.name != "sqlite":
        yield
        return
    old = session.execute(text("PRAGMA cache_size")).scalar()
    session.execute(text(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}"))
    try:
        yield
    finally:
        session.execute(text(f"PRAGMA cache_size={int(old or -2000)}"))


def _flush(session: Session, batch: list[dict[str, Any]]) -> int:
    if not batch:
        return 0
    # A Core insert of the table (one executemany per batch): half the CPU of the ORM bulk path.
    session.execute(insert(ENTRY_TABLE), batch)
    count = len(batch)
    batch.clear()
    return count


def _disambiguate_keys(session: Session, snapshot_id: str) -> None:
    """Give repeated keys in one snapshot a stable suffix by file order (`KEY#2`, `KEY#3`)."""
    repeated = session.scalars(
        select(ListEntry.entry_key)
        .where(ListEntry.snapshot_id == snapshot_id)
        .group_by(ListEntry.entry_key)
        .having(func.count() > 1)
    ).all()
    for key in repeated:
        ids = session.scalars(
            select(ListEntry.id)
            .where(ListEntry.snapshot_id == snapshot_id, ListEntry.entry_key == key)
            .order_by(ListEntry.id)
        ).all()
        for number, entry_id in enumerate(ids[1:], start=2):
            session.execute(
                update(ListEntry).where(ListEntry.id == entry_id).values(entry_key=fit_key(f"{key}#{number}"))
            )
