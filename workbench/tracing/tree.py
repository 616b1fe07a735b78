"""Walking a traced product's tree of nodes (parents by id)."""

from __future__ import annotations

from collections.abc import Sequence

from workbench.data.models import TraceNode


def depth_first(nodes: Sequence[TraceNode]) -> list[tuple[TraceNode, int]]:
    """(node, tier) from the top node (tier 1) down, children in id order."""
    children: dict[int | None, list[TraceNode]] = {}
    for n in nodes:
        children.setdefault(n.parent_id, []).append(n)
    out: list[tuple[TraceNode, int]] = []
    stack = [(n, 1) for n in reversed(children.get(None, []))]
    while stack:
        node, tier = stack.pop()
        out.append((node, tier))
        stack += [(c, tier + 1) for c in reversed(children.get(node.id, []))]
    return out


def path_to(node: TraceNode, by_id: dict[int, TraceNode]) -> tuple[str, ...]:
    """The node keys from the top node down to `node`."""
    keys = [node.key]
    while node.parent_id is not None and node.parent_id in by_id:
        node = by_id[node.parent_id]
        keys.append(node.key)
    return tuple(reversed(keys))
