"""The section of the memo about one supplier (compact: profile, hits, indicators, risk, exposure, actions)
and its part of the evidence annex (decisions, match evidence, measures and their caveats)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from workbench.memo import wording
from workbench.memo.content import Hit, MeasureRef, MemoData, SupplierSection, source_key
from workbench.memo.fonts import SERIF_BOLD, markup, styled
from workbench.memo.layout import ALERT
from workbench.memo.writer import Writer, display_name, iso

Cite = Callable[[Sequence[str]], str]  # source keys -> " [3, 5]" (or "")

PRESUMPTION_LABEL = {
    "applies": "applies on the record",
    "possible": "possible: an undecided hit names an entity on the UFLPA Entity List",
    "not indicated": "not indicated on the record",
}


def measure_key(m: MeasureRef) -> str:
    title = f"{m.authority}, {m.title}" if m.authority else m.title
    return source_key(m.measure_id, m.source_url, title)


def _decision(w: Writer, h: Hit) -> Paragraph:
    if h.pending:
        return Paragraph(
            f'<font color="{ALERT.hexval()}">' + styled("PENDING REVIEW", SERIF_BOLD) + "</font>",
            w.st["cell"],
        )
    who = ", ".join(x for x in (h.reviewer, iso(h.decided_on)) if x)
    return Paragraph(styled(h.decision.upper(), SERIF_BOLD) + markup(f"\n{who}" if who else ""), w.st["cell"])


def _hit_rows(w: Writer, hits: Sequence[Hit], cite: Cite) -> tuple[list[list[object]], list[int]]:
    rows: list[list[object]] = []
    shaded: list[int] = []
    for i, h in enumerate(hits):
        if h.unresolved:
            shaded.append(i)
        party = Paragraph(
            styled(h.entity_name, SERIF_BOLD) + markup(f"\nmatched on: {h.matched_name}"), w.st["cell"]
        )
        measures = "\n".join(
            ", ".join(x for x in (m.authority, iso(m.date)) if x) + cite([measure_key(m)]) for m in h.measures
        )
        rows.append(
            [str(i + 1), party, f"{h.score:.0f}", _decision(w, h), measures or h.source or "none recorded"]
        )
    return rows, shaded


def _caveats(s: SupplierSection) -> list[str]:
    """Confidence notes of the dataset records this section relies on (below "verified")."""
    notes: dict[str, str] = {}
    for h in s.hits:
        if h.caveat:
            notes.setdefault(h.caveat, f"{h.entity_name}: {h.caveat}")
        for m in h.measures:
            if m.caveat:
                notes.setdefault(m.caveat, f"{m.title}: {m.caveat}")
    return list(notes.values())


def _screening(w: Writer, s: SupplierSection, cite: Cite, n: int) -> None:
    w.heading("Screening results (UNGP 17-18: identify and assess)", "h2")
    if not s.hits:
        w.add(
            w.p("No candidate match at or above the threshold in the measures dataset or the lists screened.")
        )
        return
    rows, shaded = _hit_rows(w, s.hits, cite)
    w.add(
        w.table(
            ["#", "Listed party", "Score", "Decision", "Measure (authority, date)"],
            rows,
            [0.05, 0.37, 0.08, 0.22, 0.28],
            shaded_rows=shaded,
        )
    )
    if shaded:
        pending = len(shaded)
        w.add(
            Spacer(1, 2),
            w.p(
                f"{pending} hit{'s are' if pending > 1 else ' is'} pending review or escalated: not a "
                "conclusion either way. What each would mean if confirmed is stated under legal exposure.",
                "note",
            ),
        )
    w.add(Spacer(1, 2), w.p(f"Decisions, rationales and match evidence: annex, part {n}.", "note"))
    for note in _caveats(s):
        w.add(w.raw([("Record below verified confidence. ", True), (note, False)], "note"))


def _indicators(w: Writer, s: SupplierSection) -> None:
    w.heading("Forced-labour indicators (ILO)", "h2")
    assessed = [i for i in s.indicators if i.status != "not_assessed"]
    total = len(s.indicators) or 11
    if not assessed:
        w.add(
            w.p(
                f"None of the {total} ILO forced-labour indicators has been assessed for this supplier, so "
                "the memo states no finding about them and the rating's confidence is limited."
            )
        )
        return
    rows = [[i.indicator, i.status.replace("_", " "), i.evidence, i.source] for i in assessed]
    w.add(w.table(["Indicator", "Status", "Evidence", "Source"], rows, [0.24, 0.14, 0.40, 0.22]))
    rest = total - len(assessed)
    if rest:
        w.add(Spacer(1, 2), w.p(f"The other {rest} indicators have not been assessed.", "note"))


def _risk(w: Writer, s: SupplierSection, cite: Cite) -> None:
    w.heading("Risk assessment and involvement (UNGP 19)", "h2")
    w.add(
        w.raw(
            [
                ("Risk rating: ", True),
                (s.risk_rating.upper(), True),
                (f"  ·  Confidence: {s.confidence}", False),
                ("  ·  UFLPA rebuttable presumption: ", True),
                (PRESUMPTION_LABEL.get(s.presumption_status, s.presumption_status), False),
            ]
        )
    )
    if s.confidence_note:
        w.add(w.p(s.confidence_note, "note"))
    keys = s.reason_sources or ((),) * len(s.risk_reasons)
    w.bullets(reason + cite(k) for reason, k in zip(s.risk_reasons, keys, strict=False))
    if s.involvement:
        w.add(Spacer(1, 2), w.p(s.involvement))


def _exposure(w: Writer, s: SupplierSection) -> None:
    w.heading("Legal exposure", "h2")
    if s.presumption_status == "applies":
        w.add(w.p("The UFLPA rebuttable presumption applies on the facts recorded. " + wording.PRESUMPTION))
    w.bullets(s.legal_exposure)
    if s.potential_exposure:
        w.add(
            w.p(
                "Unresolved potential exposure: the following hits are not decided. They are not "
                "conclusions, but each would bring the consequence stated if the reviewer confirmed it.",
                "body",
                bold=False,
            )
        )
        w.bullets(s.potential_exposure)
    if not s.legal_exposure and not s.presumption and not s.potential_exposure:
        w.add(w.p("On the record, no measure in the dataset is established as applying to this supplier."))
    elif not s.legal_exposure and not s.presumption:
        w.add(w.p("No measure is established as applying until the hits above are decided."))


def _actions(w: Writer, s: SupplierSection) -> None:
    w.heading("Recommended actions (UNGP 19-20: act and track)", "h2")
    if not s.actions:
        w.add(w.p("No action recorded."))
        return
    labels = dict(wording.ACTION_CATEGORIES)
    order = [c for c, _ in wording.ACTION_CATEGORIES]
    for cat in sorted({c for c, _ in s.actions}, key=lambda c: order.index(c) if c in order else 99):
        group: list[Flowable] = [w.p(labels.get(cat, cat.replace("_", " ").capitalize()), "small", bold=True)]
        group += [Paragraph(markup(a), w.st["bullet"], bulletText="•") for c, a in s.actions if c == cat]
        w.add(KeepTogether(group))


def supplier_section(w: Writer, memo: MemoData, n: int, s: SupplierSection, cite: Cite) -> None:
    """The compact section about one supplier."""
    sec = f"3.{n}" if memo.is_portfolio else "3."
    w.heading(f"{sec} {display_name(s)}")
    w.add(
        w.fields(
            [
                ("Local-script name", s.local_name),
                ("Other names", "; ".join(s.aliases)),
                ("Location", s.location),
                ("Address", s.address),
                ("Tier", str(s.tier)),
                ("Registration", s.registration_id),
                ("Last screened", iso(s.last_screened) or "never"),
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
    else:
        w.add(Spacer(1, 2), w.p("No product is recorded for this supplier.", "note"))
    _screening(w, s, cite, n)
    _indicators(w, s)
    _risk(w, s, cite)
    _exposure(w, s)
    _actions(w, s)


def evidence_annex(w: Writer, n: int, s: SupplierSection, cite: Cite) -> None:
    """The annex part about one supplier's hits: decisions, match evidence and each measure."""
    if not s.hits:
        return
    w.heading(f"Part {n}: {display_name(s)}", "h2")
    for i, h in enumerate(s.hits, 1):
        w.add(Spacer(1, 3), w.raw([(f"Hit {i}: ", True), (h.entity_name, True)], "small"))
        if h.pending:
            w.add(w.p("Pending review: not reviewed, and not a conclusion either way.", "note"))
        else:
            who = ", ".join(x for x in (h.reviewer, iso(h.decided_on)) if x)
            text = f"{h.decision}{' by ' + who if who else ''}. {h.rationale}".strip()
            w.add(w.raw([("Decision: ", True), (text, False)], "small"))
        for e in h.evidence:
            w.add(Paragraph(markup(e), w.st["smallbullet"], bulletText="•"))
        for m in h.measures:
            bits = [m.title, m.authority, m.legal_basis, iso(m.date)]
            w.add(
                w.raw(
                    [("Measure: ", True), ("; ".join(b for b in bits if b) + cite([measure_key(m)]), False)],
                    "small",
                )
            )
            if m.summary and h.decision != "dismissed":  # a dismissed hit's measure says nothing of it
                w.add(w.p(m.summary, "small"))
        if h.caveat:
            w.add(w.raw([("Record below verified confidence: ", True), (h.caveat, False)], "small"))
