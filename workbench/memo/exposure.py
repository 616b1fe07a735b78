"""Careful legal-exposure sentences per kind of measure, for confirmed hits and for unresolved ones."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from workbench.cases.risk_rules import REBUTTAL, category
from workbench.memo.content import Hit, MeasureRef

EXPOSURE = {
    "uflpa": (
        "An entity on the UFLPA Entity List brings the goods it mines, produces or manufactures, wholly or "
        "in part, within the UFLPA rebuttable presumption: CBP presumes they are made with forced labour and "
        f"barred from entry under 19 U.S.C. 1307. {REBUTTAL}."
    ),
    "wro": (
        "A Withhold Release Order under 19 U.S.C. 1307 allows CBP to detain the goods it covers at entry; "
        "the importer may re-export them or show that they were not made with forced labour (19 CFR 12.43)."
    ),
    "finding": (
        "A CBP Finding under 19 U.S.C. 1307 means CBP has probable cause that the goods it covers are made "
        "with forced labour: they are seized and subject to forfeiture (19 CFR 12.42(f)), not only detained."
    ),
    "entity_list": (
        "An Entity List designation (15 CFR 744.11) requires a licence for exports, re-exports and "
        "in-country transfers of items subject to the EAR to the entity; it does not by itself bar imports "
        "from it."
    ),
    "sanctions": (
        "Global Magnitsky designees are on OFAC's SDN List: U.S. persons may not deal in their property or "
        "interests in property, including entities they own 50 % or more."
    ),
    "visa_ban": "A visa restriction concerns the named persons' travel; it creates no import restriction.",
    "concern": (
        "This measure documents a forced-labour or human-rights concern and raises the expected level of "
        "diligence; it is not by itself an import bar."
    ),
}


def exposure_key(m: MeasureRef) -> str:
    """The key of `EXPOSURE` for a measure (a Finding is told apart from a WRO)."""
    if m.kind == "visa_ban":
        return "visa_ban"
    cat = category(m.kind, m.title)
    return "finding" if cat == "wro" and m.is_finding else cat


def exposure_sentences(confirmed: Iterable[MeasureRef], presumption: bool) -> tuple[str, ...]:
    """One sentence per kind of measure behind a confirmed match (stable order, no repeats)."""
    keys = list(dict.fromkeys(exposure_key(m) for m in confirmed))
    out = [EXPOSURE[k] for k in keys if k in EXPOSURE]
    if presumption and "uflpa" not in keys:
        out.insert(
            0,
            "Goods mined, produced or manufactured wholly or in part in the Xinjiang Uyghur Autonomous "
            "Region fall under the UFLPA rebuttable presumption, whoever the supplier is. " + REBUTTAL + ".",
        )
    return tuple(out)


def potential_exposure(hits: Sequence[Hit]) -> tuple[str, ...]:
    """For each unresolved hit: the exposure it would bring if the reviewer confirmed it."""
    out = []
    for h in hits:
        if not h.unresolved:
            continue
        state = "escalated" if h.decision == "escalated" else "pending review"
        keys = list(dict.fromkeys(exposure_key(m) for m in h.measures))
        consequence = " ".join(EXPOSURE[k] for k in keys if k in EXPOSURE)
        consequence = consequence[:1].lower() + consequence[1:]
        out.append(
            f"{h.entity_name} (score {h.score:.0f}, {state}): if confirmed, "
            + (consequence or "the listing's consequences depend on the list; none is recorded.")
        )
    return tuple(out)
