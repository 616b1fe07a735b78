"""OFAC SDN XML (sdn.xml), streamed with defusedxml; DTDs and entities are refused."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from workbench.errors import InputError
from workbench.lists.countries import join_codes
from workbench.lists.entry import ListedEntry, clean, guess_type, unique
from workbench.lists.ofac_csv import DETAILS_URL
from workbench.lists.reading import Progress

WHAT = "OFAC SDN XML (sdn.xml)"
TYPES = {"individual": "person", "vessel": "vessel", "aircraft": "aircraft", "entity": ""}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child(elem: Element, name: str) -> Element | None:
    for child in elem:
        if _local(child.tag) == name:
            return child
    return None


def _text(elem: Element | None, name: str) -> str:
    child = _child(elem, name) if elem is not None else None
    return clean(child.text) if child is not None else ""


def _items(elem: Element, list_name: str) -> list[Element]:
    holder = _child(elem, list_name)
    return list(holder) if holder is not None else []


def _full_name(elem: Element) -> str:
    last, first = _text(elem, "lastName"), _text(elem, "firstName")
    return f"{last}, {first}" if last and first else last or first


class _CountingReader:
    """A binary file wrapper that counts bytes read into a `Progress`."""

    def __init__(self, fh: IO[bytes], progress: Progress | None) -> None:
        self._fh = fh
        self._progress = progress

    def read(self, size: int = -1) -> bytes:
        data = self._fh.read(size)
        if self._progress is not None:
            self._progress.add(len(data))
        return data


def parse(path: Path, progress: Progress | None = None) -> Iterator[ListedEntry]:
    """Stream the `sdnEntry` elements of sdn.xml; each is dropped from memory once read."""
    with path.open("rb") as fh:
        head = fh.read(4096)
        fh.seek(0)
        if b"\x00" in head:
            raise InputError(f"{path}: binary data, not an {WHAT} file.")
        events: Any = iterparse(
            _CountingReader(fh, progress), events=("start", "end"), forbid_dtd=True, forbid_entities=True
        )
        root: Element | None = None
        try:
            for event, elem in events:
                if root is None:
                    root = elem
                    if _local(elem.tag) != "sdnList":
                        raise InputError(
                            f"{path} is not an {WHAT}: its root element is <{_local(elem.tag)}>, "
                            "not <sdnList>. Choose another --type."
                        )
                if event == "end" and _local(elem.tag) == "sdnEntry":
                    yield _entry(path, elem)
                    root.clear()
        except ParseError as exc:
            line = exc.position[0] if exc.position else 0
            raise InputError(
                f"{path}, line {line}: broken XML ({exc.msg if hasattr(exc, 'msg') else exc}). "
                "The file may be truncated; download sdn.xml again."
            ) from exc
        except DefusedXmlException as exc:
            raise InputError(
                f"{path}: the XML declares a DTD or entities ({type(exc).__name__}), which OFAC files "
                "never do. Refusing to read it; download sdn.xml again from OFAC."
            ) from exc
        if root is None:
            raise InputError(f"{path} holds no XML. Download sdn.xml again.")


def _entry(path: Path, elem: Element) -> ListedEntry:
    uid = _text(elem, "uid")
    if not uid.isdigit():
        raise InputError(f"{path}, sdnEntry {uid or '(no uid)'}, field uid: not an entity number.")
    name = _full_name(elem)
    if not name:
        raise InputError(f"{path}, sdnEntry {uid}, field lastName: the name is empty.")
    # OFAC marks low-quality a.k.a.s (short or common names) as "weak"; they are not for matching.
    aliases = [
        _full_name(aka) for aka in _items(elem, "akaList") if _text(aka, "category").casefold() != "weak"
    ]
    addresses, countries = [], []
    for address in _items(elem, "addressList"):
        parts = [_text(address, f) for f in ("address1", "address2", "address3", "city")]
        region = " ".join(p for p in (_text(address, "stateOrProvince"), _text(address, "postalCode")) if p)
        country = _text(address, "country")
        text = ", ".join(p for p in [*parts, region, country] if p)
        if text:
            addresses.append(text)
        if country:
            countries.append(country)
    for list_name in ("nationalityList", "citizenshipList"):
        countries += [_text(item, "country") for item in _items(elem, list_name)]
    kind = TYPES.get(_text(elem, "sdnType").casefold(), "")
    return ListedEntry(
        entry_key=uid,
        name=name,
        aliases=unique(aliases, exclude=name),
        type=kind or guess_type(name),
        country=join_codes([c for c in countries if c]),
        address="; ".join(addresses),
        program="; ".join(clean(p.text) for p in _items(elem, "programList") if clean(p.text)),
        source_url=DETAILS_URL.format(uid),
    )
