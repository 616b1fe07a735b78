"""`workbench pack` and `verify-pack`: the signed summary, the documents by family, the manifest, and
every change made afterwards named."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

import workbench.data.store as store_module
from tests.memo.conftest import flat, pdftotext
from tests.tracing.helpers import PRODUCT, XINJIANG_GIN, run_json, write_bom
from workbench.cli import main as cli_main
from workbench.evidence.verify import signed_attachment
from workbench.tracing import find_product

SIGN = ["--reviewer", "Dana Reviewer", "--organisation", "Acme Imports"]


@pytest.fixture
def pack(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Path:
    """The Xinjiang-gin T-shirt chain with three documents (one translated), packed."""
    monkeypatch.setenv("WORKBENCH_SIGNING_PASSPHRASE", "pack passphrase")
    run_json(capsys, "trace", "import", str(write_bom(tmp_path / "bom.csv", gin=XINJIANG_GIN)))
    docs = {
        "invoice.pdf": b"%PDF-1.4 gin invoice",
        "pl.pdf": b"%PDF-1.4 packing list",
        "zh.pdf": b"zh",
        "en.pdf": b"en",
    }
    for name, content in docs.items():
        (tmp_path / name).write_bytes(content)
    base = ["evidence", "add", "--product", PRODUCT]
    run_json(
        capsys,
        *base,
        str(tmp_path / "invoice.pdf"),
        "--node",
        "gin",
        "--family",
        "payment",
        "--kind",
        "invoice",
    )
    run_json(capsys, *base, str(tmp_path / "pl.pdf"), "--node", "garment", "--family", "transaction")
    run_json(
        capsys,
        *base,
        str(tmp_path / "zh.pdf"),
        "--node",
        "yarn",
        "--family",
        "parties",
        "--language",
        "zh",
        "--translation",
        str(tmp_path / "en.pdf"),
        "--date",
        "2026-10-01",
    )
    out = tmp_path / "pack.zip"
    result = run_json(capsys, "pack", "--product", PRODUCT, "-o", str(out), *SIGN)
    assert result["flagged"] is True and result["files"] == 6 and result["signer"] == "Dana Reviewer"
    return out


def _rewrite(
    pack: Path, change: Callable[[str, bytes], bytes | None], add: dict[str, bytes] | None = None
) -> Path:
    out = pack.with_name("tampered.zip")
    with zipfile.ZipFile(pack) as src, zipfile.ZipFile(out, "w") as dst:
        for name in src.namelist():
            data = change(name, src.read(name))
            if data is not None:
                dst.writestr(name, data)
        for name, data in (add or {}).items():
            dst.writestr(name, data)
    return out


def test_pack_holds_summary_manifest_and_documents_by_family(
    pack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with zipfile.ZipFile(pack) as zf:
        names = set(zf.namelist())
        manifest = json.loads(zf.read("manifest.json"))
        assert signed_attachment(zf.read("summary.pdf"), "manifest.json") == zf.read("manifest.json")
    assert {"summary.pdf", "manifest.json"} <= names
    files = {f["file"]: f for f in manifest["files"]}
    assert set(files) == names - {"summary.pdf", "manifest.json"}
    assert {(f["family"], f["node"], f["role"]) for f in files.values()} == {
        ("payment", "gin", "document"),
        ("transaction", "garment", "document"),
        ("parties", "yarn", "document"),
        ("parties", "yarn", "translation"),
    }
    assert all(name.startswith(f"documents/{f['family']}/{f['node']}/") for name, f in files.items())
    check = run_json(capsys, "verify-pack", str(pack))
    assert check["ok"] is True and check["files"] == 4 and check["signature"]["ok"] is True
    assert check["changed"] == check["added"] == check["removed"] == []


def test_summary_is_in_cbp_order_and_states_the_flags_and_gaps(pack: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(pack) as zf:
        (tmp_path / "summary.pdf").write_bytes(zf.read("summary.pdf"))
        sha = json.loads(zf.read("manifest.json"))["files"][0]["sha256"]
    text = flat(pdftotext(tmp_path / "summary.pdf"))
    order = [
        "1. Executive summary",
        "2. The imported good",
        "3. Supply-chain tracing by production stage",
        "4. Parties and their roles",
        "5. Flow chart",
        "6. Index of documents",
        "7. Screening results and decisions",
        "8. Gaps in the evidence",
    ]
    positions = [text.index(h) for h in order]
    assert positions == sorted(positions) and text.index("Table of contents") < positions[0]
    assert "FLAGGED" in text and "garment → fabric → yarn → lint → gin" in text
    assert "Tarim Basin Ginning Co." in text and "Aksu" in text
    assert sha[:20] in text.replace(" ", "")
    assert "missing" in text and "needs translation" not in text


def test_changed_added_and_removed_files_are_named(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    invoice = "documents/payment/gin/"
    changed = _rewrite(pack, lambda n, d: d + b"!" if n.startswith(invoice) else d)
    result = run_json(capsys, "verify-pack", str(changed), code=1)
    assert len(result["changed"]) == 1 and result["changed"][0].startswith(invoice)
    assert result["added"] == result["removed"] == [] and result["signature"]["ok"] is True

    added = _rewrite(pack, lambda n, d: d, add={"documents/payment/gin/extra.pdf": b"x"})
    assert run_json(capsys, "verify-pack", str(added), code=1)["added"] == ["documents/payment/gin/extra.pdf"]

    removed = _rewrite(pack, lambda n, d: None if n.startswith("documents/transaction/") else d)
    result = run_json(capsys, "verify-pack", str(removed), code=1)
    assert len(result["removed"]) == 1 and result["removed"][0].startswith("documents/transaction/garment/")


def test_a_rewritten_manifest_does_not_hide_a_changed_file(
    pack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import hashlib

    def forge(name: str, data: bytes) -> bytes:
        if name.startswith("documents/payment/"):
            return b"forged"
        if name == "manifest.json":
            manifest = json.loads(data)
            for f in manifest["files"]:
                if f["file"].startswith("documents/payment/"):
                    f["sha256"] = hashlib.sha256(b"forged").hexdigest()
            return json.dumps(manifest).encode()
        return data

    result = run_json(capsys, "verify-pack", str(_rewrite(pack, forge)), code=1)
    assert "manifest.json" in result["changed"]
    assert any(n.startswith("documents/payment/gin/") for n in result["changed"])


def test_changed_summary_fails_the_signature(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def edit(name: str, data: bytes) -> bytes:
        return data.replace(b"/Producer", b"/Producex", 1) if name == "summary.pdf" else data

    result = run_json(capsys, "verify-pack", str(_rewrite(pack, edit)), code=1)
    assert result["changed"] == ["summary.pdf"] and result["signature"]["ok"] is False
    assert cli_main(["verify-pack", str(_rewrite(pack, edit))]) == 1
    out = capsys.readouterr().out
    assert "NOT VERIFIED" in out and "changed: summary.pdf" in out


def test_not_a_zip_exits_1_and_missing_file_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"not a zip")
    assert run_json(capsys, "verify-pack", str(bad), code=1)["problems"]
    assert cli_main(["verify-pack", str(tmp_path / "none.zip")]) == 2


def test_identical_chain_gets_a_summary_tracing_report_and_entry_selects_the_shipment(
    pack: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = store_module.open_store()
    with store.transaction() as s:
        find_product(s, PRODUCT).entry_number = "ABC-1234567-8"
    store.dispose()
    out = tmp_path / "again.zip"
    run_json(
        capsys, "pack", "--entry", "ABC-1234567-8", "-o", str(out), "--identical-to", "HQ H123456", *SIGN
    )
    with zipfile.ZipFile(out) as zf:
        (tmp_path / "again.pdf").write_bytes(zf.read("summary.pdf"))
    text = flat(pdftotext(tmp_path / "again.pdf"))
    assert "Summary tracing report: identical to the supply chain cleared under HQ H123456" in text
    assert "ABC-1234567-8" in text and "PO-4411" in text
    assert run_json(capsys, "verify-pack", str(out))["ok"] is True
