"""Migration 0011_desktop adds the rating cache to a store holding data, and can be undone."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from workbench.data import migrations
from workbench.data.store import open_store


def test_upgrading_a_store_with_suppliers_adds_the_rating_cache_and_keeps_the_data(sqlite_url: str) -> None:
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    open_store(sqlite_url, load_builtin=False).dispose()
    con = sqlite3.connect(path)
    con.execute(
        "INSERT INTO supplier (legal_name, local_name, aliases, country, region, address, website, "
        "registration_id, contact, tier, notes, created_at, updated_at) VALUES "
        "('Hetian Taida Apparel Co Ltd', '和田泰达服装有限公司', '[]', 'CN', '', '', '', '', '', 1, '', "
        "'2026-01-01 00:00:00', '2026-01-01 00:00:00')"
    )
    con.execute("DROP TABLE supplier_rating")
    con.execute("UPDATE alembic_version SET version_num = '0003_supplier_parent'")
    con.commit()
    con.close()
    store = open_store(sqlite_url, load_builtin=False)
    assert migrations.current_revision(store.engine) == "0011_desktop"
    store.dispose()
    con = sqlite3.connect(path)
    assert con.execute("SELECT local_name FROM supplier").fetchall() == [("和田泰达服装有限公司",)]
    assert con.execute("SELECT count(*) FROM supplier_rating").fetchone() == (0,)
    con.close()
    assert list(path.parent.glob("*.backup-*.sqlite3"))  # backed up before the upgrade


def test_the_migration_downgrades(sqlite_url: str) -> None:
    from alembic import command

    store = open_store(sqlite_url, load_builtin=False)
    command.downgrade(migrations.alembic_config(store.engine), "0003_supplier_parent")
    assert migrations.current_revision(store.engine) == "0003_supplier_parent"
    assert migrations.upgrade(store.engine)
    assert migrations.current_revision(store.engine) == "0011_desktop"
    store.dispose()
