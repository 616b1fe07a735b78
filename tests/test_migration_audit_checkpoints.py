"""Upgrading a store with memos to the audit-checkpoint schema keeps them, as issued, and downgrades."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect, select, text

from workbench.data import migrations
from workbench.data.models import Memo
from workbench.data.store import make_engine, open_store


def test_memos_written_before_the_upgrade_are_kept_as_issued(any_url: str) -> None:
    engine = make_engine(any_url)
    command.upgrade(migrations.alembic_config(engine), "0003_supplier_parent")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO memo (id, title, supplier_ids, path, sha256, signer, dataset_version,"
                " list_snapshots, created_at) VALUES ('M-1', 'Memo', '[\"1\"]', '/tmp/m.pdf', :h,"
                " 'Dana', '2026.11.1', '[]', CURRENT_TIMESTAMP)"
            ),
            {"h": "ab" * 32},
        )
    engine.dispose()
    store = open_store(any_url, load_builtin=False)
    try:
        with store.session() as s:
            memo = s.scalar(select(Memo))
            assert (memo.id, memo.sha256, memo.status, memo.chain_length, memo.chain_head) == (
                "M-1",
                "ab" * 32,
                "issued",
                0,
                "",
            )
        assert "audit_checkpoint" in inspect(store.engine).get_table_names()
        command.downgrade(migrations.alembic_config(store.engine), "0003_supplier_parent")
        assert "audit_checkpoint" not in inspect(store.engine).get_table_names()
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT id FROM memo")).scalar() == "M-1"
    finally:
        store.dispose()
