"""Issuing a memo: recorded before its file exists, embedding the audit log head it was issued at,
with a signed checkpoint; failures and kills between the steps leave row and file in agreement."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text

import workbench.cases  # noqa: F401  (installs the audit hooks)
import workbench.data.store as store_module
import workbench.memo.export as export_module
from tests.cases.tamper import rewrite_log
from workbench.cases.checkpoints import anchors_file
from workbench.cases.decisions import set_reviewer_name
from workbench.cases.suppliers import create_supplier
from workbench.cli import main as cli_main
from workbench.data.models import AuditCheckpoint, AuditEntry, Memo
from workbench.memo.export import reconcile_memos
from workbench.memo.verify import verify_pdf

NAME = "Hotan Haolin Hair Accessories Co., Ltd."


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """An empty folder for the memo (the test's data folder and store live elsewhere)."""
    path = tmp_path / "memos"
    path.mkdir()
    return path


@pytest.fixture(autouse=True)
def store_with_supplier(any_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI's store on SQLite and PostgreSQL, with one supplier; the local identity's passphrase."""
    monkeypatch.setenv("WORKBENCH_DB_URL", any_url)
    monkeypatch.setenv("WORKBENCH_SIGNING_PASSPHRASE", "local pw")
    store = store_module.open_store()
    with store.transaction() as session:
        set_reviewer_name(session, "Dana Reviewer")
        create_supplier(session, {"legal_name": NAME, "country": "China", "region": "Xinjiang"})
    store.dispose()


def _memo_args(out: Path) -> list[str]:
    return ["memo", "--supplier", NAME, "-o", str(out), "--format", "json"]


def _memos() -> list[Memo]:
    store = store_module.open_store()
    try:
        with store.session() as session:
            return list(session.scalars(select(Memo)))
    finally:
        store.dispose()


def _audit_verify(capsys: pytest.CaptureFixture[str], *memos: Path) -> tuple[int, dict]:
    capsys.readouterr()
    args = ["audit", "verify", "--format", "json"]
    for memo in memos:
        args += ["--memo", str(memo)]
    code = cli_main(args)
    return code, json.loads(capsys.readouterr().out)


def test_memo_embeds_the_audit_head_and_survives_only_an_untouched_history(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = folder / "memo.pdf"
    assert cli_main(_memo_args(out)) == 0
    issued = json.loads(capsys.readouterr().out)
    result = verify_pdf(out)
    assert result.ok and result.memo_id == issued["memo_id"]
    assert result.audit_chain_length == issued["audit_chain_length"] > 0
    assert result.audit_chain_head == issued["audit_chain_head"]
    (memo,) = _memos()
    assert memo.status == "issued" and memo.chain_head == result.audit_chain_head
    assert [p.name for p in folder.iterdir()] == ["memo.pdf"]  # no .part or stamp files beside it

    code, report = _audit_verify(capsys, out)
    assert code == 0 and report["intact"], report
    assert report["memos"][0]["ok"] and report["memos"][0]["history_present"]
    assert [c["source"] for c in report["checkpoints"]] == ["store", "this computer"]

    store = store_module.open_store()
    rewrite_log(store, position=2)  # the attacker recomputes every hash and moves audit_head ...
    with store.engine.begin() as conn:  # ... and removes every trace the store and this computer keep
        conn.execute(text("DELETE FROM audit_checkpoint"))
    store.dispose()
    anchors_file().unlink()
    code, report = _audit_verify(capsys)
    assert code == 0  # without a checkpoint nothing in the store can tell ...
    assert any("no signed checkpoint" in w for w in report["warnings"])
    code, report = _audit_verify(capsys, out)
    assert code == 1 and not report["intact"]  # ... but the memo handed out can
    assert "no longer holds that history" in report["memos"][0]["problems"][0]


def test_a_failed_move_into_place_abandons_the_record_and_leaves_no_file(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def disk_full(part: Path, final: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export_module, "move_into_place", disk_full)
    out = folder / "memo.pdf"
    assert cli_main(_memo_args(out)) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert list(folder.iterdir()) == []
    (memo,) = _memos()
    assert memo.status == "abandoned"
    store = store_module.open_store()
    with store.session() as session:
        actions = [
            (e.action, e.after)
            for e in session.scalars(select(AuditEntry).where(AuditEntry.object_type == "memo"))
        ]
    store.dispose()
    assert actions[0][0] == "create" and actions[0][1]["status"] == "pending"
    assert actions[1] == ("update", {"status": "abandoned"})


def _killed_cli(target: str, args: list[str]) -> int:
    """Run the CLI in a child process that dies (like kill -9) when it reaches `target`."""
    code = (
        "import os, sys\n"
        "import workbench.memo.export as export\n"
        "def die(*args, **kwargs):\n"
        "    os._exit(9)\n"
        f"export.{target} = die\n"
        "from workbench.cli import main\n"
        f"sys.exit(main({args!r}))\n"
    )
    return subprocess.run([sys.executable, "-c", code], env=os.environ.copy(), check=False).returncode


def _reconcile(grace: timedelta) -> list[str]:
    store = store_module.open_store()
    try:
        with store.session() as session:
            return [m.status for m in reconcile_memos(session, grace=grace)]
    finally:
        store.dispose()


def test_killed_before_the_file_is_in_place_the_restart_abandons_it_and_removes_the_part(
    folder: Path,
) -> None:
    out = folder / "memo.pdf"
    assert _killed_cli("move_into_place", _memo_args(out)) == 9
    (memo,) = _memos()
    assert memo.status == "pending" and not out.exists()
    (part,) = folder.glob(".memo.pdf.*.part")
    assert _reconcile(timedelta(minutes=2)) == []  # may still be running: left alone
    assert _reconcile(timedelta(0)) == ["abandoned"]
    assert list(folder.iterdir()) == [] and not part.exists()
    assert _memos()[0].status == "abandoned"


def test_killed_after_the_file_is_in_place_the_restart_issues_it(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = folder / "memo.pdf"
    assert _killed_cli("create_checkpoint", _memo_args(out)) == 9
    assert _memos()[0].status == "pending" and out.exists()
    assert _reconcile(timedelta(0)) == ["issued"]
    assert [p.name for p in folder.iterdir()] == ["memo.pdf"]
    code, report = _audit_verify(capsys, out)
    assert code == 0 and report["memos"][0]["ok"], report


def test_issuing_a_memo_stores_a_signed_checkpoint(folder: Path) -> None:
    assert cli_main(_memo_args(folder / "memo.pdf")) == 0
    store = store_module.open_store()
    with store.session() as session:
        (checkpoint,) = session.scalars(select(AuditCheckpoint))
        entries = session.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc()).limit(1))
    store.dispose()
    assert checkpoint.signer == "Dana Reviewer" and checkpoint.chain_length == entries
