"""Upgrading a store that already holds suppliers, twins included, to edit versions and identities."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from workbench.data import migrations
from workbench.data.models import IndicatorFinding, Supplier
from workbench.data.store import make_engine, open_store

ROWS = [  # (legal_name, country, deleted)
    ("Hotan Sunrise Garments", "CN", False),
    ("HOTAN  sunrise garments ", "cn", False),  # a twin of the first
    ("Hotan Sunrise Garments", "CN", True),  # a deleted twin
    ("Aksu Cotton Mill", "", False),
]


def _insert_suppliers(url: str) -> None:
    engine = make_engine(url)
    command.upgrade(migrations.alembic_config(engine), "0003_supplier_parent")
    with engine.begin() as conn:
        for name, country, deleted in ROWS:
            conn.execute(
                text(
                    "INSERT INTO supplier (legal_name, local_name, aliases, country, region, address,"
                    " website, registration_id, contact, tier, notes, created_at, updated_at, deleted_at)"
                    " VALUES (:n, '', '[]', :c, '', '', '', '', '', 1, '', CURRENT_TIMESTAMP,"
                    " CURRENT_TIMESTAMP, :d)"
                ),
                {"n": name, "c": country, "d": "2026-01-01 00:00:00" if deleted else None},
            )
        conn.execute(
            text(
                "INSERT INTO indicator_finding (supplier_id, indicator_id, status, evidence, source_type,"
                " source_ref, prefilled_from, reviewer, updated_at)"
                " VALUES (1, 'debt_bondage', 'suspected', 'fees', 'interview', '', '', 'Dana',"
                " CURRENT_TIMESTAMP)"
            )
        )
    engine.dispose()


def test_upgrade_keeps_twins_and_makes_identity_unique(any_url: str) -> None:
    _insert_suppliers(any_url)
    store = open_store(any_url, load_builtin=False)
    try:
        assert migrations.current_revision(store.engine) == migrations.head_revision()
        with store.session() as s:
            columns = (Supplier.id, Supplier.identity_key, Supplier.version)
            rows = s.execute(select(*columns).order_by(Supplier.id))
            assert [tuple(r) for r in rows] == [
                (1, "hotan sunrise garments\tcn", 1),
                (2, "hotan sunrise garments\tcn#2", 1),  # the later twin is kept, told apart by its id
                (3, "hotan sunrise garments\tcn", 1),  # deleted: outside the unique index
                (4, "aksu cotton mill\t", 1),
            ]
            assert s.scalar(select(IndicatorFinding.version)) == 1  # kept: no cascade on rebuild
        with pytest.raises(IntegrityError), store.engine.begin() as conn:
            conn.execute(text("UPDATE supplier SET identity_key = 'aksu cotton mill\t' WHERE id = 1"))
    finally:
        store.dispose()
    engine = make_engine(any_url)
    try:
        command.downgrade(migrations.alembic_config(engine), "0003_supplier_parent")
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM supplier")).scalar() == 4
    finally:
        engine.dispose()
