"""What `workbench trace show` prints and the tracing view shows: nodes, flags, paths, gaps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from workbench.cases.errors import NotFound
from workbench.data.models import EvidenceDocument, Supplier, TracedProduct, TraceNode
from workbench.tracing.flags import NodeFlag, node_flags
from workbench.tracing.gaps import MISSING, Checklist, evidence_gaps
from workbench.tracing.tree import depth_first, path_to


@dataclass(frozen=True)
class NodeReport:
    """One node as shown to the user."""

    id: int
    node: str
    parent: str
    tier: int
    supplier: str
    supplier_id: int | None
    input: str
    country: str
    region: str
    flags: tuple[NodeFlag, ...]
    documents: int
    missing: tuple[str, ...]  # families with nothing on file
    open_gaps: int  # missing, stale or untranslated items

    def as_json(self) -> dict[str, Any]:
        return {
            "node": self.node,
            "parent": self.parent or None,
            "supplier": self.supplier,
            "input": self.input,
            "country": self.country,
            "region": self.region,
            "flags": [str(f) for f in self.flags],
            "documents": self.documents,
            "missing": list(self.missing),
        }


@dataclass(frozen=True)
class TraceReport:
    """A traced product: its nodes (top first, depth-first), the paths to flagged nodes, the checklist."""

    product: TracedProduct
    nodes: tuple[NodeReport, ...]
    paths: tuple[tuple[str, ...], ...]
    checklist: Checklist

    @property
    def flagged(self) -> bool:
        return bool(self.paths)

    def as_json(self) -> dict[str, Any]:
        return {
            "product": self.product.name,
            "flagged": self.flagged,
            "paths": [list(p) for p in self.paths],
            "nodes": [n.as_json() for n in self.nodes],
        }


def find_product(session: Session, name: str | None = None, entry: str | None = None) -> TracedProduct:
    """A traced product by name (case-insensitive) or by entry number; NotFound names the choices."""
    if entry:
        stmt = select(TracedProduct).where(TracedProduct.entry_number == entry.strip())
    else:
        wanted = (name or "").strip()
        stmt = select(TracedProduct).where(
            or_(TracedProduct.name == wanted, func.lower(TracedProduct.name) == wanted.casefold())
        )
    found = session.scalars(stmt.order_by(TracedProduct.id)).first()
    if found is None:
        names = list(session.scalars(select(TracedProduct.name).order_by(TracedProduct.name).limit(10)))
        known = (
            f" Traced products: {', '.join(names)}."
            if names
            else " Import one with `workbench trace import`."
        )
        what = f"entry number '{entry}'" if entry else f"the name '{name}'"
        raise NotFound(f"No traced product with {what}.{known}")
    return found


def load_nodes(session: Session, product: TracedProduct) -> list[TraceNode]:
    """The product's nodes with suppliers and their matches loaded."""
    return list(
        session.scalars(
            select(TraceNode)
            .where(TraceNode.product_id == product.id)
            .options(selectinload(TraceNode.supplier).selectinload(Supplier.matches))
            .order_by(TraceNode.id)
        )
    )


def product_documents(session: Session, product: TracedProduct) -> list[EvidenceDocument]:
    return list(
        session.scalars(
            select(EvidenceDocument)
            .where(EvidenceDocument.product_id == product.id)
            .order_by(EvidenceDocument.id)
        )
    )


def trace_report(session: Session, product: TracedProduct, as_of: date | None = None) -> TraceReport:
    """The full report of one traced product."""
    nodes = load_nodes(session, product)
    documents = product_documents(session, product)
    checklist = evidence_gaps(nodes, documents, as_of or product.entry_date)
    open_gaps = checklist.open_by_node()
    flags = node_flags(nodes)
    by_id = {n.id: n for n in nodes}
    counts: dict[int, int] = {}
    for doc in documents:
        counts[doc.node_id] = counts.get(doc.node_id, 0) + 1
    reports, paths = [], []
    for node, tier in depth_first(nodes):
        parent = by_id.get(node.parent_id) if node.parent_id else None
        gaps = open_gaps.get(node.key, [])
        missing = tuple(dict.fromkeys(g.family for g in gaps if g.status == MISSING))
        supplier = node.supplier
        reports.append(
            NodeReport(
                node.id,
                node.key,
                parent.key if parent else "",
                tier,
                supplier.legal_name if supplier else "",
                supplier.id if supplier else None,
                node.input,
                node.country,
                node.region,
                tuple(flags[node.id]),
                counts.get(node.id, 0),
                missing,
                len(gaps),
            )
        )
        if flags[node.id]:
            paths.append(path_to(node, by_id))
    return TraceReport(product, tuple(reports), tuple(paths), checklist)


def traced_product_names(session: Session) -> list[str]:
    """Names of every traced product, alphabetically."""
    return list(session.scalars(select(TracedProduct.name).order_by(TracedProduct.name)))


@dataclass(frozen=True)
class DocumentRow:
    """A document on file, as listed to the user."""

    id: int
    file_name: str
    family: str
    kind: str
    issued_on: date | None
    language: str
    translated: bool
    sha256: str


def node_documents(session: Session, node_id: int) -> list[DocumentRow]:
    """The documents on file for one node, oldest first."""
    docs = session.scalars(
        select(EvidenceDocument).where(EvidenceDocument.node_id == node_id).order_by(EvidenceDocument.id)
    )
    return [
        DocumentRow(
            d.id, d.file_name, d.family, d.kind, d.issued_on, d.language, bool(d.translation_sha256), d.sha256
        )
        for d in docs
    ]
