"""Write the applicability-review pack: a zip with the signed summary PDF, the manifest and the
documents in folders by family, streamed so no document is held in memory whole.

The manifest (file, family, node, SHA-256 of every document) is attached to the summary PDF before
it is signed, so the signature covers the list of files as well as the summary; `verify_pack`
relies on that to name any file changed, added or removed afterwards.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from pyhanko.pdf_utils.embed import EmbeddedFileObject, FileSpec, embed_file
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from sqlalchemy.orm import Session

from workbench.cases.audit import acting_as
from workbench.data.models import TracedProduct
from workbench.errors import InputError
from workbench.evidence.content import MANIFEST_NAME, SUMMARY_NAME, PackData, gather
from workbench.evidence.register import copy_stored
from workbench.evidence.summary import render_summary
from workbench.memo.identity import SigningIdentity
from workbench.memo.render import RenderedMemo
from workbench.memo.sign import sign_memo
from workbench.progress import TaskState, ensure_state

SIGNING_REASON = "UFLPA applicability-review pack"


@dataclass(frozen=True)
class PackResult:
    """What was written."""

    pack_id: str
    path: Path
    files: int
    bytes: int
    pages: int
    signer: str
    flagged: bool
    open_gaps: int
    seconds: float


def manifest_bytes(data: PackData) -> bytes:
    return json.dumps(data.manifest(), indent=2, ensure_ascii=False).encode("utf-8")


def attach(rendered: RenderedMemo, name: str, payload: bytes, mime: str) -> RenderedMemo:
    """The same PDF with `payload` attached as an embedded file (before signing)."""
    writer = IncrementalPdfFileWriter(io.BytesIO(rendered.pdf), strict=False)
    embedded = EmbeddedFileObject.from_file_data(writer, payload, mime_type=mime)
    embed_file(writer, FileSpec(name, file_name=name, embedded_data=embedded, description="Pack manifest"))
    out = io.BytesIO()
    writer.write(out)
    return RenderedMemo(out.getvalue(), rendered.pages, rendered.signature_page, rendered.signature_box)


def _info(name: str, stored: bool) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, time.localtime()[:6])
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    return info


def _write_zip(tmp: Path, data: PackData, summary: bytes, manifest: bytes, state: TaskState) -> int:
    total = sum(f.size for f in data.files) or 1
    done = 0
    with zipfile.ZipFile(tmp, "w", allowZip64=True) as zf:
        zf.writestr(_info(SUMMARY_NAME, True), summary)
        zf.writestr(_info(MANIFEST_NAME, False), manifest)
        for f in data.files:
            state.raise_if_cancelled()
            state.set_progress(done, total, f"Adding {f.file}")
            with zf.open(_info(f.file, True), "w", force_zip64=True) as out:
                if f.file in data.extra:
                    out.write(data.extra[f.file])
                else:
                    copy_stored(f.sha256, out)
            done += f.size
    state.set_progress(total, total, "Done")
    return tmp.stat().st_size


def build_pack(
    session: Session,
    product: TracedProduct,
    out_path: str | Path,
    identity: SigningIdentity,
    reviewer: str,
    organisation: str = "",
    *,
    cleared_ref: str = "",
    extra: dict[str, bytes] | None = None,
    state: TaskState | None = None,
) -> PackResult:
    """Write the signed pack to `out_path` atomically (nothing is left behind on failure or cancel)."""
    started = time.perf_counter()
    state = ensure_state(state)
    out_path = Path(out_path)
    folder = out_path.parent if str(out_path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"The folder {folder} does not exist; choose an existing folder for the pack.")
    if cleared_ref and cleared_ref != product.cleared_ref:
        with acting_as(session, reviewer, "pack: supply chain identical to a cleared one"):
            product.cleared_ref = cleared_ref[:300]
            session.flush()
    state.set_progress(0, 1, "Gathering the tracing and the documents")
    data = gather(session, product, reviewer, organisation, cleared_ref, extra)
    manifest = manifest_bytes(data)
    state.set_progress(0, 1, "Laying out the summary")
    rendered = attach(render_summary(data, state), MANIFEST_NAME, manifest, "application/json")
    fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=".pack-", suffix=".zip")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with tempfile.TemporaryDirectory(dir=folder, prefix=".pack-") as work:
            summary = sign_memo(rendered, identity, Path(work), reason=SIGNING_REASON).data
        size = _write_zip(tmp, data, summary, manifest, state)
        os.replace(tmp, out_path)
    except OSError as exc:
        raise InputError(f"Cannot write the pack to {out_path}: {exc.strerror or exc}.") from exc
    finally:
        tmp.unlink(missing_ok=True)
    open_gaps = sum(1 for g in data.report.checklist.gaps if g.open)
    return PackResult(
        data.pack_id,
        out_path,
        len(data.files) + 2,
        size,
        rendered.pages,
        identity.common_name,
        data.report.flagged,
        open_gaps,
        time.perf_counter() - started,
    )
