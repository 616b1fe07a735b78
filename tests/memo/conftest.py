"""Helpers for memo tests: pdftotext extraction and signing identities."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec

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


@pytest.fixture
def p12_file(tmp_path: Path) -> Path:
    """A valid PKCS#12 file with passphrase 'correct horse'."""
    path = tmp_path / "me.p12"
    write_pkcs12(path, make_identity(), "correct horse")
    return path
