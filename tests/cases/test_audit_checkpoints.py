"""Signed checkpoints: a rewritten or truncated log fails after a checkpoint, even with every hash
recomputed and `audit_head` moved; what each change to the store logs."""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives import serialization
from sqlalchemy import func, select, text

from tests.cases.helpers import TAIDA_WRO, ScriptedScreener, entity, hit
from tests.cases.tamper import rewrite_log
from tests.memo.conftest import make_identity
from workbench.cases.audit import walk_chain
from workbench.cases.checkpoints import (
    check_checkpoints,
    checkpoint_positions,
    create_checkpoint,
    remember,
)
from workbench.cases.decisions import confirm, set_reviewer_name
from workbench.cases.screening import screen_suppliers
from workbench.cases.suppliers import create_supplier, update_supplier
from workbench.data.models import AuditEntry, Match, Supplier
from workbench.data.store import Store
from workbench.lists.importer import import_list
from workbench.memo.identity import SigningIdentity, trust_dir

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "lists"


def _trust(identity: SigningIdentity) -> None:
    trust_dir().mkdir(parents=True, exist_ok=True)
    pem = identity.cert.public_bytes(serialization.Encoding.PEM)
    (trust_dir() / f"{identity.fingerprint[:8]}.pem").write_bytes(pem)


def _history(store: Store) -> None:
    with store.transaction() as s:
        first = s.scalar(select(func.count()).select_from(Supplier)) or 0
        for i in range(first, first + 4):
            supplier = create_supplier(s, {"legal_name": f"Supplier {i} Textile Co", "country": "CN"})
            update_supplier(s, supplier.id, {"region": "Xinjiang"})


def _checkpoint(store: Store, identity: SigningIdentity) -> int:
    with store.session() as s:
        with s.begin():
            checkpoint = create_checkpoint(s, identity)
        remember(s, checkpoint)
        return checkpoint.chain_length


def _check(store: Store) -> tuple[bool, list]:
    with store.session() as s:
        report = walk_chain(s, checkpoint_positions(s))
        return report.ok, check_checkpoints(s, report)


def test_a_checked_log_with_a_trusted_checkpoint_is_intact(store: Store) -> None:
    identity = make_identity("Dana Reviewer", "")
    _trust(identity)
    _history(store)
    length = _checkpoint(store, identity)
    _history(store)  # more entries after the checkpoint are fine
    ok, checks = _check(store)
    assert ok and length == 9
    assert [c.source for c in checks] == ["store", "this computer"]
    assert all(c.signature_valid and c.trusted and c.matches_log and not c.problem for c in checks)


def test_rewriting_with_recomputed_hashes_fails_after_a_checkpoint(store: Store) -> None:
    identity = make_identity("Dana Reviewer", "")
    _trust(identity)
    _history(store)
    _checkpoint(store, identity)
    rewrite_log(store, position=3)
    ok, checks = _check(store)
    assert ok, "the recomputed chain is self-consistent: only the checkpoint tells"
    assert all(c.tampered for c in checks)
    assert "rewritten after it was signed" in checks[0].problem


def test_truncating_and_moving_the_head_fails_after_a_checkpoint(store: Store) -> None:
    identity = make_identity("Dana Reviewer", "")
    _trust(identity)
    _history(store)
    _checkpoint(store, identity)
    rewrite_log(store, position=0, keep=5)
    ok, checks = _check(store)
    assert ok and checks[0].tampered
    assert "covers 9 entries but the log now has 5" in checks[0].problem


def test_deleting_the_checkpoints_too_is_caught_by_the_copy_kept_on_this_computer(store: Store) -> None:
    identity = make_identity("Dana Reviewer", "")
    _trust(identity)
    _history(store)
    _checkpoint(store, identity)
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_checkpoint"))
    ok, checks = _check(store)
    assert ok and len(checks) == 1 and checks[0].missing_from_store and checks[0].tampered
    rewrite_log(store, position=2)
    assert _check(store)[1][0].tampered


def test_an_altered_checkpoint_fails(store: Store) -> None:
    identity = make_identity("Dana Reviewer", "")
    _trust(identity)
    _history(store)
    _checkpoint(store, identity)
    rewrite_log(store, position=3)
    with store.engine.begin() as conn:  # the attacker also "fixes" the checkpoint's hash
        head = conn.execute(text("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1")).scalar()
        conn.execute(text("UPDATE audit_checkpoint SET head_hash = :h"), {"h": head})
    _, checks = _check(store)
    assert not checks[0].signature_valid and "signature does not match" in checks[0].problem


def test_a_checkpoint_by_another_key_in_the_same_name_is_not_trusted(store: Store) -> None:
    mine = make_identity("Dana Reviewer", "")
    _trust(mine)
    impostor = make_identity("Dana Reviewer", "")
    _history(store)
    with store.transaction() as s:
        create_checkpoint(s, impostor)
    ok, checks = _check(store)
    assert ok and not checks[0].tampered and not checks[0].trusted
    assert "not in your trust list" in checks[0].problem


def test_match_status_list_imports_and_settings_are_logged(store: Store) -> None:
    with store.transaction() as s:
        supplier = create_supplier(s, {"legal_name": "Hetian Taida Apparel Co Ltd"})
        taida = entity("builtin:hetian-taida", "Hetian Taida Apparel Co., Ltd.", TAIDA_WRO)
        screen_suppliers(s, ScriptedScreener({supplier.legal_name: [hit(taida, 97.0)]}), None, 80)
        confirm(s, s.scalar(select(Match.id)), "Same company, same address.", reviewer="Sam Senior")
        set_reviewer_name(s, "Dana R. Reviewer")
    with store.session() as s:
        import_list(s, SAMPLES / "uflpa_sample.csv", "watchlist-csv", name="UFLPA test list")
        s.commit()
    with store.session() as s:
        kinds = [(e.object_type, e.action) for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))]
        setting = s.scalars(
            select(AuditEntry).where(AuditEntry.object_type == "setting", AuditEntry.action == "update")
        ).one()
        assert setting.before == {"value": "Dana Reviewer"} and setting.after == {"value": "Dana R. Reviewer"}
        snapshot = s.scalars(
            select(AuditEntry).where(AuditEntry.object_type == "list_snapshot", AuditEntry.action == "create")
        ).one()
        assert snapshot.after["sha256"] and snapshot.after["source_file"].endswith("uflpa_sample.csv")
    assert ("match", "update") in kinds and ("match_decision", "create") in kinds
    assert ("watchlist", "create") in kinds and ("list_snapshot", "update") in kinds
    with store.session() as s:
        assert walk_chain(s).ok
