"""OpenSanctions FollowTheMoney entities, one JSON object per line (entities.ftm.json). Read twice.

Listed parties are the "thing" schemata (Person, Company, Organization, ...). Their program and
listing date come from the `Sanction` entities that point at them, read in a first pass that
keeps only those links in memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from workbench.errors import InputError
from workbench.lists.countries import join_codes
from workbench.lists.entry import ListedEntry, fit_key, unique
from workbench.lists.reading import Progress, text_lines

WHAT = "FollowTheMoney JSON lines (entities.ftm.json)"
TYPES = {
    "Person": "person",
    "Company": "company",
    "Organization": "organization",
    "LegalEntity": "company",
    "PublicBody": "government",
    "Vessel": "vessel",
    "Airplane": "aircraft",
}
ENTITY_URL = "https://www.opensanctions.org/entities/{}/"


def _strings(props: dict[str, Any], name: str) -> list[str]:
    values = props.get(name)
    if not values:
        return []
    if type(values) is str:
        return [values]
    if type(values) is not list:
        return []
    return [v for v in values if type(v) is str]


def _date(values: list[str]) -> date | None:
    for value in sorted(values):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            continue
    return None


def _objects(
    path: Path, progress: Progress | None, cheap_filter: str | None = None
) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line, entity) for each JSON line; delta lines ({"op", "entity"}) are unwrapped, DEL skipped."""
    seen_any = False
    for number, line in enumerate(text_lines(path, WHAT, progress), start=1):
        text = line.strip()
        if not text:
            continue
        if cheap_filter is not None and cheap_filter not in text:
            seen_any = True
            continue
        try:
            obj = json.loads(text)
        except ValueError as exc:
            hint = "The file may be truncated" if seen_any else f"This is not a {WHAT} file"
            raise InputError(f"{path}, line {number}: not a JSON object ({exc}). {hint}.") from exc
        seen_any = True
        if isinstance(obj, dict) and "op" in obj and isinstance(obj.get("entity"), dict):
            if obj["op"] == "DEL":
                continue
            obj = obj["entity"]
        if not isinstance(obj, dict):
            raise InputError(f"{path}, line {number}: expected a JSON object per line (one entity).")
        for field, kind in (("id", str), ("schema", str), ("properties", dict)):
            if not isinstance(obj.get(field), kind):
                raise InputError(
                    f"{path}, line {number}, field {field}: missing or not a {kind.__name__}. "
                    f"Every line of a {WHAT} file is an entity with id, schema and properties."
                )
        yield number, obj


def _sanction(props: dict[str, Any]) -> tuple[str, date | None]:
    """(program, listing date) of one Sanction entity's properties."""
    program = "; ".join(unique(_strings(props, "program") or _strings(props, "authority")))
    return program, _date(_strings(props, "listingDate") + _strings(props, "startDate"))


def _nested_sanctions(props: dict[str, Any]) -> tuple[str, date | None]:
    """Program and listing date from Sanction entities embedded in a target (targets.nested.json)."""
    found = [
        _sanction(item["properties"])
        for item in props.get("sanctions") or []
        if isinstance(item, dict) and isinstance(item.get("properties"), dict)
    ]
    dates = [when for _program, when in found if when]
    return "; ".join(unique([program for program, _when in found])), min(dates) if dates else None


def _sanctions(path: Path, progress: Progress | None) -> dict[str, tuple[str, date | None]]:
    """entity id → (programs, earliest listing date) from the Sanction entities of the file."""
    links: dict[str, tuple[str, date | None]] = {}
    programs: dict[str, str] = {}
    for _line, obj in _objects(path, progress, cheap_filter='"Sanction"'):
        if obj["schema"] != "Sanction":
            continue
        props = obj["properties"]
        program, when = _sanction(props)
        for target in _strings(props, "entity"):
            old_program, old_date = links.get(target, ("", None))
            merged = "; ".join(unique([*old_program.split("; "), program]))
            dates = [d for d in (old_date, when) if d]
            links[target] = (programs.setdefault(merged, merged), min(dates) if dates else None)
    return links


def parse(path: Path, progress: Progress | None = None) -> Iterator[ListedEntry]:
    """Stream the listed parties of an FtM file."""
    links = _sanctions(path, progress)
    for line, obj in _objects(path, progress):
        kind = TYPES.get(obj["schema"])
        if kind is None:
            continue
        props = obj["properties"]
        caption = obj.get("caption")
        names = unique([caption if isinstance(caption, str) else "", *_strings(props, "name")])
        name = names[0] if names else ""
        if not name:
            raise InputError(f"{path}, line {line}, field name: the entity {obj['id']} has no name.")
        aliases = [*names[1:], *_strings(props, "alias"), *_strings(props, "previousName")]
        program, listed = links.get(obj["id"]) or _nested_sanctions(props)
        countries = [
            *_strings(props, "country"),
            *_strings(props, "jurisdiction"),
            *_strings(props, "nationality"),
        ]
        urls = _strings(props, "sourceUrl")
        yield ListedEntry(
            entry_key=fit_key(obj["id"]),
            name=name,
            aliases=unique(aliases, exclude=name),
            type=kind,
            country=join_codes(countries),
            address="; ".join(unique(_strings(props, "address"))),
            program=program or "; ".join(unique(_strings(props, "topics"))),
            listed=listed,
            source_url=urls[0] if urls else ENTITY_URL.format(obj["id"]),
            line=line,
        )
