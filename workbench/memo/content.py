"""Plain, immutable description of a memo; the renderer knows nothing about the store."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

PENDING = "pending"


@dataclass(frozen=True)
class MeasureRef:
    """A government measure behind a screening hit."""

    title: str
    authority: str
    legal_basis: str = ""
    date: date | None = None
    source_url: str = ""
    kind: str = ""


@dataclass(frozen=True)
class Hit:
    """One screening hit against a listed entity, with the reviewer's decision (or pending)."""

    entity_name: str
    matched_name: str
    score: float
    decision: str = PENDING
    rationale: str = ""
    reviewer: str = ""
    decided_on: date | None = None
    evidence: tuple[str, ...] = ()
    measures: tuple[MeasureRef, ...] = ()
    source: str = ""

    @property
    def pending(self) -> bool:
        """True while no reviewer has decided the hit."""
        return self.decision in ("", PENDING, "open")

    @property
    def unresolved(self) -> bool:
        """True while the hit is pending or escalated: not a conclusion either way."""
        return self.pending or self.decision == "escalated"


@dataclass(frozen=True)
class ProductLine:
    """A product the supplier provides, with its HS code and material inputs."""

    description: str
    hs_code: str = ""
    origin: str = ""
    inputs: tuple[tuple[str, str], ...] = ()  # (material, origin)


@dataclass(frozen=True)
class IndicatorLine:
    """The assessment of one ILO forced-labour indicator."""

    indicator: str
    status: str
    evidence: str = ""
    source: str = ""


@dataclass(frozen=True)
class SupplierSection:
    """Everything the memo says about one supplier."""

    name: str
    local_name: str = ""
    aliases: tuple[str, ...] = ()
    country: str = ""
    region: str = ""
    address: str = ""
    tier: int = 1
    registration_id: str = ""
    products: tuple[ProductLine, ...] = ()
    hits: tuple[Hit, ...] = ()
    indicators: tuple[IndicatorLine, ...] = ()
    risk_rating: str = "not rated"
    risk_reasons: tuple[str, ...] = ()
    presumption: bool = False
    legal_exposure: tuple[str, ...] = ()
    actions: tuple[tuple[str, str], ...] = ()  # (category, action)
    notes: str = ""
    last_screened: date | None = None

    @property
    def location(self) -> str:
        """Region and country joined for display."""
        return ", ".join(p for p in (self.region, self.country) if p)


@dataclass(frozen=True)
class Source:
    """An item of the sources list."""

    title: str
    url: str = ""
    date: date | None = None


@dataclass(frozen=True)
class MemoData:
    """A complete memo over one or more suppliers."""

    memo_id: str
    created: date
    reviewer: str
    organisation: str
    dataset_version: str
    coverage: str
    suppliers: tuple[SupplierSection, ...]
    list_snapshots: tuple[str, ...] = ()
    lists_screened: tuple[str, ...] = ()
    threshold: float = 0.0
    client: str = ""
    title: str = ""
    sources: tuple[Source, ...] = field(default=())
    uflpa_list: str = ""  # short: how much of the UFLPA Entity List was screened, as of when
    uflpa_coverage: str = ""  # the same in full, with how to refresh the list

    @property
    def is_portfolio(self) -> bool:
        """True when the memo covers more than one supplier."""
        return len(self.suppliers) > 1

    @property
    def display_title(self) -> str:
        """The title printed on the first page."""
        if self.title:
            return self.title
        if self.is_portfolio:
            return f"Forced-labour due-diligence memo: portfolio of {len(self.suppliers)} suppliers"
        name = self.suppliers[0].name if self.suppliers else ""
        return f"Forced-labour due-diligence memo: {name}"
