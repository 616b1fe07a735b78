"""Migration 0011_desktop adds the rating cache to a store holding data, and can be undone."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from workbench.data import migrations
from workbench.data.store import open_store

BEFORE = "0006_audit_checkpoints"  # the revision before 0011_desktop


def test_upgrading_a_store_with_suppliers_adds_the_rating_cache_and_keeps_the_data(sqlite_url: str) -> None:
    from alembic import command

    path = Path(sqlite_url.removeprefix("sqlite:///"))
    store = open_store(sqlite_url, load_builtin=False)
    command.downgrade(migrations.alembic_config(store.engine), BEFORE)
    store.dispose()
    con = sqlite3.connect(path)
    assert "supplier_rating" not in {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
    con.execute(
        "INSERT INTO supplier (legal_name, local_name, aliases, country, region, address, website, "
        "registration_id, contact, tier, notes, created_at, updated_at, identity_key) VALUES "
        "('Hetian Taida Apparel Co Ltd', '和田泰达服装有限公司', '[]', 'CN', '', '', '', '', '', 1, '', "
        "'2026-01-01 00:00:00', '2026-01-01 00:00:00', 'hetian taida apparel co ltd\tcn')"
    )
    con.commit()
    con.close()
    store = open_store(sqlite_url, load_builtin=False)
    assert migrations.current_revision(store.engine) == migrations.head_revision()
    store.dispose()
    con = sqlite3.connect(path)
    assert con.execute("SELECT local_name FROM supplier").fetchall() == [("和田泰达服装有限公司",)]
    assert con.execute("SELECT count(*) FROM supplier_rating").fetchone() == (0,)
    con.close()
    assert list(path.parent.glob("*.backup-*.sqlite3"))  # backed up before the upgrade


def test_the_migration_downgrades(sqlite_url: str) -> None:
    from alembic import command

    store = open_store(sqlite_url, load_builtin=False)
    command.downgrade(migrations.alembic_config(store.engine), BEFORE)
    assert migrations.current_revision(store.engine) == BEFORE
    assert migrations.upgrade(store.engine)
    assert migrations.current_revision(store.engine) == migrations.head_revision()
    store.dispose()
