"""Portfolio figures from the rating cache: equal to rating every supplier, and current after each change."""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import func, select

from tests.cases.helpers import TAIDA_WRO, ScriptedScreener, add_wro_measure, entity, hit
from workbench.cases import rating_cache
from workbench.cases.decisions import confirm
from workbench.cases.indicators import findings_for, set_finding
from workbench.cases.portfolio import portfolio_summary
from workbench.cases.risk import assess_many
from workbench.cases.screening import screen_suppliers
from workbench.cases.suppliers import create_supplier, soft_delete_supplier, update_supplier
from workbench.data.models import Match, Measure, Supplier, SupplierRating
from workbench.data.store import Store
from workbench.screening import build_screener


def _create(store: Store, **data: Any) -> int:
    with store.transaction() as s:
        return create_supplier(s, data).id


def _levels_by_rating_everyone(store: Store) -> Counter[str]:
    with store.session() as s:
        ids = list(s.scalars(select(Supplier.id).where(Supplier.deleted_at.is_(None))))
        return Counter(r.level for r in assess_many(s, ids).values())


def _summary(store: Store):
    with store.transaction() as s:
        return portfolio_summary(s)


def _cached(store: Store) -> set[int]:
    with store.session() as s:
        return set(s.scalars(select(SupplierRating.supplier_id)))


def _portfolio(store: Store) -> dict[str, int]:
    ids = {
        "taida": _create(store, legal_name="Hetian Taida Apparel Co., Ltd.", country="CN"),
        "gloves": _create(
            store,
            legal_name="Saigon Nitrile Gloves JSC",
            country="VN",
            products=[{"description": "nitrile gloves", "hs_code": "4015"}],
        ),
        "yarn": _create(
            store,
            legal_name="Aksu Cotton Yarn Co",
            country="CN",
            region="Xinjiang",
            products=[{"description": "cotton yarn", "hs_code": "5205"}],
        ),
    }
    with store.transaction() as s:
        screen_suppliers(s, build_screener(s), list(ids.values()), threshold=85)
    return ids


def test_the_summary_counts_what_rating_every_supplier_gives(builtin_store: Store) -> None:
    _portfolio(builtin_store)
    summary = _summary(builtin_store)
    expected = _levels_by_rating_everyone(builtin_store)
    assert summary.suppliers == 3
    assert {k: v for k, v in summary.by_level.items() if v} == dict(expected)
    assert summary.nexus >= 1 and summary.presumption >= 1
    assert [name for _sid, name, _level, _reason in summary.top][:1]  # high or severe suppliers listed
    assert len(_cached(builtin_store)) == 3


def test_a_change_clears_only_that_suppliers_rating_and_the_summary_follows(builtin_store: Store) -> None:
    ids = _portfolio(builtin_store)
    _summary(builtin_store)
    gloves = ids["gloves"]
    before = _summary(builtin_store).by_level
    with builtin_store.transaction() as s:
        first = findings_for(s, gloves)[0].indicator.id
        set_finding(s, gloves, first, "observed", "Passports held by the employer.", "interview")
    assert _cached(builtin_store) == {ids["taida"], ids["yarn"]}
    after = _summary(builtin_store)
    assert {k: v for k, v in after.by_level.items() if v} == dict(_levels_by_rating_everyone(builtin_store))
    assert after.by_level != before


def test_editing_or_deleting_a_supplier_and_screening_clear_their_rows(builtin_store: Store) -> None:
    ids = _portfolio(builtin_store)
    _summary(builtin_store)
    with builtin_store.transaction() as s:
        update_supplier(s, ids["yarn"], {"region": "Jiangsu"})
    assert ids["yarn"] not in _cached(builtin_store)
    _summary(builtin_store)
    with builtin_store.transaction() as s:
        soft_delete_supplier(s, ids["taida"])
    assert _summary(builtin_store).suppliers == 2
    with builtin_store.transaction() as s:
        screen_suppliers(s, build_screener(s), [ids["gloves"]], threshold=85)
    assert ids["gloves"] not in _cached(builtin_store)


def test_an_upstream_change_clears_the_buyer_too(builtin_store: Store) -> None:
    buyer = _create(builtin_store, legal_name="Pacific Solar Modules Pte Ltd", country="SG")
    mill = _create(builtin_store, legal_name="Upstream Mill Ltd", country="CN", tier=2, parent_id=buyer)
    _summary(builtin_store)
    assert {buyer, mill} <= _cached(builtin_store)
    with builtin_store.transaction() as s:
        update_supplier(s, mill, {"region": "Xinjiang"})
    assert not {buyer, mill} & _cached(builtin_store)


def test_a_measures_change_clears_every_row(builtin_store: Store) -> None:
    _portfolio(builtin_store)
    _summary(builtin_store)
    with builtin_store.transaction() as s:
        measure = s.scalars(select(Measure)).first()
        measure.title = measure.title + " (amended)"
    assert _cached(builtin_store) == set()
    rating_cache.install()  # idempotent
    assert _summary(builtin_store).suppliers == 3


def test_an_old_unreviewed_hit_is_not_news_but_a_hit_found_after_the_review_is(store: Store) -> None:
    name = "Hetian Taida Apparel Co Ltd"
    first, second, later = (entity(f"test:e{i}", f"Listed Company {i}", TAIDA_WRO) for i in range(3))
    screener = ScriptedScreener({name: [hit(first, 96.0), hit(second, 84.0)]})
    sid = _create(store, legal_name=name, country="CN")
    with store.transaction() as s:
        add_wro_measure(s)
        screen_suppliers(s, screener, [sid], threshold=80)
        decided = s.scalars(select(Match.id).where(Match.entity_key == "test:e0")).one()
        confirm(s, decided, "Same company: name and address match the listed entity.")
    summary = _summary(store)
    assert summary.unreviewed_hits == 1 and summary.new_since_review == 0  # found before the review
    assert summary.older_unreviewed == 1
    screener.hits[name].append(hit(later, 90.0))
    with store.transaction() as s:
        screen_suppliers(s, screener, [sid], threshold=80)
    summary = _summary(store)
    assert (summary.new_since_review, summary.suppliers_with_new) == (1, 1)
    assert summary.unreviewed_hits == 2 and summary.older_unreviewed == 1


def test_the_cache_table_exists_after_migrating(builtin_store: Store) -> None:
    with builtin_store.session() as s:
        assert s.scalar(select(func.count()).select_from(SupplierRating)) == 0
