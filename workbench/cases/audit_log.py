"""Reading the audit log for people: the newest entries first, searchable, with a one-line summary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import String, cast, func, or_, select
from sqlalchemy.orm import Session

from workbench.data.models import AuditEntry

ACTIONS = {"insert": "added", "update": "changed", "delete": "removed"}


@dataclass(frozen=True)
class AuditRow:
    """One audit entry as the audit-log viewer shows it."""

    id: int
    at: datetime
    actor: str
    action: str
    what: str  # "supplier 12"
    summary: str  # "changed region, notes"
    note: str


def _summary(entry: AuditEntry) -> str:
    verb = ACTIONS.get(entry.action, entry.action)
    fields = sorted(set(entry.after or {}) | set(entry.before or {}))
    if entry.action == "update" and fields:
        return f"{verb} {', '.join(fields)}"
    return verb


def recent_entries(session: Session, search: str = "", limit: int = 500) -> list[AuditRow]:
    """The newest `limit` entries; `search` matches actor, object, note or changed values (any case)."""
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    text = search.strip().lower()
    if text:
        pattern = f"%{text}%"
        fields = (
            AuditEntry.actor,
            AuditEntry.object_type,
            AuditEntry.object_id,
            AuditEntry.note,
            cast(AuditEntry.after, String),
            cast(AuditEntry.before, String),
        )
        query = query.where(or_(*(func.lower(f).like(pattern) for f in fields)))
    return [
        AuditRow(
            e.id,
            e.at,
            e.actor,
            e.action,
            f"{e.object_type.replace('_', ' ')} {e.object_id}",
            _summary(e),
            e.note,
        )
        for e in session.scalars(query)
    ]
