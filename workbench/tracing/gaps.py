"""The evidence checklist of a traced product: for each node (tier) and each CBP document family
the node needs, and each commodity-specific document, what is on file, missing or stale.

The families, rules and commodity documents come from resources/reference/uflpa_evidence.json
(CBP Operational Guidance 2022-06-13; CBP applicability-review guidance 2023-02-23). Every node
needs transaction records and documents identifying the party; raw-material nodes (the leaves)
also need payment and transport records. A document not in English needs its translation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import Any

from workbench.cases.sectors import classify
from workbench.data.models import EvidenceDocument, TraceNode
from workbench.resources import load_json
from workbench.tracing.tree import depth_first

ON_FILE, MISSING, STALE, UNTRANSLATED = "on file", "missing", "stale", "needs translation"
ENGLISH = frozenset({"", "en", "eng", "english"})


@dataclass(frozen=True)
class Gap:
    """One line of the checklist: a node, the family (and kind) expected, and its status."""

    node: str
    tier: int
    family: str
    expected: str  # what CBP expects, in words
    status: str  # on file, missing, stale, needs translation
    documents: tuple[int, ...] = ()  # ids of the documents that answer it
    commodity: str = ""

    @property
    def open(self) -> bool:
        return self.status != ON_FILE


@dataclass(frozen=True)
class Expectation:
    family: str
    expected: str
    words: tuple[str, ...] = ()  # a document answers only if its kind mentions one of these
    commodity: str = ""


@dataclass
class Checklist:
    """The gap list of one product and the commodities it was judged against."""

    gaps: list[Gap]
    commodities: list[str] = field(default_factory=list)

    def open_by_node(self) -> dict[str, list[Gap]]:
        out: dict[str, list[Gap]] = {}
        for gap in self.gaps:
            if gap.open:
                out.setdefault(gap.node, []).append(gap)
        return out


@cache
def reference() -> dict[str, Any]:
    """The shipped CBP evidence reference."""
    return load_json("reference", "uflpa_evidence.json")


def family_names() -> dict[str, str]:
    return {f["id"]: f["name"] for f in reference()["families"]}


def commodities_of(nodes: Iterable[TraceNode]) -> list[dict[str, Any]]:
    """The commodities with CBP-specific documents that the nodes' inputs or HS codes fall under."""
    sector_ids = {sid for n in nodes for sid, _f, _m in classify(n.input or "", n.hs_code or "", ())}
    return [c for c in reference()["commodities"] if sector_ids & set(c["sectors"])]


def _expectations(leaf: bool, commodities: Sequence[Mapping[str, Any]]) -> list[Expectation]:
    ref = reference()
    names = family_names()
    families = list(ref["rules"]["every_node"]) + (list(ref["rules"]["raw_material"]) if leaf else [])
    out = [Expectation(f, names[f]) for f in families]
    for c in commodities:
        for item in c["expected"]:
            if item["stage"] == "every_node" or leaf:
                out.append(Expectation(item["family"], item["kind"], tuple(item.get("words", ())), c["name"]))
    return out


def _answers(doc: EvidenceDocument, exp: Expectation) -> bool:
    kind = (doc.kind or "").casefold()
    return doc.family == exp.family and (not exp.words or any(w in kind for w in exp.words))


def _status(docs: list[EvidenceDocument], as_of: date) -> str:
    if not docs:
        return MISSING
    limit = as_of - timedelta(days=int(reference()["stale_after_days"]))
    fresh = [d for d in docs if d.issued_on is None or d.issued_on >= limit]
    if not fresh:
        return STALE
    if all((d.language or "").casefold() not in ENGLISH and not d.translation_sha256 for d in fresh):
        return UNTRANSLATED
    return ON_FILE


def evidence_gaps(
    nodes: Sequence[TraceNode],
    documents: Iterable[EvidenceDocument],
    as_of: date | None = None,
) -> Checklist:
    """The checklist of a product's nodes against the documents on file (as of `as_of`, default today)."""
    as_of = as_of or date.today()
    by_node: dict[int, list[EvidenceDocument]] = {}
    for doc in documents:
        by_node.setdefault(doc.node_id, []).append(doc)
    parents = {n.parent_id for n in nodes}
    commodities = commodities_of(nodes)
    gaps = []
    for node, tier in depth_first(nodes):
        for exp in _expectations(node.id not in parents, commodities):
            docs = [d for d in by_node.get(node.id, []) if _answers(d, exp)]
            gaps.append(
                Gap(
                    node.key,
                    tier,
                    exp.family,
                    exp.expected,
                    _status(docs, as_of),
                    tuple(d.id for d in docs),
                    exp.commodity,
                )
            )
    return Checklist(gaps, [c["name"] for c in commodities])
