"""A held-out screening set from the public OFAC SDN and alias files, built without importing workbench.

    python benchmarks/heldout_ofac.py DIR     # DIR holds sdn.csv and alt.csv (OFAC's legacy CSV layout)

Entities are split into a development half and a test half by a hash of their OFAC entity number
(the same entity never appears in both). In each half, for every entity with aliases, one alias is
the query and is removed from the indexed list; the entity's other names stay. Kinds:
- person: an individual's alias (often another transliteration or name order);
- acronym: an alias that is one all-capital word of 2-8 letters;
- company_shared_word: an entity's alias sharing a word of 4+ letters with one of its other names;
- company_other: any other alias of an entity;
- vessel: a vessel's former or other name.
Negatives:
- unlisted: invented names (companies from neutral words, persons from common given and family
  names) that are not listed names;
- near_miss: a listed name of the half with its longest word replaced by a word of another entity's
  name (a different party that shares the rest); a false positive is a hit on the altered entity.
"""

from __future__ import annotations

import csv
import hashlib
import random
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ACRONYM_RE = re.compile(r"^[A-Z]{2,8}$")
WORD_RE = re.compile(r"[A-Za-z]{4,}")
TYPES = {"individual": "person", "vessel": "vessel", "aircraft": "aircraft"}
LEGAL_WORDS = {
    "limited", "company", "corporation", "group", "holding", "holdings", "trading", "international",
}
COMPANY_WORDS = [
    "Amber", "Brightwater", "Cedar", "Clearview", "Copperfield", "Delta", "Evergreen", "Falcon", "Granite",
    "Harbor", "Horizon", "Juniper", "Kestrel", "Lakeside", "Maple", "Meadow", "Northgate", "Oakridge",
    "Pinecrest", "Quarry", "Riverside", "Silverline", "Stonebridge", "Summit", "Thistle", "Willow",
]
SECTOR_WORDS = ["Bakery", "Furniture", "Logistics", "Printing", "Plastics", "Ceramics", "Dairy", "Optics",
                "Paper", "Software", "Tiles", "Toys", "Bicycles", "Packaging", "Footwear", "Lighting"]
FORMS = ["Ltd", "LLC", "GmbH", "S.A.", "Inc.", "Co., Ltd.", "Pty Ltd", "B.V.", ""]
GIVEN = ["Anna", "Peter", "Maria", "Lukas", "Sofia", "Daniel", "Emma", "Jonas", "Laura", "Tomas", "Elena",
         "Marco", "Julia", "Henrik", "Nora", "Pablo", "Chloe", "Oliver", "Ines", "Viktor"]
FAMILY = ["Lindqvist", "Moreau", "Kowalczyk", "Bianchi", "Van Dijk", "Novak", "Fischer", "Silva", "Dubois",
          "Jensen", "Horvath", "Costa", "Schneider", "Laine", "Murphy", "Varga", "Keller", "Rossi"]


@dataclass(frozen=True)
class Entity:
    key: str
    name: str
    names: tuple[str, ...]
    type: str


@dataclass(frozen=True)
class Case:
    query: str
    expected: str  # entity key, "" for a negative
    kind: str
    avoid: str = ""  # near miss: the entity it must not hit


def _half(ent_num: str) -> str:
    return "dev" if int(hashlib.sha256(ent_num.encode()).hexdigest(), 16) % 2 == 0 else "test"


def _clean(value: str) -> str:
    value = value.strip()
    return "" if value == "-0-" else value


def read_ofac(folder: Path) -> tuple[dict[str, Entity], dict[str, list[str]]]:
    """Entities (key -> Entity with its primary name) and their aliases, from sdn.csv and alt.csv."""
    entities: dict[str, Entity] = {}
    with (folder / "sdn.csv").open(encoding="utf-8", errors="replace", newline="") as fh:
        for row in csv.reader(fh):
            if len(row) < 3 or not row[0].strip().isdigit():
                continue
            kind = TYPES.get(_clean(row[2]).casefold(), "company")
            if kind == "aircraft":
                continue
            key = row[0].strip()
            entities[key] = Entity(key, _clean(row[1]), (_clean(row[1]),), kind)
    aliases: dict[str, list[str]] = defaultdict(list)
    with (folder / "alt.csv").open(encoding="utf-8", errors="replace", newline="") as fh:
        for row in csv.reader(fh):
            if len(row) >= 4 and row[0].strip() in entities and _clean(row[3]):
                aliases[row[0].strip()].append(_clean(row[3]))
    return entities, aliases


def _kind(entity: Entity, alias: str, others: list[str]) -> str:
    if entity.type in ("person", "vessel"):
        return entity.type
    if ACRONYM_RE.match(alias.replace(".", "").replace("-", "")):
        return "acronym"
    words = {w.casefold() for w in WORD_RE.findall(alias)} - LEGAL_WORDS
    if any(words & {w.casefold() for w in WORD_RE.findall(o)} for o in others):
        return "company_shared_word"
    return "company_other"


def build(folder: Path, half: str, seed: int = 20261205) -> tuple[list[Entity], list[Case]]:
    """The indexed entities (queried aliases removed) and the cases of one half ("dev" or "test")."""
    entities, aliases = read_ofac(folder)
    rng = random.Random(f"{seed}-{half}")
    indexed: list[Entity] = []
    cases: list[Case] = []
    listed_names: set[str] = set()
    mine = [e for k, e in entities.items() if _half(k) == half]
    for e in mine:
        names = [e.name, *dict.fromkeys(a for a in aliases.get(e.key, []) if a != e.name)]
        if len(names) >= 2:
            query = names[1 + rng.randrange(len(names) - 1)]
            kept = [n for n in names if n != query]
            cases.append(Case(query, e.key, _kind(e, query, kept)))
            names = kept
        indexed.append(Entity(e.key, names[0], tuple(names), e.type))
        listed_names.update(n.casefold() for n in names)
    # Entities of the other half are listed too (they only never give queries).
    for k, e in entities.items():
        if _half(k) != half:
            names = [e.name, *dict.fromkeys(a for a in aliases.get(k, []) if a != e.name)]
            indexed.append(Entity(k, names[0], tuple(names), e.type))
            listed_names.update(n.casefold() for n in names)
    n_neg = 500
    while sum(c.kind == "unlisted" for c in cases) < n_neg:
        if rng.random() < 0.5:
            name = f"{rng.choice(COMPANY_WORDS)} {rng.choice(SECTOR_WORDS)} {rng.choice(FORMS)}".strip()
        else:
            name = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
        if name.casefold() not in listed_names:
            cases.append(Case(name, "", "unlisted"))
    words = sorted({w for e in mine for w in WORD_RE.findall(e.name) if w.casefold() not in LEGAL_WORDS})
    companies = [e for e in mine if e.type == "company" and len(WORD_RE.findall(e.name)) >= 2]
    for e in rng.sample(companies, min(n_neg, len(companies))):
        longest = max(WORD_RE.findall(e.name), key=len)
        other = rng.choice(words)
        if other.casefold() == longest.casefold():
            continue
        name = e.name.replace(longest, other, 1)
        if name.casefold() not in listed_names:
            cases.append(Case(name, "", "near_miss", avoid=e.key))
    return indexed, cases


if __name__ == "__main__":
    for part in ("dev", "test"):
        ents, cs = build(Path(sys.argv[1]), part)
        counts: dict[str, int] = defaultdict(int)
        for c in cs:
            counts[c.kind] += 1
        print(part, len(ents), "entities;", dict(sorted(counts.items())))
