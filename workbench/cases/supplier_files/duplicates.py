"""Before an import: which rows name the same supplier, in the file and against the store.

Exact duplicates (same name and country, as the import compares them) are merged by the import:
rows of the file become one supplier, a supplier already stored only gets the products it lacks.
Likely duplicates (the same name once legal forms, punctuation, case and script are normalised
the way screening does it, or the same registration ID) are imported as new suppliers; the
report names them so the user can fix the file before committing. Read-only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.cases.importing import supplier_key
from workbench.cases.supplier_files.columns import ColumnMap
from workbench.cases.supplier_files.mapped import mapped_rows
from workbench.cases.supplier_files.tables import Table
from workbench.cases.textmatch import fold
from workbench.data.models import Supplier
from workbench.progress import TaskState, ensure_state
from workbench.screening.normalize import normalize, normalize_country

IN_FILE = "in_file"  # several rows, one supplier (merged)
IN_STORE = "in_store"  # already stored (only missing products added)
SIMILAR_IN_FILE = "similar_in_file"  # written differently in the file (imported separately)
SIMILAR_IN_STORE = "similar_in_store"  # looks like a stored supplier (imported as a new one)
SHOWN_LOCATIONS = 5


@dataclass(frozen=True)
class Duplicate:
    """One finding of the report, with a sentence for the user."""

    kind: str
    locations: tuple[str, ...]  # where in the file (at most SHOWN_LOCATIONS)
    rows: int  # how many rows of the file it concerns
    name: str
    country: str
    supplier_id: int | None = None
    stored_name: str = ""
    message: str = ""


@dataclass(frozen=True)
class DuplicateReport:
    """What the import will merge and what looks duplicated, before anything is written."""

    rows: int
    suppliers: int  # distinct suppliers in the file (by name and country)
    findings: list[Duplicate] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[Duplicate]:
        return [d for d in self.findings if d.kind == kind]

    @property
    def summary(self) -> str:
        counts = {k: len(self.of_kind(k)) for k in (IN_FILE, IN_STORE, SIMILAR_IN_FILE, SIMILAR_IN_STORE)}
        return (
            f"{self.rows:,} rows, {self.suppliers:,} suppliers: {counts[IN_STORE]:,} already in the store, "
            f"{counts[IN_FILE]:,} named on several rows, "
            f"{counts[SIMILAR_IN_STORE] + counts[SIMILAR_IN_FILE]:,} likely duplicates to check."
        )


def similar_key(name: str, country: str) -> tuple[str, str]:
    """Name and country as screening normalises them (legal forms, script, punctuation and case)."""
    form = normalize(name)
    return form.joined or "".join(fold(name).split()), normalize_country(country) or fold(country).strip()


@dataclass
class _Seen:
    name: str
    country: str
    registration: str
    locations: list[str] = field(default_factory=list)
    rows: int = 0


def _where(seen: _Seen) -> str:
    more = f" and {seen.rows - len(seen.locations):,} more" if seen.rows > len(seen.locations) else ""
    return ", ".join(seen.locations) + more


def find_duplicates(
    session: Session, table: Table, mapping: ColumnMap, state: TaskState | None = None
) -> DuplicateReport:
    """Read the whole file under `mapping` and report duplicates within it and against the store."""
    state = ensure_state(state)
    seen: dict[tuple[str, str], _Seen] = {}
    rows = 0
    for location, row in mapped_rows(table, mapping):
        rows += 1
        name = " ".join(row.get("name", "").split())
        if not name:
            continue
        key = supplier_key(name, row.get("country", ""))
        entry = seen.get(key)
        if entry is None:
            entry = seen[key] = _Seen(
                name, row.get("country", "").strip(), row.get("registration_id", "").strip()
            )
        entry.rows += 1
        if len(entry.locations) < SHOWN_LOCATIONS:
            entry.locations.append(location)
        if rows % 5000 == 0:
            state.raise_if_cancelled()
            state.set_progress(rows, 0, f"Checked {rows:,} rows for duplicates")
    findings = [
        Duplicate(
            IN_FILE,
            tuple(e.locations),
            e.rows,
            e.name,
            e.country,
            message=f"{_where(e)}: {e.rows} rows for one supplier ({e.name}, {e.country or 'no country'}); "
            f"they become one supplier with the products of all of them, its other details taken "
            f"from {e.locations[0]}.",
        )
        for e in seen.values()
        if e.rows > 1
    ]
    findings += _similar_in_file(seen)
    findings += _against_store(session, seen, state)
    return DuplicateReport(rows, len(seen), findings)


def _similar_in_file(seen: dict[tuple[str, str], _Seen]) -> list[Duplicate]:
    groups: dict[tuple[str, str], list[_Seen]] = {}
    for entry in seen.values():
        groups.setdefault(similar_key(entry.name, entry.country), []).append(entry)
    out = []
    for group in groups.values():
        if len(group) < 2:
            continue
        names = " / ".join(f"'{e.name}' ({e.locations[0]})" for e in group[:SHOWN_LOCATIONS])
        out.append(
            Duplicate(
                SIMILAR_IN_FILE,
                tuple(e.locations[0] for e in group[:SHOWN_LOCATIONS]),
                sum(e.rows for e in group),
                group[0].name,
                group[0].country,
                message=f"{names} look like one supplier written differently; they will be imported as "
                f"{len(group)} suppliers. Write the name the same way on each row if they are one company.",
            )
        )
    return out


def _against_store(session: Session, seen: dict[tuple[str, str], _Seen], state: TaskState) -> list[Duplicate]:
    exact: dict[tuple[str, str], tuple[int, str, str]] = {}
    similar: dict[tuple[str, str], tuple[int, str, str]] = {}
    registrations: dict[str, tuple[int, str, str]] = {}
    stmt = select(
        Supplier.id, Supplier.legal_name, Supplier.local_name, Supplier.country, Supplier.registration_id
    ).where(Supplier.deleted_at.is_(None))
    for i, (sid, legal, local, country, registration) in enumerate(session.execute(stmt), start=1):
        stored = (sid, legal, country)
        exact.setdefault(supplier_key(legal, country), stored)
        for name in (legal, local):
            if name:
                similar.setdefault(similar_key(name, country), stored)
        if registration.strip():
            registrations.setdefault(registration.strip().casefold(), stored)
        if i % 5000 == 0:
            state.raise_if_cancelled()
            state.set_progress(i, 0, f"Compared {i:,} stored suppliers")
    out = []
    for key, e in seen.items():
        if (hit := exact.get(key)) is not None:
            kind, why = IN_STORE, "is already in the store as"
        elif (hit := similar.get(similar_key(e.name, e.country))) is not None:
            kind, why = SIMILAR_IN_STORE, "looks like (same name apart from legal form, case or script)"
        elif e.registration and (hit := registrations.get(e.registration.casefold())) is not None:
            kind, why = SIMILAR_IN_STORE, f"has the same registration ID {e.registration} as"
        else:
            continue
        sid, stored_name, stored_country = hit
        stored = f"supplier #{sid} {stored_name} ({stored_country or 'no country'})"
        then = (
            "only the products it lacks are added."
            if kind == IN_STORE
            else "it will be added as a new supplier; use the stored name in the file if it is the same "
            "company."
        )
        message = f"{_where(e)}: {e.name} {why} {stored}; {then}"
        out.append(Duplicate(kind, tuple(e.locations), e.rows, e.name, e.country, sid, stored_name, message))
    return out
