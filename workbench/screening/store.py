"""Listed entities from the store: built-in measures' entities and the newest snapshot of each list."""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
from collections import defaultdict
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbench.data.models import (
    Alias,
    DatasetInfo,
    Entity,
    ListEntry,
    ListSnapshot,
    Measure,
    MeasureTarget,
    Watchlist,
)
from workbench.paths import data_dir
from workbench.screening.index_cache import EntityTable, matcher_version, read_screener, write_screener
from workbench.screening.screener import Screener
from workbench.screening.types import MATCHABLE_TYPES, ListedEntity, MeasureRef, list_entity_key

BUILTIN_TYPES = ("company", "government", "person", "site")
INDEX_FOLDER = "screening-index"

log = logging.getLogger(__name__)


def _builtin_entities(session: Session) -> list[ListedEntity]:
    aliases: dict[str, list[str]] = defaultdict(list)
    for entity_id, name in session.execute(select(Alias.entity_id, Alias.name).order_by(Alias.id)):
        aliases[entity_id].append(name)
    measures: dict[str, list[MeasureRef]] = defaultdict(list)
    rows = session.execute(
        select(MeasureTarget.entity_id, MeasureTarget.listed, Measure)
        .join(Measure, Measure.id == MeasureTarget.measure_id)
        .order_by(MeasureTarget.entity_id, MeasureTarget.listed, Measure.id)
    )
    for entity_id, listed, m in rows:
        when = listed or m.effective or m.announced
        measures[entity_id].append(
            MeasureRef(
                measure_id=m.id,
                kind=m.kind,
                authority=m.authority,
                title=m.title,
                date=when.isoformat() if when else None,
                legal_basis=m.legal_basis or "",
                sources=tuple(m.sources or ()),
            )
        )
    out = []
    for e in session.scalars(select(Entity).where(Entity.type.in_(BUILTIN_TYPES)).order_by(Entity.id)):
        names = tuple(dict.fromkeys([e.name, *aliases.get(e.id, [])]))
        out.append(
            ListedEntity(
                key=f"builtin:{e.id}",
                entity_id=e.id,
                name=e.name,
                names=names,
                type=e.type,
                country=e.country or "",
                sectors=tuple(e.sectors or ()),
                measures=tuple(measures.get(e.id, [])),
                source="builtin",
            )
        )
    return out


def _newest_snapshots(session: Session) -> list[tuple[str, str, str]]:
    """(snapshot id, list name, list type) of the newest snapshot of each list."""
    newest = (
        select(ListSnapshot.watchlist_id, func.max(ListSnapshot.imported_at).label("at"))
        .group_by(ListSnapshot.watchlist_id)
        .subquery()
    )
    return [
        tuple(row)  # type: ignore[misc]
        for row in session.execute(
            select(ListSnapshot.id, Watchlist.name, Watchlist.type)
            .join(Watchlist, Watchlist.id == ListSnapshot.watchlist_id)
            .join(
                newest,
                (newest.c.watchlist_id == ListSnapshot.watchlist_id)
                & (newest.c.at == ListSnapshot.imported_at),
            )
            .order_by(Watchlist.name)
        )
    ]


def _list_entities(session: Session) -> list[ListedEntity]:
    out: list[ListedEntity] = []
    for snap_id, wl_name, wl_type in _newest_snapshots(session):
        query = (
            select(
                ListEntry.entry_key,
                ListEntry.name,
                ListEntry.aliases,
                ListEntry.type,
                ListEntry.country,
                ListEntry.program,
                ListEntry.listed,
                ListEntry.source_url,
            )
            .where(ListEntry.snapshot_id == snap_id)
            .order_by(ListEntry.id)
        )
        for key, name, aliases, etype, country, program, listed, url in session.execute(query):
            if (etype or "").casefold() not in MATCHABLE_TYPES:
                continue
            ref = MeasureRef(
                measure_id=f"list:{wl_name}",
                kind=wl_type or "list",
                authority=wl_name,
                title=program or wl_name,
                date=listed.isoformat() if listed else None,
                legal_basis=program or "",
                sources=(url,) if url else (),
            )
            out.append(
                ListedEntity(
                    key=list_entity_key(wl_name, key),
                    entity_id=key,
                    name=name,
                    names=tuple(dict.fromkeys([name, *(aliases or [])])),
                    type=etype or "company",
                    country=country or "",
                    measures=(ref,),
                    source=wl_name,
                )
            )
    return out


def load_entities(session: Session) -> list[ListedEntity]:
    """Every name-matchable listed party: built-in companies, government bodies and persons with their
    aliases and measures, plus the entries of the newest snapshot of each imported list."""
    return _builtin_entities(session) + _list_entities(session)


def index_key(session: Session) -> dict[str, Any]:
    """What a screener over the store is built from: the newest snapshot of each list, the
    built-in dataset's version and the matcher; a saved index is used only for the same key."""
    datasets = session.execute(
        select(DatasetInfo.name, DatasetInfo.version, DatasetInfo.sha256).order_by(DatasetInfo.name)
    )
    return {
        "matcher": matcher_version(),
        "datasets": [list(row) for row in datasets],
        "snapshots": [[snap_id, name] for snap_id, name, _type in _newest_snapshots(session)],
    }


def index_path(session: Session, key: dict[str, Any]) -> Path:
    """Where the screener for `key` over this store is saved: a file per store and key in the data folder."""
    store = hashlib.sha256(session.get_bind().url.render_as_string().encode()).hexdigest()[:12]
    digest = hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:16]
    return data_dir() / INDEX_FOLDER / f"{store}-{digest}.index"


def build_screener(session: Session) -> Screener:
    """A screener over everything `load_entities` returns.

    Read from the index saved for the store's current lists and dataset when there is one (memory-mapped,
    so a few suppliers screen in about a second on a list of a million names); otherwise built from the
    store and saved, replacing the indexes of earlier states of the store.
    """
    key = index_key(session)
    path = index_path(session, key)
    screener = read_screener(path, key)
    if screener is None:
        screener = Screener(load_entities(session))
        screener.entities = EntityTable(screener.entities)  # frees the entity objects before saving
        try:
            write_screener(path, key, screener)
        except OSError as exc:  # a read-only or full data folder: screening still works, only slower
            log.warning("cannot save the screening index to %s: %s", path, exc)
            return screener
        for old in path.parent.glob(path.name.split("-")[0] + "-*.index"):
            if old != path:
                with contextlib.suppress(OSError):  # Windows keeps a file open while a process maps it
                    old.unlink(missing_ok=True)
    return screener
