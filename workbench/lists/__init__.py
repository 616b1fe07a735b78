"""Official list imports (CSL, OFAC SDN CSV/XML, OpenSanctions FtM, the UFLPA page, custom CSV).

Each import is a snapshot of a named watchlist; a newer snapshot is diffed against the previous
one and the suppliers can be re-screened against what changed.
"""

from workbench.lists.diff import EntryChange, count_diff, diff_snapshots
from workbench.lists.entry import ListedEntry
from workbench.lists.formats import FORMATS, TYPES, detect_type, get_format
from workbench.lists.importer import ImportResult, Rescreen, import_list, latest_snapshot
from workbench.lists.queries import SnapshotInfo, latest_snapshot_ids, list_snapshots, snapshot_entries

__all__ = [
    "FORMATS",
    "TYPES",
    "EntryChange",
    "ImportResult",
    "ListedEntry",
    "Rescreen",
    "SnapshotInfo",
    "count_diff",
    "detect_type",
    "diff_snapshots",
    "get_format",
    "import_list",
    "latest_snapshot",
    "latest_snapshot_ids",
    "list_snapshots",
    "snapshot_entries",
]
