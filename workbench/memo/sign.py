"""Sign a rendered memo (PAdES, with an RFC 3161 timestamp when a TSA answers) with a visible stamp.

What the memo was issued on (its id and the audit log's length and head hash) goes into the
document information dictionary of the signed revision, so the signature covers it.
"""

from __future__ import annotations

import io
import os
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils import content, generic, layout
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers, timestamps
from pyhanko.stamp import StaticStampStyle
from pyhanko_certvalidator.registry import SimpleCertificateStore
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from workbench.memo.fonts import SANS, SANS_BOLD, markup, register_fonts
from workbench.memo.identity import SigningError, SigningIdentity, atomic_write, check_identity
from workbench.memo.issued import INFO_CHAIN_HEAD, INFO_CHAIN_LENGTH, INFO_MEMO_ID, IssueRecord
from workbench.memo.layout import ACCENT, MUTED
from workbench.memo.render import RenderedMemo

REASON = "Due-diligence memo"
FIELD_NAME = "MemoSignature"
TSA_TIMEOUT = 10


@dataclass(frozen=True)
class SignedPdf:
    """The signed bytes and whether a trusted timestamp was added (and if not, why not)."""

    data: bytes
    timestamped: bool
    timestamp_note: str


def _der(cert: object) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))  # type: ignore[attr-defined]


def pyhanko_signer(identity: SigningIdentity) -> signers.SimpleSigner:
    """A pyHanko signer for `identity`."""
    key_der = identity.key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    chain = [_der(c) for c in identity.chain]
    return signers.SimpleSigner(
        signing_cert=_der(identity.cert),
        signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
        cert_registry=SimpleCertificateStore.from_certs([_der(identity.cert), *chain]),
    )


def stamp_lines(identity: SigningIdentity, issue: IssueRecord | None) -> list[str]:
    """The stamp's small print: certificate kind and full fingerprint, roles, audit log head."""
    fp = " ".join(identity.fingerprint[i : i + 8] for i in range(0, 64, 8))
    kind = "CA-issued certificate"
    if identity.self_signed:
        kind = "Self-signed certificate (not vouched for by a CA)"
    lines = [f"{kind}, SHA-256 {fp}", f"Signing time: {datetime.now().astimezone():%Y-%m-%d %H:%M:%S %z}"]
    if issue is not None:
        if issue.reviewer and issue.reviewer.casefold() != identity.common_name.casefold():
            lines.append(f"Prepared by {issue.reviewer} (reviewer); signed by {identity.common_name}")
        lines.append(f"Audit log at issue: {issue.chain_length} entries, head {issue.chain_head[:16]}…")
    return lines


def _stamp_background(
    identity: SigningIdentity, issue: IssueRecord | None, width: float, height: float, path: Path
) -> None:
    """Draw the stamp's names (any script) into a one-page PDF the size of the signature box."""
    register_fonts()
    canv = Canvas(str(path), pagesize=(width, height), initialFontName=SANS)
    head = ParagraphStyle("h", fontName=SANS_BOLD, fontSize=7.5, leading=9, textColor=ACCENT)
    small = ParagraphStyle("s", fontName=SANS, fontSize=5.6, leading=6.7, textColor=MUTED)
    name = identity.common_name + (f", {identity.organisation}" if identity.organisation else "")
    parts = [
        Paragraph(markup("Digitally signed by " + name, SANS_BOLD), head),
        *(Paragraph(markup(line, SANS), small) for line in stamp_lines(identity, issue)),
    ]
    y = height - 4
    for para in parts:
        _, h = para.wrap(width - 12, height)
        y -= h
        para.drawOn(canv, 6, y)
    canv.showPage()
    canv.save()


def _embed_issue_record(writer: IncrementalPdfFileWriter, issue: IssueRecord) -> None:
    info_ref = writer.prev.trailer_view.raw_get("/Info")
    info = info_ref.get_object()
    info[generic.NameObject(INFO_MEMO_ID)] = generic.TextStringObject(issue.memo_id)
    info[generic.NameObject(INFO_CHAIN_LENGTH)] = generic.NumberObject(issue.chain_length)
    info[generic.NameObject(INFO_CHAIN_HEAD)] = generic.TextStringObject(issue.chain_head)
    writer.update_container(info)


def _stamp_style(bg_path: Path) -> StaticStampStyle:
    """The stamp is the drawn background alone: pyHanko's own stamp text would add an unembedded Courier."""
    return StaticStampStyle(
        border_width=0,
        background=content.ImportedPdfPage(str(bg_path)),
        background_opacity=1.0,
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MIN,
            y_align=layout.AxisAlignment.ALIGN_MAX,
            margins=layout.Margins.uniform(0),
        ),
    )


def _sign_once(
    rendered: RenderedMemo,
    identity: SigningIdentity,
    issue: IssueRecord | None,
    bg_path: Path,
    timestamper: timestamps.TimeStamper | None,
    reason: str = REASON,
) -> bytes:
    x1, y1, x2, y2 = (round(v) for v in rendered.signature_box)
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        reason=reason,
        name=identity.common_name,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
    )
    spec = fields.SigFieldSpec(
        sig_field_name=FIELD_NAME, on_page=rendered.signature_page, box=(x1, y1, x2, y2)
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(rendered.pdf), strict=False)
    if issue is not None:
        _embed_issue_record(writer, issue)
    pdf_signer = signers.PdfSigner(
        meta,
        signer=pyhanko_signer(identity),
        timestamper=timestamper,
        stamp_style=_stamp_style(bg_path),
        new_field_spec=spec,
    )
    out = io.BytesIO()
    pdf_signer.sign_pdf(writer, output=out)
    return out.getvalue()


def sign_memo(
    rendered: RenderedMemo,
    identity: SigningIdentity,
    workdir: Path,
    issue: IssueRecord | None = None,
    tsa_url: str = "",
    reason: str = REASON,
) -> SignedPdf:
    """Sign the memo (or another document, named by `reason`); with `tsa_url`, add an RFC 3161
    timestamp, or say why none could be added."""
    check_identity(identity)
    x1, y1, x2, y2 = (round(v) for v in rendered.signature_box)
    bg_path = workdir / f".stamp-{os.getpid()}-{id(rendered)}.pdf"
    try:
        _stamp_background(identity, issue, x2 - x1, y2 - y1, bg_path)
        if not tsa_url:
            data = _sign_once(rendered, identity, issue, bg_path, None, reason)
            note = "no timestamp server configured; the signing time is the signer's clock"
            return SignedPdf(data, False, note)
        try:
            stamper = timestamps.HTTPTimeStamper(tsa_url, timeout=TSA_TIMEOUT)
            data = _sign_once(rendered, identity, issue, bg_path, stamper, reason)
        except (timestamps.TimestampRequestError, OSError, ValueError) as exc:
            data = _sign_once(rendered, identity, issue, bg_path, None, reason)
            note = (
                f"the timestamp server {tsa_url} could not be reached or refused the request ({exc}); "
                "the signing time is the signer's clock"
            )
            return SignedPdf(data, False, note)
        return SignedPdf(data, True, f"RFC 3161 timestamp from {tsa_url}")
    finally:
        bg_path.unlink(missing_ok=True)


def sign_pdf_bytes(rendered: RenderedMemo, identity: SigningIdentity, workdir: Path) -> bytes:
    """Return the signed PDF (signature field and stamp in the placeholder on the last page)."""
    return sign_memo(rendered, identity, workdir).data


def check_folder(out_path: Path) -> Path:
    """The folder the memo goes into; raise `SigningError` if it does not exist."""
    folder = out_path.parent if str(out_path.parent) else Path(".")
    if not folder.is_dir():
        raise SigningError(f"The folder {folder} does not exist; choose an existing folder for the memo.")
    return folder


def write_signed_memo(rendered: RenderedMemo, identity: SigningIdentity, out_path: Path) -> Path:
    """Sign and write the memo to `out_path` atomically; nothing is left behind on failure."""
    out_path = Path(out_path)
    check_folder(out_path)
    try:
        with tempfile.TemporaryDirectory(prefix="workbench-memo-") as work:
            data = sign_pdf_bytes(rendered, identity, Path(work))
        atomic_write(out_path, data)
    except OSError as exc:
        raise SigningError(
            f"Cannot write the memo to {out_path}: {exc.strerror or exc}. Choose a folder you can write to."
        ) from exc
    return out_path
