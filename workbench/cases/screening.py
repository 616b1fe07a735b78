"""Screening the user's suppliers and keeping the hits as reviewable matches across re-screens.

`screen_suppliers` runs a screener (see `workbench.screening`) over suppliers and persists one
`Match` per (supplier, listed entity). Re-screening never touches a reviewer's decision: it
updates the evidence, marks hits that disappeared (`present=False`) and flags what changed
(`changed=True`, `change_note`) so the reviewer sees only that. One `ScreeningRun` row records
each call. The caller owns the transaction: a cancelled run raises `Cancelled` and the caller's
rollback leaves the store as it was.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from sqlalchemy import ColumnElement, and_, or_, select, update
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from workbench.cases import rating_cache
from workbench.cases.audit import jsonable
from workbench.cases.decisions import OPEN, get_reviewer_name
from workbench.cases.preferences import get_screening_threshold
from workbench.cases.sectors import supplier_sector_ids
from workbench.data.models import DatasetInfo, ListSnapshot, Match, Product, ScreeningRun, Supplier
from workbench.progress import TaskState, ensure_state

CHUNK = 500
SCORE_CHANGE = 5.0  # a score that moves less than this (0-100 scale) is not reported as a change


class Screener(Protocol):
    """What this module needs from `workbench.screening.Screener`."""

    def screen(self, query: Any, threshold: float) -> Sequence[Any]: ...


@dataclass(frozen=True)
class ScreeningSummary:
    """What one screening call did."""

    run_id: int
    suppliers: int
    hits: int
    new_hits: int
    changed: int
    disappeared: int
    threshold: float
    seconds: float


def _default_query_type() -> Callable[..., Any]:
    from workbench.screening import SupplierQuery

    return SupplierQuery


def supplier_query(supplier: Supplier, query_type: Callable[..., Any] | None = None) -> Any:
    """The screening query for a supplier (names, country, address, aliases, product sectors)."""
    make = query_type or _default_query_type()
    return make(
        name=supplier.legal_name,
        local_name=supplier.local_name,
        country=supplier.country,
        address=" ".join(p for p in (supplier.address, supplier.region) if p),
        aliases=tuple(supplier.aliases or ()),
        sectors=supplier_sector_ids(supplier),
        ref=str(supplier.id),
    )


def evidence_dicts(hit: Any) -> list[dict[str, Any]]:
    """A hit's per-feature scores and evidence sentences, as stored in `Match.evidence`."""
    out: list[dict[str, Any]] = [
        {"kind": "feature", "name": f.name, "score": f.score, "weight": f.weight, "detail": f.detail}
        for f in hit.features
    ]
    out += [{"kind": "sentence", "text": str(s)} for s in hit.evidence]
    details = getattr(hit, "details", None)
    if details is not None:
        out.append({"kind": "details", **details.as_dict()})
    return jsonable(out)


def measure_dicts(hit: Any) -> list[dict[str, Any]]:
    """The measures that list the hit's entity, as stored in `Match.measures`."""
    return [jsonable(dataclasses.asdict(m)) for m in hit.entity.measures]


def _measure_label(m: dict[str, Any]) -> str:
    when = f", {m['date']}" if m.get("date") else ""
    return f"{m.get('title') or m.get('measure_id')} ({m.get('authority', '')}{when})"


def _changes(match: Match, score: float, measures: list[dict[str, Any]]) -> list[str]:
    notes = []
    if not match.present:
        notes.append("found again after it had disappeared")
    if abs(score - match.score) >= SCORE_CHANGE:
        notes.append(f"score changed {match.score:.0f} → {score:.0f}")
    old = {m.get("measure_id") for m in match.measures}
    new = {m.get("measure_id") for m in measures}
    notes += [f"new measure: {_measure_label(m)}" for m in measures if m.get("measure_id") not in old]
    notes += [
        f"no longer under measure: {_measure_label(m)}"
        for m in match.measures
        if m.get("measure_id") not in new
    ]
    return notes


def _flag(match: Match, notes: list[str]) -> None:
    if not notes:
        return
    previous = [n for n in match.change_note.split("; ") if n] if match.changed else []
    match.change_note = "; ".join(dict.fromkeys([*previous, *notes]))
    match.changed = True
    match.version = Match.version + 1  # in SQL: a decision taken meanwhile is not overwritten


def _latest_snapshots(session: Session) -> list[str]:
    latest: dict[int, str] = {}
    for snap in session.scalars(select(ListSnapshot).order_by(ListSnapshot.imported_at)):
        latest[snap.watchlist_id] = snap.id
    return sorted(latest.values())


def _active_ids(session: Session, supplier_ids: Iterable[int] | None) -> list[int]:
    stmt = select(Supplier.id).where(Supplier.deleted_at.is_(None)).order_by(Supplier.id)
    if supplier_ids is not None:
        ids = list(supplier_ids)
        return [i for chunk in _chunks(ids) for i in session.scalars(stmt.where(Supplier.id.in_(chunk)))]
    return list(session.scalars(stmt))


def _chunks(items: list[int], size: int = CHUNK) -> Iterable[list[int]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def screen_suppliers(
    session: Session,
    screener: Screener,
    supplier_ids: Iterable[int] | None = None,
    threshold: float | None = None,
    reviewer: str | None = None,
    state: TaskState | None = None,
    *,
    only_entity_keys: set[str] | None = None,
    query_type: Callable[..., Any] | None = None,
) -> ScreeningSummary:
    """Screen suppliers (all active ones when `supplier_ids` is None) and persist the matches.

    With `only_entity_keys`, only hits on those listed entities are added or updated and only
    their matches can disappear (used after a list import).
    """
    state = ensure_state(state)
    threshold = get_screening_threshold(session) if threshold is None else float(threshold)
    started = time.perf_counter()
    info = session.get(DatasetInfo, "builtin")
    run = ScreeningRun(
        threshold=threshold,
        dataset_version=info.version if info else "",
        list_snapshots=_latest_snapshots(session),
        reviewer=reviewer or get_reviewer_name(session),
    )
    session.add(run)
    session.flush()
    ids = _active_ids(session, supplier_ids)
    counts = {"hits": 0, "new": 0, "changed": 0, "gone": 0}
    done = 0
    for chunk in _chunks(ids):
        state.raise_if_cancelled()
        suppliers = session.scalars(
            select(Supplier)
            .where(Supplier.id.in_(chunk))
            .options(
                selectinload(Supplier.products).selectinload(Product.inputs), selectinload(Supplier.matches)
            )
        ).all()
        for supplier in suppliers:
            _screen_one(session, screener, supplier, threshold, run, counts, only_entity_keys, query_type)
            set_committed_value(supplier, "last_screened_at", run.started_at)
            done += 1
            if done % 50 == 0:
                state.set_progress(done, len(ids), f"Screened {done:,} of {len(ids):,} suppliers")
                state.raise_if_cancelled()
        _mark_screened(session, chunk, run.started_at)
        session.flush()
    state.raise_if_cancelled()  # a cancel that arrives before the run is complete still cancels it
    run.suppliers = len(ids)
    run.finished_at = datetime.now(UTC)
    session.flush()
    state.set_progress(len(ids), len(ids), f"Screened {len(ids):,} suppliers")
    return ScreeningSummary(
        run_id=run.id,
        suppliers=len(ids),
        hits=counts["hits"],
        new_hits=counts["new"],
        changed=counts["changed"],
        disappeared=counts["gone"],
        threshold=threshold,
        seconds=time.perf_counter() - started,
    )


def _mark_screened(session: Session, supplier_ids: list[int], when: datetime) -> None:
    """Set the bookkeeping column `last_screened_at` in one statement (not an audited change)."""
    table = Supplier.__table__
    session.connection().execute(
        update(table).where(table.c.id.in_(supplier_ids)).values(last_screened_at=when)
    )
    rating_cache.forget(session, supplier_ids)  # "not screened yet" no longer applies


def _screen_one(
    session: Session,
    screener: Screener,
    supplier: Supplier,
    threshold: float,
    run: ScreeningRun,
    counts: dict[str, int],
    only_keys: set[str] | None,
    query_type: Callable[..., Any] | None,
) -> None:
    hits = {}
    for hit in screener.screen(supplier_query(supplier, query_type), threshold):
        if only_keys is None or hit.entity.key in only_keys:
            best = hits.get(hit.entity.key)
            if best is None or hit.score > best.score:
                hits[hit.entity.key] = hit
    existing = {m.entity_key: m for m in supplier.matches}
    for key, hit in hits.items():
        counts["hits"] += 1
        measures = measure_dicts(hit)
        match = existing.get(key)
        if match is None:
            supplier.matches.append(
                Match(
                    entity_key=key,
                    entity_name=hit.entity.name,
                    matched_name=hit.matched_name,
                    score=float(hit.score),
                    evidence=evidence_dicts(hit),
                    measures=measures,
                    status=OPEN,
                    first_run_id=run.id,
                    last_run_id=run.id,
                    present=True,
                    changed=True,
                    change_note="new hit",
                )
            )
            counts["new"] += 1
            continue
        notes = _changes(match, float(hit.score), measures)
        if notes:
            counts["changed"] += 1
        _flag(match, notes)
        match.entity_name, match.matched_name = hit.entity.name, hit.matched_name
        match.score, match.evidence, match.measures = float(hit.score), evidence_dicts(hit), measures
        match.present, match.last_run_id = True, run.id
    for key, match in existing.items():
        if key in hits or not match.present or (only_keys is not None and key not in only_keys):
            continue
        match.present = False
        match.last_run_id = run.id
        _flag(match, ["no longer found: below the threshold, or the entity left the list"])
        counts["gone"] += 1


def rescreen_for_entities(
    session: Session,
    screener: Screener,
    entity_keys: Iterable[str],
    threshold: float | None = None,
    state: TaskState | None = None,
    *,
    query_type: Callable[..., Any] | None = None,
) -> int:
    """After a list import: screen every active supplier against the changed entities; return new hits."""
    keys = set(entity_keys)
    if not keys:
        return 0
    summary = screen_suppliers(
        session, screener, None, threshold, None, state, only_entity_keys=keys, query_type=query_type
    )
    return summary.new_hits


def needs_review_condition() -> ColumnElement[bool]:
    """Undecided, escalated, or changed since the last decision (an undecided hit that is gone is not)."""
    return and_(
        or_(Match.changed.is_(True), Match.status.in_((OPEN, "escalated"))),
        or_(Match.present.is_(True), Match.status != OPEN),
    )


def needs_review(session: Session, supplier_id: int | None = None) -> list[Match]:
    """Hits waiting for the reviewer: undecided, escalated, or changed since the last decision."""
    stmt = (
        select(Match)
        .join(Supplier)
        .where(Supplier.deleted_at.is_(None), needs_review_condition())
        .order_by(Match.supplier_id, Match.score.desc())
    )
    if supplier_id is not None:
        stmt = stmt.where(Match.supplier_id == supplier_id)
    return list(session.scalars(stmt))


def new_since_last_review(session: Session, supplier_id: int) -> list[Match]:
    """Hits that are new, changed or gone since the reviewer last decided on them (`changed`)."""
    stmt = select(Match).where(Match.supplier_id == supplier_id, Match.changed.is_(True))
    return list(session.scalars(stmt.order_by(Match.present.desc(), Match.score.desc())))
