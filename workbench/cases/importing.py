"""Importing suppliers from a CSV file: all rows or none, errors naming the file and the line.

Columns (header names without case): name (required), country, local_name, address, aliases
(separated by semicolons), product, hs_code, origin. Rows with the same name and country
become one supplier with several products. A supplier already in the store (same name and
country, not deleted) gets only the products it does not have yet, so importing a file twice
changes nothing. The caller owns the transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from workbench.cases.audit import acting_as
from workbench.cases.errors import ValidationError
from workbench.cases.suppliers import validate_product, validate_supplier
from workbench.csvio import read_rows
from workbench.data.models import Product, Supplier
from workbench.errors import InputError
from workbench.progress import TaskState, ensure_state

COLUMNS = ("name", "country", "local_name", "address", "aliases", "product", "hs_code", "origin")
MAX_ERRORS = 20
BATCH = 1000
COUNTRY_CODE = re.compile(r"^[A-Za-z]{2,3}$")


@dataclass(frozen=True)
class ImportSummary:
    """What an import did."""

    rows: int
    created: int
    products_added: int
    unchanged: int
    supplier_ids: list[int]


def _key(name: str, country: str) -> tuple[str, str]:
    return " ".join(name.split()).casefold(), country.strip().casefold()


def _product(row: dict[str, str]) -> dict[str, Any] | None:
    description, hs_code, origin = (row.get(k, "").strip() for k in ("product", "hs_code", "origin"))
    if not (description or hs_code or origin):
        return None
    data: dict[str, Any] = {"description": description, "hs_code": hs_code}
    if COUNTRY_CODE.match(origin):
        data["origin_country"] = origin.upper()
    else:
        data["origin_region"] = origin
    return data


def import_suppliers(
    session: Session, path: str | Path, actor: str | None = None, state: TaskState | None = None
) -> ImportSummary:
    """Import the suppliers of a CSV file; raise InputError listing up to 20 bad lines, writing nothing."""
    state = ensure_state(state)
    path = Path(path)
    errors: list[str] = []
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    rows = 0
    for line, row in read_rows(path, required=("name",)):
        rows += 1
        fields = {
            "legal_name": row.get("name", ""),
            "country": row.get("country", ""),
            "local_name": row.get("local_name", ""),
            "address": row.get("address", ""),
            "aliases": row.get("aliases", ""),
        }
        try:
            values = validate_supplier(session, fields)
            product = _product(row)
            if product is not None:
                product = validate_product(product)
        except ValidationError as exc:
            errors += [f"{path}, line {line}: {_column(f)}: {m}" for f, m in exc.errors.items()]
            if len(errors) >= MAX_ERRORS:
                break
            continue
        group = groups.setdefault(_key(values["legal_name"], values["country"]), {**values, "products": []})
        if product is not None and product not in group["products"]:
            group["products"].append(product)
        if rows % 5000 == 0:
            state.raise_if_cancelled()
            state.set_progress(rows, 0, f"Read {rows:,} rows")
    if errors:
        more = " (stopped after 20 errors)" if len(errors) >= MAX_ERRORS else ""
        raise InputError(
            "Nothing was imported. Fix these lines and import again" + more + ":\n" + "\n".join(errors)
        )
    if rows == 0:
        raise InputError(f"{path}: the file has a header but no supplier rows.")
    return _write(session, groups, rows, actor or None, f"import from {path.name}", state)


def _column(field: str) -> str:
    return {"legal_name": "name", "description": "product"}.get(field, field)


def _write(
    session: Session,
    groups: dict[tuple[str, str], dict[str, Any]],
    rows: int,
    actor: str | None,
    note: str,
    state: TaskState,
) -> ImportSummary:
    existing = {
        _key(s.legal_name, s.country): s
        for s in session.scalars(
            select(Supplier).where(Supplier.deleted_at.is_(None)).options(selectinload(Supplier.products))
        )
    }
    created = added = unchanged = 0
    touched: list[Supplier] = []
    with acting_as(session, actor, note):
        for i, (key, data) in enumerate(groups.items(), start=1):
            products = data.pop("products")
            supplier = existing.get(key)
            if supplier is None:
                supplier = Supplier(**data, products=[Product(**p) for p in products])
                session.add(supplier)
                existing[key] = supplier
                created += 1
                added += len(products)
            else:
                have = {(p.description.casefold(), p.hs_code) for p in supplier.products}
                new = [p for p in products if (p["description"].casefold(), p["hs_code"]) not in have]
                supplier.products.extend(Product(**p) for p in new)
                added += len(new)
                unchanged += not new
            touched.append(supplier)
            if i % BATCH == 0:
                session.flush()
                state.raise_if_cancelled()
                state.set_progress(i, len(groups), f"Saved {i:,} of {len(groups):,} suppliers")
        session.flush()
    return ImportSummary(rows, created, added, unchanged, [s.id for s in touched])
