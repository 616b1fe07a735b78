"""Read-only containers kept as bytes in numpy arrays, decoded piece by piece when read.

Saved with pickle protocol 5, their arrays go out of band and come back as views of a memory-mapped
file (see index_cache), so reading back a million names or a dict of a million keys costs nothing
until a piece is used. `pack_state` turns an object's large lists of strings and dicts into them;
everything else is kept as it is.
"""

from __future__ import annotations

import pickle
import zlib
from collections.abc import Hashable, Iterator, Mapping, Sequence
from typing import Any, Generic, TypeVar, overload

import numpy as np

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

SHARD_SIZE = 2048
"""Keys per shard of a `ShardedDict`: a look-up decodes one shard of about this many entries."""


class Packed(Sequence[T], Generic[T]):
    """Items encoded one by one into one byte array; each is decoded (once) when first read."""

    def __init__(self, items: Sequence[T]) -> None:
        data = bytearray()  # grown in place: no list of a million small bytes objects
        self.offsets = np.zeros(len(items) + 1, dtype=np.int64)
        for i, item in enumerate(items, start=1):
            data += self.encode(item)
            self.offsets[i] = len(data)
        self.data = np.frombuffer(data, dtype=np.uint8)
        self._decoded: dict[int, T] = {}

    @staticmethod
    def encode(item: Any) -> bytes:
        return pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)

    @staticmethod
    def decode(blob: bytes) -> Any:
        return pickle.loads(blob)

    def __getstate__(self) -> dict[str, Any]:
        return {"offsets": self.offsets, "data": self.data}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.offsets, self.data = state["offsets"], state["data"]
        self._decoded = {}

    def __len__(self) -> int:
        return len(self.offsets) - 1

    @overload
    def __getitem__(self, pos: int) -> T: ...
    @overload
    def __getitem__(self, pos: slice) -> list[T]: ...
    def __getitem__(self, pos: int | slice) -> T | list[T]:
        if isinstance(pos, slice):
            return [self[i] for i in range(*pos.indices(len(self)))]
        pos = int(pos)
        if pos < 0:
            pos += len(self)
        if not 0 <= pos < len(self):
            raise IndexError(pos)
        item = self._decoded.get(pos)
        if item is None:
            item = self.decode(self.data[self.offsets[pos] : self.offsets[pos + 1]].tobytes())
            self._decoded[pos] = item
        return item

    def __iter__(self) -> Iterator[T]:
        return (self[i] for i in range(len(self)))


class StringList(Packed[str]):
    """A list of strings as UTF-8 bytes."""

    @staticmethod
    def encode(item: Any) -> bytes:
        return str(item).encode("utf-8", "surrogatepass")

    @staticmethod
    def decode(blob: bytes) -> Any:
        return blob.decode("utf-8", "surrogatepass")


def _slot(key: Hashable, shards: int) -> int:
    return zlib.crc32(repr(key).encode("utf-8", "surrogatepass")) % shards


def _stable_key(key: object) -> bool:
    """Keys whose repr is the same in every process (no hash-ordered sets inside)."""
    if isinstance(key, tuple):
        return all(_stable_key(k) for k in key)
    return isinstance(key, str | int | float | bool | bytes) or key is None


class ShardedDict(Mapping[K, V]):
    """A dict split by a stable hash of the key into pickled shards; a look-up decodes one shard.

    Writes (caches filled while screening) go to an in-memory overlay. Iteration is shard by shard,
    not in the original insertion order.
    """

    def __init__(self, items: Mapping[K, V]) -> None:
        count = max(1, -(-len(items) // SHARD_SIZE))
        shards: list[dict[K, V]] = [{} for _ in range(count)]
        for k, v in items.items():
            shards[_slot(k, count)][k] = v
        self.shards: Packed[dict[K, V]] = Packed(shards)
        self.size = len(items)
        self.overlay: dict[K, V] = {}

    def _shard(self, key: K) -> dict[K, V]:
        return self.shards[_slot(key, len(self.shards))]

    def __getitem__(self, key: K) -> V:
        if key in self.overlay:
            return self.overlay[key]
        return self._shard(key)[key]

    def get(self, key: K, default: Any = None) -> Any:
        if key in self.overlay:
            return self.overlay[key]
        return self._shard(key).get(key, default)

    def __contains__(self, key: object) -> bool:
        return key in self.overlay or key in self._shard(key)  # type: ignore[arg-type]

    def __setitem__(self, key: K, value: V) -> None:
        if key not in self._shard(key) and key not in self.overlay:
            self.size += 1
        self.overlay[key] = value

    def __len__(self) -> int:
        return self.size

    def __iter__(self) -> Iterator[K]:
        for shard in self.shards:
            yield from (k for k in shard if k not in self.overlay)
        yield from self.overlay


def _packable(value: object) -> object:
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return StringList(value)
    if isinstance(value, dict) and all(_stable_key(k) for k in value):
        return ShardedDict(value)
    return value


def pack_state(obj: object) -> dict[str, Any]:
    """`obj`'s attributes with its lists of strings and its dicts packed (see the module docstring)."""
    return {name: _packable(value) for name, value in vars(obj).items()}


def unpack_state(cls: type[T], state: dict[str, Any]) -> T:
    """An instance of `cls` with the attributes `pack_state` gave, without running `__init__`."""
    obj = cls.__new__(cls)
    vars(obj).update(state)
    return obj
