"""Load the built-in measures dataset into the store, idempotently and version-aware.

The dataset (resources/measures/measures.json) is replaced as a whole when a newer shipped
version (or different content) is found. It only touches rows tagged `dataset == "builtin"`;
user data (suppliers, decisions, imported lists) refers to entities by key, never by foreign
key, so it survives an update untouched.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from workbench.data.models import Alias, ContextNote, DatasetInfo, Entity, Measure, MeasureTarget
from workbench.data.store import Store, serialise
from workbench.resources import resource

DATASET_NAME = "builtin"


def read_dataset() -> tuple[dict[str, Any], str]:
    """Return the shipped dataset and the sha256 of its bytes."""
    raw = resource("measures", "measures.json").read_bytes()
    return json.loads(raw), hashlib.sha256(raw).hexdigest()


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def installed_version(session: Session) -> DatasetInfo | None:
    """The dataset row describing what is loaded in the store, if any."""
    return session.get(DatasetInfo, DATASET_NAME)


def ensure_builtin_loaded(store: Store) -> bool:
    """Load or update the built-in measures if the store lacks them or holds other content.

    Returns True when the store was written.
    """
    data, digest = read_dataset()
    with store.session() as session, session.begin():
        if _is_installed(session, digest):
            return False
        serialise(session, "built-in measures", 60_000)  # another process may be loading them now
        if _is_installed(session, digest):
            return False
        replace_dataset(session, data, digest)
    return True


def _is_installed(session: Session, digest: str) -> bool:
    info = installed_version(session)
    return info is not None and info.sha256 == digest


def replace_dataset(session: Session, data: dict[str, Any], digest: str) -> None:
    """Replace every built-in measure, entity and context note with the content of `data`."""
    builtin_measures = select(Measure.id).where(Measure.dataset == DATASET_NAME)
    session.execute(delete(MeasureTarget).where(MeasureTarget.measure_id.in_(builtin_measures)))
    session.execute(
        delete(Alias).where(Alias.entity_id.in_(select(Entity.id).where(Entity.dataset == DATASET_NAME)))
    )
    session.execute(delete(Measure).where(Measure.dataset == DATASET_NAME))
    session.execute(delete(Entity).where(Entity.dataset == DATASET_NAME))
    session.execute(delete(ContextNote).where(ContextNote.dataset == DATASET_NAME))
    session.flush()

    for raw in data["entities"]:
        entity = Entity(
            id=raw["id"],
            name=raw["name"],
            type=raw["type"],
            country=raw.get("country", ""),
            region=raw.get("region", ""),
            position=raw.get("position", ""),
            sectors=raw.get("sectors", []),
            notes=raw.get("notes", ""),
            dataset=DATASET_NAME,
        )
        entity.aliases = [
            Alias(
                name=a["name"],
                script=a.get("script", "latin"),
                added=bool(a.get("added", False)),
                source=a.get("source", ""),
            )
            for a in _unique_aliases(raw)
        ]
        session.add(entity)
    session.flush()
    for raw in data["measures"]:
        measure = Measure(
            id=raw["id"],
            kind=raw["kind"],
            authority=raw["authority"],
            title=raw["title"],
            summary=raw.get("summary", ""),
            announced=_date(raw.get("announced")),
            effective=_date(raw.get("effective")),
            legal_basis=raw.get("legal_basis", ""),
            products=raw.get("products", []),
            indicators=raw.get("indicators", []),
            sectors=raw.get("sectors", []),
            sources=raw.get("sources", []),
            seed=raw.get("seed", ""),
            confidence=raw.get("confidence", ""),
            notes=raw.get("notes", ""),
            dataset=DATASET_NAME,
        )
        measure.targets = [
            MeasureTarget(
                entity_id=t["entity_id"],
                listed=_date(t.get("listed")),
                position=i,
                detail=t.get("detail", ""),
            )
            for i, t in enumerate(raw.get("targets", []))
        ]
        session.add(measure)
    for raw in data.get("context", []):
        session.add(
            ContextNote(
                id=raw["id"],
                title=raw["title"],
                publisher=raw.get("publisher", ""),
                published=_date(raw.get("published")),
                summary=raw.get("summary", ""),
                topics=raw.get("topics", []),
                sources=raw.get("sources", []),
                seed=raw.get("seed", ""),
                confidence=raw.get("confidence", ""),
                dataset=DATASET_NAME,
            )
        )
    info = session.get(DatasetInfo, DATASET_NAME)
    if info is None:
        info = DatasetInfo(name=DATASET_NAME)
        session.add(info)
    info.version = data["version"]
    info.as_of = _date(data.get("as_of"))
    info.sha256 = digest


def _unique_aliases(raw: dict[str, Any]) -> list[dict[str, Any]]:
    """Aliases without repeats and without the primary name (the store keeps names unique per entity)."""
    seen = {raw["name"]}
    out = []
    for alias in raw.get("aliases", []):
        if alias["name"] not in seen:
            seen.add(alias["name"])
            out.append(alias)
    return out
