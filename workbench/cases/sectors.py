"""Risk sectors of products, by HS code and by keyword (English and Chinese).

Reads resources/reference/hs_sectors.json and says why: which field, which code or word, and
which measures name the sector. Pure functions over the ORM objects; no writes. The Xinjiang
nexus lives in `workbench.cases.nexus` and is re-exported here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from workbench.cases.hs_codes import hs_digits
from workbench.cases.nexus import NexusHit, product_nexus, supplier_own_nexus, xinjiang_nexus
from workbench.cases.textmatch import find_word
from workbench.data.models import Product, Supplier
from workbench.resources import load_json

__all__ = [
    "NexusHit",
    "Sector",
    "SectorHit",
    "hs_matches",
    "product_nexus",
    "product_sectors",
    "sectors",
    "supplier_own_nexus",
    "supplier_sector_ids",
    "supplier_sectors",
    "xinjiang_nexus",
]


@dataclass(frozen=True)
class Sector:
    """A risk sector: HS code prefixes and keywords, and the measures/documents that name it."""

    id: str
    name: str
    hs_codes: tuple[str, ...]
    keywords: tuple[str, ...]
    measure_ids: tuple[str, ...]  # ids of measures in the store that name the sector
    documents: tuple[str, ...] = ()  # ids of context notes that name it


@dataclass(frozen=True)
class SectorHit:
    """Why a product belongs to a sector."""

    sector: Sector
    product: str  # product description
    field: str  # "hs_code", "description" or "input material"
    matched: str  # the code prefix or the word that matched

    @property
    def basis(self) -> str:
        """The product and what placed it in the sector, e.g. "product 'yarn' (HS code 52...)"."""
        if self.field != "hs_code":
            how = f"'{self.matched}' in the {self.field}"
        elif "-" in self.matched:
            how = f"HS code within {self.matched}"
        else:
            how = f"HS code {self.matched}..."
        return f"product '{self.product}' ({how})"

    @property
    def reason(self) -> str:
        how = (
            f"HS code starts with {self.matched}"
            if self.field == "hs_code"
            else f"'{self.matched}' in {self.field}"
        )
        return f"{self.product}: {self.sector.name} ({how})"


# ---------------------------------------------------------------- reference data


def _as_tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, dict):
        return tuple(str(v) for vs in value.values() for v in _as_tuple(vs))
    return tuple(str(v) for v in value)


@cache
def sectors() -> tuple[Sector, ...]:
    """The risk sectors from resources/reference/hs_sectors.json."""
    data = load_json("reference", "hs_sectors.json")
    items = data.get("sectors", data) if isinstance(data, dict) else data
    out = []
    for raw in items:
        codes = [c["code"] if isinstance(c, dict) else c for c in raw.get("codes", [])]
        out.append(
            Sector(
                id=raw["id"],
                name=raw.get("name", raw["id"]),
                hs_codes=tuple(str(c) for c in codes),
                keywords=_as_tuple(raw.get("keywords")),
                measure_ids=_as_tuple(raw.get("measures")),
                documents=_as_tuple(raw.get("documents")),
            )
        )
    return tuple(out)


# ---------------------------------------------------------------- matching


@cache
def _spec(spec: str) -> tuple[str, str]:
    """A code spec as (low, high) digit prefixes: "61" -> ("61", "61"), "5204-5207" -> ("5204", "5207")."""
    if "-" in spec:
        low, high = (hs_digits(p) for p in spec.split("-", 1))
        return low, high
    digits = hs_digits(spec)
    return digits, digits


def hs_matches(code: str, spec: str) -> bool:
    """Whether an HS code falls under `spec`: a chapter/heading/subheading prefix or a range (5204-5207)."""
    digits = hs_digits(code)
    low, high = _spec(spec)
    head = digits[: len(low)]
    return bool(low) and len(head) == len(low) and low <= head <= high


@lru_cache(maxsize=16384)
def classify(description: str, hs_code: str, materials: tuple[str, ...]) -> tuple[tuple[str, str, str], ...]:
    """(sector id, field, matched code or word) for a product's description, HS code and input materials."""
    digits = hs_digits(hs_code)
    out = []
    for sector in sectors():
        spec = next((s for s in sector.hs_codes if digits and hs_matches(digits, s)), None)
        if spec:
            out.append((sector.id, "hs_code", spec))
            continue
        word = find_word(description, sector.keywords)
        if word:
            out.append((sector.id, "description", word))
            continue
        for material in materials:
            word = find_word(material, sector.keywords)
            if word:
                out.append((sector.id, f"input material '{material}'", word))
                break
    return tuple(out)


def product_sectors(product: Product) -> list[SectorHit]:
    """The sectors a product belongs to, each with the code or word that placed it there."""
    by_id = {s.id: s for s in sectors()}
    found = classify(
        product.description or "", product.hs_code or "", tuple(i.material for i in product.inputs)
    )
    return [SectorHit(by_id[sid], product.description, field, matched) for sid, field, matched in found]


def supplier_sectors(supplier: Supplier) -> list[SectorHit]:
    """Sector hits over all the supplier's products."""
    return [hit for p in supplier.products for hit in product_sectors(p)]


def supplier_sector_ids(supplier: Supplier) -> tuple[str, ...]:
    """The distinct sector ids of a supplier's products (what the screener's sector feature takes)."""
    return tuple(dict.fromkeys(h.sector.id for h in supplier_sectors(supplier)))
