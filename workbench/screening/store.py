"""Listed entities from the store: built-in measures' entities and the newest snapshot of each list."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbench.data.models import Alias, Entity, ListEntry, ListSnapshot, Measure, MeasureTarget, Watchlist
from workbench.screening.screener import Screener
from workbench.screening.types import MATCHABLE_TYPES, ListedEntity, MeasureRef, list_entity_key

BUILTIN_TYPES = ("company", "government", "person", "site")


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
        measures[entity_id].append(MeasureRef(
            measure_id=m.id, kind=m.kind, authority=m.authority, title=m.title,
            date=when.isoformat() if when else None, legal_basis=m.legal_basis or "",
            sources=tuple(m.sources or ()),
        ))
    out = []
    for e in session.scalars(select(Entity).where(Entity.type.in_(BUILTIN_TYPES)).order_by(Entity.id)):
        names = tuple(dict.fromkeys([e.name, *aliases.get(e.id, [])]))
        out.append(ListedEntity(
            key=f"builtin:{e.id}", entity_id=e.id, name=e.name, names=names, type=e.type,
            country=e.country or "", sectors=tuple(e.sectors or ()), measures=tuple(measures.get(e.id, [])),
            source="builtin",
        ))
    return out


def _list_entities(session: Session) -> list[ListedEntity]:
    newest = (
        select(ListSnapshot.watchlist_id, func.max(ListSnapshot.imported_at).label("at"))
        .group_by(ListSnapshot.watchlist_id)
        .subquery()
    )
    snaps = session.execute(
        select(ListSnapshot.id, Watchlist.name, Watchlist.type)
        .join(Watchlist, Watchlist.id == ListSnapshot.watchlist_id)
        .join(
            newest,
            (newest.c.watchlist_id == ListSnapshot.watchlist_id) & (newest.c.at == ListSnapshot.imported_at),
        )
    ).all()
    out: list[ListedEntity] = []
    for snap_id, wl_name, wl_type in snaps:
        query = (
            select(ListEntry.entry_key, ListEntry.name, ListEntry.aliases, ListEntry.type, ListEntry.country,
                   ListEntry.program, ListEntry.listed, ListEntry.source_url)
            .where(ListEntry.snapshot_id == snap_id)
            .order_by(ListEntry.id)
        )
        for key, name, aliases, etype, country, program, listed, url in session.execute(query):
            if (etype or "").casefold() not in MATCHABLE_TYPES:
                continue
            ref = MeasureRef(
                measure_id=f"list:{wl_name}", kind=wl_type or "list", authority=wl_name,
                title=program or wl_name, date=listed.isoformat() if listed else None,
                legal_basis=program or "", sources=(url,) if url else (),
            )
            out.append(ListedEntity(
                key=list_entity_key(wl_name, key), entity_id=key, name=name,
                names=tuple(dict.fromkeys([name, *(aliases or [])])), type=etype or "company",
                country=country or "", measures=(ref,), source=wl_name,
            ))
    return out


def load_entities(session: Session) -> list[ListedEntity]:
    """Every name-matchable listed party: built-in companies, government bodies and persons with their
    aliases and measures, plus the entries of the newest snapshot of each imported list."""
    return _builtin_entities(session) + _list_entities(session)


def build_screener(session: Session) -> Screener:
    """A screener over everything `load_entities` returns."""
    return Screener(load_entities(session))
