"""The UFLPA Entity List page as DHS publishes it (saved from the browser), read with html.parser.

One table per legal section; the paragraph before a table names the section
("Section 2(d)(2)(B)(i)"). Name cells carry aliases ("(and one alias: X)", "(also known as X;
and Y)") and scope notes ("and subsidiaries").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path

from workbench.errors import InputError
from workbench.lists.entry import ListedEntry, clean, guess_type, slug_key, unique
from workbench.lists.reading import Progress, text_lines

WHAT = "UFLPA Entity List page (HTML)"
PAGE_URL = "https://www.dhs.gov/uflpa-entity-list"
NAME_HEADERS = ("name of entity", "entity name")
DATE_HEADERS = ("effective date",)
_SECTION = re.compile(r"Section\s+2\s*\(d\)\s*\(2\)\s*\(B\)\s*\((?:i|ii|iii|iv|v|vi)\)", re.IGNORECASE)
_ALIAS_MARKER = re.compile(
    r"^(?:(?:and|including)\s+(?:(?:its\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+)?"
    r"(?:[\w-]+\s+)?(?:alias(?:es)?|subsidiar(?:y|ies)):|"
    r"also\s+known\s+as:?|formerly\s+known\s+as:?|a\.k\.a\.?,?|f\.k\.a\.?,?)\s*",
    re.IGNORECASE,
)
_SCOPE = re.compile(
    r"\s*,?\s+(and\s+(?:its\s+)?(?:subsidiaries|subordinate.*|affiliated.*|affiliates.*))$", re.IGNORECASE
)


@dataclass
class _Row:
    line: int
    cells: list[str] = field(default_factory=list)
    header: bool = False


@dataclass
class _Table:
    section: str
    rows: list[_Row] = field(default_factory=list)


BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "header"})


class _PageParser(HTMLParser):
    """Collects tables, their rows and cell texts, and the section named just before each table.

    The section is taken from the last block of text before the table (the DHS heading
    paragraph); a later paragraph without a section clears it, so intro text that mentions
    sections does not label a table.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[_Table] = []
        self._table: _Table | None = None
        self._row: _Row | None = None
        self._cell: list[str] | None = None
        self._section = ""
        self._text: list[str] = []

    @property
    def open_table(self) -> bool:
        """True if the page ended before a table was closed (a truncated file)."""
        return self._table is not None

    def _end_block(self) -> None:
        text = clean("".join(self._text))
        self._text.clear()
        if text:
            found = _SECTION.findall(text)
            self._section = clean(found[-1]) if found else ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._table is None and (tag in BLOCKS or tag == "table"):
            self._end_block()
        if tag == "table":
            self._table = _Table(self._section)
            self._section = ""
        elif tag == "tr" and self._table is not None:
            self._row = _Row(self.getpos()[0])
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
            self._row.header = self._row.header or tag == "th"
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self._table is None and tag in BLOCKS:
            self._end_block()
        elif tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.cells.append(clean("".join(self._cell)))
            self._cell = None
        elif tag == "tr" and self._table is not None and self._row is not None:
            self._table.rows.append(self._row)
            self._row = None
        elif tag == "table" and self._table is not None:
            self.tables.append(self._table)
            self._table = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        elif self._table is None and len(self._text) < 200:
            self._text.append(data)


def split_parenthetical(text: str) -> list[tuple[str, bool]]:
    """Split `text` into top-level pieces: (piece, is_parenthesised). Unbalanced '(' stays text."""
    pieces: list[tuple[str, bool]] = []
    depth, start = 0, 0
    for i, char in enumerate(text):
        if char == "(":
            if depth == 0:
                pieces.append((text[start:i], False))
                start = i + 1
            depth += 1
        elif char == ")" and depth > 0:
            depth -= 1
            if depth == 0:
                pieces.append((text[start:i], True))
                start = i + 1
    tail = text[start:]
    pieces.append(((("(" + tail) if depth else tail), False))
    return [(p, paren) for p, paren in pieces if p]


def parse_name_cell(cell: str) -> tuple[str, tuple[str, ...], str]:
    """(name, aliases, scope note) from a name cell such as
    "Hoshine Silicon Industry (Shanshan) Co., Ltd (including one alias: Hesheng ...) and subsidiaries".

    Subsidiaries named in the cell ("(including eight subsidiaries: X; Y)") count as aliases:
    they are names a supplier may trade under that the listing covers."""
    text = clean(cell.replace("’", "'"))
    name_parts: list[str] = []
    aliases: list[str] = []
    for piece, parenthesised in split_parenthetical(text):
        inner = clean(piece)
        marker = _ALIAS_MARKER.match(inner) if parenthesised else None
        if marker:
            for alias in inner[marker.end() :].split(";"):
                aliases.append(re.sub(r"^\s*and\s+", "", alias))
        else:
            name_parts.append(f"({inner})" if parenthesised else piece)
    name = clean("".join(name_parts).replace(" )", ")").replace("( ", "("))
    name = re.sub(r"\s+([,.])", r"\1", re.sub(r"\)(\w)", r") \1", name))
    scope = ""
    found = _SCOPE.search(name)
    if found:
        scope = clean(found.group(1))
        name = clean(name[: found.start()])
    return name.rstrip(" ,;"), unique(aliases, exclude=name), scope


def _parse_date(value: str, path: Path, line: int) -> date | None:
    text = clean(value)
    if not text:
        return None
    for pattern in ("%B %d, %Y", "%B %d %Y", "%b %d, %Y", "%Y-%m-%d", "%m/%d/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise InputError(
        f"{path}, line {line}, field Effective Date: {text!r} is not a date (expected e.g. June 21, 2022)."
    )


def _columns(header: list[str]) -> tuple[int, int | None] | None:
    folded = [h.casefold() for h in header]
    name_col = next((folded.index(h) for h in NAME_HEADERS if h in folded), None)
    if name_col is None:
        return None
    date_col = next((folded.index(h) for h in DATE_HEADERS if h in folded), None)
    return name_col, date_col


def parse(path: Path, progress: Progress | None = None) -> Iterator[ListedEntry]:
    """Read the page and yield one entry per table row (the page is small; it is parsed whole)."""
    parser = _PageParser()
    for line in text_lines(path, WHAT, progress, fallback="cp1252"):
        parser.feed(line)
    parser.close()
    if parser.open_table:
        raise InputError(
            f"{path}, line {parser.getpos()[0]}: the page ends inside a table; the file is truncated. "
            "Save the page again from your browser."
        )
    found = 0
    for table in parser.tables:
        if not table.rows:
            continue
        columns = _columns(table.rows[0].cells)
        if columns is None:
            continue
        found += 1
        name_col, date_col = columns
        section = table.section or f"UFLPA Entity List, table {found}"
        for row in table.rows[1:]:
            if not any(row.cells) or row.header:
                continue
            if len(row.cells) <= name_col:
                raise InputError(f"{path}, line {row.line}, field Name of Entity: the row has no name cell.")
            name, aliases, scope = parse_name_cell(row.cells[name_col])
            if not name:
                raise InputError(f"{path}, line {row.line}, field Name of Entity: the name is empty.")
            when = row.cells[date_col] if date_col is not None and date_col < len(row.cells) else ""
            yield ListedEntry(
                entry_key=slug_key(name),
                name=name,
                aliases=aliases,
                type=guess_type(name),
                country="CN",
                program=f"{section} ({scope})" if scope else section,
                listed=_parse_date(when, path, row.line),
                source_url=PAGE_URL,
                line=row.line,
            )
    if not found:
        raise InputError(
            f"{path} is not the {WHAT}: it has no table with a 'Name of Entity' column. "
            f"Save {PAGE_URL} from your browser (Save Page As, HTML) and import that."
        )
