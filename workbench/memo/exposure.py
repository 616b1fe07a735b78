"""Careful legal-exposure sentences per measure kind, and the rating used when no risk model is present."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from workbench.memo.content import Source

EXPOSURE_BY_KIND = {
    "uflpa_entity_list": (
        "A confirmed match with an entity on the UFLPA Entity List brings the supplier's goods within the "
        "UFLPA rebuttable presumption: CBP may detain and exclude them unless the importer rebuts "
        "it with clear and convincing evidence."
    ),
    "wro": (
        "A Withhold Release Order under 19 U.S.C. 1307 allows CBP to detain the goods it covers at entry; "
        "the importer may re-export them or show that they were not made with forced labour (19 CFR 12.43)."
    ),
    "entity_list": (
        "An Entity List designation (15 CFR 744.11) requires a licence for exports, re-exports and "
        "in-country transfers of items subject to the EAR to the entity; "
        "it does not by itself bar imports from it."
    ),
    "magnitsky": (
        "Global Magnitsky designees are on OFAC's SDN List: U.S. persons may not deal in their property or "
        "interests in property, including entities they own 50 % or more."
    ),
    "visa_ban": "A visa restriction concerns the named persons' travel; it creates no import restriction.",
    "goods_list": (
        "The good appears on a U.S. government list of goods produced with forced labour; this raises the "
        "expected level of diligence but is not by itself an import bar."
    ),
}

KIND_LABELS = {
    "uflpa_entity_list": "the UFLPA Entity List",
    "wro": "a CBP Withhold Release Order",
    "entity_list": "the BIS Entity List",
    "magnitsky": "OFAC Global Magnitsky sanctions",
    "visa_ban": "a State Department visa restriction",
    "goods_list": "a U.S. list of goods made with forced labour",
}

ACTIONS_BY_RATING = {
    "severe": (
        (
            "prevent",
            "Suspend new orders and shipments of affected goods until the presumption is rebutted or "
            "the supplier is replaced.",
        ),
        ("use_leverage", "Require full supply-chain tracing to raw materials with documentary evidence."),
        ("remediate", "Where workers were harmed, cooperate in remediation through credible channels."),
        ("disengage", "Prepare a responsible exit plan that considers the impact on workers."),
        ("monitor", "Re-screen on every list update and review this memo at least quarterly."),
    ),
    "high": (
        ("prevent_mitigate", "Hold new orders of affected goods pending review of the open findings."),
        (
            "use_leverage",
            "Ask the supplier for traceability documents for every input with a Xinjiang nexus.",
        ),
        ("disengage", "Plan a responsible exit if the risk cannot be mitigated within a set period."),
        ("monitor", "Re-screen monthly and on every list update."),
    ),
    "medium": (
        ("prevent_mitigate", "Resolve the pending hits and assess the indicators that are not yet assessed."),
        ("use_leverage", "Include forced-labour clauses and audit rights in the next contract."),
        ("monitor", "Re-screen quarterly and on every list update."),
    ),
    "low": (("monitor", "Re-screen on every list update and at least once a year."),),
}


@dataclass(frozen=True)
class Rating:
    """A rating with its reasons, presumption flag and actions."""

    rating: str
    reasons: tuple[str, ...]
    presumption: bool
    actions: tuple[tuple[str, str], ...]
    citations: tuple[Source, ...] = ()


def exposure_sentences(confirmed_kinds: Iterable[str], presumption: bool) -> tuple[str, ...]:
    """One sentence per kind of measure behind a confirmed match (stable order, no repeats)."""
    out = [EXPOSURE_BY_KIND[k] for k in dict.fromkeys(confirmed_kinds) if k in EXPOSURE_BY_KIND]
    if presumption and "uflpa_entity_list" not in confirmed_kinds:
        out.insert(
            0,
            "Goods with inputs from the Xinjiang Uyghur Autonomous Region fall under the UFLPA rebuttable "
            "presumption, whoever the supplier is.",
        )
    return tuple(out)


def simple_rating(
    confirmed_kinds: Sequence[str],
    unresolved_hits: int,
    nexus_reasons: Sequence[str],
    observed: Sequence[str],
    suspected: Sequence[str],
) -> Rating:
    """A transparent rating from the recorded facts, each reason stated."""
    reasons: list[str] = []
    for kind in dict.fromkeys(confirmed_kinds):
        label = KIND_LABELS.get(kind, f"a measure of kind '{kind.replace('_', ' ')}'")
        reasons.append(f"Confirmed match with an entity listed under {label}.")
    reasons += [f"Xinjiang nexus: {r}." for r in nexus_reasons]
    reasons += [f"ILO indicator observed: {name}." for name in observed]
    reasons += [f"ILO indicator suspected: {name}." for name in suspected]
    if unresolved_hits:
        reasons.append(f"{unresolved_hits} screening hit(s) not yet resolved by the reviewer.")
    presumption = "uflpa_entity_list" in confirmed_kinds or bool(nexus_reasons)
    if presumption and (observed or "wro" in confirmed_kinds):
        rating = "severe"
    elif presumption or "wro" in confirmed_kinds or observed:
        rating = "high"
    elif confirmed_kinds or unresolved_hits or suspected:
        rating = "medium"
    else:
        rating = "low"
        reasons.append("No confirmed match, no Xinjiang nexus and no indicator observed or suspected.")
    return Rating(rating, tuple(reasons), presumption, ACTIONS_BY_RATING[rating])
