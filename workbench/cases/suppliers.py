"""Suppliers, their products and raw-material inputs: validated writes, soft delete and undo.

Write functions follow the package convention: the caller owns the transaction; they flush (so
ids exist and the audit entries are written) but never commit. Invalid input raises
`ValidationError` whose `errors` maps field names to messages the form shows next to the field.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.cases.audit import acting_as
from workbench.cases.errors import NotFound, ValidationError
from workbench.cases.hs_codes import validate_hs_code
from workbench.cases.versions import bump, refusing_races
from workbench.data.models import Product, ProductInput, Supplier
from workbench.data.models.cases import supplier_identity

SUPPLIER_FIELDS = (
    "legal_name",
    "local_name",
    "aliases",
    "country",
    "region",
    "address",
    "website",
    "registration_id",
    "contact",
    "tier",
    "parent_id",
    "notes",
)
PRODUCT_FIELDS = (
    "description",
    "hs_code",
    "origin_country",
    "origin_region",
    "annual_volume",
    "annual_value",
)
INPUT_FIELDS = ("material", "origin_country", "origin_region")
MAX_LENGTHS = {
    "legal_name": 500,
    "local_name": 500,
    "country": 80,
    "region": 200,
    "website": 500,
    "registration_id": 120,
    "hs_code": 16,
    "origin_country": 80,
    "origin_region": 200,
    "annual_volume": 100,
    "annual_value": 100,
    "material": 300,
}
T = TypeVar("T")


# ---------------------------------------------------------------- validation


def normalise_aliases(value: Any) -> list[str]:
    """Aliases from a list or a semicolon-separated string, trimmed, blanks and repeats dropped."""
    items = value.split(";") if isinstance(value, str) else list(value or [])
    out: list[str] = []
    for item in items:
        name = " ".join(str(item).split())
        if name and name not in out:
            out.append(name)
    return out


def _clean(data: Mapping[str, Any], allowed: tuple[str, ...]) -> tuple[dict[str, Any], dict[str, str]]:
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for key, value in data.items():
        if key not in allowed:
            errors[key] = f"unknown field; expected one of: {', '.join(allowed)}"
            continue
        if key == "aliases":
            values[key] = normalise_aliases(value)
        elif key in ("tier", "parent_id"):
            values[key] = value
        else:
            values[key] = "" if value is None else str(value).strip()
            limit = MAX_LENGTHS.get(key)
            if limit and len(values[key]) > limit:
                errors[key] = f"too long ({len(values[key])} characters); at most {limit}."
    return values, errors


def _check_tier(value: Any) -> tuple[int | None, str | None]:
    try:
        tier = int(value)
    except (TypeError, ValueError):
        return None, f"'{value}' is not a whole number; tier 1 is a direct supplier, 2 and up are upstream."
    if tier < 1 or str(value).strip() not in (str(tier), f"{tier}.0"):
        return None, "tier must be a whole number of at least 1 (1 = direct supplier, 2+ = upstream)."
    return tier, None


def _check_parent(session: Session, supplier_id: int | None, value: Any) -> tuple[int | None, str | None]:
    if value in (None, ""):
        return None, None
    try:
        parent_id = int(value)
    except (TypeError, ValueError):
        return None, f"'{value}' is not a supplier id."
    parent = session.get(Supplier, parent_id)
    if parent is None or parent.deleted_at is not None:
        return None, f"supplier {parent_id} does not exist (or was deleted); pick an existing parent."
    if supplier_id is not None:
        seen: set[int] = set()
        node: Supplier | None = parent
        while node is not None and node.id not in seen:
            if node.id == supplier_id:
                return None, (
                    f"{parent.legal_name} is already downstream of this supplier; "
                    "making it the parent would create a loop."
                )
            seen.add(node.id)
            node = session.get(Supplier, node.parent_id) if node.parent_id is not None else None
    return parent_id, None


def validate_supplier(
    session: Session, data: Mapping[str, Any], supplier_id: int | None = None, *, creating: bool = True
) -> dict[str, Any]:
    """Return cleaned supplier fields or raise ValidationError with a message per bad field."""
    values, errors = _clean(data, SUPPLIER_FIELDS)
    if (creating or "legal_name" in values) and not values.get("legal_name"):
        errors["legal_name"] = "the legal name is required (as on the business registration)."
    if "tier" in values:
        values["tier"], msg = _check_tier(values["tier"])
        if msg:
            errors["tier"] = msg
    if "parent_id" in values:
        values["parent_id"], msg = _check_parent(session, supplier_id, values["parent_id"])
        if msg:
            errors["parent_id"] = msg
    if errors:
        raise ValidationError(errors, "The supplier was not saved")
    return values


def validate_product(data: Mapping[str, Any], *, creating: bool = True) -> dict[str, Any]:
    """Return cleaned product fields (inputs excluded) or raise ValidationError."""
    values, errors = _clean({k: v for k, v in data.items() if k != "inputs"}, PRODUCT_FIELDS)
    if (creating or "description" in values) and not values.get("description"):
        errors["description"] = "describe the product (e.g. 'cotton T-shirts')."
    msg = validate_hs_code(values.get("hs_code", ""))
    if msg:
        errors["hs_code"] = msg
    if errors:
        raise ValidationError(errors, "The product was not saved")
    return values


def validate_input(data: Mapping[str, Any], *, creating: bool = True) -> dict[str, Any]:
    """Return cleaned input fields or raise ValidationError."""
    values, errors = _clean(data, INPUT_FIELDS)
    if (creating or "material" in values) and not values.get("material"):
        errors["material"] = "name the raw material (e.g. 'cotton fibre')."
    if errors:
        raise ValidationError(errors, "The input was not saved")
    return values


# ---------------------------------------------------------------- suppliers


def get_supplier(session: Session, supplier_id: int, *, include_deleted: bool = False) -> Supplier:
    """The supplier with this id, or NotFound."""
    supplier = session.get(Supplier, supplier_id)
    if supplier is None or (supplier.deleted_at is not None and not include_deleted):
        raise NotFound(f"Supplier {supplier_id} does not exist or was deleted.")
    return supplier


def check_identity_free(session: Session, name: str, country: str, supplier_id: int | None = None) -> None:
    """Raise ValidationError if another supplier in use has this name and country (spacing and case
    aside): a supplier's identity is unique."""
    twin = session.execute(
        select(Supplier.id, Supplier.legal_name, Supplier.country).where(
            Supplier.identity_key == supplier_identity(name, country),
            Supplier.deleted_at.is_(None),
            Supplier.id != (supplier_id or 0),
        )
    ).first()
    if twin is not None:
        where = f" in {twin.country}" if twin.country else ""
        raise ValidationError(
            {
                "legal_name": f"supplier {twin.id}, '{twin.legal_name}'{where}, already has this name and "
                "country; open that one instead, or add what tells them apart to the name."
            },
            "The supplier was not saved",
        )


def create_supplier(
    session: Session, data: Mapping[str, Any], actor: str | None = None, note: str = ""
) -> Supplier:
    """Create a supplier from form fields (products may be given under "products")."""
    products = list(data.get("products", []))
    values = validate_supplier(session, {k: v for k, v in data.items() if k != "products"})
    check_identity_free(session, values["legal_name"], values.get("country", ""))
    supplier = Supplier(**values)
    for i, raw in enumerate(products):
        with _errors_under(f"products[{i}]", "The supplier was not saved"):
            supplier.products.append(_new_product(raw))
    with acting_as(session, actor, note):
        session.add(supplier)
        session.flush()
    return supplier


def update_supplier(
    session: Session,
    supplier_id: int,
    changes: Mapping[str, Any],
    actor: str | None = None,
    *,
    expected_version: int | None = None,
) -> Supplier:
    """Apply the changed form fields to a supplier.

    `expected_version` is the `version` the form showed: if someone saved the supplier since,
    `StaleEdit` says who and when and nothing is changed.
    """
    supplier = get_supplier(session, supplier_id)
    values = validate_supplier(session, changes, supplier_id, creating=False)
    if "legal_name" in values or "country" in values:
        name, country = values.get("legal_name", supplier.legal_name), values.get("country", supplier.country)
        check_identity_free(session, name, country, supplier_id)
    label = f"Supplier '{supplier.legal_name}'"
    with refusing_races(session, supplier, "supplier", label):
        bump(session, supplier, expected_version, "supplier", label, values)
        return _apply(session, supplier, values, actor)


def soft_delete_supplier(session: Session, supplier_id: int, actor: str | None = None) -> Supplier:
    """Hide a supplier (and its products, hits and findings) until `restore_supplier` undoes it."""
    supplier = get_supplier(session, supplier_id)
    with acting_as(session, actor):
        supplier.deleted_at = datetime.now(UTC)
        session.flush()
    return supplier


def restore_supplier(session: Session, supplier_id: int, actor: str | None = None) -> Supplier:
    """Undo a soft delete."""
    supplier = get_supplier(session, supplier_id, include_deleted=True)
    if supplier.deleted_at is not None:
        check_identity_free(session, supplier.legal_name, supplier.country, supplier_id)
        with acting_as(session, actor):
            supplier.deleted_at = None
            session.flush()
    return supplier


def supplier_tree(session: Session, supplier_id: int) -> list[Supplier]:
    """The supplier's upstream suppliers (those whose parent chain leads to it), breadth first."""
    out: list[Supplier] = []
    frontier = [supplier_id]
    seen = {supplier_id}
    while frontier:
        children = session.scalars(
            select(Supplier).where(Supplier.parent_id.in_(frontier), Supplier.deleted_at.is_(None))
        ).all()
        frontier = [c.id for c in children if c.id not in seen]
        seen.update(frontier)
        out.extend(c for c in children if c.id in frontier)
    return out


# ---------------------------------------------------------------- products and inputs


def _new_product(raw: Mapping[str, Any]) -> Product:
    product = Product(**validate_product(raw))
    for j, inp in enumerate(raw.get("inputs", []) or []):
        with _errors_under(f"inputs[{j}]", "The product was not saved"):
            product.inputs.append(ProductInput(**validate_input(inp)))
    return product


def add_product(
    session: Session, supplier_id: int, data: Mapping[str, Any], actor: str | None = None
) -> Product:
    """Add a product (with optional "inputs": [{material, origin_country, origin_region}])."""
    supplier = get_supplier(session, supplier_id)
    product = _new_product(data)
    with acting_as(session, actor):
        supplier.products.append(product)
        session.flush()
    return product


def update_product(
    session: Session, product_id: int, changes: Mapping[str, Any], actor: str | None = None
) -> Product:
    """Apply changed product fields (not inputs; use the input functions for those)."""
    product = _get(session, Product, product_id)
    return _apply(session, product, validate_product(changes, creating=False), actor)


@dataclass(frozen=True)
class Deleted:
    """What a delete removed, enough to undo it with `undo_delete`."""

    kind: str  # "product" or "input"
    parent_id: int
    values: dict[str, Any]
    inputs: list[dict[str, Any]] = field(default_factory=list)


def delete_product(session: Session, product_id: int, actor: str | None = None) -> Deleted:
    """Delete a product and its inputs; return what `undo_delete` needs to bring them back."""
    product = _get(session, Product, product_id)
    undo = Deleted(
        "product",
        product.supplier_id,
        _values(product, PRODUCT_FIELDS),
        [_values(i, INPUT_FIELDS) for i in product.inputs],
    )
    return _delete(session, product, undo, actor)


def add_input(
    session: Session, product_id: int, data: Mapping[str, Any], actor: str | None = None
) -> ProductInput:
    """Add a raw-material input to a product."""
    product = _get(session, Product, product_id)
    item = ProductInput(**validate_input(data))
    with acting_as(session, actor):
        product.inputs.append(item)
        session.flush()
    return item


def update_input(
    session: Session, input_id: int, changes: Mapping[str, Any], actor: str | None = None
) -> ProductInput:
    """Apply changed input fields."""
    item = _get(session, ProductInput, input_id)
    return _apply(session, item, validate_input(changes, creating=False), actor)


def delete_input(session: Session, input_id: int, actor: str | None = None) -> Deleted:
    """Delete one input; return what `undo_delete` needs."""
    item = _get(session, ProductInput, input_id)
    return _delete(session, item, Deleted("input", item.product_id, _values(item, INPUT_FIELDS)), actor)


def undo_delete(session: Session, deleted: Deleted, actor: str | None = None) -> Product | ProductInput:
    """Bring back a deleted product (with its inputs) or input, under its old id when still free."""
    with acting_as(session, actor, note="undo delete"):
        if deleted.kind == "product":
            get_supplier(session, deleted.parent_id)
            product = Product(supplier_id=deleted.parent_id, **_free_id(session, Product, deleted.values))
            product.inputs = [ProductInput(**_free_id(session, ProductInput, i)) for i in deleted.inputs]
            session.add(product)
            session.flush()
            return product
        _get(session, Product, deleted.parent_id)
        item = ProductInput(product_id=deleted.parent_id, **_free_id(session, ProductInput, deleted.values))
        session.add(item)
        session.flush()
        return item


def _apply(session: Session, obj: T, values: Mapping[str, Any], actor: str | None) -> T:
    """Set validated field values on `obj` and flush them as `actor` (one audit entry per object)."""
    with acting_as(session, actor):
        for key, value in values.items():
            setattr(obj, key, value)
        session.flush()
    return obj


def _values(obj: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    """The id and the given fields of `obj`, as `undo_delete` recreates them."""
    return {k: getattr(obj, k) for k in ("id", *fields)}


def _delete(session: Session, obj: Any, undo: Deleted, actor: str | None) -> Deleted:
    """Delete `obj` (flushed as `actor`) and return the record that undoes it."""
    with acting_as(session, actor):
        session.delete(obj)
        session.flush()
    return undo


@contextmanager
def _errors_under(prefix: str, message: str) -> Iterator[None]:
    """Re-raise a nested item's ValidationError with its fields named under `prefix` (e.g. "inputs[0]")."""
    try:
        yield
    except ValidationError as exc:
        raise ValidationError({f"{prefix}.{k}": v for k, v in exc.errors.items()}, message) from exc


def _free_id(session: Session, model: type, values: dict[str, Any]) -> dict[str, Any]:
    values = dict(values)
    if session.get(model, values.get("id")) is not None:
        values.pop("id")
    return values


def _get(session: Session, model: type, object_id: int) -> Any:
    obj = session.get(model, object_id)
    if obj is None:
        raise NotFound(f"{model.__name__} {object_id} does not exist.")
    return obj
