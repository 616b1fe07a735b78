"""Loading the screening test fixtures (tests/data/screening)."""

from __future__ import annotations

import csv
import json
from functools import cache
from pathlib import Path

from workbench.screening import ListedEntity, MeasureRef, Screener

DATA = Path(__file__).resolve().parents[1] / "data" / "screening"


def entity_from_json(raw: dict) -> ListedEntity:
    measures = tuple(
        MeasureRef(
            m["measure_id"],
            m["kind"],
            m["authority"],
            m["title"],
            m.get("date"),
            m["legal_basis"],
            tuple(m["sources"]),
        )
        for m in raw["measures"]
    )
    return ListedEntity(
        key=raw["key"],
        entity_id=raw["entity_id"],
        name=raw["name"],
        names=tuple(raw["names"]),
        type=raw["type"],
        country=raw["country"],
        sectors=tuple(raw["sectors"]),
        measures=measures,
        source=raw["source"],
    )


@cache
def fixture_entities() -> tuple[ListedEntity, ...]:
    raw = json.loads((DATA / "entities.json").read_text(encoding="utf-8"))
    return tuple(entity_from_json(e) for e in raw["entities"])


@cache
def fixture_screener() -> Screener:
    return Screener(fixture_entities())


def labelled_rows() -> list[dict[str, str]]:
    with (DATA / "labelled.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))
