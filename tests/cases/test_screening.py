"""Screening persists reviewable matches; re-screening keeps decisions and flags only what changed."""

from __future__ import annotations

import pytest

from tests.cases.helpers import BIS_ENTITY_LIST, TAIDA_UFLPA, TAIDA_WRO, ScriptedScreener, entity, hit
from workbench.cases.decisions import confirm, dismiss
from workbench.cases.errors import ValidationError
from workbench.cases.queries import list_suppliers
from workbench.cases.screening import (
    needs_review,
    new_since_last_review,
    rescreen_for_entities,
    screen_suppliers,
)
from workbench.cases.suppliers import add_product, create_supplier, soft_delete_supplier
from workbench.data.models import Match, MatchDecision, ScreeningRun
from workbench.data.store import Store
from workbench.progress import Cancelled, TaskState
from workbench.screening import Screener

TAIDA = entity(
    "builtin:hetian-taida", "Hetian Taida Apparel Co., Ltd.", TAIDA_WRO, names=("和田泰达服装有限公司",)
)
OTHER = entity("builtin:other-apparel", "Xinjiang Other Apparel Co., Ltd.", BIS_ENTITY_LIST)


def _supplier(store: Store, name: str = "Hetian Taida Apparel Co Ltd", **extra: object) -> int:
    with store.transaction() as s:
        supplier = create_supplier(s, {"legal_name": name, "country": "CN", **extra})
        add_product(s, supplier.id, {"description": "cotton T-shirts", "hs_code": "6109.10"})
        return supplier.id


def _matches(store: Store, supplier_id: int) -> dict[str, Match]:
    with store.session() as s:
        rows = s.query(Match).filter_by(supplier_id=supplier_id).all()
        for m in rows:
            _ = m.decisions
        return {m.entity_key: m for m in rows}


def test_hits_become_matches_with_evidence_and_measures(store: Store) -> None:
    sid = _supplier(store)
    screener = ScriptedScreener(
        {"Hetian Taida Apparel Co Ltd": [hit(TAIDA, 96.0, "Hetian Taida Apparel Co Ltd")]}
    )
    with store.transaction() as s:
        summary = screen_suppliers(s, screener, None, threshold=80)
    assert (summary.suppliers, summary.hits, summary.new_hits) == (1, 1, 1)
    query = screener.queries[0]
    assert query.ref == str(sid) and query.country == "CN"
    match = _matches(store, sid)["builtin:hetian-taida"]
    assert match.status == "open" and match.changed and match.change_note == "new hit"
    assert match.evidence[0] == {
        "kind": "feature",
        "name": "name",
        "score": 96.0,
        "weight": 1.0,
        "detail": "'Hetian Taida Apparel Co Ltd' ~ 'Hetian Taida Apparel Co., Ltd.'",
    }
    assert match.evidence[-1]["kind"] == "sentence"
    assert match.measures[0]["kind"] == "wro" and match.measures[0]["date"] == "2019-09-30"
    assert match.measures[0]["sources"] == [
        "https://www.cbp.gov/trade/forced-labor/withhold-release-orders-and-findings"
    ]
    with store.session() as s:
        run = s.get(ScreeningRun, summary.run_id)
        assert run.suppliers == 1 and run.threshold == 80 and run.reviewer == "Dana Reviewer"
        assert run.finished_at is not None
        assert list_suppliers(s, hits="open").rows[0].open_hits == 1


def test_decisions_survive_rescreening_and_only_changes_are_flagged(store: Store) -> None:
    sid = _supplier(store)
    screener = ScriptedScreener({"Hetian Taida Apparel Co Ltd": [hit(TAIDA, 96.0), hit(OTHER, 84.0)]})
    with store.transaction() as s:
        screen_suppliers(s, screener, [sid], threshold=80)
    ids = {k: m.id for k, m in _matches(store, sid).items()}
    with store.transaction() as s:
        confirm(s, ids["builtin:hetian-taida"], "Same name in Chinese and same Hotan address as the WRO.")
        dismiss(s, ids["builtin:other-apparel"], "Different company: registered in Urumqi, makes uniforms.")
    with store.session() as s:
        assert new_since_last_review(s, sid) == []

    # Same lists again: nothing changes, nothing is flagged.
    with store.transaction() as s:
        summary = screen_suppliers(s, screener, [sid], threshold=80)
    assert (summary.new_hits, summary.changed, summary.disappeared) == (0, 0, 0)
    assert not any(m.changed for m in _matches(store, sid).values())

    # The lists change: Taida is added to the UFLPA Entity List, OTHER drops out.
    taida_listed = entity(TAIDA.key, TAIDA.name, TAIDA_WRO, TAIDA_UFLPA)
    screener.hits["Hetian Taida Apparel Co Ltd"] = [hit(taida_listed, 97.0)]
    with store.transaction() as s:
        summary = screen_suppliers(s, screener, [sid], threshold=80)
    assert (summary.new_hits, summary.changed, summary.disappeared) == (0, 1, 1)
    matches = _matches(store, sid)
    taida, other = matches["builtin:hetian-taida"], matches["builtin:other-apparel"]
    assert taida.status == "confirmed" and len(taida.decisions) == 1
    assert taida.changed and "new measure: UFLPA Entity List: initial list" in taida.change_note
    assert "score" not in taida.change_note  # 96 -> 97 is below the reporting step
    assert other.status == "dismissed" and not other.present and "no longer found" in other.change_note
    with store.session() as s:
        assert [m.entity_key for m in new_since_last_review(s, sid)] == [
            "builtin:hetian-taida",
            "builtin:other-apparel",
        ]
        assert [m.entity_key for m in needs_review(s, sid)] == [
            "builtin:hetian-taida",
            "builtin:other-apparel",
        ]

    # Reviewing the change clears the flag but keeps the history of decisions.
    with store.transaction() as s:
        confirm(s, taida.id, "Still the same entity; now also on the UFLPA Entity List.")
    matches = _matches(store, sid)
    assert not matches["builtin:hetian-taida"].changed
    assert [d.status for d in matches["builtin:hetian-taida"].decisions] == ["confirmed", "confirmed"]


def test_score_change_and_reappearance_are_flagged(store: Store) -> None:
    sid = _supplier(store)
    screener = ScriptedScreener({"Hetian Taida Apparel Co Ltd": [hit(TAIDA, 85.0)]})
    with store.transaction() as s:
        screen_suppliers(s, screener, None, threshold=80)
        match_id = s.query(Match.id).scalar()
        dismiss(s, match_id, "Different registration number.")
        screener.hits["Hetian Taida Apparel Co Ltd"] = []
        screen_suppliers(s, screener, None, threshold=80)
        screener.hits["Hetian Taida Apparel Co Ltd"] = [hit(TAIDA, 93.0)]
        screen_suppliers(s, screener, None, threshold=80)
    match = _matches(store, sid)["builtin:hetian-taida"]
    assert match.present and match.status == "dismissed"
    assert match.change_note == (
        "no longer found: below the threshold, or the entity left the list; "
        "found again after it had disappeared; score changed 85 → 93"
    )


def test_rescreen_after_a_list_import_touches_only_those_entities(store: Store) -> None:
    sid = _supplier(store)
    screener = ScriptedScreener({"Hetian Taida Apparel Co Ltd": [hit(TAIDA, 96.0)]})
    with store.transaction() as s:
        screen_suppliers(s, screener, None, threshold=80)
    screener.hits["Hetian Taida Apparel Co Ltd"] = [hit(OTHER, 88.0)]  # TAIDA not returned this time
    with store.transaction() as s:
        assert rescreen_for_entities(s, screener, {OTHER.key}, threshold=80) == 1
        assert rescreen_for_entities(s, screener, set(), threshold=80) == 0
    matches = _matches(store, sid)
    assert matches["builtin:hetian-taida"].present  # not part of the import, so not marked gone
    assert matches["builtin:other-apparel"].change_note == "new hit"


def test_deleted_suppliers_are_not_screened_and_cancel_rolls_back(store: Store) -> None:
    for i in range(120):
        _supplier(store, f"Supplier {i}")
    gone = _supplier(store, "Deleted Supplier")
    with store.transaction() as s:
        soft_delete_supplier(s, gone)
    screener = ScriptedScreener()
    with store.transaction() as s:
        assert screen_suppliers(s, screener, None, threshold=80).suppliers == 120
        assert screen_suppliers(s, screener, [gone, 1], threshold=80).suppliers == 1
    assert "Deleted Supplier" not in {q.name for q in screener.queries}
    state = TaskState()
    progress: list[int] = []
    state._on_progress = lambda done, total, msg: (
        progress.append(done),
        state.cancel() if done >= 100 else None,
    )
    with pytest.raises(Cancelled), store.transaction() as s:
        screen_suppliers(s, ScriptedScreener(), None, threshold=80, state=state)
    with store.session() as s:
        assert s.query(ScreeningRun).count() == 2  # the two finished runs above, not the cancelled one
    assert progress[:2] == [50, 100]


def test_the_real_engine_finds_the_chinese_name(store: Store) -> None:
    sid = _supplier(store, "和田泰达服装有限公司")
    with store.transaction() as s:
        summary = screen_suppliers(s, Screener([TAIDA, OTHER]), None, threshold=70)
    assert summary.new_hits >= 1
    assert "builtin:hetian-taida" in _matches(store, sid)


def test_a_decision_needs_a_rationale(store: Store) -> None:
    _supplier(store)
    with store.transaction() as s:
        screen_suppliers(s, ScriptedScreener({"Hetian Taida Apparel Co Ltd": [hit(TAIDA, 96.0)]}), None, 80)
        match_id = s.query(Match.id).scalar()
    with pytest.raises(ValidationError) as err, store.transaction() as s:
        confirm(s, match_id, "   ")
    assert "rationale" in err.value.errors
    with store.session() as s:
        assert s.query(MatchDecision).count() == 0
