"""`workbench restore FILE`: replace the store with a backup, keeping a copy of the store it replaces."""

from __future__ import annotations

import argparse

from workbench.data.backup import restore_store


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "restore",
        help="replace the store with a backup file (the current store is kept as a copy)",
        description="Refuses a file that is damaged, not a Workbench store, or from a newer version.",
    )
    parser.add_argument("file", metavar="FILE", help="a backup written by `workbench backup`")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    result = restore_store(args.file)
    kept = f"; the store it replaced is kept at {result.replaced_copy}" if result.replaced_copy else ""
    print(f"Restored the store from {result.source} (schema {result.revision}){kept}")
    return 0
