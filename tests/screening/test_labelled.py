"""Quality on the labelled set (tests/data/screening/labelled.csv) at the default threshold."""

from __future__ import annotations

from collections import defaultdict
from functools import cache

import pytest

from tests.screening.fixtures import fixture_screener, labelled_rows
from workbench.screening import SupplierQuery

POSITIVE_KINDS = [
    "exact",
    "case_punct",
    "legal_form",
    "chinese_chars",
    "pinyin_spacing",
    "pinyin_english",
    "place_variant",
    "abbreviation",
    "alias",
    "person_order",
    "person_hyphen",
    "person_chinese",
    "typo",
    "token_order",
    "generic_words",
]
NEGATIVE_KINDS = [
    "near_miss_brand",
    "near_miss_generic",
    "near_miss_short_brand",
    "near_miss_government",
    "near_miss_person",
    "unrelated",
]


@cache
def outcomes() -> dict[str, list[bool]]:
    """kind -> one bool per row: expected entity found (positives) or nothing found (negatives)."""
    screener = fixture_screener()
    out: dict[str, list[bool]] = defaultdict(list)
    for row in labelled_rows():
        q = SupplierQuery(
            name=row["query"],
            local_name=row["local_name"],
            country=row["country"],
            aliases=tuple(a for a in row["aliases"].split(";") if a),
        )
        found = [m.entity.key for m in screener.screen(q)]
        out[row["kind"]].append(row["expected"] in found if row["expected"] else not found)
    return out


def test_the_labelled_set_covers_every_variant_kind_with_several_hundred_cases():
    kinds = outcomes()
    assert set(kinds) == set(POSITIVE_KINDS) | set(NEGATIVE_KINDS)
    assert sum(len(v) for v in kinds.values()) >= 500
    assert all(len(kinds[k]) >= 8 for k in kinds)


@pytest.mark.parametrize("kind", POSITIVE_KINDS)
def test_recall_per_variant_kind(kind):
    hits = outcomes()[kind]
    assert sum(hits) / len(hits) >= 0.9, f"{kind}: {sum(hits)}/{len(hits)}"


def test_overall_recall_is_at_least_95_percent():
    hits = [h for k in POSITIVE_KINDS for h in outcomes()[k]]
    assert sum(hits) / len(hits) >= 0.95


@pytest.mark.parametrize("kind", NEGATIVE_KINDS)
def test_near_miss_false_positives_at_most_5_percent(kind):
    clean = outcomes()[kind]
    assert 1 - sum(clean) / len(clean) <= 0.05, f"{kind}: {len(clean) - sum(clean)} false positives"
