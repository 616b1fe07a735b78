"""Public records of the screening engine: queries, listed entities, matches with evidence."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SupplierQuery:
    """A supplier to screen; `ref` is the caller's id, echoed back untouched."""

    name: str
    local_name: str = ""
    country: str = ""
    address: str = ""
    aliases: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    ref: str = ""

    def names(self) -> list[tuple[str, str]]:
        """(name, role) for every non-blank name of the query, without repeats."""
        out: list[tuple[str, str]] = []
        seen: set[str] = set()
        for value, role in [(self.name, "name"), (self.local_name, "local name")] + [
            (a, "alias") for a in self.aliases
        ]:
            v = (value or "").strip()
            if v and v.casefold() not in seen:
                seen.add(v.casefold())
                out.append((v, role))
        return out


@dataclass(frozen=True)
class MeasureRef:
    """The measure under which an entity is listed."""

    measure_id: str
    kind: str
    authority: str
    title: str
    date: str | None
    legal_basis: str
    sources: tuple[str, ...]


def list_entity_key(list_name: str, entry_key: str) -> str:
    """The `ListedEntity.key` of an entry of an imported list."""
    return f"list:{list_name}:{entry_key}"


@dataclass(frozen=True)
class ListedEntity:
    """A party that can be name-matched: a builtin entity or an entry of an imported list."""

    key: str
    entity_id: str
    name: str
    names: tuple[str, ...]
    type: str
    country: str = ""
    sectors: tuple[str, ...] = ()
    measures: tuple[MeasureRef, ...] = ()
    source: str = "builtin"


@dataclass(frozen=True)
class FeatureScore:
    """One named part of a match score; `detail` says in a sentence what was compared.

    Additive features have `weight` > 0 and add `score * weight` points (name tokens and spelling:
    score 0-1, weights 85 and 15; country, sector, legal form: score -1..1, weight in points).
    Penalties have `weight` 0 and `score` is the factor that multiplies the name part; a warning
    ("mixed scripts") is a penalty of factor 1 that changes nothing and flags the match.
    """

    name: str
    score: float
    weight: float
    detail: str


@dataclass(frozen=True)
class TokenEvidence:
    """Query words that agree with listed words: how (exact, joined, typo, phonetic) and how closely."""

    query: str
    listed: str
    how: str
    sim: float


@dataclass(frozen=True)
class MatchDetails:
    """The comparison behind a match as data; the evidence sentences are rendered from it."""

    query_role: str
    query_tokens: tuple[str, ...]
    listed_tokens: tuple[str, ...]
    query_legal: tuple[str, ...]
    listed_legal: tuple[str, ...]
    pairs: tuple[TokenEvidence, ...]
    missing: tuple[str, ...]  # listed words the query lacks
    extra: tuple[str, ...]  # query words the listed name lacks
    repairs: tuple[str, ...] = ()
    mixed_words: tuple[str, ...] = ()  # query words that mixed Latin with look-alike letters
    mixed_scripts: tuple[str, ...] = ()
    transliterated: tuple[str, ...] = ()  # scripts of the query read as Latin
    chinese: bool = False  # the query had Chinese characters (read as pinyin and known words)
    traditional: bool = False  # ... in traditional form

    def as_dict(self) -> dict[str, object]:
        """Plain JSON-ready form (stored with a hit)."""
        out: dict[str, object] = {k: list(v) if isinstance(v, tuple) else v for k, v in vars(self).items()}
        out["pairs"] = [vars(p).copy() for p in self.pairs]
        return out


@dataclass(frozen=True)
class ScreeningMatch:
    """A listed entity the query may be, with the score (0-100) and the evidence behind it."""

    entity: ListedEntity
    score: float
    matched_name: str
    query_name: str
    features: tuple[FeatureScore, ...]
    evidence: tuple[str, ...]
    details: MatchDetails | None = None


MATCHABLE_TYPES = frozenset(
    {"company", "government", "person", "organization", "organisation", "site", "vessel", ""}
)
