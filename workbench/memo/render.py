"""Render a `MemoData` to PDF bytes with reportlab platypus."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from workbench import __version__
from workbench.memo import wording
from workbench.memo.content import Hit, MemoData, SupplierSection
from workbench.memo.fonts import SERIF, SERIF_BOLD, markup
from workbench.memo.layout import (
    ACCENT,
    ALERT,
    PENDING_BG,
    RULE,
    PageFurniture,
    SignaturePlaceholder,
    SignatureSlot,
    styles,
)
from workbench.progress import TaskState, ensure_state

MARGIN = 22 * mm
# Split inside a table row only when this much room is left (rows taller than that); shorter
# rows move to the next page whole, which keeps one header per page.
IN_ROW_SPLIT_MIN = 220
IN_ROW_PIECE_MIN = 36


class _Table(Table):
    """A table whose rows split across pages only when a row cannot fit otherwise."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.splitInRow = 0
        parts = super().split(availWidth, availHeight)
        if parts or availHeight < IN_ROW_SPLIT_MIN:
            return parts
        self.splitInRow = IN_ROW_PIECE_MIN
        try:
            return super().split(availWidth, availHeight)
        finally:
            self.splitInRow = 0


CONTENT_WIDTH = A4[0] - 2 * MARGIN
_NO_PADDING = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}


@dataclass(frozen=True)
class RenderedMemo:
    """The unsigned PDF and where its signature stamp goes."""

    pdf: bytes
    pages: int
    signature_page: int
    signature_box: tuple[float, float, float, float]


def iso(value: date | None) -> str:
    """ISO date or an empty string."""
    return value.isoformat() if value else ""


class _Writer:
    """Builds the story; every piece of user text goes through `markup`."""

    def __init__(self) -> None:
        self.st = styles()
        self.story: list[Flowable] = []

    def p(self, text: object, style: str = "body", bold: bool = False) -> Paragraph:
        return Paragraph(markup(text, SERIF_BOLD if bold else SERIF), self.st[style])

    def raw(self, fragments: Sequence[tuple[object, bool]], style: str = "body") -> Paragraph:
        """A paragraph of (text, bold) fragments, each escaped."""
        body = "".join(markup(t, SERIF_BOLD if b else SERIF) for t, b in fragments)
        return Paragraph(body, self.st[style])

    def add(self, *items: Flowable) -> None:
        self.story.extend(items)

    def heading(self, text: str, level: str = "h1") -> None:
        self.add(CondPageBreak(40 * mm if level == "h1" else 35 * mm), self.p(text, level, bold=True))

    def bullets(self, items: Iterable[object], style: str = "bullet") -> None:
        for item in items:
            self.add(Paragraph(markup(item), self.st[style], bulletText="•"))

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[object]],
        widths: Sequence[float],
        shaded_rows: Iterable[int] = (),
    ) -> Table:
        """A table whose header repeats on every page it spans; cells wrap."""
        data: list[list[Flowable]] = [[Paragraph(markup(h, SERIF_BOLD), self.st["cellhead"]) for h in header]]
        for row in rows:
            data.append([c if isinstance(c, Flowable) else self.p(c, "cell") for c in row])
        table = _Table(
            data,
            colWidths=[w * CONTENT_WIDTH for w in widths],
            repeatRows=1,
            splitByRow=1,
            splitInRow=IN_ROW_SPLIT_MIN,
        )
        commands: list[tuple] = [
            ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ]
        commands += [("BACKGROUND", (0, i + 1), (-1, i + 1), PENDING_BG) for i in shaded_rows]
        table.setStyle(TableStyle(commands))
        return table

    def fields(self, pairs: Sequence[tuple[str, object]]) -> Table:
        """A two-column label/value block."""
        rows = [[self.p(k, "label", bold=True), self.p(v, "cell")] for k, v in pairs if v not in ("", None)]
        table = _Table(rows, colWidths=[0.26 * CONTENT_WIDTH, 0.74 * CONTENT_WIDTH])
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
                    ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return table


def _title_block(w: _Writer, memo: MemoData) -> None:
    w.add(w.p(memo.organisation.upper() if memo.organisation else "DUE-DILIGENCE MEMO", "kicker"))
    w.add(w.p(memo.display_title, "title", bold=True))
    names = "; ".join(_display_name(s) for s in memo.suppliers[:12])
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
                ("Match threshold", f"{memo.threshold:g} (scores 0-100)"),
            ]
        )
    )


def _display_name(s: SupplierSection) -> str:
    return f"{s.name} ({s.local_name})" if s.local_name and s.local_name != s.name else s.name


def _summary(w: _Writer, memo: MemoData) -> None:
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
                _display_name(s),
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


def _scope(w: _Writer, memo: MemoData) -> None:
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
    snaps = ", ".join(memo.list_snapshots) or "none (no official list imported)"
    w.add(w.p(f"List snapshots used: {snaps}. Match threshold: {memo.threshold:g} (0-100)."), Spacer(1, 4))
    w.add(w.p(wording.METHOD), Spacer(1, 4))
    rows = [list(item) for item in wording.framework()]
    w.add(w.table(["Principle", "What it asks", "Where this memo answers it"], rows, [0.11, 0.57, 0.32]))
    w.add(Spacer(1, 4), w.p("OECD due-diligence steps covered:", "small", bold=True))
    w.add(*(w.p(step, "bullet") for step in wording.oecd_steps()))


def _decision(w: _Writer, h: Hit) -> Paragraph:
    if h.pending:
        return Paragraph(
            f'<font color="{ALERT.hexval()}">' + markup("PENDING REVIEW", SERIF_BOLD) + "</font>",
            w.st["cell"],
        )
    who = ", ".join(x for x in (h.reviewer, iso(h.decided_on)) if x)
    return Paragraph(markup(h.decision.upper(), SERIF_BOLD) + markup(f"\n{who}" if who else ""), w.st["cell"])


def _hit_rows(w: _Writer, hits: Sequence[Hit]) -> tuple[list[list[object]], list[int]]:
    """Compact rows (one line or two per hit); the long text goes in `_hit_details`."""
    rows: list[list[object]] = []
    shaded: list[int] = []
    for i, h in enumerate(hits):
        if h.unresolved:
            shaded.append(i)
        party = Paragraph(
            markup(h.entity_name, SERIF_BOLD) + markup(f"\nmatched on: {h.matched_name}"), w.st["cell"]
        )
        measures = "\n".join(", ".join(x for x in (m.authority, iso(m.date)) if x) for m in h.measures)
        rows.append(
            [str(i + 1), party, f"{h.score:.0f}", _decision(w, h), measures or h.source or "none recorded"]
        )
    return rows, shaded


def _hit_details(w: _Writer, hits: Sequence[Hit]) -> None:
    """Per hit: rationale, evidence sentences, and each measure with legal basis and source."""
    for i, h in enumerate(hits, 1):
        w.add(Spacer(1, 5), w.raw([(f"Hit {i}: ", True), (h.entity_name, True)], "small"))
        if h.pending:
            w.add(w.p("Pending review: not reviewed, and not a conclusion either way.", "note"))
        else:
            w.add(w.raw([("Decision: ", True), (f"{h.decision}. {h.rationale}".strip(), False)], "small"))
        for e in h.evidence:
            w.add(Paragraph(markup(e), w.st["smallbullet"], bulletText="•"))
        for m in h.measures:
            bits = [m.title, m.authority, m.legal_basis, iso(m.date), m.source_url]
            w.add(w.raw([("Measure: ", True), ("; ".join(b for b in bits if b), False)], "small"))


def _supplier(w: _Writer, memo: MemoData, n: int, s: SupplierSection) -> None:
    sec = f"3.{n}" if memo.is_portfolio else "3."
    w.heading(f"{sec} {_display_name(s)}")
    w.heading("Supplier profile", "h2")
    w.add(
        w.fields(
            [
                ("Legal name", s.name),
                ("Local-script name", s.local_name),
                ("Other names", "; ".join(s.aliases)),
                ("Location", s.location),
                ("Address", s.address),
                ("Tier", str(s.tier)),
                ("Registration", s.registration_id),
                ("Last screened", iso(s.last_screened)),
                ("Notes", s.notes),
            ]
        )
    )
    if s.products:
        rows = []
        for pl in s.products:
            inputs = "\n".join(f"{m} ({o})" if o else m for m, o in pl.inputs) or "none recorded"
            rows.append([pl.description, pl.hs_code, pl.origin, inputs])
        w.add(
            Spacer(1, 4),
            w.table(
                ["Product", "HS code", "Origin", "Inputs and their origin"], rows, [0.36, 0.12, 0.18, 0.34]
            ),
        )
    w.heading("Screening results (UNGP 17-18: identify and assess)", "h2")
    if s.hits:
        rows, shaded = _hit_rows(w, s.hits)
        w.add(
            w.table(
                ["#", "Listed party", "Score", "Decision", "Measure (authority, date)"],
                rows,
                [0.05, 0.40, 0.08, 0.19, 0.28],
                shaded_rows=shaded,
            )
        )
        pending = len(shaded)
        if pending:
            w.add(
                Spacer(1, 2),
                w.p(
                    f"{pending} hit{'s are' if pending > 1 else ' is'} pending review or escalated. "
                    "The conclusions of this memo do not account for them.",
                    "note",
                ),
            )
        _hit_details(w, s.hits)
    else:
        w.add(
            w.p("No candidate match at or above the threshold in the measures dataset or the lists screened.")
        )
    w.heading("Forced-labour indicators (ILO)", "h2")
    if s.indicators:
        rows = [[i.indicator, i.status.replace("_", " "), i.evidence, i.source] for i in s.indicators]
        w.add(w.table(["Indicator", "Status", "Evidence", "Source"], rows, [0.24, 0.14, 0.40, 0.22]))
    else:
        w.add(w.p("No indicator has been assessed for this supplier."))
    w.heading("Risk assessment", "h2")
    w.add(
        w.raw(
            [
                ("Risk rating: ", True),
                (s.risk_rating.upper(), True),
                ("  ·  UFLPA rebuttable presumption: ", True),
                ("applies" if s.presumption else "not indicated", False),
            ]
        )
    )
    w.bullets(s.risk_reasons)
    w.heading("Legal exposure", "h2")
    if s.presumption:
        w.add(w.p("The UFLPA rebuttable presumption applies on the facts recorded. " + wording.PRESUMPTION))
    w.bullets(s.legal_exposure)
    if not s.presumption and not s.legal_exposure:
        w.add(w.p("On the facts recorded, no measure in the dataset applies directly to this supplier."))
    w.heading("Recommended actions (UNGP 19-20: act and track)", "h2")
    if s.actions:
        labels = dict(wording.ACTION_CATEGORIES)
        order = [c for c, _ in wording.ACTION_CATEGORIES]
        for cat in sorted({c for c, _ in s.actions}, key=lambda c: order.index(c) if c in order else 99):
            group: list[Flowable] = [
                w.p(labels.get(cat, cat.replace("_", " ").capitalize()), "small", bold=True)
            ]
            group += [Paragraph(markup(a), w.st["bullet"], bulletText="•") for c, a in s.actions if c == cat]
            w.add(KeepTogether(group))
    else:
        w.add(w.p("No action recorded."))


def _sources(w: _Writer, memo: MemoData) -> None:
    w.heading("5. Sources")
    for i, src in enumerate(memo.sources, 1):
        text = ", ".join(x for x in (src.title, iso(src.date), src.url) if x)
        w.add(Paragraph(markup(text), w.st["bullet"], bulletText=f"[{i}]"))
    if not memo.sources:
        w.add(w.p("No sources recorded."))


def _sign_off(w: _Writer, memo: MemoData, slot: SignatureSlot) -> None:
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
    w = _Writer()
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
        _supplier(w, memo, n, s)
    w.heading("4. Limitations")
    w.add(w.p(wording.LIMITATIONS))
    _sources(w, memo)
    _sign_off(w, memo, slot)

    buf = io.BytesIO()
    furniture = PageFurniture(memo.memo_id, memo.dataset_version, memo.organisation, iso(memo.created))
    doc = BaseDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=22 * mm,
        bottomMargin=20 * mm,
        title=memo.display_title,
        author=memo.reviewer,
        subject=f"Due-diligence memo {memo.memo_id}",
        creator=f"Workbench {__version__}",
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body", **_NO_PADDING)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    state.set_progress(total, total + 1, "Writing PDF")
    doc.build(w.story, canvasmaker=furniture.canvas_class())
    state.set_progress(total + 1, total + 1, "Done")
    pdf = buf.getvalue()
    return RenderedMemo(pdf, doc.page, slot.page_index, slot.box)


__all__ = ["ParagraphStyle", "RenderedMemo", "iso", "render_memo"]
