"""Signing: PAdES signature that pyHanko validates, identities, and clear errors with no file left."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from tests.memo.conftest import make_identity, pdftotext
from workbench.memo.identity import (
    SigningError,
    create_local_identity,
    load_local_identity,
    load_pkcs12,
    local_certificate,
    local_identity,
    signing_dir,
    write_pkcs12,
)
from workbench.memo.render import render_memo
from workbench.memo.sample import sample_memo
from workbench.memo.sign import REASON, write_signed_memo

NO_SIGNING_USAGE = x509.KeyUsage(
    digital_signature=False,
    content_commitment=False,
    key_encipherment=True,
    data_encipherment=False,
    key_agreement=False,
    key_cert_sign=False,
    crl_sign=False,
    encipher_only=False,
    decipher_only=False,
)


def test_signature_validates_with_pyhanko_and_covers_the_whole_file(tmp_path: Path, p12_file: Path) -> None:
    identity = load_pkcs12(p12_file, "correct horse")
    out = write_signed_memo(render_memo(sample_memo()), identity, tmp_path / "memo.pdf")
    root = asn1_x509.Certificate.load(identity.cert.public_bytes(serialization.Encoding.DER))
    with out.open("rb") as fh:
        sig = PdfFileReader(fh).embedded_signatures[0]
        status = validate_pdf_signature(sig, ValidationContext(trust_roots=[root], allow_fetching=False))
        assert status.intact and status.valid and status.trusted
        assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
        assert str(sig.sig_object["/Reason"]) == REASON
        assert sig.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
        assert status.signer_reported_dt is not None
        assert abs(status.signer_reported_dt - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)


def test_visible_stamp_on_last_page_names_the_signer(tmp_path: Path) -> None:
    identity = make_identity(name="王芳 Wang Fang", org="Dubois & Partners LLP")
    rendered = render_memo(sample_memo())
    out = write_signed_memo(rendered, identity, tmp_path / "memo.pdf")
    with out.open("rb") as fh:
        reader = PdfFileReader(fh)
        annots = reader.root["/Pages"]["/Kids"][-1]["/Annots"]
        widget = next(a.get_object() for a in annots if a.get_object().get("/FT") == "/Sig")
        assert widget["/Rect"][2] > widget["/Rect"][0]
        assert "/AP" in widget
        assert reader.root["/Pages"]["/Count"] == rendered.pages


def test_local_identity_is_created_once_and_reopened(isolated_home: Path) -> None:
    first = local_identity("Amélie Dubois", "Dubois & Partners LLP", "pw-1")
    assert (signing_dir() / "identity.p12").exists()
    assert (signing_dir() / "identity.p12").stat().st_mode & 0o077 == 0
    again = local_identity("someone else", "", "pw-1")
    assert again.fingerprint == first.fingerprint
    assert again.common_name == "Amélie Dubois"
    assert again.organisation == "Dubois & Partners LLP"
    usage = first.cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment
    cert = local_certificate()
    assert cert is not None and cert.fingerprint(cert.signature_hash_algorithm) == first.cert.fingerprint(
        first.cert.signature_hash_algorithm
    )


def test_local_identity_wrong_passphrase_is_a_clear_error(isolated_home: Path) -> None:
    create_local_identity("A", "", "right")
    with pytest.raises(SigningError, match="passphrase is wrong"):
        load_local_identity("wrong")


def test_missing_local_identity_is_a_clear_error(isolated_home: Path) -> None:
    with pytest.raises(SigningError, match="No local signing identity"):
        load_local_identity("x")


def test_wrong_p12_passphrase_is_a_clear_error(p12_file: Path) -> None:
    with pytest.raises(SigningError, match=r"passphrase is wrong.*"):
        load_pkcs12(p12_file, "wrong")


def test_expired_certificate_is_refused_and_no_file_is_written(tmp_path: Path) -> None:
    old = dt.datetime.now(dt.UTC) - dt.timedelta(days=800)
    path = tmp_path / "old.p12"
    write_pkcs12(path, make_identity(not_before=old, days=365), "pw")
    with pytest.raises(SigningError, match="expired on"):
        load_pkcs12(path, "pw")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    with pytest.raises(SigningError, match="expired on"):
        write_signed_memo(
            render_memo(sample_memo()), make_identity(not_before=old, days=365), out_dir / "m.pdf"
        )
    assert list(out_dir.iterdir()) == []


def test_certificate_without_signing_key_usage_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "enc.p12"
    write_pkcs12(path, make_identity(key_usage=NO_SIGNING_USAGE), "pw")
    with pytest.raises(SigningError, match="not allowed to sign"):
        load_pkcs12(path, "pw")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    with pytest.raises(SigningError, match="not allowed to sign"):
        write_signed_memo(
            render_memo(sample_memo()), make_identity(key_usage=NO_SIGNING_USAGE), out_dir / "m.pdf"
        )
    assert list(out_dir.iterdir()) == []


def test_failed_signing_keeps_an_existing_file_untouched(tmp_path: Path) -> None:
    target = tmp_path / "memo.pdf"
    target.write_bytes(b"previous memo")
    old = dt.datetime.now(dt.UTC) - dt.timedelta(days=800)
    with pytest.raises(SigningError):
        write_signed_memo(render_memo(sample_memo()), make_identity(not_before=old, days=365), target)
    assert target.read_bytes() == b"previous memo"
    assert [p.name for p in tmp_path.iterdir()] == ["memo.pdf"]


def test_signed_memo_text_stays_extractable(tmp_path: Path) -> None:
    out = write_signed_memo(render_memo(sample_memo()), make_identity(), tmp_path / "memo.pdf")
    text = pdftotext(out)
    assert "和田浩林发饰有限公司" in text
    assert "Digitally signed by Amélie Dubois" in text
    assert "Signing time:" in text


def test_unwritable_folder_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):  # running as root: make the target a folder instead
            target = folder / "memo.pdf"
            folder.chmod(0o700)
            target.mkdir()
        else:
            target = folder / "memo.pdf"
        with pytest.raises(SigningError, match="Cannot write the memo"):
            write_signed_memo(render_memo(sample_memo()), make_identity(), target)
    finally:
        folder.chmod(0o700)
    assert [p.name for p in folder.iterdir()] in ([], ["memo.pdf"])


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SigningError, match="does not exist"):
        write_signed_memo(render_memo(sample_memo()), make_identity(), tmp_path / "nope" / "memo.pdf")
