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
    measure_id: str = ""
    summary: str = ""
    caveat: str = ""  # the dataset's confidence note when the record is below "verified"

    @property
    def is_finding(self) -> bool:
        """A CBP Finding (seizure and forfeiture) rather than a Withhold Release Order (detention)."""
        return self.title.casefold().startswith("finding") or self.measure_id.startswith("finding-")


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
    caveat: str = ""  # the dataset's confidence note on the listed entity's row, when below "verified"

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
    reason_sources: tuple[tuple[str, ...], ...] = ()  # per reason: the keys of the sources it cites
    presumption: bool = False
    presumption_status: str = "not indicated"  # "applies", "possible" or "not indicated"
    legal_exposure: tuple[str, ...] = ()
    potential_exposure: tuple[str, ...] = ()  # what the unresolved hits would mean if confirmed
    indicators_assessed: int = 0
    confidence: str = "limited"
    confidence_note: str = ""
    involvement: str = ""
    case_types: tuple[str, ...] = ()
    actions: tuple[tuple[str, str], ...] = ()  # (category, action)
    notes: str = ""
    last_screened: date | None = None

    @property
    def unresolved_hits(self) -> int:
        """Hits pending review or escalated."""
        return sum(1 for h in self.hits if h.unresolved)

    @property
    def confirmed_measures(self) -> tuple[str, ...]:
        """Ids (else titles) of the measures behind confirmed hits, without repeats."""
        ids = (m.measure_id or m.title for h in self.hits if h.decision == "confirmed" for m in h.measures)
        return tuple(dict.fromkeys(ids))

    def summary_json(self) -> dict[str, object]:
        """What the memo states about this supplier, in the `memo --format json` shape."""
        return {
            "name": self.name,
            "rating": self.risk_rating,
            "presumption": self.presumption_status,
            "pending_hits": self.unresolved_hits,
            "confirmed_measures": list(self.confirmed_measures),
            "indicators_assessed": self.indicators_assessed,
        }

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
    measure_id: str = ""

    @property
    def key(self) -> str:
        """What identifies the source: its measure, else its address, else its title."""
        return source_key(self.measure_id, self.url, self.title)


def source_key(measure_id: str, url: str, title: str) -> str:
    """The key the memo numbers its sources by (each measure cited under its own entry)."""
    return measure_id or url or title


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
    dataset_as_of: date | None = None
    not_screened: tuple[str, ...] = ()  # regimes this memo did not screen against

    def summary_json(self) -> dict[str, object]:
        """What the memo states, for `workbench memo --format json`: dataset, its age and each case."""
        return {
            "dataset_version": self.dataset_version,
            "dataset_age_days": self.dataset_age_days,
            "cases": [s.summary_json() for s in self.suppliers],
        }

    @property
    def dataset_age_days(self) -> int | None:
        """Days between the dataset's as-of date and the memo date."""
        return (self.created - self.dataset_as_of).days if self.dataset_as_of else None

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
