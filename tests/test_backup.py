"""`workbench backup` / `workbench restore`: consistent copies while the store is in use, safe restores."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

import workbench.cases  # noqa: F401  (the session hooks)
from workbench import paths
from workbench.cases.suppliers import create_supplier
from workbench.cli import main
from workbench.data.backup import backup_store, restore_store
from workbench.data.models import Supplier
from workbench.data.store import StoreError, open_store


def _count(store) -> int:
    with store.session() as s:
        return int(s.scalar(select(func.count()).select_from(Supplier)))


def _add(store, name: str) -> None:
    with store.transaction() as s:
        create_supplier(s, {"legal_name": name, "country": "VN"})


def test_backup_then_restore_brings_back_the_data_and_keeps_the_replaced_store(
    tmp_path: Path, capsys
) -> None:
    store = open_store(load_builtin=False)
    _add(store, "Before Backup Ltd")
    out = tmp_path / "backup.sqlite3"
    assert main(["backup", str(out)]) == 0
    assert f"Backed up the store to {out}" in capsys.readouterr().out
    _add(store, "After Backup Ltd")
    assert _count(store) == 2
    assert main(["restore", str(out)]) == 0
    message = capsys.readouterr().out
    assert "Restored the store from" in message and "kept at" in message
    assert _count(store) == 1  # the open store sees the restored content
    copies = list(paths.store_path().parent.glob("*.backup-*.sqlite3"))
    assert len(copies) == 1
    con = sqlite3.connect(copies[0])
    assert con.execute("SELECT count(*) FROM supplier").fetchone() == (2,)  # the replaced store, kept
    con.close()
    store.dispose()


def test_backup_and_restore_find_a_store_in_a_folder_named_like_url_options(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WORKBENCH_HOME", str(tmp_path / "home?mode=ro"))
    store = open_store(load_builtin=False)
    _add(store, "Question Mark Folder Ltd")
    out = backup_store(tmp_path / "backup.sqlite3")
    _add(store, "Added Later Ltd")
    restore_store(out)
    assert _count(store) == 1
    assert paths.store_path().parent.name == "home?mode=ro"
    store.dispose()


def test_a_backup_taken_while_another_connection_writes_is_consistent(tmp_path: Path) -> None:
    store = open_store(load_builtin=False)
    for i in range(50):
        _add(store, f"Supplier {i} Ltd")
    stop = threading.Event()

    def writer() -> None:
        i = 0
        while not stop.is_set():
            _add(store, f"Concurrent {i} Ltd")
            i += 1

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        outs = [backup_store(tmp_path / f"b{i}.sqlite3") for i in range(3)]
    finally:
        stop.set()
        thread.join()
    for out in outs:
        con = sqlite3.connect(out)
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert con.execute("SELECT count(*) FROM supplier").fetchone()[0] >= 50
        con.close()
    store.dispose()


def test_restore_refuses_a_newer_schema_and_changes_nothing(tmp_path: Path, capsys) -> None:
    store = open_store(load_builtin=False)
    _add(store, "Keep Me Ltd")
    out = backup_store(tmp_path / "newer.sqlite3")
    con = sqlite3.connect(out)
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.close()
    assert main(["restore", str(out)]) == 2
    err = capsys.readouterr().err
    assert "newer version of Workbench" in err and str(out) in err
    assert _count(store) == 1
    assert not list(paths.store_path().parent.glob("*.backup-*.sqlite3"))
    store.dispose()


def test_restore_refuses_files_that_are_not_workbench_stores(tmp_path: Path) -> None:
    junk = tmp_path / "notes.sqlite3"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError, match="not a Workbench backup"):
        restore_store(junk)
    other = tmp_path / "other.sqlite3"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="not a Workbench store"):
        restore_store(other)


def test_backup_never_overwrites_and_refuses_a_server_store(tmp_path: Path, monkeypatch) -> None:
    open_store(load_builtin=False).dispose()
    out = tmp_path / "b.sqlite3"
    out.write_text("precious", encoding="utf-8")
    with pytest.raises(StoreError, match="already exists"):
        backup_store(out)
    assert out.read_text(encoding="utf-8") == "precious"
    monkeypatch.setenv("WORKBENCH_DB_URL", "postgresql+psycopg://u@localhost/db")
    with pytest.raises(StoreError, match="pg_dump"):
        backup_store(tmp_path / "c.sqlite3")
