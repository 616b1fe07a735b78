"""Verification of signed memos: untouched, tampered, appended, stripped; trust; the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from tests.memo.conftest import make_identity
from workbench.cli import main as cli_main
from workbench.memo.identity import SigningIdentity, create_local_identity, trust_dir
from workbench.memo.render import render_memo
from workbench.memo.sample import sample_memo
from workbench.memo.sign import write_signed_memo
from workbench.memo.verify import verify_pdf


@pytest.fixture
def identity() -> SigningIdentity:
    return make_identity()


@pytest.fixture
def signed(tmp_path: Path, identity: SigningIdentity) -> Path:
    return write_signed_memo(render_memo(sample_memo()), identity, tmp_path / "memo.pdf")


def test_untouched_memo_verifies(signed: Path) -> None:
    result = verify_pdf(signed, trust_roots=[])
    assert result.ok and result.intact and result.valid and result.covers_whole_file
    assert result.signer == "Amélie Dubois"
    assert result.signer_organisation == "Dubois & Partners LLP"
    assert result.signing_time.startswith("20")
    assert result.reason == "Due-diligence memo"
    assert not result.trusted


def test_signer_in_trust_folder_is_trusted(signed: Path, identity: SigningIdentity) -> None:
    trust_dir().mkdir(parents=True)
    (trust_dir() / "colleague.der").write_bytes(identity.cert.public_bytes(serialization.Encoding.DER))
    (trust_dir() / "notes.txt").write_text("not a certificate")
    result = verify_pdf(signed)
    assert result.ok and result.trusted


def test_local_identity_is_trusted_by_default(tmp_path: Path) -> None:
    local = create_local_identity("Amélie Dubois", "", "pw")
    out = write_signed_memo(render_memo(sample_memo()), local, tmp_path / "m.pdf")
    assert verify_pdf(out).trusted


@pytest.mark.parametrize("where", [0.2, 0.5, 0.8])
def test_any_flipped_byte_in_signed_content_fails(signed: Path, tmp_path: Path, where: float) -> None:
    data = bytearray(signed.read_bytes())
    start = data.index(b"/Contents <")
    positions = [i for i in range(len(data)) if not (start - 200 < i < start + 20000)]
    pos = positions[int(len(positions) * where)]
    data[pos] ^= 0x20
    bad = tmp_path / "flipped.pdf"
    bad.write_bytes(bytes(data))
    result = verify_pdf(bad, trust_roots=[])
    assert not result.ok
    assert result.problems


def test_flipped_byte_in_the_signature_value_fails(signed: Path, tmp_path: Path) -> None:
    data = bytearray(signed.read_bytes())
    pos = data.index(b"/Contents <") + len(b"/Contents <") + 100
    data[pos] = ord("0") if data[pos] != ord("0") else ord("1")
    bad = tmp_path / "sigflip.pdf"
    bad.write_bytes(bytes(data))
    result = verify_pdf(bad, trust_roots=[])
    assert not result.ok
    assert result.problems


def test_appended_bytes_fail(signed: Path, tmp_path: Path) -> None:
    bad = tmp_path / "appended.pdf"
    bad.write_bytes(signed.read_bytes() + b"\n% one more line\n")
    result = verify_pdf(bad, trust_roots=[])
    assert not result.ok
    assert not result.covers_whole_file
    assert any("added to the file after it was signed" in p for p in result.problems)


def test_incremental_update_after_signing_fails(signed: Path, tmp_path: Path) -> None:
    from pyhanko.pdf_utils.generic import pdf_string
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    with signed.open("rb") as fh:
        writer = IncrementalPdfFileWriter(fh)
        writer.root["/Lang"] = pdf_string("fr")
        writer.update_root()
        bad = tmp_path / "updated.pdf"
        with bad.open("wb") as out:
            writer.write(out)
    result = verify_pdf(bad, trust_roots=[])
    assert result.intact
    assert not result.ok
    assert any("after it was signed" in p for p in result.problems)


def test_stripped_signature_fails(signed: Path, tmp_path: Path) -> None:
    data = signed.read_bytes()
    first_eof = data.index(b"%%EOF") + len(b"%%EOF\n")
    bad = tmp_path / "stripped.pdf"
    bad.write_bytes(data[:first_eof])
    result = verify_pdf(bad, trust_roots=[])
    assert not result.ok and not result.signed
    assert "no signature" in result.problems[0]


def test_not_a_pdf_fails_with_reason(tmp_path: Path) -> None:
    bad = tmp_path / "junk.pdf"
    bad.write_bytes(b"hello")
    result = verify_pdf(bad, trust_roots=[])
    assert not result.ok and result.problems
    assert not verify_pdf(tmp_path / "missing.pdf").ok


def test_cli_verify_exit_codes_and_json(
    signed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli_main(["verify", str(signed), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] and report["intact"] and report["covers_whole_file"]
    assert report["signer"] == "Amélie Dubois"
    bad = tmp_path / "appended.pdf"
    bad.write_bytes(signed.read_bytes() + b"junk")
    assert cli_main(["verify", str(bad)]) != 0
    out = capsys.readouterr().out
    assert "NOT VERIFIED" in out and "after it was signed" in out


def test_untrusted_signer_is_a_warning_not_a_failure(signed: Path) -> None:
    result = verify_pdf(signed, trust_roots=[])
    assert result.ok and not result.problems
    assert any("not in the trust list" in w for w in result.warnings)


@pytest.mark.parametrize("offset_from_end", [2, 100])
def test_altered_padding_of_the_signature_slot_fails(
    signed: Path, tmp_path: Path, offset_from_end: int
) -> None:
    data = bytearray(signed.read_bytes())
    start = data.index(b"/Contents <") + len(b"/Contents <")
    pos = data.index(b">", start) - offset_from_end
    assert data[pos] == ord("0")  # inside the zero padding after the CMS object
    data[pos] = ord("1")
    bad = tmp_path / "padding.pdf"
    bad.write_bytes(bytes(data))
    result = verify_pdf(bad, trust_roots=[])
    assert not result.ok and not result.intact
    assert "reserved space were altered" in result.problems[0]


def test_changed_letter_case_in_the_signature_slot_fails(signed: Path, tmp_path: Path) -> None:
    data = bytearray(signed.read_bytes())
    start = data.index(b"/Contents <") + len(b"/Contents <")
    pos = next(i for i in range(start, start + 400) if chr(data[i]) in "ABCDEF")
    data[pos] = ord(chr(data[pos]).lower())
    bad = tmp_path / "case.pdf"
    bad.write_bytes(bytes(data))
    assert not verify_pdf(bad, trust_roots=[]).ok


def test_every_single_byte_change_is_detected_at_many_positions(signed: Path, tmp_path: Path) -> None:
    data = signed.read_bytes()
    bad = tmp_path / "probe.pdf"
    for pos in range(0, len(data), max(1, len(data) // 40)):
        probe = bytearray(data)
        probe[pos] = (probe[pos] + 1) % 256
        bad.write_bytes(bytes(probe))
        assert not verify_pdf(bad, trust_roots=[]).ok, pos
