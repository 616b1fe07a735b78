"""Rows of a supplier file under a column mapping, and their import (all rows or none).

The import itself is `workbench.cases.importing.import_rows`, the same code behind
`workbench suppliers import FILE.csv`; this module only turns mapped CSV/XLSX rows into its input.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from sqlalchemy.orm import Session

from workbench.cases.importing import ImportSummary, RowProblem, import_rows, row_problems
from workbench.cases.supplier_files.columns import ColumnMap, check_mapping, column_letter, guess_mapping
from workbench.cases.supplier_files.tables import Table, open_table
from workbench.progress import TaskState

GUARDED = ("'=", "'+", "'-", "'@")


def unguard(value: str) -> str:
    """Drop the apostrophe an export put before a leading = + - @ (so a re-import gets the original)."""
    return value[1:] if value.startswith(GUARDED) else value


@dataclass(frozen=True)
class RowEdits:
    """What the user changed in the preview: rows to skip and values fixed in place, by row location."""

    skip: frozenset[str] = frozenset()
    fixes: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


def mapped_rows(
    table: Table, mapping: ColumnMap, edits: RowEdits | None = None
) -> Iterator[tuple[str, dict[str, str]]]:
    """Yield (location, {field: text}) for each data row, with `edits` applied."""
    edits = edits or RowEdits()
    hs_columns = {mapping["hs_code"]} if "hs_code" in mapping else set()
    items = list(mapping.items())
    for location, values in table.rows(hs_columns):
        if location in edits.skip:
            continue
        row = {f: unguard(values[i]) for f, i in items}
        row.update(edits.fixes.get(location, {}))
        yield location, row


def table_problems(
    session: Session, table: Table, mapping: ColumnMap, edits: RowEdits | None = None
) -> list[RowProblem]:
    """Every row problem the import would refuse, with `edits` applied (checked before importing)."""
    check_mapping(table.header, mapping, str(table.path))
    return row_problems(session, mapped_rows(table, mapping, edits))


def preview(table: Table, mapping: ColumnMap, limit: int = 20) -> list[tuple[str, dict[str, str]]]:
    """The first `limit` rows as the import will read them."""
    return list(islice(mapped_rows(table, mapping), limit))


def labels(table: Table, mapping: ColumnMap) -> dict[str, str]:
    """The file's name for each mapped field (its header, or else its column letter), in column order."""
    ordered = sorted(mapping.items(), key=lambda item: item[1])
    return {f: table.header[i] or f"column {column_letter(i)}" for f, i in ordered}


def import_table(
    session: Session,
    table: Table,
    mapping: ColumnMap,
    actor: str | None = None,
    state: TaskState | None = None,
    edits: RowEdits | None = None,
) -> ImportSummary:
    """Import the table's suppliers and products under `mapping`; InputError (nothing written) on bad rows.

    `edits` (from the wizard's preview) skips rows and replaces values before anything is checked.
    """
    check_mapping(table.header, mapping, str(table.path))
    return import_rows(
        session,
        mapped_rows(table, mapping, edits),
        str(table.path),
        labels(table, mapping),
        actor=actor,
        state=state,
        note=f"import from {table.path.name}" + (f" (sheet {table.sheet})" if table.sheet else ""),
    )


def import_file(
    session: Session,
    path: str | Path,
    mapping: ColumnMap | None = None,
    sheet: str | None = None,
    actor: str | None = None,
    state: TaskState | None = None,
) -> ImportSummary:
    """Open a CSV or XLSX file and import it with `mapping` (guessed from the header when None)."""
    table = open_table(path, sheet)
    return import_table(
        session, table, guess_mapping(table.header) if mapping is None else mapping, actor, state
    )
