"""Careful legal-exposure sentences per measure kind, and the rating record the memo shows."""

from __future__ import annotations

from collections.abc import Iterable
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
