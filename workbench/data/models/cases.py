"""The user's due-diligence work: suppliers, products, screening hits and decisions, indicators."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from workbench.data.models.base import Base, utcnow


def supplier_identity(name: str, country: str) -> str:
    """The normalised identity of a supplier: name and country, spacing and case ignored.

    Two suppliers in use (not deleted) never share it (a unique index); every path that writes
    suppliers, the ORM and bulk inserts alike, fills `Supplier.identity_key` with this.
    """
    return " ".join((name or "").split()).casefold() + "\t" + " ".join((country or "").split()).casefold()


class Supplier(Base):
    """A supplier or facility at some tier of the user's supply chain.

    `version` counts the user's edits; a save based on an older version is refused (see
    `workbench.cases.versions`). `identity_key` is `supplier_identity(legal_name, country)`.
    """

    __tablename__ = "supplier"
    __table_args__ = (
        Index(
            "uq_supplier_identity",
            "identity_key",
            unique=True,
            sqlite_where=text("deleted_at IS NULL"),
            postgresql_where=text("deleted_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    legal_name: Mapped[str] = mapped_column(String(500), index=True)
    local_name: Mapped[str] = mapped_column(String(500), default="")
    aliases: Mapped[list[str]] = mapped_column(default=list)
    country: Mapped[str] = mapped_column(String(80), default="")
    region: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    website: Mapped[str] = mapped_column(String(500), default="")
    registration_id: Mapped[str] = mapped_column(String(120), default="")
    contact: Mapped[str] = mapped_column(Text, default="")
    tier: Mapped[int] = mapped_column(default=1)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("supplier.id", ondelete="SET NULL"), index=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(index=True)
    last_screened_at: Mapped[datetime | None]
    last_reviewed_at: Mapped[datetime | None]
    identity_key: Mapped[str] = mapped_column(String(600))
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": version, "version_id_generator": False}

    products: Mapped[list[Product]] = relationship(
        back_populates="supplier", cascade="all, delete-orphan", order_by="Product.id"
    )
    matches: Mapped[list[Match]] = relationship(
        back_populates="supplier", cascade="all, delete-orphan", order_by="Match.score.desc()"
    )
    findings: Mapped[list[IndicatorFinding]] = relationship(
        back_populates="supplier", cascade="all, delete-orphan"
    )
    parent: Mapped[Supplier | None] = relationship(remote_side=[id])

    @validates("legal_name", "country")
    def _keep_identity(self, key: str, value: str) -> str:
        name, country = (value, self.country) if key == "legal_name" else (self.legal_name, value)
        self.identity_key = supplier_identity(name, country)
        return value


class Product(Base):
    """A product a supplier provides, with HS code and origin."""

    __tablename__ = "product"

    id: Mapped[int] = mapped_column(primary_key=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("supplier.id", ondelete="CASCADE"), index=True)
    description: Mapped[str] = mapped_column(Text)
    hs_code: Mapped[str] = mapped_column(String(16), default="")
    origin_country: Mapped[str] = mapped_column(String(80), default="")
    origin_region: Mapped[str] = mapped_column(String(200), default="")
    annual_volume: Mapped[str] = mapped_column(String(100), default="")
    annual_value: Mapped[str] = mapped_column(String(100), default="")

    supplier: Mapped[Supplier] = relationship(back_populates="products")
    inputs: Mapped[list[ProductInput]] = relationship(
        back_populates="product", cascade="all, delete-orphan", order_by="ProductInput.id"
    )


class ProductInput(Base):
    """A raw-material input of a product and where it comes from (e.g. cotton from Xinjiang)."""

    __tablename__ = "product_input"

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"), index=True)
    material: Mapped[str] = mapped_column(String(300))
    origin_country: Mapped[str] = mapped_column(String(80), default="")
    origin_region: Mapped[str] = mapped_column(String(200), default="")

    product: Mapped[Product] = relationship(back_populates="inputs")


class ScreeningRun(Base):
    """One screening pass: when, which threshold, against which dataset and list snapshots."""

    __tablename__ = "screening_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    threshold: Mapped[float] = mapped_column(default=0.0)
    dataset_version: Mapped[str] = mapped_column(String(32), default="")
    list_snapshots: Mapped[list[str]] = mapped_column(default=list)
    suppliers: Mapped[int] = mapped_column(default=0)
    reviewer: Mapped[str] = mapped_column(String(200), default="")


class Match(Base):
    """A screening hit of a supplier against a listed entity, kept across re-screens."""

    __tablename__ = "match"
    __table_args__ = (UniqueConstraint("supplier_id", "entity_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("supplier.id", ondelete="CASCADE"))
    entity_key: Mapped[str] = mapped_column(String(240))
    entity_name: Mapped[str] = mapped_column(Text)
    matched_name: Mapped[str] = mapped_column(Text)
    score: Mapped[float]
    evidence: Mapped[list[dict[str, Any]]] = mapped_column(default=list)
    measures: Mapped[list[dict[str, Any]]] = mapped_column(default=list)
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    first_run_id: Mapped[int | None] = mapped_column(ForeignKey("screening_run.id", ondelete="SET NULL"))
    last_run_id: Mapped[int | None] = mapped_column(ForeignKey("screening_run.id", ondelete="SET NULL"))
    present: Mapped[bool] = mapped_column(default=True)
    changed: Mapped[bool] = mapped_column(default=False)
    change_note: Mapped[str] = mapped_column(Text, default="")
    # Raised by every decision, undo and material re-screen change: a reviewer's decision names the
    # version they saw, and is refused if the hit has moved on since.
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    supplier: Mapped[Supplier] = relationship(back_populates="matches")
    decisions: Mapped[list[MatchDecision]] = relationship(
        back_populates="match", cascade="all, delete-orphan", order_by="MatchDecision.id"
    )

    @property
    def current_decision(self) -> MatchDecision | None:
        """The decision that set the status now: the latest one not undone (None when undecided)."""
        standing: list[MatchDecision] = []
        for d in self.decisions:
            if d.action == "undo":
                standing = [s for s in standing if s.id != d.undoes_id]
            else:
                standing.append(d)
        return standing[-1] if standing else None


class MatchDecision(Base):
    """One entry of a hit's decision history, never edited: a decision, a revision, or an undo.

    `status` is the hit's status after the entry; `previous_status` and `previous_changed` what it
    was before (an undo restores them); `version` the hit's version the entry produced; an undo
    names the decision it took back in `undoes_id`.
    """

    __tablename__ = "match_decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    match_id: Mapped[int] = mapped_column(ForeignKey("match.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16))
    rationale: Mapped[str] = mapped_column(Text)
    reviewer: Mapped[str] = mapped_column(String(200))
    decided_at: Mapped[datetime] = mapped_column(default=utcnow)
    action: Mapped[str] = mapped_column(String(16), default="decide", server_default="decide")
    previous_status: Mapped[str] = mapped_column(String(16), default="open", server_default="open")
    previous_changed: Mapped[bool] = mapped_column(default=False, server_default=false())
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    undoes_id: Mapped[int | None] = mapped_column(default=None)

    match: Mapped[Match] = relationship(back_populates="decisions")


class IndicatorFinding(Base):
    """The assessment of one ILO forced-labour indicator at one supplier."""

    __tablename__ = "indicator_finding"
    __table_args__ = (UniqueConstraint("supplier_id", "indicator_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("supplier.id", ondelete="CASCADE"))
    indicator_id: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="not_assessed")
    evidence: Mapped[str] = mapped_column(Text, default="")
    source_type: Mapped[str] = mapped_column(String(32), default="")
    source_ref: Mapped[str] = mapped_column(Text, default="")
    observed_on: Mapped[date | None]
    prefilled_from: Mapped[str] = mapped_column(String(80), default="")
    reviewer: Mapped[str] = mapped_column(String(200), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": version, "version_id_generator": False}

    supplier: Mapped[Supplier] = relationship(back_populates="findings")


class Memo(Base):
    """An exported (signed) memo PDF."""

    __tablename__ = "memo"
    __table_args__ = (Index("ix_memo_created", "created_at"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    supplier_ids: Mapped[list[str]] = mapped_column(default=list)
    path: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    signer: Mapped[str] = mapped_column(String(500), default="")
    dataset_version: Mapped[str] = mapped_column(String(32), default="")
    list_snapshots: Mapped[list[str]] = mapped_column(default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # pending (recorded, file not yet in place), issued, or abandoned (the export never completed)
    status: Mapped[str] = mapped_column(String(16), default="issued", server_default="issued")
    chain_length: Mapped[int] = mapped_column(default=0, server_default="0")
    chain_head: Mapped[str] = mapped_column(String(64), default="", server_default="")
