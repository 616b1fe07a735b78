"""Listing screening hits with their decision history, and the JSON shape scripts read them in.

A hit as JSON (`hit_json`, what `workbench hits --format json` prints):

    {"id": 7, "supplier": {"id": 3, "name": ..., "local_name": ..., "country": ...},
     "entity": {"key": ..., "name": ..., "matched_name": ...},
     "measures": [{"measure_id", "kind", "title", "authority", "date", "legal_basis", "sources"}],
     "score": 97.0, "status": "pending" | "confirmed" | "dismissed" | "escalated",
     "decided_by": ..., "decided_at": "2026-12-05T09:12:00.000000Z", "rationale": ...,
     "version": 3, "present": true, "changed": false, "change_note": "",
     "history": [{"id", "action": "decide" | "revise" | "undo", "status", "previous_status",
                  "rationale", "reviewer", "decided_at", "version", "undoes", "undone"}]}

`decided_*` and `rationale` describe the standing decision (null while pending); `history` lists
every step oldest first, with `undone` true on a decision a later undo took back.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session, selectinload

from workbench.cases.audit import jsonable
from workbench.cases.decisions import DECISIONS, OPEN, STATUS_WORDS, decide
from workbench.cases.errors import ValidationError
from workbench.cases.indicators import prefill_from_measures
from workbench.cases.screening import needs_review_condition
from workbench.data.models import Match, MatchDecision, Supplier

PENDING = "pending"
NEEDS_REVIEW = "needs_review"
ALL = "all"
STATUSES = (PENDING, *DECISIONS)
STATUS_FILTERS = (NEEDS_REVIEW, *STATUSES, ALL)


def _status_condition(status: str) -> ColumnElement[bool] | None:
    if status == ALL:
        return None
    if status == NEEDS_REVIEW:
        return needs_review_condition()
    if status in STATUSES:
        return Match.status == (OPEN if status == PENDING else status)
    raise ValidationError({"status": f"'{status}' is not a status; use one of {', '.join(STATUS_FILTERS)}."})


def list_hits(
    session: Session, *, status: str = ALL, supplier: str = "", supplier_id: int | None = None
) -> list[Match]:
    """Hits of active suppliers, highest score first within each supplier, decisions loaded.

    `status` is one of `STATUS_FILTERS`; `supplier` keeps suppliers whose legal or local name
    contains it (case-insensitive), `supplier_id` one supplier.
    """
    stmt = (
        select(Match)
        .join(Supplier)
        .where(Supplier.deleted_at.is_(None))
        .options(selectinload(Match.supplier), selectinload(Match.decisions))
        .order_by(func.lower(Supplier.legal_name), Supplier.id, Match.score.desc(), Match.id)
    )
    condition = _status_condition(status)
    if condition is not None:
        stmt = stmt.where(condition)
    if supplier_id is not None:
        stmt = stmt.where(Match.supplier_id == supplier_id)
    name = " ".join(supplier.split())
    if name:
        pattern = f"%{name.lower()}%"
        stmt = stmt.where(
            or_(func.lower(Supplier.legal_name).like(pattern), func.lower(Supplier.local_name).like(pattern))
        )
    return list(session.scalars(stmt))


def public_status(status: str) -> str:
    """A hit's status as users and scripts see it ("pending" for an undecided hit)."""
    return STATUS_WORDS.get(status, status)


def history_json(decisions: list[MatchDecision]) -> list[dict[str, Any]]:
    """Every step of a hit's decision history, oldest first."""
    undone = {d.undoes_id for d in decisions if d.action == "undo"}
    return [
        {
            "id": d.id,
            "action": d.action,
            "status": public_status(d.status),
            "previous_status": public_status(d.previous_status),
            "rationale": d.rationale,
            "reviewer": d.reviewer,
            "decided_at": jsonable(d.decided_at),
            "version": d.version,
            "undoes": d.undoes_id,
            "undone": d.id in undone,
        }
        for d in decisions
    ]


def hit_json(match: Match) -> dict[str, Any]:
    """One hit in the documented JSON shape (see the module docstring)."""
    s = match.supplier
    standing = match.current_decision
    return {
        "id": match.id,
        "supplier": {"id": s.id, "name": s.legal_name, "local_name": s.local_name, "country": s.country},
        "entity": {"key": match.entity_key, "name": match.entity_name, "matched_name": match.matched_name},
        "measures": jsonable(list(match.measures or [])),
        "score": round(float(match.score), 2),
        "status": public_status(match.status),
        "decided_by": standing.reviewer if standing else None,
        "decided_at": jsonable(standing.decided_at) if standing else None,
        "rationale": standing.rationale if standing else None,
        "version": match.version,
        "present": match.present,
        "changed": match.changed,
        "change_note": match.change_note,
        "history": history_json(list(match.decisions)),
    }


def record_decision(
    session: Session,
    match_id: int,
    status: str,
    rationale: str,
    reviewer: str | None = None,
    *,
    expected_version: int | None = None,
) -> Match:
    """Decide (or revise) a hit as the CLI and the app do; a confirmation pre-fills the WRO indicators."""
    decision = decide(session, match_id, status, rationale, reviewer, expected_version=expected_version)
    match = decision.match
    if match.status == "confirmed":
        prefill_from_measures(session, match.supplier_id, decision.reviewer)
    return match
