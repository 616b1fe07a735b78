"""Finding measures as users search for them, and what of a record users see.

A search matches the title, summary, authority, legal basis, products, sectors, named parties and
their aliases, and the measure's kind spelled out ("Withhold Release Order" finds the WROs).
Chinese text is also compared by its pinyin, so 和田泰达 finds "Hetian Taida Apparel". The
research notes of the dataset (seed files, reference files) are for maintainers, not users:
`user_confidence` keeps only the confidence level.
"""

from __future__ import annotations

import re

from workbench.measures.catalogue import MeasureRecord

KIND_LABELS = {
    "magnitsky": "Global Magnitsky sanctions",
    "wro": "Withhold Release Order",
    "entity_list": "Entity List",
    "uflpa_entity_list": "UFLPA Entity List",
    "visa_ban": "Visa restrictions",
    "atrocity_determination": "Atrocity determination",
    "license_policy": "Licence policy",
    "business_advisory": "Business advisory",
    "goods_list": "Goods list",
    "sector_guidance": "Sector guidance",
    "law": "Law",
}
CONFIDENCE_LEVELS = ("high", "medium", "low", "verified", "partial", "date conflict")
_CJK = re.compile(r"[\u3400-\u9fff]")
_NOT_WORD = re.compile(r"[\W_]+")
_RESEARCH = re.compile(
    r"\bseed\b|reference/|\bREADME\b|\.txt\b|\.json\b|fixture|repository|row sources|recalled|inferred|"
    r"confidence|\bverify\b|lossy|extraction|third-party|^\s*https?://\S+\s*$",
    re.IGNORECASE,
)


def kind_label(kind: str) -> str:
    """The kind of a measure as users name it."""
    return KIND_LABELS.get(kind, kind.replace("_", " ").capitalize())


def searchable_text(m: MeasureRecord) -> str:
    """Everything a search looks at, case-folded."""
    return " ".join(
        [m.title, m.summary, m.authority, m.legal_basis, kind_label(m.kind), *m.products, *m.sectors]
        + [t.name for t in m.targets]
        + [a for t in m.targets for a in t.aliases]
    ).casefold()


def _squashed(text: str) -> str:
    return _NOT_WORD.sub("", text)


def _pinyin(text: str) -> str:
    from pypinyin import lazy_pinyin  # only for queries with Chinese characters

    return "".join(lazy_pinyin(text))


def matches(m: MeasureRecord, query: str) -> bool:
    """Whether the measure matches the search text (every word; Chinese also by pinyin)."""
    query = query.strip().casefold()
    if not query:
        return True
    haystack = searchable_text(m)
    if all(word in haystack for word in query.split()):
        return True
    if _CJK.search(query):
        return _squashed(_pinyin(query)) in _squashed(haystack)
    return False


def user_confidence(text: str) -> str:
    """The confidence level of a record ("High", "Low", "Date conflict", ...) without research notes."""
    head = re.split(r"[:(.;]", text.strip(), maxsplit=1)[0].strip()
    return head if head.casefold() in CONFIDENCE_LEVELS else ""


def without_research_notes(text: str) -> str:
    """`text` without the clauses (separated by ';') that are the dataset's research trail: its files,
    fixtures, extraction notes and the bare URLs it was checked against (the measure lists its sources)."""
    return "; ".join(c.strip() for c in text.split(";") if c.strip() and not _RESEARCH.search(c))
