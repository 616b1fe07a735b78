"""OFAC SDN legacy CSV files: sdn.csv, with alt.csv and add.csv from the same folder."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from workbench.errors import InputError
from workbench.lists.countries import join_codes
from workbench.lists.entry import ListedEntry, clean, guess_type, unique
from workbench.lists.reading import Progress, csv_rows

WHAT = "OFAC SDN CSV (sdn.csv)"
NULL = "-0-"
SDN_FIELDS = (
    "ent_num",
    "SDN_Name",
    "SDN_Type",
    "Program",
    "Title",
    "Call_Sign",
    "Vess_type",
    "Tonnage",
    "GRT",
    "Vess_flag",
    "Vess_owner",
    "Remarks",
)
ALT_FIELDS = ("ent_num", "alt_num", "alt_type", "alt_name", "alt_remarks")
ADD_FIELDS = ("ent_num", "add_num", "Address", "City/State/Province/Postal Code", "Country", "Add_remarks")
TYPES = {"individual": "person", "vessel": "vessel", "aircraft": "aircraft"}
DETAILS_URL = "https://sanctionssearch.ofac.treas.gov/Details.aspx?id={}"


def value(text: str) -> str:
    """The field's text, or '' for OFAC's `-0- ` null marker."""
    text = clean(text)
    return "" if text == NULL else text


def programs(text: str) -> str:
    """`NPWMD] [IFSR` → `NPWMD; IFSR`."""
    return "; ".join(p for p in (clean(x).strip("[]") for x in value(text).split("] [")) if p)


def sibling(path: Path, kind: str) -> Path | None:
    """The alt/add file next to `path`: sdn.csv → alt.csv, SDN_x.csv → ALT_x.csv, CONS_PRIM → CONS_ALT."""
    name = path.name
    for token in ("sdn", "prim"):
        at = name.casefold().find(token)
        if at >= 0:
            original = name[at : at + len(token)]
            replacement = kind.upper() if original.isupper() else kind
            candidate = path.with_name(name[:at] + replacement + name[at + len(token) :])
            if candidate.is_file():
                return candidate
    for candidate in (path.with_name(f"{kind}.csv"), path.with_name(f"{kind.upper()}.CSV")):
        if candidate.is_file():
            return candidate
    return None


def _records(
    path: Path, fields: tuple[str, ...], what: str, progress: Progress | None
) -> Iterator[tuple[int, list[str]]]:
    for line, row in csv_rows(path, what, progress, fallback="cp1252"):
        if len(row) != len(fields):
            field = fields[len(row)] if len(row) < len(fields) else f"column {len(fields) + 1}"
            raise InputError(
                f"{path}, line {line}, field {field}: the row has {len(row)} fields, an {what} row has "
                f"{len(fields)}. The file may be truncated or not an {what} file."
            )
        if not clean(row[0]).isdigit():
            raise InputError(
                f"{path}, line {line}, field ent_num: {clean(row[0])[:40]!r} is not an entity number. "
                f"An {what} file has no header and starts every row with a number; choose another --type."
            )
        yield line, row


def _aliases(path: Path, progress: Progress | None) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for _line, row in _records(path, ALT_FIELDS, "OFAC alt.csv", progress):
        alias = value(row[3])
        if alias:
            out[clean(row[0])].append(alias)
    return out


def _addresses(path: Path, progress: Progress | None) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for _line, row in _records(path, ADD_FIELDS, "OFAC add.csv", progress):
        parts = [value(row[2]), value(row[3]), value(row[4])]
        text = ", ".join(p for p in parts if p)
        if text:
            out[clean(row[0])].append((text, value(row[4])))
    return out


def files(path: Path) -> list[Path]:
    """sdn.csv and whichever of alt.csv and add.csv lie next to it."""
    return [path, *(p for p in (sibling(path, "alt"), sibling(path, "add")) if p is not None)]


def parse(path: Path, progress: Progress | None = None) -> Iterator[ListedEntry]:
    """Stream the SDN entries, joined with their aliases and addresses on ent_num."""
    alt_path, add_path = sibling(path, "alt"), sibling(path, "add")
    aliases = _aliases(alt_path, progress) if alt_path else {}
    addresses = _addresses(add_path, progress) if add_path else {}
    for line, row in _records(path, SDN_FIELDS, "OFAC sdn.csv", progress):
        ent_num = clean(row[0])
        name = value(row[1])
        if not name:
            raise InputError(f"{path}, line {line}, field SDN_Name: the name is empty.")
        places = addresses.get(ent_num, [])
        kind = TYPES.get(value(row[2]).casefold(), "")
        yield ListedEntry(
            entry_key=ent_num,
            name=name,
            aliases=unique(aliases.get(ent_num, []), exclude=name),
            type=kind or guess_type(name),
            country=join_codes([country for _text, country in places if country]),
            address="; ".join(text for text, _country in places),
            program=programs(row[3]),
            source_url=DETAILS_URL.format(ent_num),
            line=line,
        )
