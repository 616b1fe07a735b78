"""Check an applicability-review pack: the summary's signature, the signed manifest, every file's hash.

The list of files is taken from the manifest attached to the signed summary PDF, not from the
loose manifest.json (which anyone could edit), so every file changed, added or removed after
signing is named, whatever else was changed with it.
"""

from __future__ import annotations

import hashlib
import io
import json
import tempfile
import zipfile
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from pyhanko.pdf_utils.reader import PdfFileReader

from workbench.errors import InputError
from workbench.evidence.content import MANIFEST_NAME, SUMMARY_NAME
from workbench.memo.verify import VerificationResult, verify_pdf

CHUNK = 1 << 20


@dataclass
class PackCheck:
    """What `verify_pack` found; `ok` is the answer scripts act on."""

    pack: str
    signature: VerificationResult | None = None
    pack_id: str = ""
    product: str = ""
    files: int = 0
    changed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        sig_ok = self.signature is not None and self.signature.ok
        return sig_ok and not (self.changed or self.added or self.removed or self.problems)

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["signature"] = self.signature.as_json() if self.signature else None
        return {**data, "ok": self.ok}


def signed_attachment(pdf: bytes, name: str) -> bytes | None:
    """The embedded file `name` of a PDF, or None."""
    try:
        root = PdfFileReader(io.BytesIO(pdf), strict=False).root
        names = root["/Names"]["/EmbeddedFiles"]["/Names"]
        for i in range(0, len(names), 2):
            if str(names[i]) == name:
                return names[i + 1].get_object()["/EF"]["/F"].get_object().data
    except (KeyError, TypeError, ValueError, IndexError):
        return None
    return None


def _sha256(zf: zipfile.ZipFile, name: str) -> str:
    digest = hashlib.sha256()
    with zf.open(name) as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _digest_or_none(zf: zipfile.ZipFile, name: str) -> str | None:
    try:
        return _sha256(zf, name)
    except (zipfile.BadZipFile, OSError):  # e.g. a bad CRC after the bytes were edited in place
        return None


def _check_signature(check: PackCheck, pdf: bytes) -> None:
    with tempfile.TemporaryDirectory(prefix="wb-verify-") as work:
        path = Path(work) / SUMMARY_NAME
        path.write_bytes(pdf)
        check.signature = verify_pdf(path)
    check.signature.path = f"{check.pack}:{SUMMARY_NAME}"
    if not check.signature.ok:
        check.changed.append(SUMMARY_NAME)


def _check_files(check: PackCheck, zf: zipfile.ZipFile, manifest: dict[str, Any]) -> None:
    counts = Counter(zf.namelist())
    listed = {f["file"]: f for f in manifest.get("files", [])}
    check.files = len(listed)
    for name, entry in listed.items():
        if name not in counts:
            check.removed.append(name)
        elif _digest_or_none(zf, name) != entry["sha256"]:
            check.changed.append(name)
    for name, n in counts.items():
        known = name in listed or name in (SUMMARY_NAME, MANIFEST_NAME)
        if not known or n > 1:
            check.added.append(name)


def verify_pack(path: str | Path) -> PackCheck:
    """Check the pack at `path`; never raises for a damaged pack (InputError only if it does not exist)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file. Check the path of the pack.")
    check = PackCheck(str(path))
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        check.problems.append(f"the file is not a readable zip archive ({exc})")
        return check
    with zf:
        names = set(zf.namelist())
        if SUMMARY_NAME not in names:
            check.removed.append(SUMMARY_NAME)
            check.problems.append("the signed summary is missing, so no file can be checked against it")
            return check
        pdf = zf.read(SUMMARY_NAME)
        _check_signature(check, pdf)
        signed = signed_attachment(pdf, MANIFEST_NAME)
        if signed is None:
            check.problems.append("the summary carries no signed manifest; this is not a Workbench pack")
            return check
        manifest = json.loads(signed)
        check.pack_id, check.product = manifest.get("pack_id", ""), manifest.get("product", "")
        if MANIFEST_NAME not in names:
            check.removed.append(MANIFEST_NAME)
        elif zf.read(MANIFEST_NAME) != signed:
            check.changed.append(MANIFEST_NAME)
        _check_files(check, zf, manifest)
    return check
