"""What each kind of listing means for trade, including imported lists that bundle programs."""

from __future__ import annotations

import pytest

import workbench.cases  # noqa: F401
from workbench.cases.risk_rules import category, listing_reasons
from workbench.data.models import Match


@pytest.mark.parametrize(
    ("kind", "title", "expected"),
    [
        ("uflpa_entity_list", "", "uflpa"),
        ("uflpa-html", "UFLPA Entity List", "uflpa"),
        ("wro", "", "wro"),
        ("magnitsky", "", "sanctions"),
        ("ofac-csv", "SDN", "sanctions"),
        ("entity_list", "", "entity_list"),
        ("csl-csv", "Entity List (EL) - Bureau of Industry and Security", "entity_list"),
        ("csl-csv", "Specially Designated Nationals (SDN) - Treasury Department", "sanctions"),
        ("csl-csv", "Unverified List (UVL) - Bureau of Industry and Security", "other"),
        ("goods_list", "", "concern"),
        ("watchlist-csv", "Our own blocked suppliers", "other"),
    ],
)
def test_measure_categories(kind: str, title: str, expected: str) -> None:
    assert category(kind, title) == expected


def test_one_reason_per_measure_and_the_presumption_only_from_the_uflpa_list() -> None:
    match = Match(
        entity_name="Xinjiang Example Co.",
        measures=[
            {
                "measure_id": "a",
                "kind": "entity_list",
                "authority": "BIS",
                "title": "Entity List",
                "date": "2020-07-22",
                "sources": ["https://www.federalregister.gov/d/2020-15827"],
            },
            {
                "measure_id": "b",
                "kind": "csl-csv",
                "authority": "trade.gov CSL",
                "title": "Specially Designated Nationals (SDN) - Treasury Department",
                "date": None,
                "sources": [],
            },
        ],
    )
    reasons, presumption = listing_reasons(match)
    assert [(r.code, r.level) for r in reasons] == [("entity_list", "high"), ("sanctions", "severe")]
    assert not presumption
    assert reasons[0].citations[0].url == "https://www.federalregister.gov/d/2020-15827"
    assert "(2020-07-22)" in reasons[0].text and "not an import ban" in reasons[0].text
