"""`workbench memo`: screens if needed, signs with the local identity or a .p12, records the memo."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

import workbench.cases  # noqa: F401  (installs the audit hooks)
import workbench.data.store as store_module
from tests.memo.conftest import flat, pdftotext
from workbench.cases.decisions import set_reviewer_name
from workbench.cases.suppliers import create_supplier
from workbench.cli import main as cli_main
from workbench.data.models import Memo, Setting, Supplier
from workbench.memo.identity import signing_dir
from workbench.memo.verify import verify_pdf

NAME = "Hotan Haolin Hair Accessories Co., Ltd."


@pytest.fixture(autouse=True)
def store_with_supplier() -> None:
    """The CLI's store (in WORKBENCH_HOME, with the built-in measures) and one supplier."""
    store = store_module.open_store()
    with store.transaction() as session:
        set_reviewer_name(session, "Dana Reviewer")
        create_supplier(
            session,
            {
                "legal_name": NAME,
                "local_name": "和田浩林发饰有限公司",
                "country": "China",
                "region": "Xinjiang",
            },
        )
    store.dispose()


def test_memo_with_local_identity_screens_signs_and_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("WORKBENCH_SIGNING_PASSPHRASE", "local pw")
    out = tmp_path / "memo.pdf"
    code = cli_main(
        ["memo", "--supplier", NAME.upper(), "-o", str(out), "--organisation", "Acme", "--format", "json"]
    )
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    assert report["screened"] == 1 and report["signer"] == "Dana Reviewer"
    assert (signing_dir() / "identity.p12").exists()
    result = verify_pdf(out)
    assert result.ok and result.trusted
    assert "和田浩林发饰有限公司" in pdftotext(out)
    assert "Dana Reviewer" in flat(pdftotext(out))
    store = store_module.open_store()
    with store.session() as session:
        memo = session.scalars(select(Memo)).one()
        assert memo.id == report["memo_id"] and memo.sha256 == report["sha256"]
        assert session.scalars(select(Supplier)).one().last_screened_at is not None
    store.dispose()
    assert cli_main(["verify", str(out)]) == 0


def test_memo_with_p12_and_passphrase_env(
    tmp_path: Path, p12_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MY_PW", "correct horse")
    out = tmp_path / "memo.pdf"
    args = ["memo", "--supplier", NAME, "-o", str(out), "--p12", str(p12_file), "--passphrase-env", "MY_PW"]
    assert cli_main(args) == 0
    assert verify_pdf(out, trust_roots=[]).signer == "Amélie Dubois"
    assert not (signing_dir() / "identity.p12").exists()


def test_memo_errors_are_clear_and_leave_no_file(
    tmp_path: Path, p12_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "memo.pdf"
    monkeypatch.delenv("WORKBENCH_SIGNING_PASSPHRASE", raising=False)
    assert cli_main(["memo", "--supplier", NAME, "-o", str(out)]) == 2
    assert "WORKBENCH_SIGNING_PASSPHRASE" in capsys.readouterr().err
    monkeypatch.setenv("MY_PW", "wrong")
    assert (
        cli_main(
            ["memo", "--supplier", NAME, "-o", str(out), "--p12", str(p12_file), "--passphrase-env", "MY_PW"]
        )
        == 2
    )
    assert "passphrase is wrong" in capsys.readouterr().err
    monkeypatch.setenv("WORKBENCH_SIGNING_PASSPHRASE", "pw")
    assert cli_main(["memo", "--supplier", "Nobody Ltd", "-o", str(out)]) == 2
    assert "No active supplier named 'Nobody Ltd'" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "me.p12"]


def test_memo_without_a_reviewer_setting_names_the_signer(
    tmp_path: Path, p12_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    store = store_module.open_store()
    with store.transaction() as session:
        session.delete(session.get(Setting, "reviewer_name"))
    store.dispose()
    monkeypatch.setenv("MY_PW", "correct horse")
    out = tmp_path / "p12.pdf"
    args = ["memo", "--supplier", NAME, "-o", str(out), "--p12", str(p12_file), "--passphrase-env", "MY_PW"]
    assert cli_main(args) == 0
    assert "Prepared by Amélie Dubois" in flat(pdftotext(out, 1, 1))

    monkeypatch.setenv("WORKBENCH_SIGNING_PASSPHRASE", "local pw")
    first = tmp_path / "first.pdf"
    assert cli_main(["memo", "--supplier", NAME, "-o", str(first)]) == 2
    assert "No reviewer name: pass --reviewer NAME" in capsys.readouterr().err
    assert not first.exists() and not (signing_dir() / "identity.p12").exists()
    assert cli_main(["memo", "--supplier", NAME, "-o", str(first), "--reviewer", "Kenji Watanabe"]) == 0
    again = tmp_path / "again.pdf"
    assert cli_main(["memo", "--supplier", NAME, "-o", str(again)]) == 0
    assert "Prepared by Kenji Watanabe" in flat(pdftotext(again, 1, 1))
    assert verify_pdf(again).ok
