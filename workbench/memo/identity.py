"""Signing identities: the user's PKCS#12 file or a local self-signed identity in the data dir."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from workbench import paths
from workbench.errors import InputError

IDENTITY_FILE = "identity.p12"
CERT_FILE = "identity-cert.pem"
PASSPHRASE_ENV = "WORKBENCH_SIGNING_PASSPHRASE"
VALIDITY_DAYS = 5 * 365


class SigningError(InputError):
    """The signing identity cannot be used; the message says why and what to do."""


@dataclass(frozen=True)
class SigningIdentity:
    """A private key with its certificate and any intermediate certificates."""

    key: pkcs12.PKCS12PrivateKeyTypes
    cert: x509.Certificate
    chain: tuple[x509.Certificate, ...] = ()
    origin: str = ""

    @property
    def common_name(self) -> str:
        """The signer's name from the certificate subject."""
        return certificate_name(self.cert)

    @property
    def organisation(self) -> str:
        """The signer's organisation from the certificate subject (may be empty)."""
        return _attr(self.cert.subject, NameOID.ORGANIZATION_NAME)

    @property
    def fingerprint(self) -> str:
        """SHA-256 fingerprint of the certificate, hex."""
        return fingerprint(self.cert)

    @property
    def self_signed(self) -> bool:
        """True when nobody but the holder vouches for the certificate (issuer = subject)."""
        return is_self_signed(self.cert)

    def sign(self, data: bytes) -> bytes:
        """A detached signature of `data` with this identity's key (ECDSA or RSA PKCS#1 v1.5, SHA-256)."""
        if isinstance(self.key, ec.EllipticCurvePrivateKey):
            return self.key.sign(data, ec.ECDSA(hashes.SHA256()))
        if isinstance(self.key, rsa.RSAPrivateKey):
            return self.key.sign(data, padding.PKCS1v15(), hashes.SHA256())
        raise SigningError("Only EC and RSA signing keys are supported; use a certificate with such a key.")


def fingerprint(cert: x509.Certificate) -> str:
    """SHA-256 fingerprint of a certificate, lower-case hex (64 characters)."""
    return cert.fingerprint(hashes.SHA256()).hex()


def is_self_signed(cert: x509.Certificate) -> bool:
    """True when the certificate names itself as its issuer."""
    return cert.issuer == cert.subject


def signature_matches(cert: x509.Certificate, signature: bytes, data: bytes) -> bool:
    """True when `signature` over `data` was made with the key of `cert` (see `SigningIdentity.sign`)."""
    key = cert.public_key()
    try:
        if isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, data, ec.ECDSA(hashes.SHA256()))
        elif isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, data, padding.PKCS1v15(), hashes.SHA256())
        else:
            return False
    except InvalidSignature:
        return False
    return True


def certificate_name(cert: x509.Certificate) -> str:
    """The name a certificate is issued to (its subject's common name)."""
    return _attr(cert.subject, NameOID.COMMON_NAME) or cert.subject.rfc4514_string()


def _attr(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
    values = name.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""


def signing_dir() -> Path:
    """Folder of the local signing identity."""
    return paths.data_dir() / "signing"


def trust_dir() -> Path:
    """Folder of certificates (PEM or DER) the user trusts as memo signers."""
    return paths.data_dir() / "trust"


def load_pkcs12(
    path: Path, passphrase: str | bytes | None, now: dt.datetime | None = None
) -> SigningIdentity:
    """Load and check a PKCS#12 file; raise `SigningError` with the reason if it cannot sign."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SigningError(f"Cannot read the signing file {path}: {exc.strerror}.") from exc
    pw = passphrase.encode("utf-8") if isinstance(passphrase, str) else passphrase
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(data, pw or None)
    except ValueError as exc:
        raise SigningError(
            f"Cannot open the signing file {path}: the passphrase is wrong or the file is not a PKCS#12 "
            "(.p12/.pfx) file. Check the passphrase and the file."
        ) from exc
    if key is None or cert is None:
        raise SigningError(f"The signing file {path} has no private key or no certificate; export both.")
    identity = SigningIdentity(key, cert, tuple(extra), str(path))
    check_identity(identity, now)
    return identity


def check_identity(identity: SigningIdentity, now: dt.datetime | None = None) -> None:
    """Refuse certificates that are expired, not yet valid, not for signing, or not matching the key."""
    now = now or dt.datetime.now(dt.UTC)
    cert, where = identity.cert, identity.origin or "the signing identity"
    if now > cert.not_valid_after_utc:
        raise SigningError(
            f"The certificate in {where} ({identity.common_name}) expired on "
            f"{cert.not_valid_after_utc.date().isoformat()}. Use a current certificate."
        )
    if now < cert.not_valid_before_utc:
        raise SigningError(
            f"The certificate in {where} is not valid before {cert.not_valid_before_utc.date().isoformat()}."
        )
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        usage = None
    if usage is not None and not (usage.digital_signature or usage.content_commitment):
        raise SigningError(
            f"The certificate in {where} ({identity.common_name}) is not allowed to sign documents: its key "
            "usage has neither digitalSignature nor nonRepudiation. Use a document-signing certificate."
        )
    pub = serialization.PublicFormat.SubjectPublicKeyInfo
    enc = serialization.Encoding.DER
    if identity.key.public_key().public_bytes(enc, pub) != cert.public_key().public_bytes(enc, pub):
        raise SigningError(f"The private key in {where} does not belong to its certificate.")


def make_certificate(
    key: ec.EllipticCurvePrivateKey,
    name: str,
    organisation: str = "",
    *,
    not_before: dt.datetime | None = None,
    days: int = VALIDITY_DAYS,
    key_usage: x509.KeyUsage | None = None,
) -> x509.Certificate:
    """A self-signed document-signing certificate for `name` (and `organisation`)."""
    attrs = [x509.NameAttribute(NameOID.COMMON_NAME, name.strip() or "Workbench user")]
    if organisation.strip():
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation.strip()))
    subject = x509.Name(attrs)
    start = not_before or dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
    usage = key_usage or x509.KeyUsage(
        digital_signature=True,
        content_commitment=True,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=False,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=days))
        .add_extension(usage, critical=True)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )


def write_pkcs12(path: Path, identity: SigningIdentity, passphrase: str) -> None:
    """Write `identity` as a passphrase-protected PKCS#12 file, atomically, readable by the owner only."""
    if not passphrase:
        raise SigningError("A passphrase is required to protect the signing identity.")
    blob = pkcs12.serialize_key_and_certificates(
        identity.common_name.encode("utf-8"),
        identity.key,  # type: ignore[arg-type]
        identity.cert,
        list(identity.chain) or None,
        serialization.BestAvailableEncryption(passphrase.encode("utf-8")),
    )
    atomic_write(path, blob, mode=0o600)


def atomic_write(path: Path, data: bytes, mode: int = 0o644) -> None:
    """Write `data` to a temporary file beside `path`, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def local_identity_exists() -> bool:
    """True if the local signing identity has been created."""
    return (signing_dir() / IDENTITY_FILE).exists()


def create_local_identity(name: str, organisation: str, passphrase: str) -> SigningIdentity:
    """Create the local signing identity (EC P-256 key, self-signed certificate) in the data dir."""
    if not passphrase:
        raise SigningError("A passphrase is required to create the local signing identity.")
    key = ec.generate_private_key(ec.SECP256R1())
    cert = make_certificate(key, name, organisation)
    identity = SigningIdentity(key, cert, (), str(signing_dir() / IDENTITY_FILE))
    write_pkcs12(signing_dir() / IDENTITY_FILE, identity, passphrase)
    atomic_write(signing_dir() / CERT_FILE, cert.public_bytes(serialization.Encoding.PEM))
    return identity


def load_local_identity(passphrase: str) -> SigningIdentity:
    """Open the local signing identity; raise `SigningError` if it is missing or the passphrase is wrong."""
    path = signing_dir() / IDENTITY_FILE
    if not path.exists():
        raise SigningError(
            f"No local signing identity in {signing_dir()}. Create one (set {PASSPHRASE_ENV} and sign a "
            "memo) or sign with your own certificate (--p12)."
        )
    return load_pkcs12(path, passphrase)


def local_identity(name: str, organisation: str, passphrase: str) -> SigningIdentity:
    """The local signing identity, created on first use."""
    if local_identity_exists():
        return load_local_identity(passphrase)
    return create_local_identity(name, organisation, passphrase)


def local_certificate() -> x509.Certificate | None:
    """The local identity's certificate (public part, readable without the passphrase)."""
    path = signing_dir() / CERT_FILE
    if not path.exists():
        return None
    return x509.load_pem_x509_certificate(path.read_bytes())
