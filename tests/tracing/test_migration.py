"""Migration 0012_tracing: upgrades a store holding data, matches the models, downgrades cleanly."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from workbench.data import migrations
from workbench.data.models import Base
from workbench.data.store import make_engine, open_store

TABLES = {"traced_product", "trace_node", "evidence_document"}


def test_upgrade_keeps_data_matches_models_and_downgrades(any_url: str) -> None:
    engine = make_engine(any_url)
    cfg = migrations.alembic_config(engine)
    command.upgrade(cfg, "0003_supplier_parent")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO supplier (legal_name, local_name, aliases, country, region, address, website,"
                " registration_id, contact, tier, notes, created_at, updated_at)"
                " VALUES ('Pearl Fabrics Ltd.', '', '[]', 'Bangladesh', '', '', '', '', '', 2, '',"
                " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
        )
    engine.dispose()
    store = open_store(any_url)
    try:
        assert set(inspect(store.engine).get_table_names()) >= TABLES
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT legal_name FROM supplier")).scalar() == "Pearl Fabrics Ltd."
            diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        ours = [d for d in diffs if any(t in repr(d) for t in TABLES)]
        assert ours == []
    finally:
        store.dispose()
    engine = make_engine(any_url)
    command.downgrade(migrations.alembic_config(engine), "0003_supplier_parent")
    assert not TABLES & set(inspect(engine).get_table_names())
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM supplier")).scalar() == 1
    engine.dispose()
