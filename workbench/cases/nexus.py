"""Xinjiang nexus: mentions of places in the Xinjiang Uyghur Autonomous Region in a supplier's
location and names, its products' origins and descriptions, and its inputs.

Place names come from resources/reference/xinjiang_places.json. Strong forms (the region,
prefecture-level names of five letters or more, Chinese names of three characters or more or
of a prefecture, Uyghur script) count anywhere. Weak forms (county-level Latin names, short
names such as Bay, Lop or Yili, two-character county names) also occur outside Xinjiang or
inside company names, so they count only in a location field (address, region, origin) of a
record tied to China. Every hit says which field and which word.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from workbench.cases.textmatch import NON_LATIN, find_word, fold
from workbench.data.models import Product, ProductInput, Supplier
from workbench.resources import load_json

TOP_LEVELS = frozenset({"autonomous region", "prefecture-level city", "prefecture", "autonomous prefecture"})
HOMONYMS = frozenset({"altai", "altay", "kashi", "manas", "tekes"})  # also names outside Xinjiang
STRONG_SHORT = frozenset({"xuar"})
REGION_CODES = frozenset({"cn-xj", "cn-65"})  # ISO 3166-2 codes for Xinjiang (current and former)
CHINA_WORDS = ("china", "prc", "中国", "cn")
LOCATION_FIELDS = frozenset({"region", "address", "country", "origin_region", "origin_country"})


@dataclass(frozen=True)
class Place:
    """A place in Xinjiang: its display name, and the forms that count anywhere or only in locations."""

    id: str
    name: str
    strong: tuple[str, ...]
    weak: tuple[str, ...]


@dataclass(frozen=True)
class NexusHit:
    """Why a supplier has a Xinjiang nexus: where (object and field) and which word matched."""

    scope: str  # "supplier", "product" or "input"
    label: str  # the supplier name, product description or input material
    field: str
    word: str
    place: str

    @property
    def reason(self) -> str:
        where = {
            "supplier": "the supplier's",
            "product": f"product '{self.label}'",
            "input": f"input '{self.label}'",
        }
        return f"{where[self.scope]} {self.field.replace('_', ' ')} mentions '{self.word}' ({self.place})"


def _is_strong(form: str, level: str) -> bool:
    folded = fold(form)
    if folded in STRONG_SHORT:
        return True
    if folded in HOMONYMS:
        return False
    if NON_LATIN.search(form):
        return "\u0600" <= form[0] <= "\u06ff" or len(form) >= 3 or level in TOP_LEVELS
    return level in TOP_LEVELS and len(folded) >= 5


@cache
def places() -> tuple[Place, ...]:
    """Xinjiang places with their strong and weak forms, the region first."""
    data = load_json("reference", "xinjiang_places.json")
    names = {p["id"]: p["name"] for p in data["places"]}
    out = []
    for raw in data["places"]:
        forms = [
            raw["name"],
            raw.get("pinyin", ""),
            *raw.get("chinese", []),
            *raw.get("variants", []),
            *raw.get("uyghur", []),
            *raw.get("address_forms", []),
        ]
        forms = list(dict.fromkeys(f for f in forms if f and f.strip()))
        forms.sort(key=len, reverse=True)  # longest first, so the reason quotes the fullest form
        level = raw.get("level", "")
        parent = names.get(raw.get("parent") or "", "")
        shown = (
            raw["name"]
            if raw["id"] == "xinjiang"
            else f"{raw['name']}, {'Xinjiang' if parent else ''}".strip(", ")
        )
        if parent and raw.get("parent") != "xinjiang":
            shown = f"{raw['name']}, {parent}, Xinjiang"
        out.append(
            Place(
                raw["id"],
                shown,
                tuple(f for f in forms if _is_strong(f, level)),
                tuple(f for f in forms if not _is_strong(f, level)),
            )
        )
    return tuple(out)


@cache
def _all_forms(kind: str) -> tuple[str, ...]:
    """Every strong (or weak) form of every place: one search rules out most texts."""
    return tuple(f for p in places() for f in getattr(p, kind))


def _china(*values: str) -> bool:
    return any(find_word(v, CHINA_WORDS, plural=False) for v in values if v)


def _place_hit(text: str, field: str, china: bool) -> tuple[str, str] | None:
    text = (text or "").strip()
    if not text:
        return None
    if fold(text) in REGION_CODES:
        return text, "Xinjiang Uyghur Autonomous Region (ISO 3166-2 code)"
    if find_word(text, _all_forms("strong"), plural=False):
        for place in reversed(places()):  # the most specific place first: counties, prefectures, the region
            word = find_word(text, place.strong, plural=False)
            if word:
                return word, place.name
    if china and field in LOCATION_FIELDS and find_word(text, _all_forms("weak"), plural=False):
        for place in reversed(places()):
            word = find_word(text, place.weak, plural=False)
            if word:
                return word, place.name
    return None


def _scan(scope: str, label: str, fields: dict[str, str], china: bool) -> list[NexusHit]:
    china = china or _china(*(v for k, v in fields.items() if k in LOCATION_FIELDS))
    out = []
    for field, value in fields.items():
        found = _place_hit(value, field.split(" ")[0], china)
        if found:
            out.append(NexusHit(scope, label, field, found[0], found[1]))
    return out


def input_nexus(item: ProductInput, china: bool = False) -> list[NexusHit]:
    """Xinjiang mentions in an input's origin or material."""
    fields = {
        "origin_region": item.origin_region,
        "origin_country": item.origin_country,
        "material": item.material,
    }
    return _scan("input", item.material, fields, china)


def product_nexus(product: Product, china: bool = False) -> list[NexusHit]:
    """Xinjiang mentions in a product's origin or description, and in its inputs."""
    fields = {
        "origin_region": product.origin_region,
        "origin_country": product.origin_country,
        "description": product.description,
    }
    hits = _scan("product", product.description, fields, china)
    for item in product.inputs:
        hits += input_nexus(item, china)
    return hits


def supplier_own_nexus(supplier: Supplier) -> list[NexusHit]:
    """Xinjiang mentions in the supplier's own location or names (not its products)."""
    fields = {
        "region": supplier.region,
        "address": supplier.address,
        "country": supplier.country,
        "legal_name": supplier.legal_name,
        "local_name": supplier.local_name,
    }
    for i, alias in enumerate(supplier.aliases or ()):
        fields[f"alias {i + 1}"] = alias
    return _scan("supplier", supplier.legal_name, fields, False)


def xinjiang_nexus(supplier: Supplier) -> list[NexusHit]:
    """Every Xinjiang mention: the supplier's location and names, its products' origins and inputs."""
    hits = supplier_own_nexus(supplier)
    china = _china(supplier.country, supplier.address, supplier.region)
    for product in supplier.products:
        hits += product_nexus(product, china)
    return hits
