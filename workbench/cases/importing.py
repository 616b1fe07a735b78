"""Importing suppliers from a CSV file: all rows or none, errors naming the file and the line.

Columns (header names without case): name (required), country, local_name, address, aliases
(separated by semicolons), product, hs_code, origin; optionally also region, website,
registration_id, contact, tier, notes, annual_volume, annual_value. Rows with the same name and
country become one supplier with several products. A supplier already in the store (same name
and country, not deleted) gets only the products it does not have yet, so importing a file
twice changes nothing, also when two imports run at once: they take turns (`serialise`), and the
unique supplier identity (`supplier_identity`) makes a duplicate impossible to store. The caller
owns the transaction.

`import_rows` is the general form: rows already keyed by these column names, each with its
location ("line 5", "sheet 'Suppliers', row 5"); `workbench.cases.supplier_files` feeds it from
CSV or XLSX files whose columns the user mapped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from copy import copy
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Table, func, insert, select, text
from sqlalchemy.orm import Session

from workbench.cases.audit import PendingEntry, jsonable, write_entries
from workbench.cases.errors import ValidationError
from workbench.cases.suppliers import validate_product, validate_supplier
from workbench.csvio import read_rows
from workbench.data.models import Product, Supplier
from workbench.data.models.cases import supplier_identity
from workbench.data.store import serialise
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
IMPORT_LOCK = "supplier import"
IMPORT_WAIT_MS = 120_000  # an import waits this long for another one to finish
SUPPLIER_TABLE: Table = Supplier.__table__  # type: ignore[assignment]
PRODUCT_TABLE: Table = Product.__table__  # type: ignore[assignment]


@dataclass(frozen=True)
class ImportSummary:
    """What an import did."""

    rows: int
    created: int
    products_added: int
    unchanged: int
    supplier_ids: list[int]


#: The key under which rows and stored suppliers are the same supplier (name and country).
supplier_key = supplier_identity


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
    session: Session,
    path: str | Path,
    actor: str | None = None,
    state: TaskState | None = None,
    encoding: str | None = None,
) -> ImportSummary:
    """Import the suppliers of a CSV file; raise InputError listing up to 20 bad lines, writing nothing.

    `encoding` names the file's encoding instead of detecting it.
    """
    path = Path(path)
    lines = read_rows(path, required=("name",), fallback="cp1252", encoding=encoding)
    rows = ((f"line {line}", row) for line, row in lines)
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
    groups: dict[str, dict[str, Any]] = {}
    count = 0
    for location, row in rows:
        count += 1
        values, product, problems = check_row(session, row)
        if problems:
            errors += [f"{source}, {location}: {labels.get(c, c)}: {m}" for c, m in problems.items()]
            if len(errors) >= MAX_ERRORS:
                break
            continue
        key = supplier_key(values["legal_name"], values["country"])
        group = groups.setdefault(key, {**values, "products": []})
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
    groups: dict[str, dict[str, Any]],
    rows: int,
    actor: str | None,
    note: str,
    state: TaskState,
) -> ImportSummary:
    """Insert the new suppliers and products with Core bulk statements, audited in the same pass.

    The audit entries are the ones the ORM hook would write for the same objects (see
    `workbench.cases.audit`), appended batch by batch in this transaction.
    """
    serialise(session, IMPORT_LOCK, IMPORT_WAIT_MS)  # a second import of the file sees the first's suppliers
    existing = _existing_suppliers(session)
    created = added = unchanged = 0
    touched: list[int] = []
    items = list(groups.items())
    for start in range(0, len(items), BATCH):
        new_suppliers: list[dict[str, Any]] = []
        new_products: list[tuple[int | None, dict[str, Any]]] = []  # (supplier id, or None: a new one)
        owners: list[int] = []  # for each product of a new supplier, its index in new_suppliers
        order: list[tuple[int, int]] = []  # per group: (supplier id, -1) or (0, index in new_suppliers)
        for key, data in items[start : start + BATCH]:
            products = data.pop("products")
            known = existing.get(key)
            if known is None:
                owners.extend([len(new_suppliers)] * len(products))
                new_products.extend((None, p) for p in products)
                order.append((0, len(new_suppliers)))
                new_suppliers.append({**data, "identity_key": key})
                added += len(products)
                continue
            supplier_id, have = known
            new = [p for p in products if (p["description"].casefold(), p["hs_code"]) not in have]
            have.update((p["description"].casefold(), p["hs_code"]) for p in new)
            new_products.extend((supplier_id, p) for p in new)
            order.append((supplier_id, -1))
            added += len(new)
            unchanged += not new
        supplier_rows = bulk_insert(session, SUPPLIER_TABLE, new_suppliers)
        for row in supplier_rows:
            existing[row["identity_key"]] = (row["id"], set())
        touched += [supplier_rows[index]["id"] if index >= 0 else sid for sid, index in order]
        created += len(supplier_rows)
        owner_ids = iter(supplier_rows[i]["id"] for i in owners)
        product_values = [
            {**values, "supplier_id": supplier_id if supplier_id is not None else next(owner_ids)}
            for supplier_id, values in new_products
        ]
        product_rows = bulk_insert(session, PRODUCT_TABLE, product_values)
        entries = audited_rows("supplier", supplier_rows, note) + audited_rows("product", product_rows, note)
        if entries:
            write_entries(session, entries, actor)
        state.raise_if_cancelled()
        done = min(start + BATCH, len(items))
        state.set_progress(done, len(items), f"Saved {done:,} of {len(items):,} suppliers")
    return ImportSummary(rows, created, added, unchanged, touched)


def _existing_suppliers(session: Session) -> dict[str, tuple[int, set[tuple[str, str]]]]:
    """Identity key -> (id, the (description, HS code) of its products) of every supplier not deleted."""
    suppliers = SUPPLIER_TABLE.c
    products = PRODUCT_TABLE.c
    existing: dict[str, tuple[int, set[tuple[str, str]]]] = {}
    by_id: dict[int, set[tuple[str, str]]] = {}
    query = select(suppliers.id, suppliers.identity_key)
    for supplier_id, identity_key in session.execute(query.where(suppliers.deleted_at.is_(None))):
        have: set[tuple[str, str]] = set()
        existing[identity_key] = (supplier_id, have)
        by_id[supplier_id] = have
    for supplier_id, description, hs_code in session.execute(
        select(products.supplier_id, products.description, products.hs_code)
    ):
        if supplier_id in by_id:
            by_id[supplier_id].add((description.casefold(), hs_code))
    return existing


def bulk_insert(session: Session, table: Table, values: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """INSERT `values` into `table` in one executemany; return each row as stored, with its new id.

    Each row carries the columns given and those with a Python-side default, evaluated once for
    the batch as one ORM flush would (mutable defaults are copied per row): this is also what the
    audit hook records for an object the ORM inserts. The ids are reserved first (see
    `reserve_ids`), so no row needs to be read back.
    """
    if not values:
        return []
    defaults = {
        c.key: c.default.arg(None) if c.default.is_callable else c.default.arg  # type: ignore[attr-defined]
        for c in table.columns
        if c.default is not None and not c.primary_key
    }
    mutable = {k for k, v in defaults.items() if isinstance(v, list | dict | set)}
    rows = []
    for new_id, given in zip(reserve_ids(session, table, len(values)), values, strict=True):
        row = {k: copy(v) if k in mutable else v for k, v in defaults.items() if k not in given}
        row.update(given, id=new_id)
        rows.append(row)
    session.execute(insert(table), rows)
    return rows


def audited_rows(kind: str, rows: list[dict[str, Any]], note: str) -> list[PendingEntry]:
    """The "create" audit entries for rows `bulk_insert` wrote (datetimes turned into text once)."""
    texts: dict[datetime, str] = {}

    def plain(value: Any) -> Any:
        if isinstance(value, datetime):
            return texts.get(value) or texts.setdefault(value, jsonable(value))
        return jsonable(value)

    return [
        PendingEntry("create", kind, str(row["id"]), None, {k: plain(v) for k, v in row.items()}, note)
        for row in rows
    ]


def reserve_ids(session: Session, table: Table, count: int) -> list[int]:
    """`count` new primary keys for `table` that no other writer can take.

    PostgreSQL hands them out from the table's sequence. On SQLite the next ids after the largest
    are free: a writer that committed since this transaction first read makes its first write fail
    (WAL snapshot rule) instead of colliding.
    """
    if session.get_bind().dialect.name == "postgresql":
        reserved = text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :n)")
        return list(session.scalars(reserved, {"table": table.name, "n": count}))
    last = session.scalar(select(func.coalesce(func.max(table.c.id), 0))) or 0
    return list(range(last + 1, last + 1 + count))
