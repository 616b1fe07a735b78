"""The screener saved to one file: listed entities and their name index, memory-mapped when read back.

A file holds a fixed header, the key it was built for (JSON), one pickle of the screener's state, the
raw bytes of every numpy array in that state, and the arrays' sizes. The arrays are pickled out of
band (protocol 5) and read back as views of a read-only memory map; the index's large lists of
strings and dicts are packed into such arrays first (see `packed`), and entities are decoded one at a
time when a candidate needs them (`EntityTable`). So reading a saved index takes milliseconds and
memory grows only with what the screening touches.

The key says what the index was built from (list snapshots, dataset version, matcher version);
`read_screener` returns nothing when the file was built for another key, so a stale or foreign
index is never used. Writers write a temporary file and rename it into place, so two processes
building at once never leave a torn file.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import mmap
import os
import pickle
import struct
import tempfile
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from workbench.screening.packed import Packed, pack_state, unpack_state
from workbench.screening.screener import Screener
from workbench.screening.types import ListedEntity, MeasureRef

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
"""Bump when the file layout changes; matcher changes are caught by `matcher_version`."""

MAGIC = b"WBSCREEN"
_HEADER = struct.Struct("<8sQQQ")  # magic, key length, end of the pickle, start of the array sizes
_ALIGN = 64


class StaleIndexError(ValueError):
    """The saved index was built for other listed entities than the ones given."""


class EntityTable(Packed[ListedEntity]):
    """Listed entities, each decoded when a candidate first needs it."""

    @staticmethod
    def encode(item: Any) -> bytes:
        return pickle.dumps(_fields(item), protocol=pickle.HIGHEST_PROTOCOL)

    @staticmethod
    def decode(blob: bytes) -> Any:
        return _entity(pickle.loads(blob))


class _Packed:
    """An object saved as its class and its packed attributes (see `packed.pack_state`)."""

    def __init__(self, obj: object) -> None:
        self.cls, self.state = type(obj), pack_state(obj)

    def unpack(self) -> Any:
        return unpack_state(self.cls, self.state)


def _fields(e: ListedEntity) -> tuple[Any, ...]:
    """An entity as plain tuples: a third of the size of pickling the dataclasses."""
    measures = tuple(tuple(getattr(m, f.name) for f in _MEASURE_FIELDS) for m in e.measures)
    return (*(getattr(e, f.name) for f in _ENTITY_FIELDS), measures)


def _entity(values: tuple[Any, ...]) -> ListedEntity:
    *plain, measures = values
    named = dict(zip((f.name for f in _ENTITY_FIELDS), plain, strict=True))
    return ListedEntity(**named, measures=tuple(MeasureRef(*m) for m in measures))


_MEASURE_FIELDS = dataclasses.fields(MeasureRef)
_ENTITY_FIELDS = [f for f in dataclasses.fields(ListedEntity) if f.name != "measures"]


def entities_digest(entities: Sequence[ListedEntity]) -> str:
    """A digest of the entities' keys and names in order: what an index over them depends on."""
    h = hashlib.sha256()
    for e in entities:
        h.update(json.dumps([e.key, e.type, e.name, *e.names], ensure_ascii=False).encode())
        h.update(b"\n")
    return h.hexdigest()


@cache
def matcher_version() -> str:
    """Changes whenever the code or shipped reference data that builds an index changes."""
    import workbench
    from workbench.resources import resource

    h = hashlib.sha256(f"{FORMAT_VERSION}:{workbench.__version__}".encode())
    package = Path(__file__).parent
    sources = sorted(package.glob("*.py"))
    for path in sources:
        h.update(path.name.encode() + path.read_bytes())
    reference = resource("reference")
    for node in sorted(reference.iterdir(), key=lambda n: n.name) if reference.is_dir() else ():
        if node.is_file():
            h.update(node.name.encode() + node.read_bytes())
    return h.hexdigest()[:16]


def write_screener(path: Path, key: Mapping[str, Any], screener: Screener) -> None:
    """Save `screener` for `key` atomically (temporary file in the same folder, then rename)."""
    entities = screener.entities
    table = entities if isinstance(entities, EntityTable) else EntityTable(entities)
    key_json = json.dumps(dict(key), sort_keys=True).encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(_HEADER.pack(b"\0" * len(MAGIC), 0, 0, 0))
            fh.write(key_json)
            buffers: list[pickle.PickleBuffer] = []
            state = {**vars(screener), "entities": table, "index": _Packed(screener.index)}
            pickle.dump((type(screener), state), fh, protocol=5, buffer_callback=buffers.append)
            body_end = fh.tell()
            sizes = []
            for buffer in buffers:
                fh.write(b"\0" * (-fh.tell() % _ALIGN))
                view = buffer.raw()
                fh.write(view)
                sizes.append(view.nbytes)
            trailer = fh.tell()
            fh.write(json.dumps(sizes).encode())
            fh.seek(0)
            fh.write(_HEADER.pack(MAGIC, len(key_json), body_end, trailer))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_key(path: Path) -> dict[str, Any] | None:
    """The key a saved screener was built for, or None when the file is missing or not one."""
    try:
        with path.open("rb") as fh:
            magic, key_len, _body_end, _trailer = _HEADER.unpack(fh.read(_HEADER.size))
            if magic != MAGIC:
                return None
            return dict(json.loads(fh.read(key_len)))
    except (OSError, struct.error, ValueError, TypeError):
        return None


def read_screener(path: Path, key: Mapping[str, Any]) -> Screener | None:
    """The screener saved at `path` if it was built for exactly `key`, else None.

    Its arrays are views of a read-only memory map of the file, which stays open while they live.
    A damaged file reads as None (and is rebuilt by the caller).
    """
    if read_key(path) != json.loads(json.dumps(dict(key))):
        return None
    try:
        with path.open("rb") as fh:
            mm = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        view = memoryview(mm)
        _magic, key_len, body_end, trailer = _HEADER.unpack(view[: _HEADER.size])
        buffers = []
        at = body_end
        for size in json.loads(bytes(view[trailer:])):
            at += -at % _ALIGN
            buffers.append(view[at : at + size])
            at += size
        if at != trailer:
            raise ValueError("the array sizes do not add up")
        cls, state = pickle.loads(view[_HEADER.size + key_len : body_end], buffers=buffers)
    except (OSError, ValueError, EOFError, pickle.UnpicklingError, KeyError, struct.error, AttributeError,
            ImportError, TypeError) as exc:  # damaged, or written by a program whose classes differ
        log.warning("screening index %s cannot be read (%s); rebuilding", path, exc)
        return None
    return unpack_state(cls, {**state, "index": state["index"].unpack()})


def save_for_entities(path: Path, screener: Screener) -> None:
    """Save `screener` keyed by its own entities (see `load_for_entities`)."""
    write_screener(path, {"entities": entities_digest(screener.entities)}, screener)


def load_for_entities(entities: Sequence[ListedEntity], path: Path) -> Screener:
    """The screener saved at `path` for exactly these matchable `entities`; `StaleIndexError` otherwise."""
    matchable = Screener.matchable(entities)
    screener = read_screener(path, {"entities": entities_digest(matchable)})
    if screener is None:
        raise StaleIndexError(f"{path} is not an index of these listed entities; build it again.")
    return screener
