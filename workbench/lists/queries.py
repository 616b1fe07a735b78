"""Read-only views of the imported lists for the CLI and the UI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.data.models import ListEntry, ListSnapshot, Watchlist


@dataclass(frozen=True)
class SnapshotInfo:
    """One snapshot of one list, as `workbench lists` shows it."""

    list_name: str
    list_type: str
    snapshot_id: str
    rows: int
    imported_at: datetime
    sha256: str
    source_file: str
    added: int
    removed: int
    changed: int

    def as_json(self) -> dict[str, Any]:
        return {
            "list": self.list_name,
            "snapshot_id": self.snapshot_id,
            "rows": self.rows,
            "imported_at": _utc(self.imported_at).isoformat(),
            "sha256": self.sha256,
        }


def _utc(moment: datetime) -> datetime:
    """SQLite returns naive datetimes; the store writes UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def list_snapshots(session: Session) -> list[SnapshotInfo]:
    """Every snapshot of every list, by list name then import time (oldest first)."""
    query = (
        select(Watchlist, ListSnapshot)
        .join(ListSnapshot, ListSnapshot.watchlist_id == Watchlist.id)
        .order_by(Watchlist.name, ListSnapshot.imported_at)
    )
    return [
        SnapshotInfo(
            list_name=w.name,
            list_type=w.type,
            snapshot_id=s.id,
            rows=s.rows,
            imported_at=s.imported_at,
            sha256=s.sha256,
            source_file=s.source_file,
            added=s.added,
            removed=s.removed,
            changed=s.changed,
        )
        for w, s in session.execute(query)
    ]


def latest_snapshot_ids(session: Session) -> dict[str, str]:
    """List name → id of its newest snapshot (what screening should use)."""
    out: dict[str, str] = {}
    for info in list_snapshots(session):
        out[info.list_name] = info.snapshot_id
    return out


def snapshot_entries(session: Session, snapshot_id: str) -> list[ListEntry]:
    """The entries of one snapshot, by key."""
    query = select(ListEntry).where(ListEntry.snapshot_id == snapshot_id).order_by(ListEntry.entry_key)
    return list(session.scalars(query))
