"""A simple CSV for any custom watchlist: name, aliases, country, address, list section, date, source URL."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from workbench.errors import InputError
from workbench.lists.countries import join_codes
from workbench.lists.entry import ENTRY_TYPES, ListedEntry, clean, fit_key, guess_type, slug_key, unique
from workbench.lists.reading import UTF16_BOMS, Progress, csv_rows

WHAT = "watchlist CSV"
# Accepted header spellings (compared case-insensitively, ignoring spaces, '_' and '-').
HEADERS = {
    "name": ("name", "entityname", "nameofentity"),
    "aliases": ("aliases", "alias", "akas", "aka", "altnames"),
    "country": ("country", "countries", "countrycode"),
    "address": ("address", "addresses"),
    "section": ("listsection", "section", "program", "programs", "list"),
    "date": ("date", "listed", "listeddate", "effectivedate", "startdate"),
    "source_url": ("sourceurl", "source", "url", "link"),
    "id": ("id", "key", "entrykey", "reference"),
    "type": ("type", "entitytype"),
}
DATE_FORMATS = ("%Y-%m-%d", "%B %d, %Y", "%d %B %Y", "%d %b %Y", "%b %d, %Y")
TEMPLATE = "name,aliases,country,address,list section,date,source URL"


def _fold(header: str) -> str:
    return re.sub(r"[\s_\-]+", "", clean(header).lstrip("\ufeff").casefold())


def _columns(path: Path, header: list[str]) -> dict[str, int]:
    folded = [_fold(h) for h in header]
    columns: dict[str, int] = {}
    for key, spellings in HEADERS.items():
        for spelling in spellings:
            if spelling in folded:
                columns[key] = folded.index(spelling)
                break
    if "name" not in columns:
        raise InputError(
            f"{path} is not a {WHAT}: its first line has no 'name' column. "
            f"Use the header `{TEMPLATE}` (only name is required), or choose another --type."
        )
    return columns


def _date(text: str, path: Path, line: int) -> date | None:
    if not text:
        return None
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise InputError(f"{path}, line {line}, field date: {text!r} is not a date; write it as YYYY-MM-DD.")


def parse(path: Path, progress: Progress | None = None) -> Iterator[ListedEntry]:
    """Stream the rows of a custom watchlist CSV (UTF-8 or UTF-16 with BOM; ',' or ';' or tab)."""
    rows = csv_rows(path, WHAT, progress, delimiter=_delimiter(path))
    first = next(rows, None)
    if first is None:
        raise InputError(f"{path} holds no rows. Use the header `{TEMPLATE}` and one row per party.")
    columns = _columns(path, first[1])
    for line, row in rows:

        def get(key: str, row: list[str] = row) -> str:
            i = columns.get(key)
            return clean(row[i]) if i is not None and i < len(row) else ""

        name = get("name")
        if not name:
            raise InputError(f"{path}, line {line}, field name: the name is empty.")
        kind = get("type").casefold()
        if kind and kind not in ENTRY_TYPES:
            raise InputError(
                f"{path}, line {line}, field type: {kind!r} is not one of {', '.join(ENTRY_TYPES)}."
            )
        country = join_codes(re.split(r"[;|]", get("country")))
        yield ListedEntry(
            entry_key=fit_key(get("id")) if get("id") else slug_key(name, country),
            name=name,
            aliases=unique(re.split(r"[;|]", get("aliases")), exclude=name),
            type=kind or guess_type(name),
            country=country,
            address=get("address"),
            program=get("section"),
            listed=_date(get("date"), path, line),
            source_url=get("source_url"),
            line=line,
        )


def _delimiter(path: Path) -> str:
    """The most frequent of ',', ';' and tab on the first line (',' if none)."""
    with path.open("rb") as fh:
        head = fh.read(4096)
    encoding = "utf-16" if head[:2] in UTF16_BOMS else "utf-8"
    first = head.decode(encoding, errors="ignore").split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","
