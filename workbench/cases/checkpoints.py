"""Signed checkpoints of the audit chain's head, and the checks `workbench audit verify` runs on them.

The hash chain alone proves nothing against someone who can write the database: they can rewrite
an entry, recompute every later hash and move `audit_head`. A checkpoint is a statement "the log
had N entries ending in hash H", signed with the signing identity's private key, which does not
live in the database. After a checkpoint, rewriting or truncating the first N entries fails
verification, whatever hashes were recomputed. Deleting the checkpoint rows is caught by the
copy this computer keeps of the newest checkpoint it signed for a store (`anchors_file()`) and
by every memo, which embeds the head it was issued at.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench import paths
from workbench.cases.audit import ChainReport, canonical_json, chain_head, jsonable
from workbench.data.models import AuditCheckpoint
from workbench.memo.identity import SigningIdentity, atomic_write, certificate_name, fingerprint
from workbench.memo.identity import signature_matches as _signature_matches
from workbench.memo.trust import is_trusted, trusted_certificates

ANCHORS_FILE = "audit-anchors.json"


def payload(at: datetime, chain_length: int, head_hash: str) -> bytes:
    """The bytes a checkpoint's signature covers."""
    body = {"at": jsonable(at), "chain_length": chain_length, "head_hash": head_hash}
    return canonical_json(body).encode("utf-8")


def create_checkpoint(session: Session, identity: SigningIdentity, note: str = "") -> AuditCheckpoint:
    """Sign the current head of the chain and store the checkpoint (caller owns the transaction)."""
    head = chain_head(session)
    at = datetime.now(UTC)
    checkpoint = AuditCheckpoint(
        at=at,
        chain_length=head.length,
        head_hash=head.hash,
        signer=identity.common_name[:500],
        certificate=identity.cert.public_bytes(serialization.Encoding.PEM).decode("ascii"),
        signature=base64.b64encode(identity.sign(payload(at, head.length, head.hash))).decode("ascii"),
        note=note,
    )
    session.add(checkpoint)
    session.flush()
    return checkpoint


# ---------------------------------------------------------------- the copy kept on this computer


def anchors_file() -> Path:
    """Where this computer keeps the newest checkpoint it signed or verified, per store."""
    return paths.data_dir() / ANCHORS_FILE


def store_key(session: Session) -> str:
    """A stable name for the store the session is bound to (no password in it)."""
    url = session.get_bind().url
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        text = "sqlite:" + str(Path(url.database).resolve())
    else:
        text = url.set(password=None).render_as_string(hide_password=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _read_anchors() -> dict[str, Any]:
    try:
        data = json.loads(anchors_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def remember(session: Session, checkpoint: AuditCheckpoint) -> None:
    """Keep `checkpoint` as this computer's anchor for the store (call after the commit)."""
    anchors = _read_anchors()
    key = store_key(session)
    old = anchors.get(key)
    if isinstance(old, dict) and int(old.get("chain_length", 0)) > checkpoint.chain_length:
        return
    anchors[key] = {
        "at": jsonable(checkpoint.at),
        "chain_length": checkpoint.chain_length,
        "head_hash": checkpoint.head_hash,
        "signer": checkpoint.signer,
        "certificate": checkpoint.certificate,
        "signature": checkpoint.signature,
    }
    atomic_write(anchors_file(), json.dumps(anchors, indent=1).encode("utf-8"), mode=0o600)


def _anchor(session: Session) -> AuditCheckpoint | None:
    data = _read_anchors().get(store_key(session))
    if not isinstance(data, dict):
        return None
    try:
        at = datetime.fromisoformat(str(data["at"]).removesuffix("Z")).replace(tzinfo=UTC)
        return AuditCheckpoint(
            id=0,
            at=at,
            chain_length=int(data["chain_length"]),
            head_hash=str(data["head_hash"]),
            signer=str(data.get("signer", "")),
            certificate=str(data["certificate"]),
            signature=str(data["signature"]),
            note="kept on this computer",
        )
    except (KeyError, ValueError, TypeError):
        return None


# ---------------------------------------------------------------- checking


@dataclass
class CheckpointCheck:
    """What was found about one checkpoint."""

    id: int
    at: str
    chain_length: int
    head_hash: str
    signer: str
    certificate_sha256: str
    signature_valid: bool
    trusted: bool
    matches_log: bool
    source: str = "store"
    missing_from_store: bool = False
    problem: str = ""

    @property
    def tampered(self) -> bool:
        """The checkpoint was altered, or the log or the checkpoints changed after it was signed."""
        return not self.signature_valid or not self.matches_log or self.missing_from_store

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "tampered": self.tampered}


def check_checkpoint(
    checkpoint: AuditCheckpoint, report: ChainReport, trusted: list[x509.Certificate]
) -> CheckpointCheck:
    """Check one checkpoint's signature and that the log still holds the history it signed."""
    what = f"checkpoint {checkpoint.id}" if checkpoint.id else "the checkpoint this computer keeps"
    try:
        cert = x509.load_pem_x509_certificate(checkpoint.certificate.encode("ascii"))
        signature = base64.b64decode(checkpoint.signature, validate=True)
        signed = _signature_matches(
            cert, signature, payload(checkpoint.at, checkpoint.chain_length, checkpoint.head_hash)
        )
    except ValueError:
        cert, signed = None, False
    result = CheckpointCheck(
        id=checkpoint.id,
        at=str(jsonable(checkpoint.at)),
        chain_length=checkpoint.chain_length,
        head_hash=checkpoint.head_hash,
        signer=certificate_name(cert) if cert is not None else checkpoint.signer,
        certificate_sha256=fingerprint(cert) if cert is not None else "",
        signature_valid=signed,
        trusted=cert is not None and is_trusted(cert, trusted),
        matches_log=False,
        source="store" if checkpoint.id else "this computer",
    )
    if not signed:
        result.problem = f"{what} was altered: its signature does not match its content."
        return result
    length = checkpoint.chain_length
    if length == 0:
        result.matches_log = True
    elif report.head.length < length and report.ok:
        result.problem = (
            f"{what} (signed by {result.signer} at {result.at}) covers {length} entries but the log "
            f"now has {report.head.length}: entries were removed."
        )
    elif report.hash_at.get(length) != checkpoint.head_hash:
        if report.ok:
            result.problem = (
                f"{what} (signed by {result.signer} at {result.at}) does not match the log: the first "
                f"{length} entries were rewritten after it was signed."
            )
        else:
            result.problem = f"{what} cannot be confirmed: the log breaks before entry {length}."
    else:
        result.matches_log = True
    if not result.problem and not result.trusted:
        result.problem = (
            f"{what} is signed by {result.signer}, whose certificate (SHA-256 {result.certificate_sha256}) "
            "is not in your trust list; it proves nothing until you trust that certificate."
        )
    return result


def checkpoint_positions(session: Session) -> set[int]:
    """The chain lengths that the store's checkpoints and this computer's anchor speak for."""
    lengths = set(session.scalars(select(AuditCheckpoint.chain_length)))
    anchor = _anchor(session)
    if anchor is not None:
        lengths.add(anchor.chain_length)
    return lengths


def check_checkpoints(session: Session, report: ChainReport) -> list[CheckpointCheck]:
    """Check every stored checkpoint and this computer's anchor against the walked chain."""
    trusted = trusted_certificates()
    stored = list(session.scalars(select(AuditCheckpoint).order_by(AuditCheckpoint.id)))
    checks = [check_checkpoint(c, report, trusted) for c in stored]
    anchor = _anchor(session)
    if anchor is not None:
        check = check_checkpoint(anchor, report, trusted)
        if not any(c.signature == anchor.signature for c in stored) and not check.tampered:
            check.missing_from_store = True
            check.problem = (
                f"the checkpoint this computer signed or verified at {check.at} ({anchor.chain_length} "
                "entries) is missing from the store: checkpoints were deleted."
            )
        checks.append(check)
    return checks


def newest_good(session: Session, checks: list[CheckpointCheck]) -> AuditCheckpoint | None:
    """The newest stored checkpoint that checked out (signed, trusted, matching the log)."""
    good = [c.id for c in checks if c.id and not c.problem]
    return session.get(AuditCheckpoint, max(good)) if good else None
