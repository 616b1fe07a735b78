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
from workbench.cases.risk_case import case_types, involvement, presumption_status, support
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
    presumption_status: str = "not indicated"  # "applies", "possible" (an undecided hit) or "not indicated"
    indicators_assessed: int = 0
    confidence: str = "limited"  # "full" or "limited": how far the record supports the level
    confidence_note: str = ""
    case_types: tuple[str, ...] = ()  # what kind of case: chooses the actions (see risk_case)
    involvement: str = ""  # UNGP 19: causes, contributes to or is directly linked to the harm
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
    findings = findings_for(session, supplier.id)
    reasons += indicator_reasons(findings)
    assessed = sum(1 for f in findings if f.status != "not_assessed")
    ranked = [LEVELS.index(r.level) for r in reasons if r.level in LEVELS]
    level = LEVELS[max(ranked)] if ranked else "low"
    if level == "low" and not assessed:
        level = "medium"
        reasons.append(
            Reason(
                "nothing_assessed",
                "medium",
                "No ILO forced-labour indicator has been assessed, so nothing supports a low rating: it "
                "rests on name screening and the origin data recorded.",
            )
        )
    if level == "low":
        reasons.insert(0, _no_findings(assessed, len(findings)))
    reasons.sort(key=lambda r: -LEVELS.index(r.level) if r.level in LEVELS else 1)
    types = case_types(reasons)
    backing = support(supplier, findings, len(pending))
    return RiskRating(
        supplier_id=supplier.id,
        supplier_name=supplier.legal_name,
        level=level,
        presumption=presumption,
        reasons=tuple(reasons),
        actions=tuple(recommend(level, presumption, {r.code for r in reasons}, types)),
        pending_hits=len(pending),
        presumption_status=presumption_status(presumption, pending),
        indicators_assessed=assessed,
        confidence=backing.confidence,
        confidence_note=backing.note,
        case_types=types,
        involvement=involvement(supplier, types).text,
    )


def _no_findings(assessed: int, total: int) -> Reason:
    return Reason(
        "no_findings",
        "low",
        "Screened with no confirmed or pending hits; no Xinjiang mention in the supplier's location, names, "
        f"products or inputs; no UFLPA high-priority sector; {assessed} of {total} ILO forced-labour "
        "indicators assessed, none observed or suspected.",
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
