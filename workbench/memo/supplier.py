"""The section of the memo about one supplier: profile, products, hits, indicators, risk, actions."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from workbench.memo import wording
from workbench.memo.content import Hit, MemoData, SupplierSection
from workbench.memo.fonts import SERIF_BOLD, markup, styled
from workbench.memo.layout import ALERT
from workbench.memo.writer import Writer, display_name, iso


def _decision(w: Writer, h: Hit) -> Paragraph:
    if h.pending:
        return Paragraph(
            f'<font color="{ALERT.hexval()}">' + styled("PENDING REVIEW", SERIF_BOLD) + "</font>",
            w.st["cell"],
        )
    who = ", ".join(x for x in (h.reviewer, iso(h.decided_on)) if x)
    return Paragraph(styled(h.decision.upper(), SERIF_BOLD) + markup(f"\n{who}" if who else ""), w.st["cell"])


def _hit_rows(w: Writer, hits: Sequence[Hit]) -> tuple[list[list[object]], list[int]]:
    """Compact rows (one line or two per hit); the long text goes in `_hit_details`."""
    rows: list[list[object]] = []
    shaded: list[int] = []
    for i, h in enumerate(hits):
        if h.unresolved:
            shaded.append(i)
        party = Paragraph(
            styled(h.entity_name, SERIF_BOLD) + markup(f"\nmatched on: {h.matched_name}"), w.st["cell"]
        )
        measures = "\n".join(", ".join(x for x in (m.authority, iso(m.date)) if x) for m in h.measures)
        rows.append(
            [str(i + 1), party, f"{h.score:.0f}", _decision(w, h), measures or h.source or "none recorded"]
        )
    return rows, shaded


def _hit_details(w: Writer, hits: Sequence[Hit]) -> None:
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


def supplier_section(w: Writer, memo: MemoData, n: int, s: SupplierSection) -> None:
    sec = f"3.{n}" if memo.is_portfolio else "3."
    w.heading(f"{sec} {display_name(s)}")
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
                [0.05, 0.37, 0.08, 0.22, 0.28],
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
