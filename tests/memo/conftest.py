"""Helpers for memo tests: pdftotext extraction and signing identities."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from workbench.memo.identity import SigningIdentity, make_certificate, write_pkcs12


def pdftotext(path: Path, first: int | None = None, last: int | None = None) -> str:
    """Text of the PDF via poppler's pdftotext, NFKC-normalised (Arabic presentation forms -> letters)."""
    exe = shutil.which("pdftotext")
    if exe is None:
        pytest.fail("pdftotext (Debian package poppler-utils) is required by the memo tests")
    cmd = [exe, "-enc", "UTF-8"]
    if first:
        cmd += ["-f", str(first)]
    if last:
        cmd += ["-l", str(last)]
    out = subprocess.run([*cmd, str(path), "-"], check=True, capture_output=True).stdout.decode("utf-8")
    return unicodedata.normalize("NFKC", out)


def flat(text: str) -> str:
    """Whitespace collapsed, for matching text that the layout wrapped."""
    return " ".join(text.split())


def make_identity(
    name: str = "Amélie Dubois",
    org: str = "Dubois & Partners LLP",
    *,
    not_before: dt.datetime | None = None,
    days: int = 365,
    key_usage: x509.KeyUsage | None = None,
) -> SigningIdentity:
    key = ec.generate_private_key(ec.SECP256R1())
    cert = make_certificate(key, name, org, not_before=not_before, days=days, key_usage=key_usage)
    return SigningIdentity(key, cert)


def ca_issued_identity(folder: Path) -> tuple[SigningIdentity, Path]:
    """An identity whose certificate an organisation CA issued; the CA certificate is written to folder."""
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Example Issuing CA")])
    now = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
    ca = (
        x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .sign(ca_key, hashes.SHA256())
    )  # fmt: skip
    own = make_identity("Kenji Watanabe", "Watanabe Trade Law")
    cert = (
        x509.CertificateBuilder().subject_name(own.cert.subject).issuer_name(ca_name)
        .public_key(own.key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now).not_valid_after(now + dt.timedelta(days=30))
        .add_extension(own.cert.extensions.get_extension_for_class(x509.KeyUsage).value, critical=True)
        .sign(ca_key, hashes.SHA256())
    )  # fmt: skip
    ca_pem = folder / "ca.pem"
    ca_pem.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    return SigningIdentity(own.key, cert, (ca,)), ca_pem


@pytest.fixture
def p12_file(tmp_path: Path) -> Path:
    """A valid PKCS#12 file with passphrase 'correct horse'."""
    path = tmp_path / "me.p12"
    write_pkcs12(path, make_identity(), "correct horse")
    return path
