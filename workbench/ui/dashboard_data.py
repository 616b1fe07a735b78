"""The dashboard's figures, computed from core queries in a background task."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from workbench.cases.queries import list_suppliers
from workbench.cases.risk import LEVELS, assess_many
from workbench.cases.screening import needs_review
from workbench.progress import TaskState, ensure_state

PAGE = 1000
TOP = 8
NEXUS_CODE = "xinjiang_nexus"


@dataclass(frozen=True)
class PortfolioSummary:
    """Counts over all active suppliers."""

    suppliers: int
    by_level: dict[str, int] = field(default_factory=dict)
    presumption: int = 0
    nexus: int = 0
    unreviewed_hits: int = 0
    new_since_review: int = 0  # new or changed hits at suppliers the reviewer had already reviewed
    suppliers_with_new: int = 0
    #: the highest-rated suppliers: (id, name, level, the most serious reason)
    top: tuple[tuple[int, str, str, str], ...] = ()


def portfolio_summary(session: Session, state: TaskState | None = None) -> PortfolioSummary:
    """Rate every supplier (`assess_many`, a page at a time) and count what the dashboard shows."""
    state = ensure_state(state)
    levels: Counter[str] = Counter()
    presumption = nexus = 0
    ranked: list[tuple[int, int, str, str, str]] = []
    offset = 0
    total = None
    while True:
        state.raise_if_cancelled()
        page = list_suppliers(session, sort="id", offset=offset, limit=PAGE)
        total = page.total if total is None else total
        if not page.rows:
            break
        for rating in assess_many(session, [r.id for r in page.rows]).values():
            levels[rating.level] += 1
            presumption += rating.presumption
            nexus += any(r.code == NEXUS_CODE for r in rating.reasons)
            if rating.level in ("severe", "high"):
                reason = next((r.text for r in rating.reasons if r.level == rating.level), "")
                ranked.append(
                    (
                        -LEVELS.index(rating.level),
                        rating.supplier_id,
                        rating.supplier_name,
                        rating.level,
                        reason,
                    )
                )
                ranked = sorted(ranked)[:TOP]
        offset += len(page.rows)
        state.set_progress(offset, total, f"Rating suppliers: {offset:,} of {total:,}")
        session.expunge_all()
    changed = list_suppliers(session, hits="changed", sort="id", limit=1_000_000).rows
    reviewed = [r for r in changed if r.last_reviewed_at is not None]
    return PortfolioSummary(
        suppliers=total or 0,
        by_level={level: levels.get(level, 0) for level in LEVELS},
        presumption=presumption,
        nexus=nexus,
        unreviewed_hits=len(needs_review(session)),
        new_since_review=sum(r.changed_hits for r in reviewed),
        suppliers_with_new=len(reviewed),
        top=tuple((sid, name, level, reason) for _rank, sid, name, level, reason in ranked),
    )
