"""Read the measures in the store as plain records (for the CLI's JSON, the UI and memos)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from workbench.data.models import DatasetInfo, Entity, Measure, MeasureTarget
from workbench.measures.dataset import DATASET_NAME

MEASURE_KINDS = (
    "magnitsky",
    "wro",
    "entity_list",
    "uflpa_entity_list",
    "visa_ban",
    "atrocity_determination",
    "license_policy",
    "business_advisory",
    "goods_list",
    "sector_guidance",
    "law",
)
TARGET_TYPES = ("company", "government", "person", "site", "region", "good")


@dataclass(frozen=True)
class TargetRecord:
    entity_id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    listed: date | None
    detail: str = ""


@dataclass(frozen=True)
class MeasureRecord:
    id: str
    kind: str
    authority: str
    title: str
    summary: str
    announced: date | None
    effective: date | None
    legal_basis: str
    sources: tuple[str, ...]
    products: tuple[str, ...]
    indicators: tuple[str, ...]
    sectors: tuple[str, ...]
    confidence: str
    notes: str
    seed: str
    targets: tuple[TargetRecord, ...] = field(default_factory=tuple)

    def as_json(self) -> dict[str, Any]:
        """The measure in the documented `workbench measures --format json` shape."""
        return {
            "id": self.id,
            "kind": self.kind,
            "authority": self.authority,
            "title": self.title,
            "announced": _iso(self.announced),
            "legal_basis": self.legal_basis,
            "sources": list(self.sources),
            "products": list(self.products),
            "indicators": list(self.indicators),
            "targets": [
                {
                    "entity_id": t.entity_id,
                    "name": t.name,
                    "type": t.type,
                    "aliases": list(t.aliases),
                    "listed": _iso(t.listed),
                }
                for t in self.targets
            ],
        }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def dataset_version(session: Session) -> str:
    """The version string of the built-in dataset in the store ("" if none loaded)."""
    info = session.get(DatasetInfo, DATASET_NAME)
    return info.version if info else ""


def list_measures(session: Session, kind: str | None = None) -> list[MeasureRecord]:
    """All measures (optionally of one kind), oldest first, with their targets and aliases."""
    stmt = (
        select(Measure)
        .options(
            selectinload(Measure.targets).selectinload(MeasureTarget.entity).selectinload(Entity.aliases)
        )
        .order_by(Measure.announced.is_(None), Measure.announced, Measure.id)
    )
    if kind:
        stmt = stmt.where(Measure.kind == kind)
    return [_record(m) for m in session.scalars(stmt)]


def _record(m: Measure) -> MeasureRecord:
    return MeasureRecord(
        id=m.id,
        kind=m.kind,
        authority=m.authority,
        title=m.title,
        summary=m.summary,
        announced=m.announced,
        effective=m.effective,
        legal_basis=m.legal_basis,
        sources=tuple(m.sources),
        products=tuple(m.products),
        indicators=tuple(m.indicators),
        sectors=tuple(m.sectors),
        confidence=m.confidence,
        notes=m.notes,
        seed=m.seed,
        targets=tuple(
            TargetRecord(
                entity_id=t.entity_id,
                name=t.entity.name,
                type=t.entity.type,
                aliases=tuple(a.name for a in t.entity.aliases),
                listed=t.listed,
                detail=t.detail,
            )
            for t in m.targets
        ),
    )
