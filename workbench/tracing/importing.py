"""Import a bill of materials with tiers (CSV or XLSX): all rows or none, errors naming file and line.

Columns: product, node, parent, supplier, country, region, input; optional hs_code, quantity, unit,
document_refs (separated by ';'). `node` is unique within a product; `parent` is empty for the maker
of the imported good. Suppliers are matched to active suppliers of the same name and country, or
created (at the node's tier). Re-importing a product updates its nodes by `node`; a node left out of
the file is removed unless documents are on file for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from workbench.cases.audit import acting_as
from workbench.cases.importing import supplier_key
from workbench.cases.supplier_files.tables import open_table
from workbench.cases.suppliers import validate_hs_code
from workbench.data.models import EvidenceDocument, Supplier, TracedProduct, TraceNode
from workbench.errors import InputError

REQUIRED = ("product", "node", "parent", "supplier", "country", "region", "input")
OPTIONAL = ("hs_code", "quantity", "unit", "document_refs")
TRACE_COLUMNS = REQUIRED + OPTIONAL
MAX_ERRORS = 20
LIMITS = {
    "product": 300,
    "node": 120,
    "supplier": 500,
    "country": 80,
    "region": 200,
    "input": 300,
    "quantity": 60,
    "unit": 30,
}


@dataclass
class Row:
    """One row of the file with its location ("line 5", "sheet 'BOM', row 5")."""

    where: str
    values: dict[str, str]

    def __getitem__(self, key: str) -> str:
        return self.values.get(key, "")


@dataclass(frozen=True)
class TraceImportSummary:
    """What an import did."""

    rows: int
    products: list[str]
    nodes_added: int
    nodes_updated: int
    nodes_removed: int
    suppliers_created: int
    supplier_ids: list[int] = field(default_factory=list)


def _read(path: Path) -> list[Row]:
    table = open_table(path)
    header = [h.strip().casefold() for h in table.header]
    missing = [c for c in REQUIRED if c not in header]
    unknown = [h for h in header if h and h not in TRACE_COLUMNS]
    if missing or unknown:
        parts = []
        if missing:
            parts.append(f"required column(s) {', '.join(missing)} missing")
        if unknown:
            parts.append(f"unknown column(s) {', '.join(unknown)}")
        raise InputError(
            f"{path}, line {table.header_row}: {'; '.join(parts)}. The columns are "
            f"{', '.join(REQUIRED)} and optionally {', '.join(OPTIONAL)}."
        )
    return [
        Row(where, {h: v.strip() for h, v in zip(header, values, strict=False) if h})
        for where, values in table.rows()
    ]


def _row_errors(row: Row) -> list[str]:
    errors = [f"'{c}' is empty" for c in ("product", "node", "supplier", "country", "input") if not row[c]]
    errors += [f"'{c}' is longer than {n} characters" for c, n in LIMITS.items() if len(row[c]) > n]
    if (msg := validate_hs_code(row["hs_code"])) is not None:
        errors.append(msg)
    return errors


def _tree_errors(path: Path, product: str, rows: list[Row]) -> list[str]:
    """Duplicate nodes, unknown parents, no or several top nodes, loops: one message each."""
    errors = []
    by_node: dict[str, Row] = {}
    for row in rows:
        if row["node"] in by_node:
            errors.append(
                f"{path}, {row.where}: node '{row['node']}' of product '{product}' is already on "
                f"{by_node[row['node']].where}; give each node its own name."
            )
        by_node.setdefault(row["node"], row)
    tops = [r for r in rows if not r["parent"]]
    if len(tops) != 1:
        where = ", ".join(r.where for r in tops[:5]) or "no row"
        errors.append(
            f"{path}: product '{product}' needs exactly one node with an empty parent (the maker of the "
            f"imported good); found {len(tops)} ({where})."
        )
    for row in rows:
        if row["parent"] and row["parent"] not in by_node:
            errors.append(
                f"{path}, {row.where}: parent '{row['parent']}' is not a node of product '{product}'; "
                "add a row for it or correct the name."
            )
    for row in rows:
        seen, node = {row["node"]}, by_node.get(row["parent"])
        while node is not None and node["parent"]:
            if node["node"] in seen:
                errors.append(
                    f"{path}, {row.where}: node '{row['node']}' is its own ancestor; break the loop."
                )
                break
            seen.add(node["node"])
            node = by_node.get(node["parent"])
    return errors


def _depths(rows: list[Row]) -> dict[str, int]:
    parent = {r["node"]: r["parent"] for r in rows}
    depth: dict[str, int] = {}
    for node in parent:
        chain = [node]
        while parent.get(chain[-1]) and chain[-1] not in depth:
            chain.append(parent[chain[-1]])
        base = depth.get(chain[-1], 1)
        for i, name in enumerate(reversed(chain)):
            depth.setdefault(name, base + i)
    return depth


class _Suppliers:
    """Active suppliers by (name, country); new ones are created once per key."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.by_key: dict[tuple[str, str], Supplier] = {}
        for s in session.scalars(select(Supplier).where(Supplier.deleted_at.is_(None)).order_by(Supplier.id)):
            self.by_key.setdefault(supplier_key(s.legal_name, s.country), s)
        self.created = 0
        self.used: list[Supplier] = []

    def get(self, row: Row, tier: int) -> Supplier:
        key = supplier_key(row["supplier"], row["country"])
        if key not in self.by_key:
            supplier = Supplier(
                legal_name=row["supplier"], country=row["country"], region=row["region"], tier=tier
            )
            self.session.add(supplier)
            self.by_key[key] = supplier
            self.created += 1
        self.used.append(self.by_key[key])
        return self.by_key[key]


def _apply(session: Session, name: str, rows: list[Row], suppliers: _Suppliers) -> tuple[int, int, int]:
    product = session.scalar(
        select(TracedProduct).where(TracedProduct.name == name).options(selectinload(TracedProduct.nodes))
    )
    if product is None:
        product = TracedProduct(name=name)
        session.add(product)
    existing = {n.key: n for n in product.nodes}
    keep = {r["node"] for r in rows}
    gone = [n for k, n in existing.items() if k not in keep]
    documented = (
        {
            n
            for (n,) in session.execute(
                select(TraceNode.key)
                .join(EvidenceDocument, EvidenceDocument.node_id == TraceNode.id)
                .where(TraceNode.product_id == product.id)
            )
        }
        if product.id
        else set()
    )
    blocked = sorted(n.key for n in gone if n.key in documented)
    if blocked:
        raise InputError(
            f"Product '{name}': node(s) {', '.join(blocked)} have documents on file but are not in the file; "
            "keep their rows (nothing was imported)."
        )
    depths = _depths(rows)
    added = updated = 0
    nodes: dict[str, TraceNode] = {}
    for row in rows:
        node = existing.get(row["node"])
        if node is None:
            node = TraceNode(key=row["node"])
            product.nodes.append(node)
            added += 1
        else:
            updated += 1
        node.supplier = suppliers.get(row, depths[row["node"]])
        node.input, node.country, node.region = row["input"], row["country"], row["region"]
        node.hs_code, node.quantity, node.unit = row["hs_code"], row["quantity"], row["unit"]
        node.document_refs = [r.strip() for r in row["document_refs"].split(";") if r.strip()]
        nodes[row["node"]] = node
    for node in gone:
        product.nodes.remove(node)
    session.flush()
    for row in rows:
        parent = nodes.get(row["parent"])
        nodes[row["node"]].parent_id = parent.id if parent else None
    return added, updated, len(gone)


def _check(path: Path, rows: list[Row]) -> dict[str, list[Row]]:
    errors = [f"{path}, {row.where}: {'; '.join(errs)}." for row in rows if (errs := _row_errors(row))]
    by_product: dict[str, list[Row]] = {}
    for row in rows:
        if row["product"] and row["node"]:
            by_product.setdefault(row["product"], []).append(row)
    if not errors:
        for product, group in by_product.items():
            errors += _tree_errors(path, product, group)
    if not rows:
        errors.append(f"{path}: the file has a header but no rows.")
    if errors:
        more = f"\n... and {len(errors) - MAX_ERRORS} more" if len(errors) > MAX_ERRORS else ""
        raise InputError("Nothing was imported:\n" + "\n".join(errors[:MAX_ERRORS]) + more)
    return by_product


def import_trace(session: Session, path: str | Path, actor: str | None = None) -> TraceImportSummary:
    """Import the file into the store (caller owns the transaction; any error leaves it unchanged)."""
    path = Path(path)
    rows = _read(path)
    by_product = _check(path, rows)
    suppliers = _Suppliers(session)
    added = updated = removed = 0
    with acting_as(session, actor, f"trace import {path.name}"):
        for name, group in by_product.items():
            a, u, r = _apply(session, name, group, suppliers)
            added, updated, removed = added + a, updated + u, removed + r
        session.flush()
    ids = list(dict.fromkeys(s.id for s in suppliers.used))
    return TraceImportSummary(len(rows), list(by_product), added, updated, removed, suppliers.created, ids)
