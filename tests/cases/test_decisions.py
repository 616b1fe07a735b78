"""Decision history on hits: decide, revise, undo (all new audited rows), rationale substance, versions."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select, text

from tests.cases.helpers import TAIDA_WRO, ScriptedScreener, entity, hit, recorded_reviewer
from workbench.cases.audit import verify_chain
from workbench.cases.decisions import HitChanged, decide, undo_last
from workbench.cases.errors import NotFound, ValidationError
from workbench.cases.screening import screen_suppliers
from workbench.cases.suppliers import create_supplier
from workbench.data import migrations
from workbench.data.models import AuditEntry, Match, MatchDecision
from workbench.data.store import Store, make_engine, open_store

TAIDA = entity("builtin:hetian-taida", "Hetian Taida Apparel Co., Ltd.", TAIDA_WRO)
NAME = "Hetian Taida Apparel Co Ltd"
SAME = "Same Chinese name and Hotan address as the company the WRO names."
OTHER = "Different company: registered in Guangdong, makes shoes, no Xinjiang address."


def _screened(store: Store, score: float = 97.0) -> tuple[int, ScriptedScreener]:
    screener = ScriptedScreener({NAME: [hit(TAIDA, score)]})
    with store.transaction() as s:
        create_supplier(s, {"legal_name": NAME, "country": "CN"})
        screen_suppliers(s, screener, None, threshold=80)
        return s.scalar(select(Match.id)), screener


def _match(store: Store, match_id: int) -> Match:
    with store.session() as s:
        match = s.get(Match, match_id)
        assert match is not None
        _ = match.decisions, match.current_decision
        return match


@pytest.mark.postgres
def test_revise_and_undo_are_new_audited_rows_and_undo_restores_the_previous_state(store: Store) -> None:
    match_id, _ = _screened(store)
    assert _match(store, match_id).version == 1
    with store.transaction() as s:
        decide(s, match_id, "confirmed", SAME, expected_version=1)
    with store.transaction() as s:
        decide(s, match_id, "dismissed", OTHER, reviewer="Sam Senior", expected_version=2)
    match = _match(store, match_id)
    assert (match.status, match.version, match.changed) == ("dismissed", 3, False)
    assert [(d.action, d.status, d.previous_status, d.version) for d in match.decisions] == [
        ("decide", "confirmed", "open", 2),
        ("revise", "dismissed", "confirmed", 3),
    ]
    assert match.decisions[0].rationale == SAME  # the first decision is kept as it was

    with store.transaction() as s:
        undo = undo_last(s, match_id, reviewer="Sam Senior", reason="dismissed the wrong hit")
        assert undo.undoes_id == match.decisions[1].id
    match = _match(store, match_id)
    assert (match.status, match.version) == ("confirmed", 4)
    assert match.current_decision is not None and match.current_decision.rationale == SAME
    assert "Undid the revision 'dismissed' by Sam Senior" in match.decisions[-1].rationale
    assert match.decisions[-1].rationale.endswith(": dismissed the wrong hit")

    with store.transaction() as s:
        undo_last(s, match_id)
    match = _match(store, match_id)
    assert (match.status, match.changed, match.current_decision) == ("open", True, None)  # as screened
    assert [d.action for d in match.decisions] == ["decide", "revise", "undo", "undo"]
    with store.transaction() as s, pytest.raises(ValidationError, match="has no decision to undo"):
        undo_last(s, match_id)

    with store.session() as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.object_type == "match_decision")).all()
        assert [(e.action, e.actor, e.after["action"]) for e in entries] == [
            ("create", recorded_reviewer(store), "decide"),
            ("create", "Sam Senior", "revise"),
            ("create", "Sam Senior", "undo"),
            ("create", recorded_reviewer(store), "undo"),
        ]
        assert verify_chain(s)[0]


@pytest.mark.parametrize(
    "rationale",
    ["", "ok", "Same company.", "Sameaddressandname-sameaddressandname", "ok ok ok ok ok ok ok ok ok"],
)
def test_a_rationale_without_substance_is_refused(store: Store, rationale: str) -> None:
    match_id, _ = _screened(store)
    with store.transaction() as s, pytest.raises(ValidationError) as caught:
        decide(s, match_id, "confirmed", rationale)
    assert "say what you compared" in caught.value.errors["rationale"]
    with store.session() as s:
        assert s.scalar(select(MatchDecision.id)) is None


def test_a_rationale_in_chinese_counts_its_characters(store: Store) -> None:
    match_id, _ = _screened(store)
    with store.transaction() as s:
        decide(s, match_id, "dismissed", "不是同一家公司：注册地在广东，生产鞋类。")
        with pytest.raises(ValidationError, match="too short"):
            decide(s, match_id, "confirmed", "同一家公司")
    assert _match(store, match_id).status == "dismissed"


def test_a_revision_needs_a_new_rationale_and_unknown_hits_are_named(store: Store) -> None:
    match_id, _ = _screened(store)
    with store.transaction() as s:
        decide(s, match_id, "confirmed", SAME)
    with store.transaction() as s, pytest.raises(ValidationError, match="already recorded"):
        decide(s, match_id, "confirmed", "  " + SAME)
    with store.transaction() as s, pytest.raises(NotFound, match="Hit 999 does not exist"):
        decide(s, 999, "confirmed", SAME)


@pytest.mark.postgres
def test_a_decision_on_a_hit_decided_meanwhile_is_refused_with_who_and_when(store: Store) -> None:
    match_id, _ = _screened(store)
    shown = _match(store, match_id).version
    with store.transaction() as s:
        decide(s, match_id, "dismissed", OTHER, reviewer="Sam Senior", expected_version=shown)
    with store.transaction() as s, pytest.raises(HitChanged) as caught:
        decide(s, match_id, "confirmed", SAME, expected_version=shown)
    err = caught.value
    assert (err.by, err.shown, err.version) == ("Sam Senior", 1, 2)
    assert err.at is not None and "decision: dismissed" in str(err) and "Nothing was recorded" in str(err)
    with store.transaction() as s, pytest.raises(HitChanged):
        undo_last(s, match_id, expected_version=shown)
    match = _match(store, match_id)
    assert (match.status, len(match.decisions)) == ("dismissed", 1)


@pytest.mark.postgres
def test_a_rescreen_that_changes_the_hit_raises_its_version_and_says_so(store: Store) -> None:
    match_id, screener = _screened(store)
    with store.transaction() as s:  # the same result again: nothing for the reviewer to see
        screen_suppliers(s, screener, None, threshold=80)
    assert _match(store, match_id).version == 1
    screener.hits[NAME] = [hit(TAIDA, 85.0)]
    with store.transaction() as s:
        screen_suppliers(s, screener, None, threshold=80)
    assert _match(store, match_id).version == 2
    with store.transaction() as s, pytest.raises(HitChanged) as caught:
        decide(s, match_id, "confirmed", SAME, expected_version=1)
    assert caught.value.by == "Dana Reviewer"  # the screening run's reviewer setting
    assert "re-screened" in str(caught.value) and "score changed 97 → 85" in str(caught.value)


@pytest.mark.postgres
def test_upgrading_numbers_existing_decisions_as_their_history(any_url: str) -> None:
    from alembic import command

    engine = make_engine(any_url)
    command.upgrade(migrations.alembic_config(engine), "0003_supplier_parent")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO supplier (id, legal_name, local_name, aliases, country, region, address, "
                "website, registration_id, contact, tier, notes, created_at, updated_at) VALUES "
                "(1, 'Hotan Sunrise', '', '[]', 'CN', '', '', '', '', '', 1, '', CURRENT_TIMESTAMP, "
                "CURRENT_TIMESTAMP)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO match (id, supplier_id, entity_key, entity_name, matched_name, score, evidence, "
                "measures, status, present, changed, change_note) VALUES "
                "(5, 1, 'builtin:x', 'X Co', 'X Co', 96, '[]', '[]', 'dismissed', true, false, ''),"
                "(6, 1, 'builtin:y', 'Y Co', 'Y Co', 90, '[]', '[]', 'open', true, true, 'new hit')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO match_decision (match_id, status, rationale, reviewer, decided_at) VALUES "
                "(5, 'confirmed', 'first', 'Ann', '2026-01-02 10:00:00'),"
                "(5, 'dismissed', 'second', 'Bob', '2026-01-03 10:00:00')"
            )
        )
    engine.dispose()
    store = open_store(any_url, load_builtin=False)
    try:
        with store.session() as s:
            decided, pending = s.get(Match, 5), s.get(Match, 6)
            assert (decided.version, pending.version) == (3, 1)
            assert [(d.action, d.status, d.previous_status, d.version) for d in decided.decisions] == [
                ("decide", "confirmed", "open", 2),
                ("decide", "dismissed", "confirmed", 3),
            ]
            assert decided.current_decision.rationale == "second"
    finally:
        store.dispose()


@pytest.mark.postgres
def test_two_reviewers_deciding_at_the_same_moment_cannot_both_succeed(store: Store) -> None:
    match_id, _ = _screened(store)
    outcome: list[BaseException | None] = []
    with store.transaction() as first:
        decide(first, match_id, "confirmed", SAME, expected_version=1)  # not committed yet

        def second_reviewer() -> None:
            try:
                with store.transaction() as second:
                    decide(second, match_id, "dismissed", OTHER, "Sam Senior", expected_version=1)
                outcome.append(None)
            except HitChanged as exc:
                outcome.append(exc)

        thread = threading.Thread(target=second_reviewer)
        thread.start()
        thread.join(0.5)
        assert thread.is_alive()  # waiting for the first transaction's lock, not deciding on stale data
    thread.join(10)
    assert len(outcome) == 1 and isinstance(outcome[0], HitChanged)
    assert outcome[0].by == recorded_reviewer(store) and "decision: confirmed" in str(outcome[0])
    match = _match(store, match_id)
    assert (match.status, match.version, len(match.decisions)) == ("confirmed", 2, 1)
