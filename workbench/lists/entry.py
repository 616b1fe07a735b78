"""The normalised listed party every parser yields, and its fingerprint for diffs."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from workbench.errors import InputError

ENTRY_TYPES = ("company", "government", "person", "organization", "vessel", "aircraft", "unknown")
KEY_MAX = 200
COUNTRY_MAX = 200
# Bounds on one listed party. Official lists stay far below them (the longest OFAC SDN name or alias
# is under 200 characters); a longer value is a damaged or hostile file, and would slow every screening.
NAME_MAX = 1_000
ALIASES_MAX = 1_000
TEXT_MAX = 10_000  # address, programme, source URL

_SPACE = re.compile(r"\s+")
_GOVERNMENT = re.compile(
    r"\b(ministry|bureau|public security|government|police|people's liberation army|"
    r"production and construction corps|department of|commission|committee of)\b",
    re.IGNORECASE,
)


@dataclass(slots=True)
class ListedEntry:
    """One listed party, normalised across list formats (not frozen: it is built a million times)."""

    entry_key: str
    name: str
    aliases: tuple[str, ...] = ()
    type: str = "company"
    country: str = ""
    address: str = ""
    program: str = ""
    listed: date | None = None
    source_url: str = ""
    line: int = field(default=0, compare=False)

    def __post_init__(self) -> None:
        # What the store can hold: no NUL characters or lone surrogates (JSON may carry both),
        # and the country list cut to its column.
        self.name = storable(self.name)
        self.entry_key = storable(self.entry_key) or slug_key(self.name)
        self.aliases = tuple(storable(a) for a in self.aliases)
        self.country = fit_list(storable(self.country), COUNTRY_MAX)
        self.address = storable(self.address)
        self.program = storable(self.program)
        self.source_url = storable(self.source_url)

    def fingerprint(self) -> str:
        """A hash of what a reviewer cares about; a different fingerprint means "changed".

        Alias order and the source URL do not count as changes.
        """
        parts = [
            self.name,
            "\x1e".join(sorted(self.aliases)),
            self.type,
            self.country,
            self.address,
            self.program,
            self.listed.isoformat() if self.listed else "",
        ]
        return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()

    def row(self, snapshot_id: str) -> dict[str, Any]:
        """The `list_entry` row for this entry in `snapshot_id`."""
        return {
            "snapshot_id": snapshot_id,
            "entry_key": self.entry_key,
            "name": self.name,
            "aliases": list(self.aliases),
            "type": self.type,
            "country": self.country,
            "address": self.address,
            "program": self.program,
            "listed": self.listed,
            "source_url": self.source_url,
            "fingerprint": self.fingerprint(),
        }


def check_bounds(entry: ListedEntry, path: object) -> None:
    """Raise InputError if a name, alias or text of `entry` is longer than any listed party's."""
    where = f"{path}, line {entry.line}" if entry.line else f"{path}"
    which = f"entry {entry.entry_key[:60]!r}"
    too_long = [("name", entry.name)] + [("alias", a) for a in entry.aliases]
    for what, value in too_long:
        if len(value) > NAME_MAX:
            raise InputError(
                f"{where} ({which}): the {what} is {len(value):,} characters long; a listed name has at "
                f"most {NAME_MAX:,}. The file is damaged or not an official list: download it again."
            )
    if len(entry.aliases) > ALIASES_MAX:
        raise InputError(
            f"{where} ({which}): {len(entry.aliases):,} aliases; a listed party has at most {ALIASES_MAX:,}. "
            "The file is damaged or not an official list: download it again."
        )
    for what in ("address", "program", "source_url"):
        value = getattr(entry, what)
        if len(value) > TEXT_MAX:
            raise InputError(
                f"{where} ({which}): the {what.replace('_', ' ')} is {len(value):,} characters long, more "
                f"than {TEXT_MAX:,}. The file is damaged or not an official list: download it again."
            )


def storable(text: str) -> str:
    """`text` without NUL characters and with lone surrogates replaced (both break the store)."""
    if text.isascii():
        return text.replace("\x00", "") if "\x00" in text else text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "replace").decode("utf-8")
    return text.replace("\x00", "") if "\x00" in text else text


def fit_list(text: str, limit: int) -> str:
    """A '; '-joined list cut to at most `limit` characters at an item boundary."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit("; ", 1)[0][:limit]


def clean(text: str | None) -> str:
    """Collapse whitespace (including no-break spaces and line breaks) and trim."""
    if not text:
        return ""
    if "\x00" in text:
        text = text.replace("\x00", "")
    if "  " in text or "\n" in text or "\t" in text or "\r" in text or "\xa0" in text or "\u3000" in text:
        return _SPACE.sub(" ", text.replace("\xa0", " ")).strip()
    return text.strip()


def unique(values: list[str] | tuple[str, ...], exclude: str = "") -> tuple[str, ...]:
    """Cleaned, non-empty values in first-seen order, without `exclude` and repeats."""
    seen = {exclude.casefold()} if exclude else set()
    out: list[str] = []
    for value in values:
        text = clean(value)
        folded = text.casefold()
        if text and folded not in seen:
            seen.add(folded)
            out.append(text)
    return tuple(out)


def guess_type(name: str, default: str = "company") -> str:
    """`government` for names that read like a state body, else `default`."""
    return "government" if _GOVERNMENT.search(name) else default


def slug_key(*parts: str) -> str:
    """A stable key from text (for lists without ids): lowercase words joined by '-'."""
    text = " ".join(parts)
    folded = unicodedata.normalize("NFKD", text).casefold()
    words = re.findall(r"\w+", folded)
    return fit_key("-".join(words) or hashlib.sha256(text.encode()).hexdigest()[:16])


def fit_key(key: str) -> str:
    """`key` if it fits the column, else a prefix plus a hash of the whole key."""
    if len(key) <= KEY_MAX:
        return key
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    return f"{key[: KEY_MAX - 17]}~{digest}"
