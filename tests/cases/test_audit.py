"""The audit log: every change is logged in the same transaction and tampering is detected."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import delete, select, text, update

from tests.cases.helpers import TAIDA_WRO, ScriptedScreener, entity, hit, recorded_reviewer
from workbench.cases import audit
from workbench.cases.audit import AuditError, history, verify_chain
from workbench.cases.decisions import confirm
from workbench.cases.indicators import set_finding
from workbench.cases.screening import screen_suppliers
from workbench.cases.suppliers import add_product, create_supplier, soft_delete_supplier, update_supplier
from workbench.data.models import AuditEntry, Match, Supplier
from workbench.data.store import Store


def _some_history(store: Store) -> int:
    with store.transaction() as s:
        supplier = create_supplier(s, {"legal_name": "Hotan Sunshine Garments Co., Ltd.", "country": "CN"})
        add_product(s, supplier.id, {"description": "cotton T-shirts", "hs_code": "6109.10"})
        update_supplier(s, supplier.id, {"region": "Xinjiang"}, actor="Lee Auditor")
        soft_delete_supplier(s, supplier.id)
    return supplier.id


def _verify(store: Store) -> tuple[bool, int | None, str]:
    with store.session() as s:
        return verify_chain(s)


def _tamper(store: Store, sql: str, **params: object) -> None:
    with store.engine.begin() as conn:
        conn.execute(text(sql), params)


def _entry_ids(store: Store) -> list[int]:
    with store.session() as s:
        return list(s.scalars(select(AuditEntry.id).order_by(AuditEntry.id)))


def test_every_change_is_logged_with_who_and_before_after(store: Store) -> None:
    supplier_id = _some_history(store)
    with store.session() as s:
        entries = history(s, "supplier", supplier_id)
        assert [e.action for e in entries] == ["create", "update", "soft_delete"]
        assert entries[0].actor == recorded_reviewer(store)
        assert entries[0].after["legal_name"] == "Hotan Sunshine Garments Co., Ltd."
        assert entries[1].actor == "Lee Auditor"
        assert entries[1].before == {"region": ""} and entries[1].after == {"region": "Xinjiang"}
        product = s.scalars(select(AuditEntry).where(AuditEntry.object_type == "product")).one()
        assert product.after["hs_code"] == "6109.10"
    # the fixture's reviewer-name setting is the first entry
    assert _verify(store) == (True, None, "5 entries, chain intact.")


def test_a_rolled_back_change_leaves_no_entry(store: Store) -> None:
    before = _entry_ids(store)
    with pytest.raises(RuntimeError), store.transaction() as s:
        create_supplier(s, {"legal_name": "Never Saved Ltd"})
        raise RuntimeError("user cancelled")
    assert _entry_ids(store) == before
    assert _verify(store)[0]


def test_edited_row_is_detected(store: Store) -> None:
    _some_history(store)
    with store.session() as s:
        target = s.scalars(select(AuditEntry).where(AuditEntry.action == "update")).one().id
    _tamper(store, "UPDATE audit_log SET actor = 'Someone Else' WHERE id = :id", id=target)
    ok, bad_id, reason = _verify(store)
    assert not ok and bad_id == target
    assert "altered" in reason


def test_edited_before_after_json_is_detected(store: Store) -> None:
    _some_history(store)
    first = _entry_ids(store)[0]
    _tamper(store, "UPDATE audit_log SET after = :v WHERE id = :id", v='{"legal_name": "Other"}', id=first)
    assert _verify(store)[:2] == (False, first)


def test_deleted_row_is_detected(store: Store) -> None:
    _some_history(store)
    ids = _entry_ids(store)
    _tamper(store, "DELETE FROM audit_log WHERE id = :id", id=ids[1])
    ok, bad_id, reason = _verify(store)
    assert not ok and bad_id == ids[2]
    assert "removed" in reason


def test_deleting_the_newest_entry_is_detected(store: Store) -> None:
    _some_history(store)
    last = _entry_ids(store)[-1]
    _tamper(store, "DELETE FROM audit_log WHERE id = :id", id=last)
    ok, bad_id, reason = _verify(store)
    assert not ok and bad_id == last and "end of the log" in reason


def test_the_log_is_append_only_through_the_api(store: Store) -> None:
    _some_history(store)
    with pytest.raises(AuditError), store.transaction() as s:
        s.scalars(select(AuditEntry)).first().actor = "forged"
    with pytest.raises(AuditError), store.transaction() as s:
        s.execute(delete(AuditEntry))
    with pytest.raises(AuditError), store.transaction() as s:
        s.execute(update(Supplier).values(legal_name="bypass"))
    assert _verify(store)[0]


def test_concurrent_writers_do_not_fork_the_chain(store: Store) -> None:
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            for i in range(5):
                for _attempt in range(100):
                    try:
                        with store.transaction() as s:
                            create_supplier(s, {"legal_name": f"Writer {n} supplier {i}"}, actor=f"w{n}")
                        break
                    except Exception as exc:  # SQLite reports a busy database: retry like the UI does
                        if "locked" not in str(exc):
                            raise
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert _verify(store) == (True, None, "21 entries, chain intact.")


def test_without_the_hooks_nothing_is_logged(store: Store) -> None:
    before = _entry_ids(store)
    audit.uninstall()
    try:
        with store.transaction() as s:
            create_supplier(s, {"legal_name": "Unlogged"})
        assert _entry_ids(store) == before
    finally:
        audit.install()


RATIONALE = "Same company: name and Hotan address agree."


def test_decisions_and_indicator_findings_are_logged(store: Store) -> None:
    with store.transaction() as s:
        supplier = create_supplier(s, {"legal_name": "Hetian Taida Apparel Co Ltd"})
        taida = entity("builtin:hetian-taida", "Hetian Taida Apparel Co., Ltd.", TAIDA_WRO)
        screen_suppliers(s, ScriptedScreener({supplier.legal_name: [hit(taida, 97.0)]}), None, 80)
        match_id = s.scalar(select(Match.id))
        confirm(s, match_id, RATIONALE, reviewer="Sam Senior")
        set_finding(
            s,
            supplier.id,
            "debt_bondage",
            "suspected",
            evidence="Recruitment fees of 3 months' pay.",
            source_type="interview",
        )
    with store.session() as s:
        decision = s.scalars(select(AuditEntry).where(AuditEntry.object_type == "match_decision")).one()
        assert decision.actor == "Sam Senior" and decision.after["rationale"] == RATIONALE
        finding = s.scalars(select(AuditEntry).where(AuditEntry.object_type == "indicator_finding")).one()
        assert finding.actor == recorded_reviewer(store) and finding.after["status"] == "suspected"
        status = s.scalars(select(AuditEntry).where(AuditEntry.object_type == "match")).one()
        assert status.actor == "Sam Senior" and status.object_id == str(match_id)
        assert status.before["status"] == "open" and status.after == {"status": "confirmed"}
        assert status.before["entity_key"] == "builtin:hetian-taida"
        # screening itself (new matches, bookkeeping columns) adds no entries
        assert {e.object_type for e in s.scalars(select(AuditEntry))} == {
            "setting",
            "supplier",
            "match",
            "match_decision",
            "indicator_finding",
        }
    assert _verify(store)[0]
