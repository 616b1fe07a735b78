"""Read-only queries for the supplier table: one SQL statement per page, fast at 100,000 suppliers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import String, and_, case, cast, func, or_, select
from sqlalchemy.orm import Session

from workbench.data.models import Match, Product, Supplier

SORT_KEYS = (
    "legal_name",
    "local_name",
    "country",
    "region",
    "tier",
    "products",
    "open_hits",
    "confirmed_hits",
    "changed_hits",
    "last_screened_at",
    "last_reviewed_at",
    "id",
)
HIT_FILTERS = ("any", "none", "open", "confirmed", "changed")


@dataclass(frozen=True)
class SupplierRow:
    """One row of the supplier table."""

    id: int
    legal_name: str
    local_name: str
    country: str
    region: str
    tier: int
    parent_id: int | None
    products: int
    open_hits: int
    confirmed_hits: int
    changed_hits: int
    last_screened_at: datetime | None
    last_reviewed_at: datetime | None
    deleted: bool

    def as_json(self) -> dict[str, Any]:
        return {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class SupplierPage:
    """A page of rows and how many rows match the filter in all."""

    rows: list[SupplierRow]
    total: int
    offset: int
    limit: int


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def list_suppliers(
    session: Session,
    *,
    search: str = "",
    country: str | None = None,
    tier: int | None = None,
    hits: str | None = None,
    deleted: bool = False,
    sort: str = "legal_name",
    descending: bool = False,
    offset: int = 0,
    limit: int = 100,
) -> SupplierPage:
    """A sorted, filtered page of suppliers with product and hit counts (deleted ones if `deleted`).

    `search` matches names, local names, aliases, registration id, region and address (case-insensitive
    substring); `hits` is one of HIT_FILTERS. Unknown sort keys raise ValueError.
    """
    if sort not in SORT_KEYS:
        raise ValueError(f"cannot sort by {sort!r}; use one of {', '.join(SORT_KEYS)}")
    if hits is not None and hits not in HIT_FILTERS:
        raise ValueError(f"unknown hit filter {hits!r}; use one of {', '.join(HIT_FILTERS)}")
    products = (
        select(Product.supplier_id, func.count().label("n")).group_by(Product.supplier_id).subquery("p")
    )
    live = Match.present.is_(True)
    counts = (
        select(
            Match.supplier_id,
            func.sum(case((and_(live, Match.status.in_(("open", "escalated"))), 1), else_=0)).label("open"),
            func.sum(case((and_(live, Match.status == "confirmed"), 1), else_=0)).label("confirmed"),
            func.sum(case((Match.changed.is_(True), 1), else_=0)).label("changed"),
            func.count().label("total"),
        )
        .group_by(Match.supplier_id)
        .subquery("m")
    )
    cols = {
        "products": func.coalesce(products.c.n, 0),
        "open_hits": func.coalesce(counts.c.open, 0),
        "confirmed_hits": func.coalesce(counts.c.confirmed, 0),
        "changed_hits": func.coalesce(counts.c.changed, 0),
    }
    stmt = (
        select(
            Supplier.id,
            Supplier.legal_name,
            Supplier.local_name,
            Supplier.country,
            Supplier.region,
            Supplier.tier,
            Supplier.parent_id,
            *(c.label(k) for k, c in cols.items()),
            Supplier.last_screened_at,
            Supplier.last_reviewed_at,
            Supplier.deleted_at,
            func.count().over().label("total_rows"),
        )
        .outerjoin(products, products.c.supplier_id == Supplier.id)
        .outerjoin(counts, counts.c.supplier_id == Supplier.id)
        .where(Supplier.deleted_at.is_not(None) if deleted else Supplier.deleted_at.is_(None))
    )
    if search.strip():
        pattern = f"%{_escape_like(search.strip().lower())}%"
        fields = (
            Supplier.legal_name,
            Supplier.local_name,
            cast(Supplier.aliases, String),
            Supplier.registration_id,
            Supplier.region,
            Supplier.address,
        )
        stmt = stmt.where(or_(*(func.lower(f).like(pattern, escape="\\") for f in fields)))
    if country:
        stmt = stmt.where(func.lower(Supplier.country) == country.strip().lower())
    if tier is not None:
        stmt = stmt.where(Supplier.tier == tier)
    if hits == "any":
        stmt = stmt.where(func.coalesce(counts.c.total, 0) > 0)
    elif hits == "none":
        stmt = stmt.where(func.coalesce(counts.c.total, 0) == 0)
    elif hits == "open":
        stmt = stmt.where(cols["open_hits"] > 0)
    elif hits == "confirmed":
        stmt = stmt.where(cols["confirmed_hits"] > 0)
    elif hits == "changed":
        stmt = stmt.where(cols["changed_hits"] > 0)
    key = cols.get(sort, getattr(Supplier, sort))
    if sort in ("legal_name", "local_name", "country", "region"):
        key = func.lower(key)
    order = key.desc() if descending else key.asc()
    stmt = stmt.order_by(order, Supplier.id.desc() if descending else Supplier.id).offset(offset).limit(limit)
    result = session.execute(stmt).all()
    rows = [
        SupplierRow(
            id=r.id,
            legal_name=r.legal_name,
            local_name=r.local_name,
            country=r.country,
            region=r.region,
            tier=r.tier,
            parent_id=r.parent_id,
            products=int(r.products),
            open_hits=int(r.open_hits),
            confirmed_hits=int(r.confirmed_hits),
            changed_hits=int(r.changed_hits),
            last_screened_at=r.last_screened_at,
            last_reviewed_at=r.last_reviewed_at,
            deleted=r.deleted_at is not None,
        )
        for r in result
    ]
    total = int(result[0].total_rows) if result else (_count_when_past_end(session, stmt) if offset else 0)
    return SupplierPage(rows, total, offset, limit)


def _count_when_past_end(session: Session, stmt: Any) -> int:
    """The total when the page is past the last row (the window count then has no row to ride on)."""
    inner = stmt.order_by(None).offset(None).limit(None).subquery()
    return int(session.scalar(select(func.count()).select_from(inner)) or 0)
