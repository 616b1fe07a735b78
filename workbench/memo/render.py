"""Render a `MemoData` to PDF bytes with reportlab platypus."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate, Paragraph, Spacer

from workbench import __version__
from workbench.memo import wording
from workbench.memo.content import MemoData, SupplierSection
from workbench.memo.fonts import markup
from workbench.memo.layout import PageFurniture, SignaturePlaceholder, SignatureSlot
from workbench.memo.supplier import Cite, evidence_annex, supplier_section
from workbench.memo.writer import MARGIN, NO_PADDING, Writer, display_name, iso
from workbench.progress import TaskState, ensure_state

STALE_AFTER_DAYS = 90


@dataclass(frozen=True)
class RenderedMemo:
    """The unsigned PDF and where its signature stamp goes."""

    pdf: bytes
    pages: int
    signature_page: int
    signature_box: tuple[float, float, float, float]


def _cite_function(memo: MemoData) -> Cite:
    """Maps source keys to in-text citation numbers, e.g. " [2, 5]" (numbers of the Sources section)."""
    numbers = {src.key: n for n, src in enumerate(memo.sources, 1)}

    def cite(keys: Sequence[str]) -> str:
        found = sorted({numbers[k] for k in keys if k in numbers})
        return f" [{', '.join(map(str, found))}]" if found else ""

    return cite


def staleness(memo: MemoData) -> str:
    """The dataset's date and its age on the memo date."""
    if memo.dataset_as_of is None:
        return f"{memo.dataset_version} (date not recorded)"
    days = memo.dataset_age_days or 0
    return (
        f"{memo.dataset_version}, as of {iso(memo.dataset_as_of)}: {days} day{'s' if days != 1 else ''} old "
        f"on the memo date"
    )


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
                ("Measures dataset", staleness(memo)),
                ("Lists screened", ", ".join(memo.lists_screened) or "built-in measures dataset only"),
                ("UFLPA Entity List", memo.uflpa_list),
                ("Not screened", "; ".join(memo.not_screened)),
                ("Match threshold", f"{memo.threshold:g} (scores 0-100)"),
            ]
        )
    )
    if (memo.dataset_age_days or 0) > STALE_AFTER_DAYS:
        w.add(
            Spacer(1, 4),
            w.p(
                f"The measures dataset is {memo.dataset_age_days} days old: measures published after "
                f"{iso(memo.dataset_as_of)} are not covered unless a list imported later was screened. "
                "Refresh the lists before relying on a clear result.",
                "note",
            ),
        )


def _overview(w: Writer, memo: MemoData) -> None:
    rows = []
    shaded = []
    for i, s in enumerate(memo.suppliers):
        confirmed = sum(1 for h in s.hits if h.decision == "confirmed")
        if s.unresolved_hits:
            shaded.append(i)
        rows.append(
            [
                str(i + 1),
                display_name(s),
                f"{s.risk_rating} ({s.confidence} confidence)",
                s.presumption_status,
                f"{confirmed} confirmed, {s.unresolved_hits} unresolved" if s.hits else "none",
                f"{s.indicators_assessed} of {len(s.indicators) or 11}",
            ]
        )
    w.add(
        w.table(
            ["#", "Supplier", "Risk", "UFLPA presumption", "Screening hits", "Indicators assessed"],
            rows,
            [0.05, 0.31, 0.17, 0.14, 0.19, 0.14],
            shaded_rows=shaded,
        )
    )
    if shaded:
        w.add(
            Spacer(1, 3),
            w.p("Shaded rows have hits pending review or escalated; they are not conclusions.", "note"),
        )


def _count_sentence(memo: MemoData) -> str:
    counts = Counter(s.risk_rating for s in memo.suppliers)
    levels = [f"{counts[lv]} {lv}" for lv in ("severe", "high", "medium", "low") if counts[lv]]
    applies = sum(1 for s in memo.suppliers if s.presumption_status == "applies")
    possible = sum(1 for s in memo.suppliers if s.presumption_status == "possible")
    unresolved = sum(1 for s in memo.suppliers if s.unresolved_hits)
    unassessed = sum(1 for s in memo.suppliers if not s.indicators_assessed)
    return (
        f"Of {len(memo.suppliers)} suppliers: {', '.join(levels)}. The UFLPA rebuttable presumption applies "
        f"to {applies} and is possible for {possible}. {unresolved} have undecided screening hits; "
        f"{unassessed} have no ILO indicator assessed."
    )


def _needs_action(memo: MemoData) -> list[tuple[int, SupplierSection]]:
    return [
        (n, s)
        for n, s in enumerate(memo.suppliers, 1)
        if s.risk_rating != "low" or s.unresolved_hits or s.presumption_status != "not indicated"
    ]


def _first_action(s: SupplierSection) -> str:
    first = next((a for step, a in s.actions if step != "monitor"), "")
    return first.split(". ")[0].rstrip(".") + "." if first else "Keep under monitoring."


def _summary(w: Writer, memo: MemoData) -> None:
    w.heading("1. Executive summary" if memo.is_portfolio else "1. Summary")
    if memo.is_portfolio:
        w.add(w.p(_count_sentence(memo)), Spacer(1, 4))
    _overview(w, memo)
    todo = _needs_action(memo)
    if not todo:
        return
    w.add(Spacer(1, 6), w.p("Suppliers that need action", "small", bold=True), Spacer(1, 2))
    rows = []
    for n, s in todo:
        due = memo.created + timedelta(days=wording.ACT_WITHIN_DAYS.get(s.risk_rating, 90))
        rows.append([str(n), display_name(s), s.risk_rating, _first_action(s), memo.reviewer, iso(due)])
    w.add(
        w.table(
            ["#", "Supplier", "Risk", "First action", "Owner", "Act by"],
            rows,
            [0.05, 0.25, 0.09, 0.39, 0.12, 0.10],
        ),
        Spacer(1, 2),
        w.p(
            "Owner: the person who prepared this memo until the case names another. Act-by dates follow the "
            "rating: "
            + ", ".join(f"{lv} {d} days" for lv, d in wording.ACT_WITHIN_DAYS.items())
            + " from the memo date.",
            "note",
        ),
    )


def _scope(w: Writer, memo: MemoData) -> None:
    w.heading("2. Scope and method")
    decided = sum(1 for s in memo.suppliers for h in s.hits if not h.unresolved)
    unresolved = sum(s.unresolved_hits for s in memo.suppliers)
    assessed = sum(1 for s in memo.suppliers if s.indicators_assessed)
    w.add(
        w.p(
            f"This memo records the forced-labour due diligence on {len(memo.suppliers)} "
            f"supplier{'s' if memo.is_portfolio else ''} as of {iso(memo.created)}, "
            f"prepared by {memo.reviewer}"
            f"{', ' + memo.organisation if memo.organisation else ''}, against the UN Guiding Principles on "
            "Business and Human Rights (principles 17 to 22) and the six steps of the OECD Due Diligence "
            "Guidance for Responsible Business Conduct."
        ),
        Spacer(1, 4),
        w.p(f"Measures dataset {staleness(memo)}. {memo.coverage}"),
        Spacer(1, 4),
    )
    if memo.not_screened:
        w.add(
            w.raw(
                [
                    ("Not screened. ", True),
                    ("This memo does not cover " + "; ".join(memo.not_screened) + ".", False),
                ]
            ),
            Spacer(1, 4),
        )
    if memo.uflpa_coverage:
        w.add(w.raw([("UFLPA Entity List coverage. ", True), (memo.uflpa_coverage, False)]), Spacer(1, 4))
    snaps = ", ".join(memo.list_snapshots) or "none (no official list imported)"
    w.add(w.p(f"List snapshots used: {snaps}. Match threshold: {memo.threshold:g} (0-100)."), Spacer(1, 4))
    w.add(w.p(wording.method(len(memo.suppliers), decided, unresolved, assessed)), Spacer(1, 4))
    steps = {step for s in memo.suppliers for step, _ in s.actions}
    rows = [list(item) for item in wording.framework(steps)]
    w.add(w.table(["Principle", "What it asks", "Where this memo answers it"], rows, [0.11, 0.57, 0.32]))
    w.add(Spacer(1, 4), w.p("OECD due-diligence steps covered:", "small", bold=True))
    w.add(*(w.p(step, "bullet") for step in wording.oecd_steps()))


def _annex(w: Writer, memo: MemoData, cite: Cite) -> None:
    w.heading("5. Annex: screening evidence")
    if not any(s.hits for s in memo.suppliers):
        w.add(w.p("No screening hit to document."))
    for n, s in enumerate(memo.suppliers, 1):
        evidence_annex(w, n, s, cite)


def _sources(w: Writer, memo: MemoData) -> None:
    w.heading("6. Sources")
    for i, src in enumerate(memo.sources, 1):
        text = ", ".join(x for x in (src.title, iso(src.date), src.url) if x)
        w.add(Paragraph(markup(text), w.st["bullet"], bulletText=f"[{i}]"))
    if not memo.sources:
        w.add(w.p("No sources recorded."))


def _sign_off(w: Writer, memo: MemoData, slot: SignatureSlot) -> None:
    decided = sum(1 for s in memo.suppliers for h in s.hits if not h.unresolved)
    unresolved = sum(s.unresolved_hits for s in memo.suppliers)
    assessed = sum(1 for s in memo.suppliers if s.indicators_assessed)
    block: list[Flowable] = [
        w.p("7. Sign-off", "h1", bold=True),
        w.p(wording.sign_off(decided, unresolved, assessed)),
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
    cite = _cite_function(memo)
    _title_block(w, memo)
    _summary(w, memo)
    _scope(w, memo)
    if memo.is_portfolio:
        w.heading("3. Suppliers")
    total = len(memo.suppliers)
    for n, s in enumerate(memo.suppliers, 1):
        state.raise_if_cancelled()
        state.set_progress(n - 1, total + 1, f"Laying out {s.name}")
        supplier_section(w, memo, n, s, cite)
    w.heading("4. Limitations")
    w.add(w.p(wording.LIMITATIONS))
    _annex(w, memo, cite)
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
