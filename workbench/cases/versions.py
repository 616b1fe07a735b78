"""No lost updates: an edit made on an old copy of a supplier or finding is refused, not applied.

Suppliers and indicator findings carry a `version` that every user edit raises by one. A form
remembers the version it showed; saving passes it as `expected`, and `bump` refuses the save when
the stored version moved on (someone else saved in between). The UPDATE itself also matches on
the version it read (SQLAlchemy's `version_id_col`), so two saves racing through the same moment
cannot both win either: `refusing_races` turns that into the same `StaleEdit`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from workbench.data.models import AuditEntry
from workbench.errors import InputError


class StaleEdit(InputError):
    """Someone else saved the record after it was shown to this user; nothing was saved."""


def last_change(session: Session, object_type: str, object_id: int | None) -> tuple[str, datetime] | None:
    """Who last changed the object and when, from the audit log (read on a fresh connection, so it
    works after a failed flush and sees what the other writer committed)."""
    stmt = (
        select(AuditEntry.actor, AuditEntry.at)
        .where(AuditEntry.object_type == object_type, AuditEntry.object_id == str(object_id))
        .order_by(AuditEntry.id.desc())
        .limit(1)
    )
    with session.get_bind().connect() as conn:
        row = conn.execute(stmt).first()
    return (row[0], row[1]) if row else None


def stale_edit(session: Session, object_type: str, object_id: int | None, label: str) -> StaleEdit:
    """The error for an edit of `label` based on an outdated copy, naming who changed it and when."""
    change = last_change(session, object_type, object_id)
    by = f" by {change[0]} at {change[1]:%Y-%m-%d %H:%M:%S} UTC" if change else ""
    return StaleEdit(
        f"{label} was changed{by} after you opened it, so your change was not saved. "
        "Reload it to see the current version, then make your change again."
    )


def bump(
    session: Session, obj: Any, expected: int | None, object_type: str, label: str, values: Mapping[str, Any]
) -> None:
    """Refuse the edit if `obj` is no longer at version `expected` (None: no check); if `values`
    change it, raise its version by one (the UPDATE then also checks nobody changed it meanwhile)."""
    if expected is not None and obj.version != expected:
        raise stale_edit(session, object_type, obj.id, label)
    if any(getattr(obj, key) != value for key, value in values.items()):
        obj.version = obj.version + 1


@contextmanager
def refusing_races(session: Session, obj: Any, object_type: str, label: str) -> Iterator[None]:
    """Turn SQLAlchemy's StaleDataError (the row's version changed under a flush) into `StaleEdit`."""
    object_id = getattr(obj, "id", None)
    try:
        yield
    except StaleDataError as exc:
        raise stale_edit(session, object_type, object_id, label) from exc
