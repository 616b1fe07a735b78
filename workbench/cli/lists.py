"""`workbench lists`: the imported official lists; `workbench lists import FILE`: import a new snapshot."""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.cli.output import add_format_option, print_json, print_table
from workbench.data.store import open_store
from workbench.lists import (
    TYPES,
    ImportResult,
    detect_type,
    get_format,
    import_list,
    list_snapshots,
)
from workbench.lists.rescreen import refresh_screening_index, rescreen_hook

SHOWN_CHANGES = 20


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("lists", help="show the imported screening lists and their snapshots")
    add_format_option(parser)
    parser.set_defaults(func=run_list)
    actions = parser.add_subparsers(dest="lists_action", metavar="ACTION")
    importer = actions.add_parser(
        "import",
        help="import a downloaded list file as a new snapshot (diffed against the previous one)",
        description="Import an official list file. ofac-csv reads alt.csv and add.csv from the same folder.",
    )
    importer.add_argument("file", type=Path, help="the list file (for ofac-csv: sdn.csv)")
    importer.add_argument(
        "--type", dest="list_type", choices=TYPES, help="the file's format (detected when left out)"
    )
    importer.add_argument("--name", help="the list's label (default: the type's list name, e.g. csl)")
    importer.add_argument(
        "--format", choices=["table", "json"], default=argparse.SUPPRESS, help="output format (default table)"
    )
    importer.set_defaults(func=run_import)


def run_list(args: argparse.Namespace) -> int:
    store = open_store()
    try:
        with store.session() as session:
            snapshots = list_snapshots(session)
    finally:
        store.dispose()
    if args.format == "json":
        print_json([s.as_json() for s in snapshots])
        return 0
    if not snapshots:
        print("No lists imported yet. Import one with: workbench lists import FILE")
        return 0
    print_table(
        ["list", "imported (UTC)", "rows", "added", "removed", "changed", "snapshot", "sha256"],
        [
            (
                s.list_name,
                s.as_json()["imported_at"][:19].replace("T", " "),
                s.rows,
                s.added,
                s.removed,
                s.changed,
                s.snapshot_id,
                s.sha256[:12],
            )
            for s in snapshots
        ],
    )
    return 0


def run_import(args: argparse.Namespace) -> int:
    store = open_store()
    try:
        with store.session() as session:
            list_type = args.list_type or detect_type(args.file)
            name = (args.name or get_format(list_type).list_name).strip()
            result = import_list(session, args.file, list_type, name, rescreen=rescreen_hook(name))
            refresh_screening_index(session)
    finally:
        store.dispose()
    if getattr(args, "format", "table") == "json":
        print_json(result.as_json())
        return 0
    _print_result(args.file, result)
    return 0


def _print_result(path: Path, result: ImportResult) -> None:
    print(f"Imported {path} as a new snapshot of the list '{result.list_name}' ({result.list_type}).")
    print(f"Snapshot {result.snapshot_id}, sha256 {result.sha256}\n")
    print_table(
        ["rows", "added", "removed", "changed", "new hits"],
        [(result.rows, result.added, result.removed, result.changed, result.new_hits)],
    )
    if result.previous_snapshot_id is None:
        print("\nFirst snapshot of this list: every entry counts as added.")
        return
    shown = result.changes[:SHOWN_CHANGES]
    if shown:
        print(f"\nChanges since snapshot {result.previous_snapshot_id}:")
        print_table(
            ["change", "key", "name", "fields"],
            [(c.kind, c.entry_key, c.name, ", ".join(c.fields)) for c in shown],
        )
        more = result.added + result.removed + result.changed - len(shown)
        if more > 0:
            print(f"… and {more} more.")
