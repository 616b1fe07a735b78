"""`workbench backup OUT.sqlite3`: a consistent copy of the store, also while the app runs."""

from __future__ import annotations

import argparse

from workbench.data.backup import backup_store


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "backup",
        help="copy the store to a backup file (safe while the app is open)",
        description="Writes a consistent copy of the SQLite store with SQLite's online backup API.",
    )
    parser.add_argument("out", metavar="OUT.sqlite3", help="the backup file to write (must not exist)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    out = backup_store(args.out)
    print(f"Backed up the store to {out}")
    return 0
