"""A transparent risk rating per supplier: a level, the UFLPA presumption flag, reasons and actions.

The level is the highest level any rule sets (low < medium < high < severe); every rule that
fired is a `Reason` with a sentence and its citations, so no rating comes without its grounds.
The rules are in `risk_rules` and stated in words in docs/RISK.md. Read-only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from workbench.cases.errors import NotFound
from workbench.cases.indicators import findings_for
from workbench.cases.risk_actions import Action, recommend
from workbench.cases.risk_rules import (
    INFO,
    LEVELS,
    Citation,
    Reason,
    dismissed_reason,
    indicator_reasons,
    listing_reasons,
    nexus_reason,
    pending_reason,
    sector_reasons,
)
from workbench.cases.sectors import supplier_own_nexus, supplier_sectors, xinjiang_nexus
from workbench.cases.suppliers import supplier_tree
from workbench.data.models import Match, Product, Supplier

__all__ = ["LEVELS", "Action", "Citation", "Reason", "RiskRating", "assess_many", "assess_supplier", "rate"]


@dataclass(frozen=True)
class RiskRating:
    """The rating of one supplier with everything that produced it."""

    supplier_id: int
    supplier_name: str
    level: str  # low, medium, high or severe
    presumption: bool  # the UFLPA rebuttable presumption applies
    reasons: tuple[Reason, ...]  # most serious first; "info" reasons explain without raising
    actions: tuple[Action, ...]
    pending_hits: int
    assessed_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def rating(self) -> str:
        return self.level

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["assessed_at"] = self.assessed_at.isoformat()
        return data


def _upstream_reasons(session: Session, supplier: Supplier) -> list[Reason]:
    reasons: list[Reason] = []
    for up in supplier_tree(session, supplier.id):
        label = f"{up.legal_name} (tier {up.tier})"
        for m in up.matches:
            if m.status == "confirmed" and m.present:
                for r in listing_reasons(m)[0]:
                    if r.code == "uflpa_entity_list":
                        reasons.append(
                            Reason(r.code, r.level, f"Upstream supplier {label}: {r.text}", r.citations)
                        )
        if (r := nexus_reason(supplier_own_nexus(up), label)) is not None:
            reasons.append(r)
    return reasons


def _confirmed_reasons(confirmed: list[Match]) -> tuple[list[Reason], bool]:
    reasons, presumption = [], False
    for match in confirmed:
        if match.present:
            found, flag = listing_reasons(match)
            reasons += found
            presumption |= flag
        else:
            reasons.append(
                Reason(
                    "confirmed_gone",
                    INFO,
                    f"The confirmed match with {match.entity_name} was not found in the latest screening "
                    "(delisted, or now below the threshold); verify before relying on that.",
                )
            )
    return reasons, presumption


def rate(session: Session, supplier: Supplier) -> RiskRating:
    """Rate one supplier (products, inputs and matches loaded or loadable)."""
    confirmed = [m for m in supplier.matches if m.status == "confirmed"]
    reasons, presumption = _confirmed_reasons(confirmed)
    pending = [m for m in supplier.matches if m.present and m.status in ("open", "escalated")]
    optional = [
        pending_reason(pending),
        dismissed_reason([m for m in supplier.matches if m.status == "dismissed"]),
        nexus_reason(xinjiang_nexus(supplier)),
    ]
    if supplier.last_screened_at is None:
        optional.append(
            Reason(
                "not_screened",
                "medium",
                "The supplier has not been screened yet, so its listing status is unknown.",
            )
        )
    reasons += [r for r in optional if r is not None]
    reasons += _upstream_reasons(session, supplier)
    presumption |= any(r.code in ("xinjiang_nexus", "uflpa_entity_list") for r in reasons)
    reasons += sector_reasons(session, supplier, supplier_sectors(supplier))
    reasons += indicator_reasons(findings_for(session, supplier.id))
    ranked = [LEVELS.index(r.level) for r in reasons if r.level in LEVELS]
    level = LEVELS[max(ranked)] if ranked else "low"
    if level == "low":
        reasons.insert(
            0,
            Reason(
                "no_findings",
                "low",
                "Screened with no confirmed or pending hits; no Xinjiang mention in the supplier's location, "
                "names, products or inputs; no UFLPA high-priority sector; no forced-labour indicator "
                "observed "
                "or suspected.",
            ),
        )
    reasons.sort(key=lambda r: -LEVELS.index(r.level) if r.level in LEVELS else 1)
    return RiskRating(
        supplier_id=supplier.id,
        supplier_name=supplier.legal_name,
        level=level,
        presumption=presumption,
        reasons=tuple(reasons),
        actions=tuple(recommend(level, presumption, {r.code for r in reasons})),
        pending_hits=len(pending),
    )


def _load(session: Session, supplier_ids: Iterable[int]) -> list[Supplier]:
    stmt = (
        select(Supplier)
        .where(Supplier.id.in_(list(supplier_ids)))
        .options(
            selectinload(Supplier.products).selectinload(Product.inputs),
            selectinload(Supplier.matches).selectinload(Match.decisions),
        )
    )
    return list(session.scalars(stmt))


def assess_supplier(session: Session, supplier_id: int) -> RiskRating:
    """The current rating of one supplier, with reasons and recommended actions."""
    loaded = _load(session, [supplier_id])
    if not loaded:
        raise NotFound(f"Supplier {supplier_id} does not exist.")
    return rate(session, loaded[0])


rate_supplier = assess_supplier


def assess_many(session: Session, supplier_ids: Iterable[int]) -> dict[int, RiskRating]:
    """Ratings for several suppliers (the visible page of the supplier table, a portfolio memo)."""
    return {s.id: rate(session, s) for s in _load(session, supplier_ids)}
