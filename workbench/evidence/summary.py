"""The pack's executive summary and table of contents, in the order CBP's guidance gives, as a PDF.

Uses the memo's fonts, styles, page furniture and table writer, so every script prints and long
tables split across pages with their headers repeated.
"""

from __future__ import annotations

import io

from reportlab.lib.units import mm
from reportlab.platypus import Image, KeepTogether, Paragraph, Spacer

from workbench.evidence.content import FLOW_CHART_NAME, PackData
from workbench.memo.fonts import markup
from workbench.memo.layout import PageFurniture, SignaturePlaceholder, SignatureSlot
from workbench.memo.render import RenderedMemo, build_pdf
from workbench.memo.writer import CONTENT_WIDTH, Writer
from workbench.progress import TaskState, ensure_state
from workbench.tracing.gaps import family_names, reference

LABEL = "Applicability review"


def _sections() -> list[str]:
    return [s["title"] for s in reference()["pack_order"]]


def _title(w: Writer, d: PackData) -> None:
    p = d.product
    w.add(w.p(d.organisation.upper() if d.organisation else "UFLPA APPLICABILITY REVIEW", "kicker"))
    w.add(w.p(f"Applicability review: {p.name}", "title", bold=True))
    w.add(
        w.fields(
            [
                ("Pack ID", d.pack_id),
                ("Date", d.created.date().isoformat()),
                ("Prepared by", d.reviewer),
                ("Organisation", d.organisation),
                ("Entry number", p.entry_number),
                ("Measures dataset", d.dataset_version),
            ]
        )
    )


def _contents(w: Writer, d: PackData) -> None:
    w.heading("Table of contents")
    for i, title in enumerate(_sections(), 1):
        w.add(Paragraph(markup(title), w.st["bullet"], bulletText=f"{i}."))
    folders = sorted({f.file.rsplit("/", 2)[0] for f in d.files})
    extra = "; ".join(folders) or "no documents on file"
    w.add(
        Spacer(1, 4),
        w.p(
            f"Documents in this pack, by family: {extra}. manifest.json lists every file with its "
            "SHA-256; the same list is attached to this signed PDF.",
            "note",
        ),
    )


def _summary_text(d: PackData) -> list[str]:
    r = d.report
    tiers = max((n.tier for n in r.nodes), default=0)
    countries = sorted({n.country for n in r.nodes if n.country})
    open_gaps = [g for g in r.checklist.gaps if g.open]
    out = [
        f"The imported good is {d.product.name}. Its supply chain is traced through {tiers} production "
        f"stage{'s' if tiers != 1 else ''} and {len(r.nodes)} parties in {len(countries)} "
        f"countr{'ies' if len(countries) != 1 else 'y'} ({', '.join(countries)}), down to the raw materials.",
    ]
    if r.flagged:
        paths = "; ".join(" → ".join(p) for p in r.paths)
        out.append(
            f"FLAGGED: {len(r.paths)} node(s) have a Xinjiang nexus or a listed entity: {paths}. "
            "An applicability review cannot rest on this chain as it stands; see section 7."
        )
    else:
        out.append("No node has a Xinjiang nexus or a screening hit on the UFLPA Entity List or other lists.")
    out.append(
        f"{len(d.documents)} documents are on file. {len(open_gaps)} of {len(r.checklist.gaps)} expected "
        "documents are missing, stale or untranslated (section 8)."
    )
    if d.cleared_ref:
        out.append(
            f"This supply chain is identical to the one CBP already reviewed and found admissible under "
            f"{d.cleared_ref}; the summary tracing report in section 3 names the supplier at every stage "
            "with a business record."
        )
    return out


def _good(w: Writer, d: PackData) -> None:
    p = d.product
    top = d.report.nodes[0] if d.report.nodes else None
    w.add(
        w.fields(
            [
                ("Product", p.name),
                ("Entry number", p.entry_number),
                ("Entry date", p.entry_date.isoformat() if p.entry_date else ""),
                ("HTS", p.hts),
                ("Quantity", p.quantity),
                ("Maker", f"{top.supplier} ({top.country})" if top else ""),
                ("Commodities", ", ".join(d.report.checklist.commodities)),
            ]
        )
    )


def _records(d: PackData, node_id: int, refs: list[str]) -> str:
    docs = [
        f"{doc.kind or doc.family} {doc.issued_on or ''}".strip()
        for doc in d.documents
        if doc.node_id == node_id
    ]
    return "; ".join([*refs, *docs]) or "none on file"


def _tracing(w: Writer, d: PackData) -> None:
    refs = {n.id: list(n.document_refs) for n in d.product.nodes}
    if d.cleared_ref:
        w.add(
            w.p(
                f"Summary tracing report: identical to the supply chain cleared under {d.cleared_ref}.",
                bold=True,
            )
        )
    rows = [
        [
            str(n.tier),
            n.node,
            n.supplier,
            n.input,
            ", ".join(x for x in (n.region, n.country) if x),
            _records(d, n.id, refs.get(n.id, [])),
        ]
        for n in d.report.nodes
    ]
    w.add(
        w.table(
            ["Tier", "Node", "Supplier", "Input", "Origin", "Business records"],
            rows,
            [0.07, 0.12, 0.22, 0.18, 0.16, 0.25],
        )
    )


def _parties(w: Writer, d: PackData) -> None:
    by_key = {n.node: n for n in d.report.nodes}
    rows = []
    for n in d.report.nodes:
        parent = by_key.get(n.parent)
        role = f"makes {n.input} for {parent.supplier}" if parent else f"makes the imported good ({n.input})"
        rows.append([n.supplier, ", ".join(x for x in (n.region, n.country) if x), role, n.node])
    w.add(w.table(["Party", "Location", "Role", "Node"], rows, [0.3, 0.2, 0.36, 0.14]))


def _flow(w: Writer, d: PackData) -> None:
    image = d.extra.get(FLOW_CHART_NAME)
    if image:
        img = Image(io.BytesIO(image))
        scale = min(CONTENT_WIDTH / img.imageWidth, (150 * mm) / img.imageHeight, 1.0)
        img.drawWidth, img.drawHeight = img.imageWidth * scale, img.imageHeight * scale
        w.add(
            img, Spacer(1, 4), w.p(f"The map is also in the pack as {FLOW_CHART_NAME}.", "note"), Spacer(1, 4)
        )
    for n in d.report.nodes:
        mark = " [FLAGGED]" if n.flags else ""
        origin = ", ".join(x for x in (n.region, n.country) if x)
        para = w.p(f"{n.supplier} ({origin}): {n.input}{mark}", "smallbullet")
        para.style = para.style.clone(
            "tree", leftIndent=12 + 12 * (n.tier - 1), bulletIndent=2 + 12 * (n.tier - 1)
        )
        para.bulletText = "└" if n.tier > 1 else "■"
        w.add(para)


def _documents(w: Writer, d: PackData) -> None:
    if not d.files:
        w.add(w.p("No documents are on file."))
        return
    rows = [[f.file, f.family, f.node, f.kind or f.role, f.sha256] for f in d.files]
    w.add(w.table(["File", "Family", "Node", "Kind", "SHA-256"], rows, [0.32, 0.1, 0.1, 0.16, 0.32]))


def _screening(w: Writer, d: PackData) -> None:
    w.add(
        w.p(
            f"{d.screened} parties screened against the measures dataset {d.dataset_version} and the "
            f"imported lists; {d.not_screened} not screened.",
            "body",
        )
    )
    flagged = [(n.node, str(f)) for n in d.report.nodes for f in n.flags]
    if flagged:
        w.add(Spacer(1, 4), w.table(["Node", "Flag"], [list(x) for x in flagged], [0.18, 0.82]))
    if d.matches:
        rows = [[m.node, m.supplier, m.entity, f"{m.score:.0f}", m.status, m.decision] for m in d.matches]
        w.add(
            Spacer(1, 4),
            w.table(
                ["Node", "Supplier", "Listed entity", "Score", "Status", "Decision"],
                rows,
                [0.1, 0.2, 0.22, 0.08, 0.1, 0.3],
            ),
        )
    else:
        w.add(w.p("No screening hits."))


def _gaps(w: Writer, d: PackData) -> None:
    open_gaps = [g for g in d.report.checklist.gaps if g.open]
    if not open_gaps:
        w.add(
            w.p("Every document CBP expects for this chain is on file, current and in English or translated.")
        )
        return
    names = family_names()
    w.add(w.p(f"{len(open_gaps)} expected documents are not (or no longer) adequately on file:"))
    rows = [[str(g.tier), g.node, names.get(g.family, g.family), g.expected, g.status] for g in open_gaps]
    w.add(
        Spacer(1, 3),
        w.table(["Tier", "Node", "Family", "Expected", "Status"], rows, [0.07, 0.13, 0.22, 0.4, 0.18]),
    )


def _sources(w: Writer) -> None:
    w.heading("Sources")
    for src in reference()["sources"]:
        text = f"{src['publisher']}, {src['title']}, {src['date']}, {src['url']}"
        w.add(Paragraph(markup(text), w.st["smallbullet"], bulletText="•"))


def render_summary(d: PackData, state: TaskState | None = None) -> RenderedMemo:
    """Lay out the executive summary and return the unsigned PDF with its signature slot."""
    state = ensure_state(state)
    w = Writer()
    slot = SignatureSlot()
    _title(w, d)
    _contents(w, d)
    parts = [
        lambda: w.add(*(x for t in _summary_text(d) for x in (w.p(t), Spacer(1, 4)))),
        lambda: _good(w, d),
        lambda: _tracing(w, d),
        lambda: _parties(w, d),
        lambda: _flow(w, d),
        lambda: _documents(w, d),
        lambda: _screening(w, d),
        lambda: _gaps(w, d),
    ]
    for i, (title, part) in enumerate(zip(_sections(), parts, strict=True), 1):
        state.raise_if_cancelled()
        w.heading(f"{i}. {title}")
        part()
    _sources(w)
    w.add(
        KeepTogether(
            [
                w.p("Sign-off", "h1", bold=True),
                w.p(
                    "Digital signature (PAdES) over this summary and the attached manifest of every file in "
                    "the pack. Check the whole pack with the command workbench verify-pack.",
                    "note",
                ),
                Spacer(1, 3),
                SignaturePlaceholder(slot),
            ]
        )
    )
    furniture = PageFurniture(
        d.pack_id, d.dataset_version, d.organisation, d.created.date().isoformat(), label=LABEL
    )
    pdf, pages = build_pdf(
        w.story,
        furniture,
        title=f"Applicability review: {d.product.name}",
        author=d.reviewer,
        subject=f"UFLPA applicability review pack {d.pack_id}",
    )
    return RenderedMemo(pdf, pages, slot.page_index, slot.box)
