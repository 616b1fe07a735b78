"""The list formats Workbench reads, their default list names, and format detection."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from workbench.errors import InputError
from workbench.lists import csl, ftm, ofac_csv, ofac_xml, uflpa_html, watchlist_csv
from workbench.lists.entry import ListedEntry
from workbench.lists.reading import Progress, check_file, sniff

Parser = Callable[[Path, Progress | None], Iterator[ListedEntry]]


@dataclass(frozen=True)
class ListFormat:
    """A list file format: its `--type` name, what users call it, the default list name, the parser."""

    type: str
    title: str
    list_name: str
    parse: Parser
    files: Callable[[Path], list[Path]] = lambda path: [path]
    passes: int = 1  # how many times the parser reads its files (for the progress total)


FORMATS: dict[str, ListFormat] = {
    f.type: f
    for f in (
        ListFormat("csl-csv", csl.WHAT, "csl", csl.parse),
        ListFormat("ofac-csv", ofac_csv.WHAT, "ofac-sdn", ofac_csv.parse, ofac_csv.files),
        ListFormat("ofac-xml", ofac_xml.WHAT, "ofac-sdn", ofac_xml.parse),
        ListFormat("ftm", ftm.WHAT, "opensanctions", ftm.parse, passes=2),
        ListFormat("uflpa-html", uflpa_html.WHAT, "uflpa", uflpa_html.parse),
        ListFormat("watchlist-csv", watchlist_csv.WHAT, "watchlist", watchlist_csv.parse),
    )
}
TYPES = tuple(FORMATS)


def get_format(list_type: str) -> ListFormat:
    """The format for a `--type` value; InputError names the valid ones."""
    try:
        return FORMATS[list_type]
    except KeyError:
        raise InputError(f"Unknown list type {list_type!r}; use one of {', '.join(TYPES)}.") from None


def detect_type(path: Path) -> str:
    """Guess the `--type` of `path` from its first bytes; InputError if unsure."""
    check_file(path, "list")
    head = sniff(path)
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{path} is binary data, not a list file. Check that you chose the right file.")
    text = head.decode("utf-16" if head[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8", errors="replace")
    text = text.lstrip("\ufeff \t\r\n")
    lowered = text[:8192].casefold()
    guess = _guess(text, lowered)
    if guess is None:
        raise InputError(
            f"Cannot tell which list format {path} is. Pass --type with one of {', '.join(TYPES)}."
        )
    return guess


def _guess(text: str, lowered: str) -> str | None:
    if lowered.startswith("<?xml") or lowered.startswith("<sdnlist"):
        return "ofac-xml" if "<sdnlist" in lowered else None
    if lowered.startswith("<") or "<table" in lowered[:4096]:
        return "uflpa-html" if ("<table" in lowered or "<html" in lowered) else None
    if lowered.startswith("{"):
        return "ftm" if re.search(r'"schema"\s*:', lowered) or '"entity"' in lowered else None
    first = text.splitlines()[0] if text else ""
    try:
        header = next(csv.reader(io.StringIO(first)))
    except (csv.Error, StopIteration):
        return None
    fields = [h.strip().casefold() for h in header]
    if {"source", "name", "alt_names"} <= set(fields):
        return "csl-csv"
    if len(fields) == 12 and fields[0].isdigit():
        return "ofac-csv"
    folded = {re.sub(r"[\s_\-]+", "", f) for f in re.split(r"[,;\t]", first.casefold())}
    if "name" in folded:
        return "watchlist-csv"
    return None
