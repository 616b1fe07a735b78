"""Verify a signed memo PDF with pyHanko's validator: intact, valid, whole file covered, trusted."""

from __future__ import annotations

import hashlib
import io
import logging
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from asn1crypto import cms, pem
from asn1crypto import parser as asn1_parser
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from workbench.memo.identity import CERT_FILE, signing_dir, trust_dir
from workbench.memo.issued import INFO_CHAIN_HEAD, INFO_CHAIN_LENGTH, INFO_MEMO_ID

log = logging.getLogger(__name__)

KEY_USAGE = KeyUsageConstraints(
    key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False
)


EXIT_VERIFIED, EXIT_NOT_VERIFIED, EXIT_UNTRUSTED = 0, 1, 3


@dataclass
class VerificationResult:
    """What verification found; `ok` is the one answer scripts act on, `exit_code` says why not."""

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
    self_signed: bool = False
    timestamped: bool = False
    timestamp: str = ""
    timestamp_authority: str = ""
    memo_id: str = ""
    audit_chain_length: int | None = None
    audit_chain_head: str = ""

    @property
    def signature_ok(self) -> bool:
        """Intact, cryptographically valid and covering the whole file, whoever signed it."""
        return self.signed and self.intact and self.valid and self.covers_whole_file

    @property
    def ok(self) -> bool:
        """The signature is sound and the signer is in the trust list."""
        return self.signature_ok and self.trusted

    @property
    def exit_code(self) -> int:
        """0 verified, 1 tampered or invalid, 3 sound but signed by someone not in the trust list."""
        if not self.signature_ok:
            return EXIT_NOT_VERIFIED
        return EXIT_VERIFIED if self.trusted else EXIT_UNTRUSTED

    def as_json(self) -> dict[str, Any]:
        """Plain dict for JSON output."""
        verdict = {EXIT_VERIFIED: "verified", EXIT_NOT_VERIFIED: "not verified", EXIT_UNTRUSTED: "untrusted"}
        return {
            **asdict(self),
            "ok": self.ok,
            "signature_ok": self.signature_ok,
            "verdict": verdict[self.exit_code],
            "exit_code": self.exit_code,
        }


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
        log.info("Cannot read %s as a PDF: %r", path, exc)
        detail = f": {exc}" if isinstance(exc, PdfError) and str(exc) else ""
        result.problems.append(f"the file is not a readable PDF (damaged or altered){detail}")
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
        log.info("Cannot check the signature of %s: %r", path, exc)
        result.problems.append(DAMAGED_SIGNATURE)
        return result
    _fill(result, status, sig)
    _fill_issue_record(result, reader)
    slot_problem = _check_signature_slot(data, sig) or _check_unsigned_parts(sig, status)
    if slot_problem:
        result.intact = False
        result.problems.insert(0, slot_problem)
    return result


DAMAGED_SIGNATURE = "the signature data was damaged or altered after signing; it cannot be checked"
SPKI = serialization.PublicFormat.SubjectPublicKeyInfo
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
    try:  # the signature is written in DER; a re-encoding that differs means bytes were changed
        if cms.ContentInfo.load(contents[:used]).dump(force=True) != contents[:used]:
            return DAMAGED_SIGNATURE
    except Exception:  # any parse error in the signature object means damage
        return DAMAGED_SIGNATURE
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


def _fill_issue_record(result: VerificationResult, reader: PdfFileReader) -> None:
    """What the memo says it was issued on (memo id, audit log head), from the signed revision."""
    try:
        info = reader.trailer_view["/Info"]
        result.memo_id = str(info.get(INFO_MEMO_ID, "") or "")
        length = info.get(INFO_CHAIN_LENGTH)
        result.audit_chain_length = int(length) if length is not None else None
        result.audit_chain_head = str(info.get(INFO_CHAIN_HEAD, "") or "")
    except (KeyError, ValueError, TypeError, PdfError):
        return


def _fill_timestamp(result: VerificationResult, status: Any) -> None:
    ts = status.timestamp_validity
    if ts is None:
        result.warnings.append(
            "no trusted timestamp: the signing time comes from the signer's computer clock"
        )
        return
    result.timestamped = bool(ts.intact and ts.valid)
    result.timestamp = ts.timestamp.isoformat() if ts.timestamp else ""
    subject = ts.signing_cert.subject.native if ts.signing_cert is not None else {}
    result.timestamp_authority = str(subject.get("common_name", "") or "")
    if not result.timestamped:
        result.problems.append("the timestamp token does not match the signature")


def _fill(result: VerificationResult, status: Any, sig: Any) -> None:
    cert = status.signing_cert
    result.self_signed = cert.self_signed != "no"
    _fill_timestamp(result, status)
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
    if result.trusted:
        return
    if result.intact and result.valid:
        result.warnings.append(
            f"the signer's certificate is not in your trust list ({trust_dir()}), so the signer's "
            "identity is not confirmed: anyone can make a certificate in any name. If the signer is "
            "a colleague, get their certificate from them (they run 'workbench trust export-mine "
            "FILE.pem'), compare its SHA-256 fingerprint with the one above by phone or in person, "
            "then run 'workbench trust add FILE.pem'"
        )
    else:
        result.warnings.append("the signer was not checked against the trust list: the signature failed")


def _check_unsigned_parts(sig: Any, status: Any) -> str:
    """The parts of the signature that its value does not cover must still agree with what it signs.

    The CMS object carries a list of digest algorithms and a set of certificates outside the signed
    attributes; pyHanko checks neither when the signer is not trusted, so a changed byte there
    (even the signer's name in a certificate) would otherwise pass. Here: the digest algorithm
    list must be in canonical form and name the signer's algorithm only; the signer's certificate
    must be the one the signed `signing-certificate-v2` attribute names by hash; and every other
    certificate must be an identical copy of it or issue another certificate in the set, and must
    itself verify against its issuer when that is in the set.
    """
    try:
        signed_data = sig.signed_data
        signer_info = signed_data["signer_infos"][0]
        algorithms = signed_data["digest_algorithms"]
        digest_oid = signer_info["digest_algorithm"]["algorithm"].dotted
        if {a["algorithm"].dotted for a in algorithms} != {digest_oid}:
            return DAMAGED_SIGNATURE
        if _versions_problem(signed_data):
            return DAMAGED_SIGNATURE
        signing = status.signing_cert
        if not _signing_certificate_matches(signer_info, signing):
            return DAMAGED_SIGNATURE
        certs = [x509.load_der_x509_certificate(c.chosen.dump()) for c in signed_data["certificates"] or ()]
        signing_der = signing.dump()
        signing_key = signing.public_key.dump()
        for cert in certs:
            der = cert.public_bytes(serialization.Encoding.DER)
            issuer = next((c for c in certs if c.subject == cert.issuer), None)
            if issuer is not None:
                cert.verify_directly_issued_by(issuer)
            if der == signing_der:
                continue
            key = cert.public_key().public_bytes(serialization.Encoding.DER, SPKI)
            issues_another = any(c is not cert and c.issuer == cert.subject for c in certs)
            if key == signing_key or not issues_another:  # an altered copy, or not part of the chain
                return DAMAGED_SIGNATURE
    except Exception:  # any parse or signature error in data that must be intact means damage
        return DAMAGED_SIGNATURE
    return ""


def _versions_problem(signed_data: Any) -> bool:
    """The version numbers RFC 5652 (5.1, 5.3) fixes for what the CMS object holds were changed."""
    sids = [si["sid"].name for si in signed_data["signer_infos"]]
    versions = [si["version"].native for si in signed_data["signer_infos"]]
    expected = ["v1" if sid == "issuer_and_serial_number" else "v3" for sid in sids]
    if versions != expected:
        return True
    choices = {c.name for c in signed_data["certificates"] or ()}
    if choices - {"certificate"}:
        return False  # attribute or other certificates: versions 3 to 5 depend on them
    content_type = signed_data["encap_content_info"]["content_type"].native
    want = "v3" if "v3" in versions or content_type != "data" else "v1"
    return signed_data["version"].native != want


def _signing_certificate_matches(signer_info: Any, cert: asn1_x509.Certificate) -> bool:
    """The signed ESS signing-certificate(-v2) attribute, when present, names `cert` by its hash."""
    for attr in signer_info["signed_attrs"] or ():
        kind = attr["type"].native
        if kind not in ("signing_certificate", "signing_certificate_v2"):
            continue
        for ess in attr["values"]:
            first = ess["certs"][0]
            v1 = kind == "signing_certificate"
            algorithm = "sha1" if v1 else first["hash_algorithm"]["algorithm"].native
            if hashlib.new(algorithm, cert.dump()).digest() != first["cert_hash"].native:
                return False
    return True
