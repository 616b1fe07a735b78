"""The 11 ILO forced-labour indicators and their assessment per supplier.

The indicators (names, order, descriptions, examples) are shipped reference data. Each supplier
has one finding per indicator: not_assessed (the default, no row needed), not_observed,
suspected or observed, with evidence, source type, source reference and date. A confirmed hit on
a CBP Withhold Release Order that names indicators pre-fills them as government findings.
The caller owns the transaction (see `workbench.cases`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.cases.audit import acting_as
from workbench.cases.errors import NotFound, ValidationError
from workbench.cases.reviewer import current_reviewer
from workbench.cases.versions import bump, refusing_races, stale_edit
from workbench.data.models import IndicatorFinding, Match, Measure, Supplier
from workbench.resources import load_json

STATUSES = ("not_assessed", "not_observed", "suspected", "observed")
SOURCE_TYPES = ("audit_report", "interview", "media", "government_finding", "other")
#: How users name each status and source type (messages never show the stored keys).
STATUS_LABELS = {
    "not_assessed": "Not assessed",
    "not_observed": "Not observed",
    "suspected": "Suspected",
    "observed": "Observed",
}
SOURCE_LABELS = {
    "audit_report": "Audit report",
    "interview": "Worker interview",
    "media": "Media / NGO report",
    "government_finding": "Government finding",
    "other": "Other",
}
PREFILL_KINDS = ("wro",)  # measure kinds whose named indicators pre-fill findings
PREFILL_STATUS = "suspected"  # a WRO rests on information that "reasonably but not conclusively" indicates


@dataclass(frozen=True)
class Indicator:
    """One ILO indicator of forced labour (ILO SAP-FL booklet, 2012)."""

    id: str
    order: int
    name: str
    description: str
    examples: tuple[str, ...]


@dataclass(frozen=True)
class Finding:
    """An indicator with its assessment at one supplier (not_assessed when nothing is recorded)."""

    indicator: Indicator
    status: str = "not_assessed"
    evidence: str = ""
    source_type: str = ""
    source_ref: str = ""
    observed_on: date | None = None
    prefilled_from: str = ""
    reviewer: str = ""
    updated_at: datetime | None = None
    version: int = 0  # 0: nothing recorded yet


@cache
def indicator_catalogue() -> tuple[Indicator, ...]:
    """The 11 indicators in the booklet's order."""
    data = load_json("reference", "ilo_indicators.json")
    items = data["indicators"] if isinstance(data, dict) else data
    return tuple(
        sorted(
            (
                Indicator(
                    id=i["id"],
                    order=int(i["order"]),
                    name=i["name"],
                    description=i.get("description", ""),
                    examples=tuple(i.get("examples", ())),
                )
                for i in items
            ),
            key=lambda i: i.order,
        )
    )


def indicator(indicator_id: str) -> Indicator:
    """The indicator with this id, or NotFound."""
    for item in indicator_catalogue():
        if item.id == indicator_id:
            return item
    raise NotFound(f"'{indicator_id}' is not one of the 11 ILO indicators.")


def findings_for(session: Session, supplier_id: int) -> list[Finding]:
    """All 11 indicators with this supplier's assessment of each, in the booklet's order."""
    rows = {
        f.indicator_id: f
        for f in session.scalars(select(IndicatorFinding).where(IndicatorFinding.supplier_id == supplier_id))
    }
    out = []
    for item in indicator_catalogue():
        row = rows.get(item.id)
        if row is None:
            out.append(Finding(item))
            continue
        out.append(
            Finding(
                item,
                row.status,
                row.evidence,
                row.source_type,
                row.source_ref,
                row.observed_on,
                row.prefilled_from,
                row.reviewer,
                row.updated_at,
                row.version,
            )
        )
    return out


def _parse_date(value: date | str | None, errors: dict[str, str]) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError:
            errors["observed_on"] = f"'{value}' is not a date; use YYYY-MM-DD."
            return None
    if value > datetime.now(UTC).date():
        errors["observed_on"] = "the date is in the future."
    return value


def _choices() -> str:
    return ", ".join(SOURCE_LABELS.values())


def set_finding(
    session: Session,
    supplier_id: int,
    indicator_id: str,
    status: str,
    evidence: str = "",
    source_type: str = "",
    source_ref: str = "",
    observed_on: date | str | None = None,
    reviewer: str | None = None,
    *,
    prefilled_from: str = "",
    expected_version: int | None = None,
) -> IndicatorFinding:
    """Record the assessment of one indicator; suspected/observed need evidence and a source type.

    `expected_version` is the `Finding.version` the form showed (0: nothing recorded yet); if
    someone saved this finding since, `StaleEdit` says who and when and nothing is changed.
    """
    indicator(indicator_id)
    supplier = session.get(Supplier, supplier_id)
    if supplier is None or supplier.deleted_at is not None:
        raise NotFound(f"Supplier {supplier_id} does not exist or was deleted.")
    errors: dict[str, str] = {}
    evidence, source_type, source_ref = evidence.strip(), source_type.strip(), source_ref.strip()
    if status not in STATUSES:
        errors["status"] = f"'{status}' is not a status; choose one of: {', '.join(STATUS_LABELS.values())}."
    if status in ("suspected", "observed"):
        if not evidence:
            errors["evidence"] = (
                "say what was seen or reported, by whom (e.g. 'payslips show wages held 3 months')."
            )
        if not source_type:
            errors["source_type"] = f"choose where the evidence comes from: {_choices()}."
    if source_type and source_type not in SOURCE_TYPES:
        errors["source_type"] = f"'{source_type}' is not a source type; choose one of: {_choices()}."
    when = _parse_date(observed_on, errors)
    who = " ".join((reviewer or current_reviewer(session)).split())
    if not who:
        errors["reviewer"] = "set your reviewer name in Settings first."
    if errors:
        raise ValidationError(errors, f"The finding on '{indicator(indicator_id).name}' was not saved")
    row = session.scalar(
        select(IndicatorFinding).where(
            IndicatorFinding.supplier_id == supplier_id, IndicatorFinding.indicator_id == indicator_id
        )
    )
    label = f"The finding on '{indicator(indicator_id).name}'"
    if row is not None and expected_version == 0:
        raise stale_edit(session, "indicator_finding", row.id, label)
    values = {
        "status": status,
        "evidence": evidence,
        "source_type": source_type,
        "source_ref": source_ref,
        "observed_on": when,
        "reviewer": who,
        "prefilled_from": prefilled_from,
    }
    with acting_as(session, who), refusing_races(session, row, "indicator_finding", label):
        if row is None:
            row = IndicatorFinding(supplier_id=supplier_id, indicator_id=indicator_id)
            session.add(row)
        else:
            bump(session, row, expected_version, "indicator_finding", label, values)
        for key, value in values.items():
            setattr(row, key, value)
        session.flush()
    return row


def prefill_from_measures(
    session: Session, supplier_id: int, reviewer: str | None = None
) -> list[IndicatorFinding]:
    """Pre-fill indicators named by WROs on the supplier's confirmed matches; never overwrites."""
    matches = session.scalars(
        select(Match).where(Match.supplier_id == supplier_id, Match.status == "confirmed")
    ).all()
    measure_ids = [
        m["measure_id"] for match in matches for m in match.measures if m.get("kind") in PREFILL_KINDS
    ]
    if not measure_ids:
        return []
    measures = session.scalars(
        select(Measure).where(Measure.id.in_(measure_ids)).order_by(Measure.announced)
    ).all()
    current = {f.indicator.id: f for f in findings_for(session, supplier_id)}
    known = {i.id for i in indicator_catalogue()}
    written = []
    for measure in measures:
        for ind in measure.indicators:
            if ind not in known or current[ind].status != "not_assessed":
                continue
            when = measure.announced or measure.effective
            row = set_finding(
                session,
                supplier_id,
                ind,
                PREFILL_STATUS,
                evidence=(
                    f"{measure.authority} named this indicator when it issued '{measure.title}'"
                    f"{f' on {when.isoformat()}' if when else ''}. A WRO rests on information that "
                    "reasonably but not conclusively indicates forced labour; corroborate before "
                    "recording it as observed."
                ),
                source_type="government_finding",
                source_ref=" ".join(measure.sources[:1]) or measure.title,
                observed_on=when,
                reviewer=reviewer,
                prefilled_from=f"measure:{measure.id}"[:80],
            )
            current[ind] = Finding(indicator(ind), PREFILL_STATUS)
            written.append(row)
    return written
