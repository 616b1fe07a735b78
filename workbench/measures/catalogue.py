"""Read the measures in the store as plain records (for the CLI's JSON, the UI and memos)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, select
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
    """All measures (optionally of one kind), oldest first, with their targets and aliases.

    A measure's date is its announcement, or its effective date where the sources give no
    announcement (e.g. UFLPA Entity List batches, dated by their Federal Register listing).
    """
    when = func.coalesce(Measure.announced, Measure.effective)
    stmt = (
        select(Measure)
        .options(
            selectinload(Measure.targets).selectinload(MeasureTarget.entity).selectinload(Entity.aliases)
        )
        .order_by(when.is_(None), when, Measure.id)
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


UFLPA_LIST_URL = "https://www.dhs.gov/uflpa-entity-list"
UFLPA_IMPORT_TYPE = "uflpa-html"
# The dataset states the size of the official list in each UFLPA Entity List record's summary.
_OFFICIAL_SIZE = re.compile(r"of the (\d+) entities on the UFLPA Entity List as of (\d{4}-\d{2}-\d{2})")


@dataclass(frozen=True)
class ListCoverage:
    """How much of the UFLPA Entity List the built-in dataset holds, and as of when."""

    held: int
    official: int | None  # entities on the official list on `as_of`, as the dataset's sources state
    as_of: date | None

    @property
    def missing(self) -> int | None:
        return None if self.official is None else max(self.official - self.held, 0)

    @property
    def counts(self) -> str:
        """E.g. "136 of 144 entities as of 2025-01-15"."""
        of = f" of {self.official}" if self.official is not None else ""
        when = f" as of {self.as_of.isoformat()}" if self.as_of else ""
        return f"{self.held}{of} entities{when}"

    @property
    def short(self) -> str:
        """E.g. "136 of 144 entities as of 2025-01-15 (built-in snapshot)"."""
        return f"{self.counts} (built-in snapshot)"

    @property
    def sentence(self) -> str:
        """The coverage said plainly, with what to do next."""
        when = self.as_of.isoformat() if self.as_of else "the dataset date"
        if self.official is not None:
            held = f"{self.held} of the {self.official} entities on the UFLPA Entity List as of {when}"
            gap = f"; {self.missing} listed entities are not in it" if self.missing else ""
        else:
            held, gap = f"{self.held} entities of the UFLPA Entity List, listed up to {when}", ""
        return (
            f"The built-in dataset holds {held}{gap}. Entities added to or removed from the list after "
            f"{when} are not covered. To refresh it, download the current list from {UFLPA_LIST_URL} "
            "(save the page as HTML) and import it: File > Import screening list in the app, or "
            f"workbench lists import FILE --type {UFLPA_IMPORT_TYPE}."
        )


def uflpa_coverage(session: Session) -> ListCoverage | None:
    """Coverage of the UFLPA Entity List by the built-in measures in the store (None if it has none)."""
    builtin = (Measure.kind == "uflpa_entity_list", Measure.dataset == DATASET_NAME)
    held = session.scalar(
        select(func.count(func.distinct(MeasureTarget.entity_id))).join(Measure).where(*builtin)
    )
    if not held:
        return None
    official: int | None = None
    as_of: date | None = None
    for summary in session.scalars(select(Measure.summary).where(*builtin)):
        found = _OFFICIAL_SIZE.search(summary or "")
        if found:
            official, as_of = int(found.group(1)), date.fromisoformat(found.group(2))
            break
    if as_of is None:
        info = session.get(DatasetInfo, DATASET_NAME)
        as_of = info.as_of if info else None
    return ListCoverage(int(held), official, as_of)
