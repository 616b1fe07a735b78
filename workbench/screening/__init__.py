"""Screening engine: multilingual name matching of suppliers against listed entities, with evidence."""

from workbench.screening.screener import DEFAULT_THRESHOLD, Screener
from workbench.screening.store import build_screener, load_entities
from workbench.screening.types import (
    FeatureScore,
    ListedEntity,
    MeasureRef,
    ScreeningMatch,
    SupplierQuery,
)

__all__ = [
    "DEFAULT_THRESHOLD",
    "FeatureScore",
    "ListedEntity",
    "MeasureRef",
    "Screener",
    "ScreeningMatch",
    "SupplierQuery",
    "build_screener",
    "load_entities",
]
