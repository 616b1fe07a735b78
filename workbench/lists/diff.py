"""Differences between two snapshots of a list, computed in SQL (no list is held in memory)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import Select, and_, case, exists, func, select
from sqlalchemy.orm import Session, aliased

from workbench.data.models import ListEntry

COMPARED = ("name", "aliases", "type", "country", "address", "program", "listed")


@dataclass(frozen=True)
class EntryChange:
    """One entry that was added, removed or changed between two snapshots."""

    kind: str  # "added" | "removed" | "changed"
    entry_key: str
    name: str
    fields: tuple[str, ...] = ()  # for "changed": which fields differ


@dataclass(frozen=True)
class DiffCounts:
    added: int
    removed: int
    changed: int

    def nonzero(self) -> tuple[str, ...]:
        """The kinds of change that occurred."""
        return tuple(k for k in ("added", "removed", "changed") if getattr(self, k))


def _only_in(session_snapshot: str, other_snapshot: str | None) -> Select[tuple[str, str]]:
    mine, other = aliased(ListEntry), aliased(ListEntry)
    query = select(mine.entry_key, mine.name).where(mine.snapshot_id == session_snapshot)
    if other_snapshot is not None:
        query = query.where(
            ~exists().where(and_(other.snapshot_id == other_snapshot, other.entry_key == mine.entry_key))
        )
    return query


def _changed(old_id: str, new_id: str) -> Select[tuple[ListEntry, ListEntry]]:
    old, new = aliased(ListEntry), aliased(ListEntry)
    return (
        select(old, new)
        .join(new, and_(new.entry_key == old.entry_key, new.snapshot_id == new_id))
        .where(old.snapshot_id == old_id, old.fingerprint != new.fingerprint)
    )


def count_diff(session: Session, old_id: str | None, new_id: str) -> DiffCounts:
    """How many entries `new_id` adds, removes and changes relative to `old_id` (None: all added)."""

    def count(query: Select[tuple[str, str]]) -> int:
        return session.scalar(select(func.count()).select_from(query.subquery())) or 0

    if old_id is None:
        return DiffCounts(count(_only_in(new_id, None)), 0, 0)
    # Removed and changed in one pass over the old snapshot, joined to the new one by key.
    old, new = aliased(ListEntry), aliased(ListEntry)
    both = (
        select(
            func.sum(case((new.id.is_(None), 1), else_=0)),
            func.sum(case((new.fingerprint != old.fingerprint, 1), else_=0)),
        )
        .select_from(old)
        .outerjoin(new, and_(new.snapshot_id == new_id, new.entry_key == old.entry_key))
        .where(old.snapshot_id == old_id)
    )
    removed, changed = session.execute(both).one()
    return DiffCounts(count(_only_in(new_id, old_id)), int(removed or 0), int(changed or 0))


def diff_snapshots(
    session: Session,
    old_id: str | None,
    new_id: str,
    limit: int | None = None,
    kinds: tuple[str, ...] = ("added", "removed", "changed"),
) -> Iterator[EntryChange]:
    """The changes from `old_id` to `new_id`: added, then removed, then changed (up to `limit` of each)."""
    if "added" in kinds:
        for key, name in session.execute(_only_in(new_id, old_id).limit(limit)):
            yield EntryChange("added", key, name)
    if old_id is None:
        return
    if "removed" in kinds:
        for key, name in session.execute(_only_in(old_id, new_id).limit(limit)):
            yield EntryChange("removed", key, name)
    if "changed" not in kinds:
        return
    for old, new in session.execute(_changed(old_id, new_id).limit(limit)):
        fields = tuple(f for f in COMPARED if _value(old, f) != _value(new, f))
        yield EntryChange("changed", new.entry_key, new.name, fields)


def _value(entry: ListEntry, field: str) -> object:
    value = getattr(entry, field)
    return sorted(value) if field == "aliases" else value


def rescreen_keys(session: Session, old_id: str | None, new_id: str) -> set[str]:
    """Keys of entries added, changed or removed in `new_id`: what suppliers must be re-screened against.

    Added and changed entries can raise new hits; removed ones let existing hits be marked gone.
    """
    keys = {key for key, _name in session.execute(_only_in(new_id, old_id))}
    if old_id is not None:
        keys.update(key for key, _name in session.execute(_only_in(old_id, new_id)))
        new = aliased(ListEntry)
        old = aliased(ListEntry)
        query = (
            select(new.entry_key)
            .join(old, and_(old.entry_key == new.entry_key, old.snapshot_id == old_id))
            .where(new.snapshot_id == new_id, old.fingerprint != new.fingerprint)
        )
        keys.update(session.scalars(query))
    return keys
