"""What kind of case a rating describes: the UFLPA presumption status, the case types that choose the
actions, the company's involvement in the harm (UNGP 19) and how far the record supports the rating.

Read-only over the reasons and matches the rating already gathered; docs/RISK.md states the rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from workbench.cases.indicators import Finding
from workbench.cases.risk_rules import Reason, category
from workbench.data.models import Match, Supplier

APPLIES, POSSIBLE, NOT_INDICATED = "applies", "possible", "not indicated"

# Case types, in the order their actions are listed.
STATE_IMPOSED = "state_imposed"  # UFLPA Entity List or Xinjiang nexus: forced labour imposed by the state
IMPORT_BAN = "import_ban"  # WRO or Finding without a Xinjiang nexus: forced labour at the enterprise
SANCTIONS = "sanctions"  # OFAC blocking sanctions (Global Magnitsky)
EXPORT_CONTROL = "export_control"  # BIS Entity List only (e.g. surveillance technology)
AUDIT_FINDINGS = "audit_findings"  # ILO indicators observed or suspected at the supplier
SECTOR = "sector"  # products in a sector named by the measures
UNRESOLVED = "unresolved"  # hits not decided yet

_BY_CODE = {
    "uflpa_entity_list": STATE_IMPOSED,
    "xinjiang_nexus": STATE_IMPOSED,
    "wro": IMPORT_BAN,
    "finding": IMPORT_BAN,
    "sanctions": SANCTIONS,
    "entity_list": EXPORT_CONTROL,
    "indicators_observed": AUDIT_FINDINGS,
    "indicators_suspected": AUDIT_FINDINGS,
    "sector": SECTOR,
    "pending_hits": UNRESOLVED,
    "pending_close_hit": UNRESOLVED,
}


def presumption_status(applies: bool, unresolved: Sequence[Match]) -> str:
    """Applies on the record; possible while an undecided hit names a UFLPA listing; else not indicated."""
    if applies:
        return APPLIES
    for m in unresolved:
        if any(category(str(x.get("kind", "")), str(x.get("title", ""))) == "uflpa" for x in m.measures):
            return POSSIBLE
    return NOT_INDICATED


def case_types(reasons: Iterable[Reason]) -> tuple[str, ...]:
    """The case types behind the reasons that raise the rating (WRO plus Xinjiang nexus: state-imposed)."""
    found = {_BY_CODE[r.code] for r in reasons if r.code in _BY_CODE and r.level != "info"}
    if STATE_IMPOSED in found:
        found.discard(IMPORT_BAN)
    order = (STATE_IMPOSED, IMPORT_BAN, SANCTIONS, EXPORT_CONTROL, AUDIT_FINDINGS, SECTOR, UNRESOLVED)
    return tuple(t for t in order if t in found)


@dataclass(frozen=True)
class Involvement:
    """UNGP 19: whether the company causes, contributes to or is directly linked to the harm."""

    level: str  # "directly linked", "not established"
    text: str


def involvement(supplier: Supplier, types: Sequence[str]) -> Involvement:
    """The company's involvement on the record: it buys from the supplier, it does not run the site."""
    harm = [t for t in types if t in (STATE_IMPOSED, IMPORT_BAN, SANCTIONS, AUDIT_FINDINGS)]
    who = "the supplier" if supplier.tier <= 1 else f"this tier-{supplier.tier} supplier"
    if not harm:
        return Involvement(
            "not established",
            "No forced-labour harm is established on the record, so the company's involvement (cause, "
            "contribute or directly linked, UNGP 19) is not determined.",
        )
    if STATE_IMPOSED in harm:
        what = "the forced labour indicated here is imposed by the state, not by a business decision"
    else:
        what = "the harm indicated here arises in the operations of " + who
    return Involvement(
        "directly linked",
        f"Directly linked (UNGP 19): {what}, and it is connected to the company's products through its "
        f"business relationship with {who}. Nothing recorded shows that the company causes it or contributes "
        "to it; if its own purchasing practices (prices, lead times, order changes) contribute, it must "
        "also provide for or cooperate in remediation (UNGP 22).",
    )


@dataclass(frozen=True)
class Support:
    """How far the record supports the rating: "full" or "limited", and why."""

    confidence: str
    gaps: tuple[str, ...]

    @property
    def note(self) -> str:
        if not self.gaps:
            return "The rating rests on a screening with every hit decided and assessed indicators."
        return "Confidence limited: " + "; ".join(self.gaps) + "."


def support(supplier: Supplier, findings: Sequence[Finding], unresolved: int) -> Support:
    """Gaps in the record that cap the confidence of the rating."""
    gaps = []
    assessed = sum(1 for f in findings if f.status != "not_assessed")
    if supplier.last_screened_at is None:
        gaps.append("the supplier has not been screened")
    if unresolved:
        gaps.append(f"{unresolved} screening hit{'s are' if unresolved > 1 else ' is'} not decided")
    if not assessed:
        gaps.append(f"none of the {len(findings)} ILO forced-labour indicators has been assessed")
    if not supplier.products:
        gaps.append("no product is recorded")
    elif not any(p.inputs for p in supplier.products):
        gaps.append("no product input or its origin is recorded")
    return Support("limited" if gaps else "full", tuple(gaps))


__all__ = [
    "APPLIES",
    "NOT_INDICATED",
    "POSSIBLE",
    "Involvement",
    "Support",
    "case_types",
    "involvement",
    "presumption_status",
    "support",
]
