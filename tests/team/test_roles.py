"""Team mode on a real PostgreSQL server: reviewers under their own roles, an append-only audit log."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

import workbench.cases  # noqa: F401  (installs the audit hooks)
from tests.cases.helpers import TAIDA_WRO, ScriptedScreener, entity, hit
from workbench.cases.decisions import confirm, dismiss
from workbench.cases.reviewer import current_reviewer
from workbench.cases.screening import screen_suppliers
from workbench.cases.suppliers import create_supplier
from workbench.cli import main
from workbench.data.models import AuditEntry, Match, MatchDecision
from workbench.data.store import Store, open_store, unreadable_store


def _as(url: str, user: str) -> str:
    return make_url(url).set(username=user).render_as_string(hide_password=False)


@pytest.fixture
def team_url(postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """A migrated PostgreSQL store set up for a team, with reviewer logins alice and bob."""
    monkeypatch.setenv("WORKBENCH_DB_URL", postgres_url)
    assert main(["team", "init-db", "--apply"]) == 0
    assert main(["team", "add-reviewer", "alice", "--apply"]) == 0
    assert main(["team", "add-reviewer", "bob", "--apply"]) == 0
    return postgres_url


@pytest.fixture
def two_hits(team_url: str) -> Iterator[tuple[int, int]]:
    """Two open hits, screened by the owner's administrator."""
    store = open_store(team_url, load_builtin=False)
    try:
        with store.transaction() as s:
            ids = []
            for name in ("Hetian Taida Apparel Co Ltd", "Hetian Taida Textiles Co Ltd"):
                supplier = create_supplier(s, {"legal_name": name}, actor="admin")
                taida = entity("builtin:hetian-taida", "Hetian Taida Apparel Co., Ltd.", TAIDA_WRO)
                screen_suppliers(s, ScriptedScreener({name: [hit(taida, 97.0)]}), [supplier.id], 80)
                ids.append(s.scalar(select(Match.id).where(Match.supplier_id == supplier.id)))
        yield ids[0], ids[1]
    finally:
        store.dispose()


def _open_as(url: str, user: str) -> Store:
    return open_store(_as(url, user), load_builtin=False)


def test_decisions_are_recorded_under_each_reviewers_own_role(team_url: str, two_hits: tuple[int, int]):
    for user, match_id, decide in (("alice", two_hits[0], confirm), ("bob", two_hits[1], dismiss)):
        store = _open_as(team_url, user)
        try:
            with store.transaction() as s:
                s.execute(text("UPDATE setting SET value = 'Alice Auditor' WHERE key = 'reviewer_name'"))
                assert current_reviewer(s) == user
                decide(s, match_id, f"Checked by {user} against the WRO listing.")
        finally:
            store.dispose()
    store = open_store(team_url, load_builtin=False)
    try:
        with store.session() as s:
            decisions = {d.rationale: d.reviewer for d in s.scalars(select(MatchDecision))}
            assert decisions == {
                "Checked by alice against the WRO listing.": "alice",
                "Checked by bob against the WRO listing.": "bob",
            }
            logged = s.execute(
                select(AuditEntry.actor, AuditEntry.after).where(AuditEntry.object_type == "match_decision")
            ).all()
            assert sorted((actor, after["rationale"]) for actor, after in logged) == [
                ("alice", "Checked by alice against the WRO listing."),
                ("bob", "Checked by bob against the WRO listing."),
            ]
    finally:
        store.dispose()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_log SET actor = 'someone else'",
        "DELETE FROM audit_log",
        "TRUNCATE audit_log",
    ],
)
def test_a_reviewer_cannot_change_or_remove_audit_entries(
    team_url: str, two_hits: tuple[int, int], statement: str
):
    store = _open_as(team_url, "alice")
    try:
        with pytest.raises(DBAPIError) as caught, store.transaction() as s:
            s.execute(text(statement))
        assert getattr(caught.value.orig, "sqlstate", "") == "42501"  # insufficient_privilege
        message = str(unreadable_store(store.url, caught.value))
        assert "not allowed to make this change" in message and "server is running" not in message
        with store.session() as s:  # reading and adding stay allowed
            assert s.scalar(select(AuditEntry.actor).order_by(AuditEntry.id).limit(1)) == "admin"
    finally:
        store.dispose()


def test_the_trigger_refuses_audit_edits_to_any_role(team_url: str, two_hits: tuple[int, int]):
    store = open_store(team_url, load_builtin=False)  # the superuser that set the store up
    try:
        for statement in ("UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log", "TRUNCATE audit_log"):
            with pytest.raises(DBAPIError, match="append-only"), store.engine.begin() as conn:
                conn.execute(text(statement))
    finally:
        store.dispose()


def test_an_auditor_only_reads(team_url: str, two_hits: tuple[int, int]):
    admin = open_store(team_url, load_builtin=False)
    try:
        with admin.engine.begin() as conn:
            conn.execute(text("CREATE ROLE carol LOGIN IN ROLE workbench_auditor"))
    finally:
        admin.dispose()
    store = _open_as(team_url, "carol")
    try:
        with store.session() as s:
            assert s.scalar(select(MatchDecision.id).limit(1)) is None
            assert s.scalar(select(AuditEntry.id).limit(1)) is not None
        with pytest.raises(DBAPIError), store.transaction() as s:
            confirm(s, two_hits[0], "Auditors may not decide.")
    finally:
        store.dispose()


def test_init_db_prints_the_sql_without_applying_it(capsys: pytest.CaptureFixture[str]):
    assert main(["team", "init-db", "--owner", "wb_owner", "--reviewer-group", "wb_rev"]) == 0
    sql = capsys.readouterr().out
    assert 'REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM "wb_rev";' in sql
    assert "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log" in sql
    assert 'CREATE ROLE "wb_owner" LOGIN' in sql and 'CREATE ROLE "workbench_auditor" NOLOGIN' in sql
    assert main(["team", "add-reviewer", "jane_doe"]) == 0
    assert 'CREATE ROLE "jane_doe" LOGIN IN ROLE "workbench_reviewer"' in capsys.readouterr().out


@pytest.mark.parametrize("name", ["Robert'); DROP TABLE supplier; --", "workbench_reviewer", "9lives"])
def test_role_names_are_checked(name: str, capsys: pytest.CaptureFixture[str]):
    assert main(["team", "add-reviewer", name]) == 2
    assert "role" in capsys.readouterr().err


def test_team_mode_on_the_embedded_store_is_refused_plainly(capsys: pytest.CaptureFixture[str]):
    assert main(["team", "init-db", "--apply"]) == 2
    assert "Team mode needs a shared PostgreSQL store" in capsys.readouterr().err
