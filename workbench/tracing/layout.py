"""Positions of a traced product's nodes for the supply-chain map: tiers left to right, leaves stacked.

A tidy tree: each leaf takes the next row, a parent is centred on its children; linear in the
number of nodes, so a 500-node chain lays out in milliseconds.
"""

from __future__ import annotations

from collections.abc import Sequence

from workbench.tracing.queries import NodeReport


def tree_layout(nodes: Sequence[NodeReport]) -> dict[str, tuple[int, float]]:
    """(column, row) of every node key; column = tier - 1, rows may be fractional (centred parents)."""
    children: dict[str, list[str]] = {}
    for n in nodes:
        children.setdefault(n.parent, []).append(n.node)
    tier = {n.node: n.tier for n in nodes}
    rows: dict[str, float] = {}
    next_row = 0
    for n in nodes:  # depth-first order: leaves come out top to bottom
        if not children.get(n.node):
            rows[n.node] = float(next_row)
            next_row += 1
    for n in reversed(nodes):  # children before their parents
        kids = children.get(n.node, [])
        if kids:
            rows[n.node] = (rows[kids[0]] + rows[kids[-1]]) / 2
    return {key: (tier[key] - 1, row) for key, row in rows.items()}
