"""Keep `supplier_rating` (a cache of each supplier's risk rating) current.

A supplier's rating depends on its own record, products, inputs, hits, decisions and indicator
findings, on its upstream suppliers (so a change also clears its parent chain), and on the shipped
measures and imported lists (a change there clears every row). Session hooks, installed on import
of `workbench.cases`, clear the affected rows in the same transaction as the change; `fill`
rates whatever is missing. Writes that bypass the ORM call `forget` themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Delete, Insert, Update, delete, event, insert, inspect, select
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

from workbench.data.models import (
    Alias,
    ContextNote,
    DatasetInfo,
    Entity,
    IndicatorFinding,
    ListEntry,
    ListSnapshot,
    Match,
    MatchDecision,
    Measure,
    MeasureTarget,
    Product,
    ProductInput,
    Supplier,
    SupplierRating,
    Watchlist,
)
from workbench.progress import TaskState, ensure_state

NEXUS_CODE = "xinjiang_nexus"
PAGE = 500
#: Tables whose change can alter any supplier's rating.
GLOBAL = (Alias, ContextNote, DatasetInfo, Entity, ListEntry, ListSnapshot, Measure, MeasureTarget, Watchlist)
GLOBAL_TABLES = frozenset(m.__tablename__ for m in GLOBAL)
TABLE = SupplierRating.__table__


# ---------------------------------------------------------------- clearing


def forget(session: Session, supplier_ids: Iterable[int]) -> None:
    """Clear the cached ratings of these suppliers and of everyone downstream of them."""
    ids = _with_parents(session, {i for i in supplier_ids if i is not None})
    if ids:
        session.connection().execute(delete(TABLE).where(TABLE.c.supplier_id.in_(ids)))


def forget_all(session: Session) -> None:
    """Clear every cached rating (measures or lists changed)."""
    session.connection().execute(delete(TABLE))


def _with_parents(session: Session, ids: set[int]) -> set[int]:
    frontier, seen = set(ids), set(ids)
    while frontier:
        parents = session.connection().execute(
            select(Supplier.parent_id).where(Supplier.id.in_(frontier), Supplier.parent_id.is_not(None))
        )
        frontier = {p for (p,) in parents if p not in seen}
        seen |= frontier
    return seen


def _supplier_ids(session: Session, obj: Any) -> set[int]:
    """The suppliers whose rating a changed object touches."""
    if isinstance(obj, Supplier):
        old_parent = inspect(obj).attrs.parent_id.history.deleted or ()
        return {obj.id, obj.parent_id, *old_parent} - {None}
    if isinstance(obj, (Product, Match, IndicatorFinding)):
        return {obj.supplier_id}
    if isinstance(obj, ProductInput):
        return set(
            session.connection()
            .execute(select(Product.supplier_id).where(Product.id == obj.product_id))
            .scalars()
        )
    if isinstance(obj, MatchDecision):
        return set(
            session.connection().execute(select(Match.supplier_id).where(Match.id == obj.match_id)).scalars()
        )
    return set()


def _after_flush(session: Session, _ctx: UOWTransaction) -> None:
    changed = [*session.new, *session.dirty, *session.deleted]
    if any(isinstance(o, GLOBAL) for o in changed):
        forget_all(session)
        return
    ids: set[int] = set()
    for obj in changed:
        if not isinstance(obj, SupplierRating):
            ids |= _supplier_ids(session, obj)
    forget(session, ids)


def _bulk_write(state: ORMExecuteState) -> None:
    """Bulk INSERT/UPDATE/DELETE through the session (list imports): clear all when a global table is hit."""
    statement = state.statement
    if isinstance(statement, (Insert, Update, Delete)) and statement.table.name in GLOBAL_TABLES:
        forget_all(state.session)


def install(session_class: type[Session] = Session) -> None:
    """Hook the cache into every session of `session_class` (idempotent)."""
    for name, fn in (("after_flush", _after_flush), ("do_orm_execute", _bulk_write)):
        if not event.contains(session_class, name, fn):
            event.listen(session_class, name, fn)


# ---------------------------------------------------------------- filling


def _insert_or_ignore(session: Session) -> Insert:
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(TABLE).on_conflict_do_nothing(index_elements=["supplier_id"])
    return insert(TABLE).prefix_with("OR IGNORE", dialect="sqlite")


def missing(session: Session) -> list[int]:
    """Active suppliers without a cached rating."""
    query = (
        select(Supplier.id)
        .outerjoin(SupplierRating, SupplierRating.supplier_id == Supplier.id)
        .where(Supplier.deleted_at.is_(None), SupplierRating.supplier_id.is_(None))
        .order_by(Supplier.id)
    )
    return list(session.scalars(query))


def fill(session: Session, state: TaskState | None = None) -> int:
    """Rate every active supplier that has no cached rating; return how many were rated.

    Rows another session wrote meanwhile are kept (insert-or-ignore), so two windows may fill at once.
    """
    from workbench.cases.risk import LEVELS, assess_many  # heavy: not imported with the session hooks

    state = ensure_state(state)
    todo = missing(session)
    for start in range(0, len(todo), PAGE):
        state.raise_if_cancelled()
        state.set_progress(start, len(todo), f"Rating suppliers: {start:,} of {len(todo):,}")
        ratings = assess_many(session, todo[start : start + PAGE])
        rows = [
            {
                "supplier_id": r.supplier_id,
                "level": r.level,
                "rank": LEVELS.index(r.level),
                "presumption": r.presumption,
                "nexus": any(x.code == NEXUS_CODE for x in r.reasons),
                "reason": next((x.text for x in r.reasons if x.level == r.level), ""),
            }
            for r in ratings.values()
        ]
        if rows:
            session.connection().execute(_insert_or_ignore(session), rows)
        session.expunge_all()
    return len(todo)
