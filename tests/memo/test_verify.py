"""Verification of signed memos: untouched, tampered, appended, stripped; trust; the CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from asn1crypto import x509 as asn1_x509
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


def test_damage_in_the_signature_is_reported_in_plain_words(signed: Path, tmp_path: Path) -> None:
    data = signed.read_bytes()
    start = data.index(b"/Contents <") + len(b"/Contents <")
    internals = re.compile(r"asn1crypto|object|attribute|requested|tag should|Insufficient data|\[UNIVERSAL")
    for offset in range(0, 200, 3):
        bad = bytearray(data)
        bad[start + offset] = ord("0") if bad[start + offset] != ord("0") else ord("1")
        path = tmp_path / "damaged.pdf"
        path.write_bytes(bytes(bad))
        result = verify_pdf(path, trust_roots=[])
        assert not result.ok and result.problems, offset
        assert not any(internals.search(p) for p in result.problems), (offset, result.problems)


def test_a_tampered_memo_does_not_blame_the_trust_list(
    signed: Path, identity: SigningIdentity, tmp_path: Path
) -> None:
    trusted = [asn1_x509.Certificate.load(identity.cert.public_bytes(serialization.Encoding.DER))]
    assert verify_pdf(signed, trust_roots=trusted).trusted
    data = bytearray(signed.read_bytes())
    data[len(data) // 3] ^= 0x01
    bad = tmp_path / "tampered.pdf"
    bad.write_bytes(bytes(data))
    result = verify_pdf(bad, trust_roots=trusted)
    assert not result.ok and not result.intact
    assert not any("not in the trust list" in w for w in result.warnings)
    assert result.warnings == ["the signer was not checked against the trust list: the signature failed"]


def test_every_byte_of_the_signature_object_is_protected(signed: Path, tmp_path: Path) -> None:
    """Digest algorithm list, version numbers and the certificates are outside the signed bytes."""
    data = signed.read_bytes()
    start = data.index(b"/Contents <") + len(b"/Contents <")
    end = data.index(b">", start)
    used = len(data[start:end].rstrip(b"0"))
    for offset in range(0, used, 7):  # every 7th hex digit: versions, algorithms, certificate fields
        bad = bytearray(data)
        bad[start + offset] = ord("0") if bad[start + offset] != ord("0") else ord("1")
        path = tmp_path / "flipped.pdf"
        path.write_bytes(bytes(bad))
        assert not verify_pdf(path, trust_roots=[]).ok, offset


@pytest.mark.parametrize("which", ["SignedData", "SignerInfo"])
def test_changed_cms_version_numbers_fail(signed: Path, tmp_path: Path, which: str) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader

    data = signed.read_bytes()
    with signed.open("rb") as fh:
        contents = bytes(PdfFileReader(fh).embedded_signatures[-1].sig_object["/Contents"])
    signed_data_version = contents.index(bytes.fromhex("020101310f"))  # version 1, then the algorithm set
    position = signed_data_version + 2
    if which == "SignerInfo":
        position = contents.index(bytes.fromhex("020101"), signed_data_version + 5) + 2
    assert contents[position] == 1
    hex_start = data.index(b"/Contents <") + len(b"/Contents <")
    for version in (b"00", b"03", b"11"):
        bad = bytearray(data)
        bad[hex_start + 2 * position : hex_start + 2 * position + 2] = version
        path = tmp_path / "version.pdf"
        path.write_bytes(bytes(bad))
        assert not verify_pdf(path, trust_roots=[]).ok, (which, version)


def test_memo_signed_with_a_ca_issued_certificate_and_its_chain_verifies(tmp_path: Path) -> None:
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Example Issuing CA")])
    now = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    own = make_identity("Kenji Watanabe", "Watanabe Trade Law")
    cert = (
        x509.CertificateBuilder()
        .subject_name(own.cert.subject)
        .issuer_name(ca_name)
        .public_key(own.key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=30))
        .sign(ca_key, hashes.SHA256())
    )
    identity = SigningIdentity(own.key, cert, (ca,))
    path = write_signed_memo(render_memo(sample_memo()), identity, tmp_path / "ca.pdf")
    result = verify_pdf(path, trust_roots=[])
    assert result.ok, result.problems
    assert result.signer == "Kenji Watanabe"
