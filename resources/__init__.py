"""Shipped data (this folder is installed as the package `workbench.resources`) and readers for it."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any


def resource(*parts: str) -> Traversable:
    """Return the shipped file `resources/<parts...>` (works in the source tree and in a bundle)."""
    node = files("workbench.resources")
    for part in parts:
        node = node / part
    return node


@cache
def load_json(*parts: str) -> Any:
    """Parse a shipped JSON file once per process."""
    return json.loads(resource(*parts).read_text(encoding="utf-8"))
