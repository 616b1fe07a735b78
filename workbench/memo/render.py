"""Render a `MemoData` to PDF bytes with reportlab platypus."""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate, Paragraph, Spacer

from workbench import __version__
from workbench.memo import wording
from workbench.memo.content import MemoData
from workbench.memo.fonts import markup
from workbench.memo.layout import PageFurniture, SignaturePlaceholder, SignatureSlot
from workbench.memo.supplier import supplier_section
from workbench.memo.writer import MARGIN, NO_PADDING, Writer, display_name, iso
from workbench.progress import TaskState, ensure_state


@dataclass(frozen=True)
class RenderedMemo:
    """The unsigned PDF and where its signature stamp goes."""

    pdf: bytes
    pages: int
    signature_page: int
    signature_box: tuple[float, float, float, float]


def _title_block(w: Writer, memo: MemoData) -> None:
    w.add(w.p(memo.organisation.upper() if memo.organisation else "DUE-DILIGENCE MEMO", "kicker"))
    w.add(w.p(memo.display_title, "title", bold=True))
    names = "; ".join(display_name(s) for s in memo.suppliers[:12])
    if len(memo.suppliers) > 12:
        names += f"; and {len(memo.suppliers) - 12} more (see section 3)"
    w.add(
        w.fields(
            [
                ("Memo ID", memo.memo_id),
                ("Date", iso(memo.created)),
                ("Prepared by", memo.reviewer),
                ("Organisation", memo.organisation),
                ("Client", memo.client),
                ("Supplier(s)", names),
                ("Measures dataset", memo.dataset_version),
                ("Lists screened", ", ".join(memo.lists_screened) or "built-in measures dataset only"),
                ("UFLPA Entity List", memo.uflpa_list),
                ("Match threshold", f"{memo.threshold:g} (scores 0-100)"),
            ]
        )
    )


def _summary(w: Writer, memo: MemoData) -> None:
    w.heading("1. Summary")
    rows = []
    pending_rows = []
    for i, s in enumerate(memo.suppliers):
        confirmed = sum(1 for h in s.hits if h.decision == "confirmed")
        pending = sum(1 for h in s.hits if h.unresolved)
        if pending:
            pending_rows.append(i)
        rows.append(
            [
                str(i + 1),
                display_name(s),
                s.location,
                s.risk_rating,
                "yes" if s.presumption else "no",
                f"{confirmed} confirmed, {pending} unresolved" if s.hits else "none",
            ]
        )
    w.add(
        w.table(
            ["#", "Supplier", "Location", "Risk", "Presumption", "Screening hits"],
            rows,
            [0.05, 0.31, 0.17, 0.10, 0.15, 0.22],
            shaded_rows=pending_rows,
        )
    )
    if pending_rows:
        w.add(
            Spacer(1, 3),
            w.p("Shaded rows have hits pending review or escalated; they are not conclusions.", "note"),
        )


def _scope(w: Writer, memo: MemoData) -> None:
    w.heading("2. Scope and method")
    w.add(
        w.p(
            f"This memo records the forced-labour due diligence performed on {len(memo.suppliers)} "
            f"supplier{'s' if memo.is_portfolio else ''} as of {iso(memo.created)}, by {memo.reviewer}"
            f"{', ' + memo.organisation if memo.organisation else ''}. It follows the UN Guiding Principles "
            "on Business and Human Rights (principles 17 to 21) and the six steps of the OECD Due Diligence "
            "Guidance for Responsible Business Conduct."
        ),
        Spacer(1, 4),
        w.p(f"Measures dataset {memo.dataset_version}. {memo.coverage}"),
        Spacer(1, 4),
    )
    if memo.uflpa_coverage:
        w.add(w.raw([("UFLPA Entity List coverage. ", True), (memo.uflpa_coverage, False)]), Spacer(1, 4))
    snaps = ", ".join(memo.list_snapshots) or "none (no official list imported)"
    w.add(w.p(f"List snapshots used: {snaps}. Match threshold: {memo.threshold:g} (0-100)."), Spacer(1, 4))
    w.add(w.p(wording.METHOD), Spacer(1, 4))
    rows = [list(item) for item in wording.framework()]
    w.add(w.table(["Principle", "What it asks", "Where this memo answers it"], rows, [0.11, 0.57, 0.32]))
    w.add(Spacer(1, 4), w.p("OECD due-diligence steps covered:", "small", bold=True))
    w.add(*(w.p(step, "bullet") for step in wording.oecd_steps()))


def _sources(w: Writer, memo: MemoData) -> None:
    w.heading("5. Sources")
    for i, src in enumerate(memo.sources, 1):
        text = ", ".join(x for x in (src.title, iso(src.date), src.url) if x)
        w.add(Paragraph(markup(text), w.st["bullet"], bulletText=f"[{i}]"))
    if not memo.sources:
        w.add(w.p("No sources recorded."))


def _sign_off(w: Writer, memo: MemoData, slot: SignatureSlot) -> None:
    block: list[Flowable] = [
        w.p("6. Sign-off", "h1", bold=True),
        w.p(wording.SIGN_OFF),
        Spacer(1, 6),
        w.fields(
            [
                ("Reviewer", memo.reviewer),
                ("Organisation", memo.organisation),
                ("Date", iso(memo.created)),
                ("Memo ID", memo.memo_id),
            ]
        ),
        Spacer(1, 8),
        w.p(
            "Digital signature (PAdES). Check it with the command workbench verify, or in a PDF reader:",
            "note",
        ),
        Spacer(1, 3),
        SignaturePlaceholder(slot),
    ]
    w.add(KeepTogether(block))


def render_memo(memo: MemoData, state: TaskState | None = None) -> RenderedMemo:
    """Lay out the memo and return the unsigned PDF with the signature slot."""
    state = ensure_state(state)
    w = Writer()
    slot = SignatureSlot()
    _title_block(w, memo)
    _summary(w, memo)
    _scope(w, memo)
    if memo.is_portfolio:
        w.heading("3. Suppliers")
    total = len(memo.suppliers)
    for n, s in enumerate(memo.suppliers, 1):
        state.raise_if_cancelled()
        state.set_progress(n - 1, total + 1, f"Laying out {s.name}")
        supplier_section(w, memo, n, s)
    w.heading("4. Limitations")
    w.add(w.p(wording.LIMITATIONS))
    _sources(w, memo)
    _sign_off(w, memo, slot)

    furniture = PageFurniture(memo.memo_id, memo.dataset_version, memo.organisation, iso(memo.created))
    state.set_progress(total, total + 1, "Writing PDF")
    pdf, pages = build_pdf(
        w.story,
        furniture,
        title=memo.display_title,
        author=memo.reviewer,
        subject=f"Due-diligence memo {memo.memo_id}",
    )
    state.set_progress(total + 1, total + 1, "Done")
    return RenderedMemo(pdf, pages, slot.page_index, slot.box)


def build_pdf(
    story: list[Flowable], furniture: PageFurniture, *, title: str, author: str, subject: str
) -> tuple[bytes, int]:
    """Lay `story` out on A4 pages with the memo's margins and page furniture; (PDF bytes, pages)."""
    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=22 * mm,
        bottomMargin=20 * mm,
        title=title,
        author=author,
        subject=subject,
        creator=f"Workbench {__version__}",
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body", **NO_PADDING)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(story, canvasmaker=furniture.canvas_class())
    return buf.getvalue(), doc.page


__all__ = ["RenderedMemo", "build_pdf", "iso", "render_memo"]
