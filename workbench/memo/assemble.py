"""Build a `MemoData` from the store: suppliers, products, matches and decisions, indicators, risk."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from workbench.cases import risk
from workbench.cases.errors import NotFound
from workbench.data.models import (
    DatasetInfo,
    Entity,
    IndicatorFinding,
    ListSnapshot,
    Match,
    Measure,
    Product,
    ScreeningRun,
    Supplier,
)
from workbench.measures.catalogue import UFLPA_IMPORT_TYPE, UFLPA_LIST_URL, uflpa_coverage
from workbench.measures.dataset import DATASET_NAME
from workbench.memo.content import (
    Hit,
    IndicatorLine,
    MeasureRef,
    MemoData,
    ProductLine,
    Source,
    SupplierSection,
)
from workbench.memo.exposure import exposure_sentences, potential_exposure
from workbench.memo.wording import NOT_SCREENED
from workbench.progress import TaskState, ensure_state


def new_memo_id(today: date | None = None) -> str:
    """A memo ID such as M-20261125-3F2A91C0."""
    day = today or date.today()
    return f"M-{day:%Y%m%d}-{uuid.uuid4().hex[:8].upper()}"


def _date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _place(country: str, region: str) -> str:
    return f"{country} ({region})" if country and region else country or region


def caveat(confidence: str) -> str:
    """A measure's confidence note when the record is below "verified" ("" when verified or high).

    Notes on UFLPA Entity List batches summarise their rows; each row's own note is used instead.
    """
    text = confidence.strip()
    if not text or text.casefold().startswith(("high", "verified", "row confidence notes")):
        return ""
    return text


_ROW_CONFIDENCE = re.compile(r"confidence '([^']+)'")
# Evidence lines about the matcher's inner workings: kept in the app, left out of the memo.
_INTERNALS = ("Feature ", "Penalty ", "Normalised ", "Agreeing tokens", "Query repair", "Listed under ")


def entity_caveat(notes: str) -> str:
    """The dataset row's confidence note for a listed entity when it is not 'verified'."""
    found = _ROW_CONFIDENCE.search(notes or "")
    if not found or found.group(1).strip().casefold() == "verified":
        return ""
    return f"Dataset row confidence '{found.group(1)}': {notes}".strip()


class _Records:
    """The measures and listed entities of the built-in dataset, read once per memo."""

    def __init__(self, session: Session) -> None:
        self.measures = {m.id: m for m in session.scalars(select(Measure))}
        self.entity_notes = dict(session.execute(select(Entity.id, Entity.notes)).tuples().all())

    def measure(self, m: dict[str, Any]) -> MeasureRef:
        sources = m.get("sources") or ()
        stored = self.measures.get(str(m.get("measure_id") or ""))
        return MeasureRef(
            title=str(m.get("title") or m.get("measure_id") or ""),
            authority=str(m.get("authority") or ""),
            legal_basis=str(m.get("legal_basis") or ""),
            date=_date(m.get("date")),
            source_url=str(sources[0]) if sources else "",
            kind=str(m.get("kind") or ""),
            measure_id=str(m.get("measure_id") or ""),
            summary=stored.summary if stored else "",
            caveat=caveat(stored.confidence) if stored else "",
        )

    def hit(self, match: Match) -> Hit:
        last = match.current_decision
        texts = [str(e.get("text")) for e in match.evidence if e.get("kind") == "sentence" and e.get("text")]
        evidence = [t for t in texts if not t.startswith(_INTERNALS)]
        if not match.present:
            evidence.append("No longer found in the latest screening.")
        key = match.entity_key or ""
        entity_id = key.removeprefix("builtin:") if key.startswith("builtin:") else ""
        return Hit(
            entity_name=match.entity_name,
            matched_name=match.matched_name,
            score=float(match.score),
            decision=match.status,
            rationale=last.rationale if last else "",
            reviewer=last.reviewer if last else "",
            decided_on=_date(last.decided_at) if last else None,
            evidence=tuple(evidence),
            measures=tuple(self.measure(m) for m in match.measures),
            caveat=entity_caveat(self.entity_notes.get(entity_id, "")),
        )


def _indicators(session: Session, supplier: Supplier) -> tuple[IndicatorLine, ...]:
    try:
        from workbench.cases.indicators import findings_for

        findings = findings_for(session, supplier.id)
    except (FileNotFoundError, KeyError):  # reference catalogue not shipped: use the stored rows
        rows = session.scalars(select(IndicatorFinding).where(IndicatorFinding.supplier_id == supplier.id))
        return tuple(
            IndicatorLine(
                r.indicator_id.replace("_", " "), r.status, r.evidence, _source(r.source_type, r.source_ref)
            )
            for r in rows
        )
    return tuple(
        IndicatorLine(
            f.indicator.name,
            f.status,
            f.evidence,
            _source(f.source_type, f.source_ref, f.observed_on),
        )
        for f in findings
    )


def _source(kind: str, ref: str, when: date | None = None) -> str:
    parts = [kind.replace("_", " ") if kind else "", ref, when.isoformat() if when else ""]
    return "; ".join(p for p in parts if p)


def _citations_of(reason: risk.Reason) -> tuple[Source, ...]:
    return tuple(
        Source(", ".join(p for p in (c.authority, c.title) if p), c.url, _date(c.date), c.measure_id)
        for c in reason.citations
    )


def _citations(result: risk.RiskRating) -> tuple[Source, ...]:
    return tuple(c for r in result.reasons for c in _citations_of(r))


def _products(supplier: Supplier) -> tuple[ProductLine, ...]:
    return tuple(
        ProductLine(
            p.description,
            p.hs_code,
            _place(p.origin_country, p.origin_region),
            tuple((i.material, _place(i.origin_country, i.origin_region)) for i in p.inputs),
        )
        for p in supplier.products
    )


def _section(
    session: Session, records: _Records, supplier: Supplier
) -> tuple[SupplierSection, tuple[Source, ...]]:
    matches = [m for m in supplier.matches if m.present or m.status in ("confirmed", "escalated")]
    hits = tuple(records.hit(m) for m in matches)
    result = risk.rate(session, supplier)
    confirmed = [m for h in hits if h.decision == "confirmed" for m in h.measures]
    section = SupplierSection(
        name=supplier.legal_name,
        local_name=supplier.local_name,
        aliases=tuple(supplier.aliases or ()),
        country=supplier.country,
        region=supplier.region,
        address=supplier.address,
        tier=supplier.tier,
        registration_id=supplier.registration_id,
        products=_products(supplier),
        hits=hits,
        indicators=_indicators(session, supplier),
        risk_rating=str(result.level),
        risk_reasons=tuple(str(r) for r in result.reasons),
        reason_sources=tuple(tuple(c.key for c in _citations_of(r)) for r in result.reasons),
        presumption=bool(result.presumption),
        presumption_status=result.presumption_status,
        legal_exposure=exposure_sentences(confirmed, bool(result.presumption)),
        potential_exposure=potential_exposure(hits),
        indicators_assessed=result.indicators_assessed,
        confidence=result.confidence,
        confidence_note=result.confidence_note,
        involvement=result.involvement,
        case_types=result.case_types,
        actions=tuple((str(step), str(text)) for step, text in result.actions),
        notes=supplier.notes,
        last_screened=_date(supplier.last_screened_at),
    )
    return section, _citations(result)


def _coverage(session: Session, info: DatasetInfo | None) -> str:
    if info is None:
        return "No built-in measures dataset is loaded in the store."
    count = session.scalar(select(func.count()).select_from(Measure)) or 0
    authorities = session.scalar(select(func.count(func.distinct(Measure.authority)))) or 0
    as_of = f" as of {info.as_of.isoformat()}" if info.as_of else ""
    return (
        f"It documents {count} government measures from {authorities} authorities{as_of} "
        f"(dataset SHA-256 {info.sha256[:16]})."
    )


def _run_snapshots(session: Session, run: ScreeningRun | None) -> list[ListSnapshot]:
    if run is None or not run.list_snapshots:
        return []
    return list(
        session.scalars(
            select(ListSnapshot)
            .where(ListSnapshot.id.in_(run.list_snapshots))
            .options(selectinload(ListSnapshot.watchlist))
            .order_by(ListSnapshot.imported_at)
        )
    )


def _snapshots(snaps: Sequence[ListSnapshot]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    described = tuple(
        f"{s.watchlist.name} imported {s.imported_at.date().isoformat()}, {s.rows:,} rows, "
        f"sha256 {s.sha256[:12]}"
        for s in snaps
    )
    return described, tuple(dict.fromkeys(s.watchlist.name for s in snaps))


def _uflpa_coverage(session: Session, snaps: Sequence[ListSnapshot]) -> tuple[str, str]:
    """(short, full) statement of how much of the UFLPA Entity List the screening covered."""
    builtin = uflpa_coverage(session)
    imported = [s for s in snaps if s.watchlist.type == UFLPA_IMPORT_TYPE]
    if builtin is not None:
        short, full = builtin.short, builtin.sentence
    else:
        short = "none in the built-in dataset"
        full = (
            "The built-in dataset holds no UFLPA Entity List entries. Download the current list from "
            f"{UFLPA_LIST_URL} and import it with: workbench lists import FILE --type {UFLPA_IMPORT_TYPE}."
        )
    if imported:
        latest = imported[-1]
        when = latest.imported_at.date().isoformat()
        short += f"; list imported {when} ({latest.rows:,} rows) also screened"
        also = f"the built-in snapshot ({builtin.counts})" if builtin else "the built-in measures"
        full = (
            f"The UFLPA Entity List imported from {UFLPA_LIST_URL} on {when} ({latest.rows:,} rows) was "
            f"screened, as well as {also}. Entities listed after that import are not covered; import the "
            "list again before relying on a clear result."
        )
    return short, full


def _sources(sections: Sequence[SupplierSection], citations: Sequence[Source]) -> tuple[Source, ...]:
    """Every source cited, once each; every measure under its own entry (e.g. each UFLPA batch)."""
    seen: dict[str, Source] = {}
    for c in citations:
        if c.key and c.key not in seen:
            seen[c.key] = c
    for s in sections:
        for h in s.hits:
            for m in h.measures:
                title = f"{m.authority}, {m.title}" if m.authority else m.title
                src = Source(title, m.source_url, m.date, m.measure_id)
                seen.setdefault(src.key, src)
        for i in s.indicators:
            if i.source and i.status != "not_assessed" and i.source not in seen:
                seen[i.source] = Source(f"{i.indicator}: {i.source}")
    return tuple(seen.values())


def build_memo_data(
    session: Session,
    supplier_ids: Sequence[int],
    reviewer: str,
    organisation: str = "",
    *,
    client: str = "",
    memo_id: str | None = None,
    created: date | None = None,
    title: str = "",
    state: TaskState | None = None,
) -> MemoData:
    """Collect what the memo says about `supplier_ids` (in that order) from the store."""
    state = ensure_state(state)
    if not supplier_ids:
        raise NotFound("Choose at least one supplier for the memo.")
    rows = session.scalars(
        select(Supplier)
        .where(Supplier.id.in_(list(supplier_ids)), Supplier.deleted_at.is_(None))
        .options(
            selectinload(Supplier.products).selectinload(Product.inputs),
            selectinload(Supplier.matches).selectinload(Match.decisions),
        )
    ).all()
    by_id = {s.id: s for s in rows}
    missing = [str(i) for i in supplier_ids if i not in by_id]
    if missing:
        raise NotFound(f"No active supplier with id {', '.join(missing)}; it may have been deleted.")
    sections: list[SupplierSection] = []
    citations: list[Source] = []
    records = _Records(session)
    for n, sid in enumerate(supplier_ids):
        state.raise_if_cancelled()
        state.set_progress(n, len(supplier_ids), f"Collecting {by_id[sid].legal_name}")
        section, cited = _section(session, records, by_id[sid])
        sections.append(section)
        citations.extend(cited)
    info = session.get(DatasetInfo, DATASET_NAME)
    run = session.scalars(select(ScreeningRun).order_by(ScreeningRun.id.desc()).limit(1)).first()
    snaps = _run_snapshots(session, run)
    described, lists = _snapshots(snaps)
    uflpa_list, uflpa_full = _uflpa_coverage(session, snaps)
    today = created or datetime.now(UTC).date()
    return MemoData(
        memo_id=memo_id or new_memo_id(today),
        created=today,
        reviewer=reviewer,
        organisation=organisation,
        dataset_version=info.version if info else "none",
        coverage=_coverage(session, info),
        suppliers=tuple(sections),
        list_snapshots=described,
        lists_screened=("Built-in measures dataset", *lists),
        threshold=float(run.threshold) if run else 0.0,
        client=client,
        title=title,
        sources=_sources(sections, citations),
        uflpa_list=uflpa_list,
        uflpa_coverage=uflpa_full,
        dataset_as_of=info.as_of if info else None,
        not_screened=NOT_SCREENED,
    )
