"""Bounded waits and honest messages: a busy, slow or full store is not a damaged one."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

import workbench.cases  # noqa: F401  (installs the audit hooks)
from workbench.cases.suppliers import create_supplier
from workbench.data import store as store_module
from workbench.data.models import Setting
from workbench.data.store import error_kind, open_store, unreadable_store

DANGEROUS = ("backup", "move it aside", "server is running")


def _message(url: str, exc: DBAPIError) -> str:
    message = str(unreadable_store(url, exc))
    assert not any(advice in message for advice in DANGEROUS), message
    return message


def test_a_locked_sqlite_store_waits_a_bounded_time_and_says_so(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "LOCK_WAIT_MS", 300)
    store = open_store(sqlite_url, load_builtin=False)
    other = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"))
    try:
        other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
        started = time.monotonic()
        with pytest.raises(DBAPIError) as caught, store.transaction() as s:
            create_supplier(s, {"legal_name": "Waiting Co"}, actor="tester")
        assert 0.25 < time.monotonic() - started < 5
        assert error_kind(caught.value) == "busy"
        message = _message(store.url, caught.value)
        assert "Nothing is wrong with the store" in message and "try again" in message
    finally:
        other.rollback()
        other.close()
        store.dispose()


def test_a_full_disk_is_not_called_damage(sqlite_url: str) -> None:
    store = open_store(sqlite_url, load_builtin=False)
    try:
        with pytest.raises(DBAPIError) as caught, store.engine.begin() as conn:
            pages = conn.execute(text("PRAGMA page_count")).scalar()
            conn.execute(text(f"PRAGMA max_page_count={pages}"))  # the file cannot grow: as on a full disk
            conn.execute(text("CREATE TABLE filler (x TEXT)"))
            conn.execute(text("INSERT INTO filler VALUES (:x)"), {"x": "x" * 1_000_000})
        assert error_kind(caught.value) == "full"
        message = _message(store.url, caught.value)
        assert "disk holding the store is full" in message and str(Path(store.url[10:]).parent) in message
    finally:
        store.dispose()


def test_postgres_connections_have_a_lock_and_a_statement_timeout(postgres_url: str) -> None:
    store = open_store(postgres_url, load_builtin=False)
    try:
        with store.engine.connect() as conn:
            assert conn.execute(text("SHOW lock_timeout")).scalar() == "5s"
            assert conn.execute(text("SHOW statement_timeout")).scalar() == "5min"
    finally:
        store.dispose()


def test_a_postgres_row_lock_wait_ends_with_a_busy_message(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "LOCK_WAIT_MS", 300)
    store = open_store(postgres_url, load_builtin=False)
    try:
        with store.transaction() as s:
            supplier_id = create_supplier(s, {"legal_name": "Locked Co"}, actor="tester").id
        with store.engine.connect() as holder:
            holder.execute(text("SELECT id FROM supplier WHERE id = :i FOR UPDATE"), {"i": supplier_id})
            started = time.monotonic()
            with pytest.raises(DBAPIError) as caught, store.engine.begin() as conn:
                conn.execute(text("UPDATE supplier SET notes = 'x' WHERE id = :i"), {"i": supplier_id})
            assert time.monotonic() - started < 5
            holder.rollback()
        assert error_kind(caught.value) == "busy"
        assert "Nothing is wrong with the store" in _message(store.url, caught.value)
    finally:
        store.dispose()


@pytest.mark.parametrize(
    ("statements", "kind", "says"),
    [
        (
            ["SET LOCAL statement_timeout = 100", "SELECT pg_sleep(2)"],
            "timeout",
            "stopped a statement that ran longer than",
        ),
        (  # a constraint violation is not a server problem
            ["INSERT INTO setting (key, value) VALUES ('k', 'a'), ('k', 'b')"],
            "conflict",
            "conflicts with data saved at the same moment",
        ),
    ],
    ids=["statement timeout", "constraint violation"],
)
def test_postgres_errors_say_what_happened(postgres_url: str, statements: list[str], kind: str, says: str):
    store = open_store(postgres_url, load_builtin=False)
    try:
        with pytest.raises(DBAPIError) as caught, store.engine.begin() as conn:
            for statement in statements:
                conn.execute(text(statement))
        assert error_kind(caught.value) == kind
        assert says in _message(store.url, caught.value)
        with store.session() as s:
            assert s.scalar(select(Setting.key).where(Setting.key == "k")) is None  # rolled back
    finally:
        store.dispose()


def test_damage_still_points_to_the_backup(sqlite_url: str) -> None:
    from sqlalchemy.exc import OperationalError

    exc = OperationalError("SELECT 1", {}, sqlite3.DatabaseError("database disk image is malformed"))
    assert error_kind(exc) == "damaged"
    assert "Restore it from a backup" in str(unreadable_store(sqlite_url, exc))
