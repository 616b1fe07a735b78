"""trade.gov Consolidated Screening List CSV (consolidated.csv), with its published columns."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from workbench.errors import InputError
from workbench.lists.countries import join_codes
from workbench.lists.entry import ListedEntry, clean, fit_key, guess_type, slug_key, unique
from workbench.lists.reading import Progress, csv_rows

WHAT = "trade.gov Consolidated Screening List CSV"
COLUMNS = (
    "_id",
    "source",
    "entity_number",
    "type",
    "programs",
    "name",
    "title",
    "addresses",
    "federal_register_notice",
    "start_date",
    "end_date",
    "standard_order",
    "license_requirement",
    "license_policy",
    "call_sign",
    "vessel_type",
    "gross_tonnage",
    "gross_registered_tonnage",
    "vessel_flag",
    "vessel_owner",
    "remarks",
    "source_list_url",
    "alt_names",
    "citizenships",
    "dates_of_birth",
    "nationalities",
    "places_of_birth",
    "source_information_url",
    "ids",
)
REQUIRED = ("source", "name", "alt_names", "addresses", "programs")
USED = (
    "source",
    "name",
    "type",
    "programs",
    "addresses",
    "start_date",
    "alt_names",
    "citizenships",
    "nationalities",
    "source_information_url",
    "source_list_url",
)
TYPES = {"individual": "person", "entity": "company", "vessel": "vessel", "aircraft": "aircraft"}
_ABBREVIATION = re.compile(r"\(([A-Z][A-Za-z0-9\- ]{0,15})\)")
# Notes BIS appends to names; they are scope, not part of the name a supplier would trade under.
_NAME_NOTES = re.compile(
    r",?\s+and any successor,? sub-unit,? or subsidiary thereof\.?$|\s*\(Parent Organization:[^()]*\)",
    re.IGNORECASE,
)
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


@functools.lru_cache(maxsize=256)
def source_code(source: str) -> str:
    """`CMIC` for "Non-SDN Chinese Military-Industrial Complex Companies List (CMIC) - ..."."""
    found = _ABBREVIATION.findall(source)
    return found[-1].split()[0] if found else source


def parse_date(value: str, path: Path, line: int, column: str) -> date | None:
    """ISO date (`2020-12-23`, `2020-12` or `2020`); anything else is a malformed field."""
    text = value.strip()
    if not text:
        return None
    match = _DATE.match(text)
    try:
        if match is None:
            raise ValueError(text)
        year, month, day = match.groups()
        return date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise InputError(
            f"{path}, line {line}, field {column}: {text!r} is not a date (expected YYYY-MM-DD)."
        ) from exc


def split_name(value: str) -> tuple[str, str]:
    """(name, scope notes) for a CSL name such as "X, and any successor, sub-unit, or subsidiary thereof"."""
    name = clean(value)
    if "uccessor" not in name and "UCCESSOR" not in name and "(Parent" not in name and "(PARENT" not in name:
        return name, ""
    notes = [clean(m.group(0).lstrip(",")) for m in _NAME_NOTES.finditer(name)]
    return (clean(_NAME_NOTES.sub("", name)) or name), "; ".join(notes)


def split_multi(value: str) -> list[str]:
    """Split a CSL multi-value field on '; '."""
    if ";" not in value:
        text = clean(value)
        return [text] if text else []
    return [part for part in (clean(p) for p in value.split(";")) if part]


def _aliases(value: str) -> list[str]:
    return [re.sub(r"^and\s+", "", part) for part in split_multi(value)]


def _address_country(address: str) -> str:
    last = address.rsplit(",", 1)[-1].strip()
    return last if len(last) == 2 and last.isalpha() else ""


def parse(path: Path, progress: Progress | None = None) -> Iterator[ListedEntry]:
    """Stream the entries of a consolidated.csv; rows repeating the header are skipped."""
    rows = csv_rows(path, WHAT, progress)
    first = next(rows, None)
    if first is None:
        raise InputError(f"{path} holds no rows. Download the {WHAT} again.")
    header = [clean(h).lstrip("\ufeff") for h in first[1]]
    missing = [c for c in REQUIRED if c not in header]
    if missing or not ({"_id", "id"} & set(header)):
        raise InputError(
            f"{path} is not a {WHAT}: its first line lacks the columns "
            f"{', '.join(missing or ['_id'])}. Choose another --type, or download consolidated.csv again."
        )
    index = {name: i for i, name in enumerate(header)}
    width = len(header)
    # Column positions; a column the file lacks points one past the row, where '' is appended.
    columns = {c: index.get(c, width) for c in USED}
    columns["_id"] = index.get("_id", index.get("id", width))
    for line, row in rows:
        if row[0].strip() == header[0] and [clean(v) for v in row] == header:
            continue
        if len(row) != width:
            field = header[len(row)] if len(row) < width else f"column {width + 1}"
            raise InputError(
                f"{path}, line {line}, field {field}: the row has {len(row)} fields, the header {width}. "
                "The file may be truncated or edited; download it again."
            )
        row.append("")
        yield _entry(path, line, row, columns)


def _entry(path: Path, line: int, row: list[str], columns: dict[str, int]) -> ListedEntry:
    def get(column: str) -> str:
        return row[columns[column]]

    name, notes = split_name(get("name"))
    if not name:
        raise InputError(f"{path}, line {line}, field name: the name is empty.")
    source = clean(get("source"))
    code = source_code(source)
    ident = clean(get("_id"))
    key = fit_key(f"{code}:{ident}") if ident else slug_key(code, name)
    addresses = split_multi(get("addresses"))
    countries = [_address_country(a) for a in addresses]
    countries += split_multi(get("citizenships")) + split_multi(get("nationalities"))
    programs = "; ".join(split_multi(get("programs")))
    kind = TYPES.get(clean(get("type")).casefold(), "")
    return ListedEntry(
        entry_key=key,
        name=name,
        aliases=unique(_aliases(get("alt_names")), exclude=name),
        type=kind or guess_type(name),
        country=join_codes([c for c in countries if c]),
        address="; ".join(addresses),
        program=" — ".join(p for p in (source, programs, notes) if p),
        listed=parse_date(get("start_date"), path, line, "start_date"),
        source_url=clean(get("source_information_url")) or clean(get("source_list_url")),
        line=line,
    )
