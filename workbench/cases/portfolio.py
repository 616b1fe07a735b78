"""Portfolio figures for the dashboard: counts by risk level, presumption, nexus, hits, the top suppliers.

The ratings come from the rating cache (`workbench.cases.rating_cache`): missing rows are rated
first, then every figure is one set-based query, so 100,000 suppliers cost what their new or
changed ones cost to rate.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from workbench.cases import rating_cache
from workbench.cases.risk_rules import LEVELS
from workbench.data.models import Match, ScreeningRun, Supplier, SupplierRating
from workbench.progress import TaskState, ensure_state

TOP = 8


@dataclass(frozen=True)
class PortfolioSummary:
    """Counts over all active suppliers."""

    suppliers: int
    by_level: dict[str, int] = field(default_factory=dict)
    presumption: int = 0
    nexus: int = 0
    unreviewed_hits: int = 0  # open, escalated or changed hits awaiting the reviewer
    new_since_review: int = 0  # hits found or changed after the reviewer last decided at that supplier
    suppliers_with_new: int = 0
    #: the highest-rated suppliers: (id, name, level, the most serious reason)
    top: tuple[tuple[int, str, str, str], ...] = ()

    @property
    def older_unreviewed(self) -> int:
        """Unreviewed hits that are not new since a review (found earlier, still undecided)."""
        return max(0, self.unreviewed_hits - self.new_since_review)


def portfolio_summary(session: Session, state: TaskState | None = None) -> PortfolioSummary:
    """Rate the suppliers missing from the cache, then count what the dashboard shows."""
    state = ensure_state(state)
    rating_cache.fill(session, state)
    active = Supplier.deleted_at.is_(None)
    rated = select(SupplierRating).join(Supplier, Supplier.id == SupplierRating.supplier_id).where(active)
    counts = session.execute(
        select(
            SupplierRating.level,
            func.count(),
            func.sum(case((SupplierRating.presumption, 1), else_=0)),
            func.sum(case((SupplierRating.nexus, 1), else_=0)),
        )
        .join(Supplier, Supplier.id == SupplierRating.supplier_id)
        .where(active)
        .group_by(SupplierRating.level)
    ).all()
    by_level = {level: 0 for level in LEVELS}
    presumption = nexus = 0
    for level, count, with_presumption, with_nexus in counts:
        by_level[level] = int(count)
        presumption += int(with_presumption or 0)
        nexus += int(with_nexus or 0)
    top = session.execute(
        rated.with_only_columns(
            SupplierRating.supplier_id, Supplier.legal_name, SupplierRating.level, SupplierRating.reason
        )
        .where(SupplierRating.rank >= LEVELS.index("high"))
        .order_by(SupplierRating.rank.desc(), SupplierRating.supplier_id)
        .limit(TOP)
    ).all()
    new_hits, suppliers_with_new = _new_since_review(session)
    return PortfolioSummary(
        suppliers=int(session.scalar(select(func.count()).select_from(Supplier).where(active)) or 0),
        by_level=by_level,
        presumption=presumption,
        nexus=nexus,
        unreviewed_hits=_unreviewed(session),
        new_since_review=new_hits,
        suppliers_with_new=suppliers_with_new,
        top=tuple((sid, name, level, reason) for sid, name, level, reason in top),
    )


def _unreviewed(session: Session) -> int:
    """Hits waiting for the reviewer (as `needs_review` lists them), at active suppliers."""
    query = (
        select(func.count())
        .select_from(Match)
        .join(Supplier, Supplier.id == Match.supplier_id)
        .where(
            Supplier.deleted_at.is_(None),
            or_(Match.changed.is_(True), Match.status.in_(("open", "escalated"))),
            or_(Match.present.is_(True), Match.status != "open"),
        )
    )
    return int(session.scalar(query) or 0)


def _new_since_review(session: Session) -> tuple[int, int]:
    """(hits, suppliers): hits found or changed after the last decision at a supplier already reviewed.

    A decided hit flagged `changed` changed after its decision; an undecided one counts only if the
    screening run that first found it started after the supplier's last review (an older undecided
    hit is not news, it is still waiting).
    """
    first_run = ScreeningRun.__table__.alias("first_run")
    is_new = and_(
        Match.changed.is_(True),
        or_(Match.status != "open", first_run.c.started_at > Supplier.last_reviewed_at),
    )
    row = session.execute(
        select(func.count(), func.count(func.distinct(Match.supplier_id)))
        .select_from(Match)
        .join(Supplier, Supplier.id == Match.supplier_id)
        .outerjoin(first_run, first_run.c.id == Match.first_run_id)
        .where(Supplier.deleted_at.is_(None), Supplier.last_reviewed_at.is_not(None), is_new)
    ).one()
    return int(row[0]), int(row[1])
