"""Importing suppliers from a CSV file: all rows or none, errors naming the file and the line.

Columns (header names without case): name (required), country, local_name, address, aliases
(separated by semicolons), product, hs_code, origin; optionally also region, website,
registration_id, contact, tier, notes, annual_volume, annual_value. Rows with the same name and
country become one supplier with several products. A supplier already in the store (same name
and country, not deleted) gets only the products it does not have yet, so importing a file
twice changes nothing. The caller owns the transaction.

`import_rows` is the general form: rows already keyed by these column names, each with its
location ("line 5", "sheet 'Suppliers', row 5"); `workbench.cases.supplier_files` feeds it from
CSV or XLSX files whose columns the user mapped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
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
#: Column name -> supplier field, for every supplier column the import reads.
SUPPLIER_COLUMNS = {
    "name": "legal_name",
    "local_name": "local_name",
    "aliases": "aliases",
    "country": "country",
    "region": "region",
    "address": "address",
    "website": "website",
    "registration_id": "registration_id",
    "contact": "contact",
    "tier": "tier",
    "notes": "notes",
}
#: Column name -> product field ("origin" is split into origin_country or origin_region).
PRODUCT_COLUMNS = {
    "product": "description",
    "hs_code": "hs_code",
    "origin": "origin",
    "annual_volume": "annual_volume",
    "annual_value": "annual_value",
}
ALL_COLUMNS = (*SUPPLIER_COLUMNS, *PRODUCT_COLUMNS)
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


def supplier_key(name: str, country: str) -> tuple[str, str]:
    """The key under which rows and stored suppliers are the same supplier (name and country)."""
    return _key(name, country)


def _product(row: Mapping[str, str]) -> dict[str, Any] | None:
    description, hs_code, origin = (row.get(k, "").strip() for k in ("product", "hs_code", "origin"))
    amounts = {k: row.get(k, "").strip() for k in ("annual_volume", "annual_value")}
    if not (description or hs_code or origin or any(amounts.values())):
        return None
    data: dict[str, Any] = {"description": description, "hs_code": hs_code}
    data.update((k, v) for k, v in amounts.items() if v)
    if COUNTRY_CODE.match(origin):
        data["origin_country"] = origin.upper()
    else:
        data["origin_region"] = origin
    return data


def import_suppliers(
    session: Session, path: str | Path, actor: str | None = None, state: TaskState | None = None
) -> ImportSummary:
    """Import the suppliers of a CSV file; raise InputError listing up to 20 bad lines, writing nothing."""
    path = Path(path)
    rows = ((f"line {line}", row) for line, row in read_rows(path, required=("name",), fallback="cp1252"))
    return import_rows(session, rows, str(path), actor=actor, state=state, note=f"import from {path.name}")


def import_rows(
    session: Session,
    rows: Iterable[tuple[str, Mapping[str, str]]],
    source: str,
    labels: Mapping[str, str] | None = None,
    actor: str | None = None,
    state: TaskState | None = None,
    note: str = "",
) -> ImportSummary:
    """Import (location, row) pairs keyed by `ALL_COLUMNS`; all or nothing.

    Errors read "{source}, {location}: {label}: what is wrong", where `labels` maps a column
    name to the name the user knows it by (the file's header); up to 20 are listed.
    """
    state = ensure_state(state)
    labels = labels or {}
    errors: list[str] = []
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    count = 0
    for location, row in rows:
        count += 1
        values, product, problems = check_row(session, row)
        if problems:
            errors += [f"{source}, {location}: {labels.get(c, c)}: {m}" for c, m in problems.items()]
            if len(errors) >= MAX_ERRORS:
                break
            continue
        group = groups.setdefault(_key(values["legal_name"], values["country"]), {**values, "products": []})
        if product is not None and product not in group["products"]:
            group["products"].append(product)
        if count % 5000 == 0:
            state.raise_if_cancelled()
            state.set_progress(count, 0, f"Read {count:,} rows")
    if errors:
        more = " (stopped after 20 errors)" if len(errors) >= MAX_ERRORS else ""
        raise InputError(
            "Nothing was imported. Fix these lines and import again" + more + ":\n" + "\n".join(errors)
        )
    if count == 0:
        raise InputError(f"{source}: the file has a header but no supplier rows.")
    return _write(session, groups, count, actor or None, note or f"import from {Path(source).name}", state)


def check_row(
    session: Session, row: Mapping[str, str]
) -> tuple[dict[str, Any], dict[str, Any] | None, dict[str, str]]:
    """(supplier values, product values or None, {column: problem}) for one row keyed by `ALL_COLUMNS`.

    Supplier and product are both checked, so every problem of the row is reported at once.
    """
    fields = {f: row.get(c, "") for c, f in SUPPLIER_COLUMNS.items() if c in row}
    fields.setdefault("legal_name", "")
    fields.setdefault("country", "")
    if not str(fields.get("tier", "1")).strip():
        del fields["tier"]
    problems: dict[str, str] = {}
    values: dict[str, Any] = {}
    product = _product(row)
    try:
        values = validate_supplier(session, fields)
    except ValidationError as exc:
        problems.update((_column(f), m) for f, m in exc.errors.items())
    try:
        product = validate_product(product) if product is not None else None
    except ValidationError as exc:
        problems.update((_column(f), m) for f, m in exc.errors.items())
    return values, product, problems


@dataclass(frozen=True)
class RowProblem:
    """A problem of one row: where, which column (an `ALL_COLUMNS` name), the value and what is wrong."""

    location: str
    column: str
    value: str
    message: str


def row_problems(session: Session, rows: Iterable[tuple[str, Mapping[str, str]]]) -> list[RowProblem]:
    """Every problem of every row (no limit), so the user sees them all before importing."""
    found: list[RowProblem] = []
    for location, row in rows:
        for column, message in check_row(session, row)[2].items():
            found.append(RowProblem(location, column, str(row.get(column, "")), message))
    return found


def _column(field: str) -> str:
    names = {
        "legal_name": "name",
        "description": "product",
        "origin_country": "origin",
        "origin_region": "origin",
    }
    return names.get(field, field)


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
