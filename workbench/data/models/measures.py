"""The documented measures: who listed whom, when, under what authority, with sources."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workbench.data.models.base import Base, utcnow


class DatasetInfo(Base):
    """One row per loaded shipped dataset (the built-in measures); tracks its version."""

    __tablename__ = "dataset_info"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[str] = mapped_column(String(32))
    as_of: Mapped[date | None]
    sha256: Mapped[str] = mapped_column(String(64))
    loaded_at: Mapped[datetime] = mapped_column(default=utcnow)


class Measure(Base):
    """A government measure: a sanction round, a WRO, an Entity List rule, a law, an advisory..."""

    __tablename__ = "measure"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    authority: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(500))
    summary: Mapped[str] = mapped_column(Text, default="")
    announced: Mapped[date | None]
    effective: Mapped[date | None]
    legal_basis: Mapped[str] = mapped_column(String(500), default="")
    products: Mapped[list[str]] = mapped_column(default=list)
    indicators: Mapped[list[str]] = mapped_column(default=list)
    sectors: Mapped[list[str]] = mapped_column(default=list)
    sources: Mapped[list[str]] = mapped_column(default=list)
    seed: Mapped[str] = mapped_column(String(200), default="")
    confidence: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    dataset: Mapped[str] = mapped_column(String(64), default="builtin")

    targets: Mapped[list[MeasureTarget]] = relationship(
        back_populates="measure", cascade="all, delete-orphan", order_by="MeasureTarget.position"
    )


class Entity(Base):
    """A listed party or object: company, government body, person, site, region or good."""

    __tablename__ = "entity"

    id: Mapped[str] = mapped_column(String(120), primary_key=True)
    name: Mapped[str] = mapped_column(String(500))
    type: Mapped[str] = mapped_column(String(20), index=True)
    country: Mapped[str] = mapped_column(String(80), default="")
    region: Mapped[str] = mapped_column(String(200), default="")
    position: Mapped[str] = mapped_column(String(500), default="")
    sectors: Mapped[list[str]] = mapped_column(default=list)
    notes: Mapped[str] = mapped_column(Text, default="")
    dataset: Mapped[str] = mapped_column(String(64), default="builtin")

    aliases: Mapped[list[Alias]] = relationship(
        back_populates="entity", cascade="all, delete-orphan", order_by="Alias.id"
    )
    listings: Mapped[list[MeasureTarget]] = relationship(back_populates="entity")


class Alias(Base):
    """Another name of an entity; `added` marks names we added beyond the seed documents."""

    __tablename__ = "alias"
    __table_args__ = (UniqueConstraint("entity_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_id: Mapped[str] = mapped_column(ForeignKey("entity.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(500))
    script: Mapped[str] = mapped_column(String(20), default="latin")
    added: Mapped[bool] = mapped_column(default=False)
    source: Mapped[str] = mapped_column(Text, default="")

    entity: Mapped[Entity] = relationship(back_populates="aliases")


class MeasureTarget(Base):
    """Links a measure to an entity it names, with the listing date and per-listing details."""

    __tablename__ = "measure_target"
    __table_args__ = (
        UniqueConstraint("measure_id", "entity_id"),
        Index("ix_measure_target_entity", "entity_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    measure_id: Mapped[str] = mapped_column(ForeignKey("measure.id", ondelete="CASCADE"))
    entity_id: Mapped[str] = mapped_column(ForeignKey("entity.id", ondelete="CASCADE"))
    listed: Mapped[date | None]
    position: Mapped[int] = mapped_column(default=0)
    detail: Mapped[str] = mapped_column(Text, default="")

    measure: Mapped[Measure] = relationship(back_populates="targets")
    entity: Mapped[Entity] = relationship(back_populates="listings")


class Setting(Base):
    """User settings that belong with the store (e.g. reviewer name, default threshold)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class ContextNote(Base):
    """A sourced fact that is not a measure: UN findings, enforcement figures, labour-transfer schemes."""

    __tablename__ = "context_note"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    publisher: Mapped[str] = mapped_column(String(300), default="")
    published: Mapped[date | None]
    summary: Mapped[str] = mapped_column(Text, default="")
    topics: Mapped[list[str]] = mapped_column(default=list)
    sources: Mapped[list[str]] = mapped_column(default=list)
    seed: Mapped[str] = mapped_column(String(200), default="")
    confidence: Mapped[str] = mapped_column(Text, default="")
    dataset: Mapped[str] = mapped_column(String(64), default="builtin")
