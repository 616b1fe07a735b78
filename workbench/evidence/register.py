"""The evidence register: documents stored by SHA-256 in the data folder and recorded per node.

A stored file is written once (to a temporary name, then renamed), made read-only and never
written again; the same content added twice is stored once. The record (family, kind, language,
translation, issuer, date) is audited like a decision.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench import paths
from workbench.cases.audit import acting_as
from workbench.data.models import EvidenceDocument, TracedProduct, TraceNode
from workbench.errors import InputError

FAMILIES = ("transaction", "parties", "payment", "other")
CHUNK = 1 << 20
EVIDENCE_DIR = "evidence"


@dataclass(frozen=True)
class StoredFile:
    """A file in the evidence store."""

    sha256: str
    size: int
    path: Path


def stored_path(sha256: str) -> Path:
    """Where the file with this SHA-256 lives in the data folder."""
    return paths.data_dir() / EVIDENCE_DIR / sha256[:2] / sha256


def store_file(source: str | Path) -> StoredFile:
    """Copy a file into the evidence store (streaming, hashed on the way); return its address."""
    source = Path(source)
    if not source.is_file():
        raise InputError(f"{source}: no such file. Check the path and try again.")
    folder = paths.data_dir() / EVIDENCE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=".incoming-")
    tmp = Path(tmp_name)
    try:
        with source.open("rb") as src, os.fdopen(fd, "wb") as out:
            while chunk := src.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
        target = stored_path(digest.hexdigest())
        if target.exists():
            tmp.unlink()
        else:
            target.parent.mkdir(exist_ok=True)
            tmp.chmod(0o444)
            os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputError(f"{source}: cannot store the file ({exc.strerror or exc}).") from exc
    return StoredFile(digest.hexdigest(), size, target)


def media_type(path: Path) -> str:
    """The document's media type from its name (e.g. application/pdf, message/rfc822)."""
    guessed = mimetypes.guess_type(path.name)[0]
    return guessed or (
        "message/rfc822" if path.suffix.lower() in (".eml", ".msg") else "application/octet-stream"
    )


def find_node(session: Session, product: TracedProduct, node: str) -> TraceNode:
    found = session.scalar(select(TraceNode).where(TraceNode.product_id == product.id, TraceNode.key == node))
    if found is None:
        keys = list(
            session.scalars(select(TraceNode.key).where(TraceNode.product_id == product.id).limit(12))
        )
        raise InputError(
            f"Product '{product.name}' has no node '{node}'. Its nodes include: {', '.join(keys)}."
        )
    return found


def add_document(
    session: Session,
    product: TracedProduct,
    node: str,
    file: str | Path,
    family: str,
    *,
    kind: str = "",
    issued_on: date | None = None,
    translation: str | Path | None = None,
    language: str = "",
    issuer: str = "",
    actor: str | None = None,
) -> EvidenceDocument:
    """Store the file (and its translation) and record it against the node (caller owns the transaction)."""
    if family not in FAMILIES:
        raise InputError(f"'{family}' is not a document family; use one of {', '.join(FAMILIES)}.")
    target = find_node(session, product, node)
    file = Path(file)
    stored = store_file(file)
    trans = store_file(translation) if translation else None
    doc = EvidenceDocument(
        product_id=product.id,
        node_id=target.id,
        file_name=file.name[:500],
        sha256=stored.sha256,
        size=stored.size,
        media_type=media_type(file),
        family=family,
        kind=kind.strip()[:200],
        language=language.strip()[:20],
        translation_name=Path(translation).name[:500] if translation else "",
        translation_sha256=trans.sha256 if trans else "",
        issuer=issuer.strip()[:500] or (target.supplier.legal_name if target.supplier else ""),
        issued_on=issued_on,
    )
    with acting_as(session, actor, f"evidence added: {file.name}"):
        session.add(doc)
        session.flush()
    return doc


def copy_stored(sha256: str, out: BinaryIO) -> int:
    """Stream a stored file into the binary stream `out`; InputError if it was altered. Returns its size."""
    source = stored_path(sha256)
    digest, size = hashlib.sha256(), 0
    try:
        with source.open("rb") as src:
            while chunk := src.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
    except OSError as exc:
        raise InputError(f"The stored document {source} cannot be read ({exc.strerror or exc}).") from exc
    if digest.hexdigest() != sha256:
        raise InputError(
            f"The stored document {source} no longer has the SHA-256 it was recorded with; it was altered "
            "on disk. Restore it from a backup."
        )
    return size
