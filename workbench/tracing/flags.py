"""Flags on the nodes of a traced supply chain: Xinjiang nexus and listed entities, with reasons.

Every node's supplier is judged as a first-tier supplier would be: its screening hits (confirmed,
or still pending review) against UFLPA, WRO, sanctions and entity lists, and the Xinjiang nexus of
its own location and names and of the node's origin and input.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from workbench.cases.nexus import input_nexus, supplier_own_nexus
from workbench.cases.risk_rules import category
from workbench.data.models import Match, ProductInput, Supplier, TraceNode

FLAGGED_CATEGORIES = {
    "uflpa": "UFLPA Entity List",
    "wro": "Withhold Release Order",
    "sanctions": "sanctions list",
    "entity_list": "Entity List (export controls)",
}
LIVE_STATUSES = {"confirmed": "confirmed", "open": "pending review", "escalated": "escalated, pending review"}


@dataclass(frozen=True)
class NodeFlag:
    """Why a node is flagged: `code` is xinjiang or a list category (uflpa, wro, ...)."""

    code: str
    text: str

    def __str__(self) -> str:
        return f"{self.code}: {self.text}"


def _match_flags(match: Match) -> list[NodeFlag]:
    if not match.present or match.status not in LIVE_STATUSES:
        return []
    cats = dict.fromkeys(category(str(m.get("kind", "")), str(m.get("title", ""))) for m in match.measures)
    return [
        NodeFlag(
            cat,
            f"{FLAGGED_CATEGORIES[cat]}: '{match.entity_name}' "
            f"({LIVE_STATUSES[match.status]}, match score {match.score:.0f})",
        )
        for cat in cats
        if cat in FLAGGED_CATEGORIES
    ]


def _origin_flags(node: TraceNode, supplier: Supplier | None) -> list[NodeFlag]:
    origin = ProductInput(material=node.input, origin_country=node.country, origin_region=node.region)
    hits = input_nexus(origin) + (supplier_own_nexus(supplier) if supplier is not None else [])
    reasons = dict.fromkeys(h.reason for h in hits)
    return [NodeFlag("xinjiang", r) for r in reasons]


def flags_of(node: TraceNode) -> list[NodeFlag]:
    """The flags of one node (its supplier's matches should be loaded for speed)."""
    supplier = node.supplier
    flags = _origin_flags(node, supplier)
    if supplier is not None:
        for match in supplier.matches:
            flags += _match_flags(match)
    return flags


def node_flags(nodes: Iterable[TraceNode]) -> dict[int, list[NodeFlag]]:
    """Flags by node id."""
    return {n.id: flags_of(n) for n in nodes}
