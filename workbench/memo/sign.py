"""Sign a rendered memo (PAdES baseline B) with a visible stamp and write it atomically."""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils import content, layout
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator.registry import SimpleCertificateStore
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from workbench.memo.fonts import SANS, SANS_BOLD, markup
from workbench.memo.identity import SigningError, SigningIdentity, atomic_write, check_identity
from workbench.memo.layout import ACCENT, MUTED
from workbench.memo.render import RenderedMemo

REASON = "Due-diligence memo"
FIELD_NAME = "MemoSignature"


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


def _stamp_background(
    identity: SigningIdentity, width: float, height: float, path: Path, reason: str = REASON
) -> None:
    """Draw the stamp's names (any script) into a one-page PDF the size of the signature box."""
    canv = Canvas(str(path), pagesize=(width, height))
    head = ParagraphStyle("h", fontName=SANS_BOLD, fontSize=8, leading=10, textColor=ACCENT)
    small = ParagraphStyle("s", fontName=SANS, fontSize=6.5, leading=8.2, textColor=MUTED)
    parts = [
        Paragraph(markup("Digitally signed by " + identity.common_name, SANS_BOLD), head),
        Paragraph(markup(identity.organisation, SANS), small) if identity.organisation else None,
        Paragraph(markup(f"Reason: {reason}", SANS), small),
        Paragraph(markup(f"Certificate SHA-256 {identity.fingerprint[:32]}…", SANS), small),
    ]
    y = height - 5
    for para in (p for p in parts if p is not None):
        _, h = para.wrap(width - 12, height)
        y -= h
        para.drawOn(canv, 6, y)
    canv.showPage()
    canv.save()


def sign_pdf_bytes(
    rendered: RenderedMemo, identity: SigningIdentity, workdir: Path, reason: str = REASON
) -> bytes:
    """Return the signed PDF (signature field and stamp in the placeholder on the last page)."""
    check_identity(identity)
    x1, y1, x2, y2 = (round(v) for v in rendered.signature_box)
    bg_path = workdir / f".stamp-{os.getpid()}-{id(rendered)}.pdf"
    try:
        _stamp_background(identity, x2 - x1, y2 - y1, bg_path, reason)
        style = TextStampStyle(
            stamp_text="Signing time: %(ts)s",
            timestamp_format="%Y-%m-%d %H:%M:%S %z",
            text_box_style=TextBoxStyle(font_size=7, leading=8),
            border_width=0,
            background=content.ImportedPdfPage(str(bg_path)),
            background_opacity=1.0,
            background_layout=layout.SimpleBoxLayoutRule(
                x_align=layout.AxisAlignment.ALIGN_MIN,
                y_align=layout.AxisAlignment.ALIGN_MAX,
                margins=layout.Margins.uniform(0),
            ),
            inner_content_layout=layout.SimpleBoxLayoutRule(
                x_align=layout.AxisAlignment.ALIGN_MIN,
                y_align=layout.AxisAlignment.ALIGN_MIN,
                margins=layout.Margins(left=6, right=4, top=4, bottom=4),
            ),
        )
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
        pdf_signer = signers.PdfSigner(
            meta, signer=pyhanko_signer(identity), stamp_style=style, new_field_spec=spec
        )
        out = io.BytesIO()
        pdf_signer.sign_pdf(writer, output=out)
        return out.getvalue()
    finally:
        bg_path.unlink(missing_ok=True)


def write_signed_memo(rendered: RenderedMemo, identity: SigningIdentity, out_path: Path) -> Path:
    """Sign and write the memo to `out_path` atomically; nothing is left behind on failure."""
    out_path = Path(out_path)
    folder = out_path.parent if str(out_path.parent) else Path(".")
    if not folder.is_dir():
        raise SigningError(f"The folder {folder} does not exist; choose an existing folder for the memo.")
    try:
        with tempfile.TemporaryDirectory(dir=folder, prefix=".memo-") as work:
            data = sign_pdf_bytes(rendered, identity, Path(work))
        atomic_write(out_path, data)
    except OSError as exc:
        raise SigningError(
            f"Cannot write the memo to {out_path}: {exc.strerror or exc}. Choose a folder you can write to."
        ) from exc
    return out_path
