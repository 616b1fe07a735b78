"""Verify a signed memo PDF with pyHanko's validator: intact, valid, whole file covered, trusted."""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from asn1crypto import parser as asn1_parser
from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from workbench.memo.identity import CERT_FILE, signing_dir, trust_dir

log = logging.getLogger(__name__)

KEY_USAGE = KeyUsageConstraints(
    key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False
)


@dataclass
class VerificationResult:
    """What verification found; `ok` is the one answer scripts act on."""

    path: str
    signed: bool = False
    intact: bool = False
    valid: bool = False
    covers_whole_file: bool = False
    trusted: bool = False
    signer: str = ""
    signer_organisation: str = ""
    signing_time: str = ""
    reason: str = ""
    certificate_sha256: str = ""
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Intact, cryptographically valid and covering the whole file (trust is reported apart)."""
        return self.signed and self.intact and self.valid and self.covers_whole_file

    def as_json(self) -> dict[str, Any]:
        """Plain dict for JSON output."""
        return {**asdict(self), "ok": self.ok}


def load_certificates(paths: Iterable[Path]) -> list[asn1_x509.Certificate]:
    """Read PEM or DER certificates; files that hold none are skipped with a log line."""
    certs: list[asn1_x509.Certificate] = []
    for path in paths:
        try:
            data = path.read_bytes()
            if pem.detect(data):
                certs.extend(
                    asn1_x509.Certificate.load(der) for _, _, der in pem.unarmor(data, multiple=True)
                )
            else:
                cert = asn1_x509.Certificate.load(data)
                cert.native  # noqa: B018 - forces a full parse so junk is rejected here
                certs.append(cert)
        except (OSError, ValueError, TypeError) as exc:
            log.warning("Skipping %s in the trust list: not a certificate (%s)", path, exc)
    return certs


def default_trust_roots() -> list[asn1_x509.Certificate]:
    """Certificates in the user's trust folder plus the local signing identity's own certificate."""
    files: list[Path] = []
    folder = trust_dir()
    if folder.is_dir():
        files += sorted(p for p in folder.iterdir() if p.is_file())
    local = signing_dir() / CERT_FILE
    if local.exists():
        files.append(local)
    return load_certificates(files)


def verify_pdf(
    path: Path | str, trust_roots: Iterable[asn1_x509.Certificate] | None = None
) -> VerificationResult:
    """Check the last signature of the PDF at `path`; never raises for a bad or unsigned file."""
    path = Path(path)
    result = VerificationResult(path=str(path))
    try:
        data = path.read_bytes()
    except OSError as exc:
        result.problems.append(f"cannot read the file: {exc.strerror}")
        return result
    roots = list(default_trust_roots() if trust_roots is None else trust_roots)
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
    except (PdfError, ValueError, KeyError, TypeError) as exc:
        result.problems.append(f"the file is not a readable PDF (damaged or altered): {exc}")
        return result
    if not signatures:
        result.problems.append("the file has no signature (unsigned, or the signature was removed)")
        return result
    result.signed = True
    sig = signatures[-1]
    context = ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")
    try:
        with _quiet_pyhanko():
            status = validate_pdf_signature(sig, context, key_usage_settings=KEY_USAGE)
    except Exception as exc:  # pyHanko raises many types for damaged signatures
        result.problems.append(f"the signature cannot be checked (damaged or altered): {exc}")
        return result
    _fill(result, status, sig)
    slot_problem = _check_signature_slot(data, sig)
    if slot_problem:
        result.intact = False
        result.problems.insert(0, slot_problem)
    return result


_HEX_UPPER = re.compile(rb"<[0-9A-F]*>")
_HEX_LOWER = re.compile(rb"<[0-9a-f]*>")


def _check_signature_slot(data: bytes, sig: Any) -> str:
    """The one unsigned part of the file, the signature's hex string, must hold the CMS and zeros only.

    pyHanko validates the CMS object but ignores the zero padding after it, so a changed padding
    byte would otherwise pass. Returns a problem sentence, or "" when the slot is untouched.
    """
    altered = "bytes in the signature's reserved space were altered after signing"
    try:
        start, length, end, _ = (int(v) for v in sig.sig_object["/ByteRange"])
        slot = data[start + length : end]
        contents = bytes(sig.sig_object["/Contents"])
        _, _, _, header, body, trailer = asn1_parser.parse(contents)
    except (KeyError, ValueError, TypeError):
        return altered
    if not (_HEX_UPPER.fullmatch(slot) or _HEX_LOWER.fullmatch(slot)):
        return altered
    if bytes.fromhex(slot[1:-1].decode("ascii")) != contents:
        return altered
    used = len(header) + len(body) + len(trailer)
    if contents[used:].strip(b"\x00"):
        return altered
    return ""


@contextmanager
def _quiet_pyhanko() -> Iterator[None]:
    """pyHanko logs an untrusted chain as an error with a traceback; the result says it already."""
    logger = logging.getLogger("pyhanko")
    before = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(before)


def _fill(result: VerificationResult, status: Any, sig: Any) -> None:
    cert = status.signing_cert
    subject = cert.subject.native
    result.signer = str(subject.get("common_name", "") or cert.subject.human_friendly)
    result.signer_organisation = str(subject.get("organization_name", "") or "")
    result.certificate_sha256 = cert.sha256.hex()
    if status.signer_reported_dt is not None:
        result.signing_time = status.signer_reported_dt.isoformat()
    reason = sig.sig_object.get("/Reason")
    result.reason = str(reason) if reason is not None else ""
    result.intact = bool(status.intact)
    result.valid = bool(status.valid)
    result.trusted = bool(status.trusted)
    result.covers_whole_file = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    if not result.intact:
        result.problems.append("the signed content was altered after signing (digest mismatch)")
    elif not result.valid:
        result.problems.append("the signature value does not match the signer's certificate")
    if not result.covers_whole_file:
        result.problems.append(
            "content was added to the file after it was signed (the signature does not cover the whole file)"
        )
    if not result.trusted:
        result.warnings.append(
            f"the signer's certificate is not in the trust list ({trust_dir()}), so the signer's "
            "identity is not confirmed"
        )
