"""Supply-chain tracing: a traced good (or shipment), its tree of inputs, and the evidence on file."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workbench.data.models.base import Base, utcnow
from workbench.data.models.cases import Supplier


class TracedProduct(Base):
    """An imported good (or one shipment of it) whose supply chain is traced to the raw materials."""

    __tablename__ = "traced_product"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    entry_number: Mapped[str] = mapped_column(String(40), default="", index=True)
    entry_date: Mapped[date | None]
    hts: Mapped[str] = mapped_column(String(16), default="")
    quantity: Mapped[str] = mapped_column(String(60), default="")
    cleared_ref: Mapped[str] = mapped_column(String(300), default="")  # a cleared review of the same chain
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    nodes: Mapped[list[TraceNode]] = relationship(
        back_populates="product", cascade="all, delete-orphan", order_by="TraceNode.id"
    )


class TraceNode(Base):
    """One party and the input it makes for its parent node; the top node makes the imported good."""

    __tablename__ = "trace_node"
    __table_args__ = (UniqueConstraint("product_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("traced_product.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(120))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("trace_node.id", ondelete="CASCADE"), index=True)
    supplier_id: Mapped[int | None] = mapped_column(
        ForeignKey("supplier.id", ondelete="SET NULL"), index=True
    )
    input: Mapped[str] = mapped_column(String(300), default="")
    country: Mapped[str] = mapped_column(String(80), default="")
    region: Mapped[str] = mapped_column(String(200), default="")
    hs_code: Mapped[str] = mapped_column(String(16), default="")
    quantity: Mapped[str] = mapped_column(String(60), default="")
    unit: Mapped[str] = mapped_column(String(30), default="")
    document_refs: Mapped[list[str]] = mapped_column(default=list)

    product: Mapped[TracedProduct] = relationship(back_populates="nodes")
    supplier: Mapped[Supplier | None] = relationship()


class EvidenceDocument(Base):
    """A document on file for a node: the stored file is named by its SHA-256 and never altered."""

    __tablename__ = "evidence_document"

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("traced_product.id", ondelete="CASCADE"), index=True)
    node_id: Mapped[int] = mapped_column(ForeignKey("trace_node.id", ondelete="CASCADE"), index=True)
    file_name: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(default=0)
    media_type: Mapped[str] = mapped_column(String(120), default="")
    family: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(200), default="")
    language: Mapped[str] = mapped_column(String(20), default="")
    translation_name: Mapped[str] = mapped_column(String(500), default="")
    translation_sha256: Mapped[str] = mapped_column(String(64), default="")
    issuer: Mapped[str] = mapped_column(String(500), default="")
    issued_on: Mapped[date | None]
    notes: Mapped[str] = mapped_column(Text, default="")
    added_at: Mapped[datetime] = mapped_column(default=utcnow)

    node: Mapped[TraceNode] = relationship()
