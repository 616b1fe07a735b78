"""Packed containers behave like the list or dict they replace, also after a round trip through pickle."""

from __future__ import annotations

import pickle
import random

import pytest

from workbench.screening import packed
from workbench.screening.packed import ShardedDict, StringList, pack_state, unpack_state


def round_trip(obj: object) -> object:
    buffers: list[pickle.PickleBuffer] = []
    body = pickle.dumps(obj, protocol=5, buffer_callback=buffers.append)
    assert buffers, "the arrays travel out of band (so they can be memory-mapped)"
    return pickle.loads(body, buffers=[b.raw().toreadonly() for b in buffers])


def test_a_string_list_reads_like_the_list():
    words = ["alpha", "", "和田", "ğüş", "x" * 300, "\udcff surrogate"]
    packed_words = round_trip(StringList(words))
    assert list(packed_words) == words
    assert [packed_words[i] for i in range(-len(words), len(words))] == words * 2
    assert packed_words[1:4] == words[1:4] and len(packed_words) == len(words)
    with pytest.raises(IndexError):
        packed_words[len(words)]


def test_a_sharded_dict_answers_like_the_dict(monkeypatch):
    monkeypatch.setattr(packed, "SHARD_SIZE", 64)
    rng = random.Random(3)
    original = {("k" + str(rng.random()), i % 7): [str(i)] for i in range(5000)}
    original.update({str(i): i for i in range(500)})
    sharded = round_trip(ShardedDict(original))
    assert len(sharded.shards) > 50
    assert len(sharded) == len(original) and set(sharded) == set(original)
    assert all(sharded[k] == v and sharded.get(k) == v and k in sharded for k, v in original.items())
    assert sharded.get(("missing", 1)) is None and "missing" not in sharded
    with pytest.raises(KeyError):
        sharded["missing"]
    sharded["new"] = 1
    sharded["0"] = "changed"
    assert sharded["new"] == 1 and sharded["0"] == "changed" and len(sharded) == len(original) + 1


def test_pack_state_keeps_what_it_cannot_pack():
    class Thing:
        pass

    thing = Thing()
    thing.words, thing.mixed, thing.empty = ["a", "b"], ["a", 1], []
    thing.index, thing.by_set = {"a": 1}, {frozenset({"a", "b"}): 1}
    state = pack_state(thing)
    assert isinstance(state["words"], StringList) and isinstance(state["index"], ShardedDict)
    assert state["mixed"] is thing.mixed and state["empty"] is thing.empty
    assert state["by_set"] is thing.by_set, "set keys have no stable repr, so no stable shard"
    again = unpack_state(Thing, round_trip(state))  # type: ignore[arg-type]
    assert list(again.words) == ["a", "b"] and again.index["a"] == 1 and again.mixed == ["a", 1]
