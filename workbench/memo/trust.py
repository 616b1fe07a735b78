"""The user's trust list: certificates of colleagues (or an organisation CA) whose signatures count.

A certificate is trusted when it is the local signing identity's own certificate, a copy of one
in the trust folder, or directly issued by one there (an organisation CA). Trust is by the whole
certificate (its SHA-256 fingerprint), never by the name in it: another key issued to the same
name is a different certificate and is not trusted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization

from workbench.memo.identity import (
    CERT_FILE,
    SigningError,
    atomic_write,
    certificate_name,
    fingerprint,
    local_certificate,
    signing_dir,
    trust_dir,
)


@dataclass(frozen=True)
class TrustedCertificate:
    """One certificate in the trust folder."""

    path: Path
    cert: x509.Certificate

    @property
    def name(self) -> str:
        return certificate_name(self.cert)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.cert)


def read_certificates(path: Path) -> list[x509.Certificate]:
    """The certificates in a PEM or DER file; raise `SigningError` naming the file if there are none."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise SigningError(f"Cannot read the certificate file {path}: {exc.strerror}.") from exc
    try:
        if b"-----BEGIN CERTIFICATE-----" in data:
            return x509.load_pem_x509_certificates(data)
        return [x509.load_der_x509_certificate(data)]
    except ValueError as exc:
        raise SigningError(
            f"{path} is not a certificate (PEM or DER). Ask your colleague for the file that "
            "'workbench trust export-mine' writes."
        ) from exc


def trusted_entries() -> list[TrustedCertificate]:
    """The certificates in the trust folder (files that hold none are skipped)."""
    folder = trust_dir()
    entries: list[TrustedCertificate] = []
    if not folder.is_dir():
        return entries
    for path in sorted(p for p in folder.iterdir() if p.is_file()):
        try:
            entries.extend(TrustedCertificate(path, c) for c in read_certificates(path))
        except SigningError:
            continue
    return entries


def trusted_certificates() -> list[x509.Certificate]:
    """Every certificate the user trusts: the trust folder plus the local identity's own."""
    certs = [e.cert for e in trusted_entries()]
    own = local_certificate()
    if own is not None:
        certs.append(own)
    return certs


def is_trusted(cert: x509.Certificate, trusted: list[x509.Certificate] | None = None) -> bool:
    """True when `cert` is a trusted certificate or directly issued by one."""
    roots = trusted_certificates() if trusted is None else trusted
    wanted = fingerprint(cert)
    for root in roots:
        if fingerprint(root) == wanted:
            return True
        if root.subject == cert.issuer and root != cert:
            try:
                cert.verify_directly_issued_by(root)
            except (InvalidSignature, ValueError, TypeError):
                continue
            return True
    return False


def _file_name(cert: x509.Certificate) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", certificate_name(cert)).strip("-")[:40] or "certificate"
    return f"{slug}-{fingerprint(cert)[:16]}.pem"


def add_trusted(path: Path) -> list[TrustedCertificate]:
    """Copy the certificate(s) in `path` into the trust folder; return what was added."""
    added = []
    known = {e.fingerprint for e in trusted_entries()}
    for cert in read_certificates(path):
        target = trust_dir() / _file_name(cert)
        if fingerprint(cert) not in known:
            atomic_write(target, cert.public_bytes(serialization.Encoding.PEM))
        added.append(TrustedCertificate(target, cert))
    return added


def remove_trusted(key: str) -> list[TrustedCertificate]:
    """Remove the trusted certificates whose fingerprint starts with `key` (at least 8 hex digits)."""
    key = key.lower().replace(":", "").strip()
    if len(key) < 8 or not re.fullmatch(r"[0-9a-f]+", key):
        raise SigningError(
            "Give at least the first 8 hex digits of the certificate's SHA-256 fingerprint "
            "(see 'workbench trust list')."
        )
    matches = [e for e in trusted_entries() if e.fingerprint.startswith(key)]
    if not matches:
        raise SigningError(f"No trusted certificate has a fingerprint starting with {key}.")
    for entry in matches:
        entry.path.unlink(missing_ok=True)
    return matches


def export_own_certificate(out: Path) -> x509.Certificate:
    """Write the local signing identity's certificate (public part only) to `out` as PEM."""
    cert = local_certificate()
    if cert is None:
        raise SigningError(
            f"No local signing identity in {signing_dir()} yet ({CERT_FILE} is missing). Sign a memo "
            "first (it creates the identity), or share the certificate of your .p12 file instead."
        )
    atomic_write(Path(out), cert.public_bytes(serialization.Encoding.PEM))
    return cert
