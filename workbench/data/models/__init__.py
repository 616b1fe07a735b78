"""All SQLAlchemy models; importing this package registers every table on `Base.metadata`."""

from workbench.data.models.audit import AuditCheckpoint, AuditEntry
from workbench.data.models.base import Base
from workbench.data.models.cases import (
    IndicatorFinding,
    Match,
    MatchDecision,
    Memo,
    Product,
    ProductInput,
    ScreeningRun,
    Supplier,
)
from workbench.data.models.lists import ListEntry, ListSnapshot, Watchlist
from workbench.data.models.measures import (
    Alias,
    ContextNote,
    DatasetInfo,
    Entity,
    Measure,
    MeasureTarget,
    Setting,
)
from workbench.data.models.ratings import SupplierRating
from workbench.data.models.tracing import EvidenceDocument, TracedProduct, TraceNode

__all__ = [
    "Alias",
    "AuditCheckpoint",
    "AuditEntry",
    "Base",
    "ContextNote",
    "DatasetInfo",
    "Entity",
    "EvidenceDocument",
    "IndicatorFinding",
    "ListEntry",
    "ListSnapshot",
    "Match",
    "MatchDecision",
    "Measure",
    "MeasureTarget",
    "Memo",
    "Product",
    "ProductInput",
    "ScreeningRun",
    "Setting",
    "Supplier",
    "SupplierRating",
    "TraceNode",
    "TracedProduct",
    "Watchlist",
]
