"""The store opens, migrates, loads the built-in measures once, and refuses bad files untouched."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text

from workbench.data import migrations
from workbench.data.models import DatasetInfo, Entity, Measure
from workbench.data.store import StoreError, open_store
from workbench.measures.dataset import ensure_builtin_loaded, read_dataset


def test_new_store_is_created_migrated_and_loaded(any_store):
    with any_store.session() as s:
        assert migrations.current_revision(any_store.engine) == migrations.head_revision()
        info = s.get(DatasetInfo, "builtin")
        data, digest = read_dataset()
        assert info is not None and info.version == data["version"] and info.sha256 == digest
        assert s.scalar(select(func.count()).select_from(Measure)) == len(data["measures"])
        assert s.scalar(select(func.count()).select_from(Entity)) == len(data["entities"])


def test_loading_the_builtin_dataset_twice_changes_nothing(any_store):
    assert ensure_builtin_loaded(any_store) is False


def test_changed_shipped_dataset_replaces_builtin_rows_but_keeps_user_data(any_store):
    from workbench.data.models import Supplier
    from workbench.measures.dataset import replace_dataset

    data, _ = read_dataset()
    with any_store.transaction() as s:
        s.add(Supplier(legal_name="Acme Textiles Ltd", country="VN"))
    smaller = dict(data, version="9999.1", measures=data["measures"][:3])
    with any_store.transaction() as s:
        replace_dataset(s, smaller, "0" * 64)
    with any_store.session() as s:
        assert s.scalar(select(func.count()).select_from(Measure)) == 3
        assert s.get(DatasetInfo, "builtin").version == "9999.1"
        assert s.scalar(select(Supplier.legal_name)) == "Acme Textiles Ltd"
    assert ensure_builtin_loaded(any_store) is True  # the shipped content comes back
    with any_store.session() as s:
        assert s.scalar(select(func.count()).select_from(Measure)) == len(data["measures"])


def test_sqlite_pragmas_are_set(sqlite_store):
    with sqlite_store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def test_default_store_lives_in_workbench_home(isolated_home):
    store = open_store()
    store.dispose()
    assert (isolated_home / "workbench.sqlite3").exists()


def test_corrupt_file_is_refused_and_left_untouched(tmp_path):
    bad = tmp_path / "store.sqlite3"
    junk = b"this is not a database\x00" * 100
    bad.write_bytes(junk)
    with pytest.raises(StoreError, match="not a Workbench store"):
        open_store(f"sqlite:///{bad}")
    assert bad.read_bytes() == junk


def test_zero_byte_store_is_refused_like_a_corrupt_one_and_left_untouched(tmp_path):
    empty = tmp_path / "store.sqlite3"
    empty.write_bytes(b"")
    with pytest.raises(StoreError, match=r"empty \(0 bytes\).*left untouched"):
        open_store(f"sqlite:///{empty}")
    assert empty.read_bytes() == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store.sqlite3"]


@pytest.mark.parametrize("folder", ["home?mode=ro", "data#1", "100% cotton"])
def test_data_folder_names_are_taken_literally(tmp_path, monkeypatch, folder):
    home = tmp_path / folder
    monkeypatch.setenv("WORKBENCH_HOME", str(home))
    monkeypatch.delenv("WORKBENCH_DB_URL", raising=False)
    store = open_store()
    try:
        with store.transaction() as s:
            s.execute(text("CREATE TABLE probe (x INTEGER)"))
    finally:
        store.dispose()
    assert (home / "workbench.sqlite3").is_file()
    assert [p.name for p in tmp_path.iterdir()] == [folder]
    reopened = sqlite3.connect(home / "workbench.sqlite3")
    try:
        assert reopened.execute("SELECT count(*) FROM probe").fetchone() == (0,)
    finally:
        reopened.close()


def test_truncated_sqlite_file_is_refused_and_left_untouched(sqlite_url, tmp_path):
    open_store(sqlite_url).dispose()
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    for extra in ("-wal", "-shm"):
        Path(str(path) + extra).unlink(missing_ok=True)
    damaged = path.read_bytes()[:4096] + b"\xff" * 4096
    path.write_bytes(damaged)
    with pytest.raises(StoreError):
        open_store(sqlite_url)
    assert path.read_bytes() == damaged


def test_store_from_a_newer_version_is_refused(any_url):
    open_store(any_url, load_builtin=False).dispose()
    store = open_store(any_url, migrate=False, load_builtin=False)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'f00dfeed9999'"))
    store.dispose()
    with pytest.raises(StoreError, match="newer version of Workbench"):
        open_store(any_url)
    engine = create_engine(any_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "f00dfeed9999"
    engine.dispose()


def test_upgrade_backs_up_the_sqlite_file_first(sqlite_url, monkeypatch):
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    open_store(sqlite_url, load_builtin=False).dispose()
    con = sqlite3.connect(path)
    con.execute("INSERT INTO setting (key, value) VALUES ('reviewer_name', 'A. Reviewer')")
    con.execute("UPDATE alembic_version SET version_num = :v", {"v": migrations.head_revision()})
    con.commit()
    con.close()
    monkeypatch.setattr(migrations, "current_revision", lambda engine: None)
    called = []
    monkeypatch.setattr("alembic.command.upgrade", lambda cfg, rev: called.append(rev))
    open_store(sqlite_url, load_builtin=False).dispose()
    backups = list(path.parent.glob("store.backup-*.sqlite3"))
    assert called == ["head"] and len(backups) == 1
    con = sqlite3.connect(backups[0])
    assert con.execute("SELECT value FROM setting WHERE key='reviewer_name'").fetchone() == ("A. Reviewer",)
    con.close()


def test_read_only_location_gives_a_clear_error(tmp_path, monkeypatch):
    home = tmp_path / "ro"
    home.mkdir()
    db = home / "workbench.sqlite3"
    open_store(f"sqlite:///{db}").dispose()
    before = db.read_bytes()
    home.chmod(0o555)
    db.chmod(0o444)
    if os.geteuid() == 0:  # root ignores permission bits; make the check see what a user would
        real_access = os.access
        monkeypatch.setattr(
            "workbench.data.store.os.access",
            lambda p, mode: False if mode == os.W_OK and Path(p) in (home, db) else real_access(p, mode),
        )
    try:
        with pytest.raises(StoreError, match="read-only"):
            open_store(f"sqlite:///{db}")
    finally:
        home.chmod(0o755)
    assert db.read_bytes() == before


def test_cli_reports_a_bad_store_with_exit_code_2(isolated_home):
    isolated_home.mkdir(parents=True)
    (isolated_home / "workbench.sqlite3").write_text("not a database")
    result = subprocess.run(
        [sys.executable, "-m", "workbench", "measures"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert "not a Workbench store" in result.stderr
    assert (isolated_home / "workbench.sqlite3").read_text() == "not a database"


def test_upgrading_an_old_store_keeps_user_data_and_backs_it_up(any_url):
    from alembic import command

    from workbench.data.store import make_engine

    engine = make_engine(any_url)
    command.upgrade(migrations.alembic_config(engine), "0001")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO supplier (legal_name, local_name, aliases, country, region, address, website,"
                " registration_id, contact, tier, notes, created_at, updated_at)"
                " VALUES ('Hotan Sunrise Garments', '和田日出服装', '[]', 'CN', 'Xinjiang',"
                " '', '', '', '', 1, '',"
                " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
        )
    engine.dispose()
    store = open_store(any_url)
    try:
        assert migrations.current_revision(store.engine) == migrations.head_revision() != "0001"
        with store.session() as s:
            from workbench.data.models import Supplier

            supplier = s.scalar(select(Supplier))
            assert (supplier.legal_name, supplier.local_name) == ("Hotan Sunrise Garments", "和田日出服装")
    finally:
        store.dispose()
    if any_url.startswith("sqlite"):
        path = Path(any_url.removeprefix("sqlite:///"))
        backups = list(path.parent.glob("store.backup-*.sqlite3"))
        assert len(backups) == 1
        con = sqlite3.connect(backups[0])
        try:
            assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
            assert con.execute("SELECT legal_name FROM supplier").fetchone() == ("Hotan Sunrise Garments",)
        finally:
            con.close()


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "workbench", *args], capture_output=True, text=True, check=False
    )


def test_cli_refuses_a_store_from_a_newer_version_and_leaves_it_untouched(isolated_home):
    db = isolated_home / "workbench.sqlite3"
    open_store().dispose()
    con = sqlite3.connect(db)
    con.execute("UPDATE alembic_version SET version_num = 'f00dfeed9999'")
    con.commit()
    con.close()
    before = db.read_bytes()
    for command in (["measures"], ["suppliers", "list"], ["audit", "verify"]):
        result = _cli(*command)
        assert result.returncode == 2, (command, result.stderr)
        assert "created by a newer version of Workbench" in result.stderr
        assert "Traceback" not in result.stderr
    assert db.read_bytes() == before
    assert sorted(p.name for p in isolated_home.iterdir()) == ["workbench.sqlite3"]


def test_cli_reports_a_read_only_store_with_exit_code_2(isolated_home, monkeypatch, capsys):
    from workbench.cli import main

    db = isolated_home / "workbench.sqlite3"
    open_store().dispose()
    before = db.read_bytes()
    real_access = os.access
    monkeypatch.setattr(  # what a user without write permission sees (root ignores permission bits)
        "workbench.data.store.os.access",
        lambda p, mode: False if mode == os.W_OK and Path(p) in (isolated_home, db) else real_access(p, mode),
    )
    assert main(["suppliers", "list"]) == 2
    err = capsys.readouterr().err
    assert "is read-only" in err and "WORKBENCH_HOME" in err
    assert db.read_bytes() == before


def test_cli_reports_damage_found_after_opening_with_exit_code_2(isolated_home):
    db = isolated_home / "workbench.sqlite3"
    open_store().dispose()
    for extra in ("-wal", "-shm"):
        Path(str(db) + extra).unlink(missing_ok=True)
    data = db.read_bytes()
    assert len(data) > 200_000  # the built-in measures fill many pages
    damaged = data[: len(data) // 2] + b"\xee" * (len(data) - len(data) // 2)
    db.write_bytes(damaged)
    result = _cli("measures")
    assert result.returncode == 2, result.stderr
    assert "database disk image is malformed" in result.stderr
    assert "backup" in result.stderr and "Traceback" not in result.stderr
    assert db.read_bytes() == damaged


def test_head_constant_names_the_newest_revision_script():
    assert migrations.head_revision() == migrations.HEAD


def test_opening_a_current_store_does_not_load_alembic(sqlite_url):
    open_store(sqlite_url).dispose()
    code = (
        "import sys; from workbench.data.store import open_store; "
        f"open_store({sqlite_url!r}).dispose(); print('alembic' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(
    "url", ["bogus://x", "not a url", "postgresql+nosuchdriver://reviewer:s3cret@db.example/workbench"]
)
def test_cli_reports_an_unusable_store_url_without_its_password(isolated_home, monkeypatch, capsys, url):
    from workbench.cli import main

    monkeypatch.setenv("WORKBENCH_DB_URL", url)
    assert main(["measures"]) == 2
    err = capsys.readouterr().err
    assert "is not a database URL Workbench can use" in err and "WORKBENCH_DB_URL" in err
    assert "s3cret" not in err


def test_damage_messages_end_sentences_once(isolated_home):
    from sqlalchemy.exc import OperationalError

    from workbench.data.store import unreadable_store

    exc = OperationalError("SELECT 1", {}, Exception("Is the server running on that host?\n"))
    message = str(unreadable_store("postgresql+psycopg://u:pw@h/db", exc))
    assert "Is the server running on that host? Any unfinished change was rolled back." in message
    assert "pw@" not in message
    exc = OperationalError("SELECT 1", {}, Exception("database disk image is malformed"))
    assert "malformed. Any unfinished" in str(unreadable_store("sqlite:////tmp/x.sqlite3", exc))


def test_cli_reports_a_missing_database_driver(isolated_home, monkeypatch, capsys):
    from workbench.cli import main

    monkeypatch.setenv("WORKBENCH_DB_URL", "mysql+pymysql://reviewer:s3cret@db.example/workbench")
    monkeypatch.setitem(sys.modules, "pymysql", None)  # as if the driver were not installed
    assert main(["measures"]) == 2
    err = capsys.readouterr().err
    assert "database driver for mysql+pymysql is not installed" in err and "s3cret" not in err
