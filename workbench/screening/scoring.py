"""Score one query name against one listed name: named features, a 0-100 total and evidence.

total = (85 x token agreement + 15 x spelling similarity) x penalties + country + sector + legal form

Penalties multiply the name part when the names disagree in a way weights alone do not catch:
a different government function (tax bureau vs public security bureau), no agreeing brand token
(only places or descriptive words shared), a short brand matched only through a typo, or two
different places.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from workbench.screening import lexicon as lx
from workbench.screening.align import Alignment, align
from workbench.screening.index import NameIndex, Resolved
from workbench.screening.normalize import normalize, normalize_country
from workbench.screening.types import FeatureScore, ListedEntity, SupplierQuery

TOKEN_WEIGHT = 85.0
SPELLING_WEIGHT = 15.0
FUNCTION_PENALTY = 0.55
NO_DISTINCTIVE_PENALTY = 0.5
SHORT_TYPO_PENALTY = 0.6
PLACE_CONFLICT_PENALTY = 0.8
BODY_PENALTY = 0.6
DISTINCTIVE_CONFLICT_PENALTY = 0.8
DESCRIPTOR_CONFLICT_PENALTY = 0.92
COUNTRY_AGREE = 4.0
COUNTRY_DISAGREE = -10.0
SECTOR_AGREE = 3.0
LEGAL_AGREE = 2.0
COMPANY_VS_PERSON = -10.0
MIXED_SCRIPTS = "mixed scripts"
NOT_COMPANIES = {"person": "a person", "site": "a site", "vessel": "a vessel"}


@dataclass
class PairScore:
    score: float
    features: tuple[FeatureScore, ...]
    alignment: Alignment
    listed_text: str
    listed_legal: tuple[str, ...]


def _names(tokens: list[str]) -> str:
    return ", ".join(tokens) if tokens else "none"


def _penalties(
    al: Alignment, res: Resolved, l_tokens: tuple[str, ...], l_classes: tuple[str, ...]
) -> list[FeatureScore]:
    out: list[FeatureScore] = []
    q_func = {t for t, c in zip(res.tokens, res.classes, strict=True) if c == lx.FUNCTION}
    l_func = {t for t, c in zip(l_tokens, l_classes, strict=True) if c == lx.FUNCTION}
    if q_func != l_func:
        out.append(
            FeatureScore(
                "government function",
                FUNCTION_PENALTY,
                0.0,
                f"The bodies differ in function: query {_names(sorted(q_func))}, "
                f"listed {_names(sorted(l_func))}.",
            )
        )
    q_body = {res.tokens[i] for i in al.extra if res.tokens[i] in lx.BODY_WORDS}
    l_body = {l_tokens[j] for j in al.missing if l_tokens[j] in lx.BODY_WORDS}
    if q_body and l_body:
        out.append(
            FeatureScore(
                "kind of body",
                BODY_PENALTY,
                0.0,
                f"Different kinds of body: query {_names(sorted(q_body))}, listed {_names(sorted(l_body))}.",
            )
        )
    if al.typo_only_short:
        out.append(
            FeatureScore(
                "short brand typo",
                SHORT_TYPO_PENALTY,
                0.0,
                "The only agreeing brand word is short and differs by a letter; likely a different company.",
            )
        )
    elif al.distinctive_listed and not al.distinctive_matched:
        out.append(
            FeatureScore(
                "no distinctive agreement",
                NO_DISTINCTIVE_PENALTY,
                0.0,
                "Only places or descriptive words agree; the listed name's distinctive words are absent.",
            )
        )
    distinct = (lx.DISTINCTIVE, lx.SURNAME)
    q_dist = [res.tokens[i] for i in al.extra if res.classes[i] in distinct]
    l_dist = [l_tokens[j] for j in al.missing if l_classes[j] in distinct]
    if q_dist and l_dist:
        out.append(
            FeatureScore(
                "distinctive conflict",
                DISTINCTIVE_CONFLICT_PENALTY,
                0.0,
                f"Distinctive words differ: query {_names(q_dist)}, listed {_names(l_dist)}.",
            )
        )
    q_desc = [res.tokens[i] for i in al.extra if res.classes[i] == lx.GENERIC]
    l_desc = [l_tokens[j] for j in al.missing if l_classes[j] == lx.GENERIC]
    if q_desc and l_desc:
        out.append(
            FeatureScore(
                "descriptor conflict",
                DESCRIPTOR_CONFLICT_PENALTY,
                0.0,
                f"Descriptive words differ: query {_names(q_desc)}, listed {_names(l_desc)}.",
            )
        )
    q_places = {res.tokens[i] for i in al.extra if res.classes[i] == lx.PLACE}
    l_places = {l_tokens[j] for j in al.missing if l_classes[j] == lx.PLACE}
    if q_places and l_places:
        out.append(
            FeatureScore(
                "place conflict",
                PLACE_CONFLICT_PENALTY,
                0.0,
                f"Different places: query {_names(sorted(q_places))}, listed {_names(sorted(l_places))}.",
            )
        )
    return out


def _sector_tokens(values: tuple[str, ...]) -> set[str]:
    out: set[str] = set()
    for v in values:
        out.update(normalize(v).tokens)
    return out


def score_pair(
    index: NameIndex, res: Resolved, row: int, entity: ListedEntity, query: SupplierQuery
) -> PairScore:
    """Full score of query name `res` against listed row `row` of `index`."""
    l_tokens, l_classes = index.row_tokens(row)
    l_legal = index.row_legal(row)
    al = align(res.tokens, res.classes, l_tokens, l_classes, index.weight, person=entity.type == "person")
    token = al.token_score
    q_text, l_text = " ".join(res.tokens), " ".join(l_tokens)
    spelling = fuzz.token_sort_ratio(q_text, l_text) / 100.0
    agreeing = ", ".join(
        f"{p.query}={p.listed}" + ("" if p.how == "exact" else f" ({p.how})") for p in al.pairs
    )
    features = [
        FeatureScore(
            "name tokens",
            round(token, 3),
            TOKEN_WEIGHT,
            f"Weighted share of agreeing words (rare words count more): {agreeing or 'none'}.",
        ),
        FeatureScore(
            "spelling",
            round(spelling, 3),
            SPELLING_WEIGHT,
            f"Character similarity of '{q_text}' and '{l_text}'.",
        ),
    ]
    penalties = _penalties(al, res, l_tokens, l_classes)
    factor = 1.0
    for p in penalties:
        factor *= p.score
    features.extend(penalties)
    total = (TOKEN_WEIGHT * token + SPELLING_WEIGHT * spelling) * factor
    total += _context_features(features, res, l_legal, entity, query)
    fold = res.form.scripts
    if fold is not None and fold.mixed_words:
        features.append(FeatureScore(
            MIXED_SCRIPTS, 1.0, 0.0,
            f"Spoofing warning: {', '.join(fold.mixed_words)} mix Latin with {', '.join(fold.mixed_scripts)} "
            "look-alike letters; compared as the Latin letters they imitate.",
        ))
    return PairScore(max(0.0, min(100.0, round(total, 1))), tuple(features), al, l_text, l_legal)


def _context_features(
    features: list[FeatureScore],
    res: Resolved,
    l_legal: tuple[str, ...],
    entity: ListedEntity,
    query: SupplierQuery,
) -> float:
    """Country, sector and legal-form evidence; returns the points they add."""
    points = 0.0
    q_country, l_country = normalize_country(query.country), normalize_country(entity.country)
    if q_country and l_country:
        agree = q_country == l_country
        pts = COUNTRY_AGREE if agree else COUNTRY_DISAGREE
        points += pts
        features.append(
            FeatureScore(
                "country",
                1.0 if agree else -1.0,
                abs(pts),
                f"Query country {q_country} {'agrees with' if agree else 'differs from'} "
                f"listed country {l_country}.",
            )
        )
    if query.sectors and entity.sectors:
        common = _sector_tokens(query.sectors) & _sector_tokens(entity.sectors)
        if common:
            points += SECTOR_AGREE
            features.append(
                FeatureScore(
                    "sector",
                    1.0,
                    SECTOR_AGREE,
                    f"Sector hints agree: {', '.join(sorted(common))}.",
                )
            )
    q_legal = set(res.form.legal)
    if q_legal and entity.type in NOT_COMPANIES and q_legal & lx.COMPANY_FAMILIES:
        points += COMPANY_VS_PERSON
        features.append(FeatureScore(
            "legal form", -1.0, abs(COMPANY_VS_PERSON),
            f"The query is a company ({', '.join(sorted(q_legal))}); "
            f"the listed entity is {NOT_COMPANIES[entity.type]}.",
        ))
    elif q_legal and l_legal:
        both_companies = bool(q_legal & lx.COMPANY_FAMILIES) and bool(set(l_legal) & lx.COMPANY_FAMILIES)
        agree = bool(q_legal & set(l_legal)) or both_companies
        if agree:
            points += LEGAL_AGREE
        features.append(
            FeatureScore(
                "legal form",
                1.0 if agree else 0.0,
                LEGAL_AGREE,
                f"Legal forms: query {', '.join(sorted(q_legal))}; listed {', '.join(l_legal)}"
                + (" (compatible)." if agree else " (different)."),
            )
        )
    return points
