"""Command-line interface: `workbench <command> ...`. Each command lives in its own module.

A command module exposes `register(subparsers)`, which adds its parser and sets `func` to a
callable taking the parsed arguments and returning the exit code.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from sqlalchemy.exc import DBAPIError

from workbench import __version__, paths
from workbench.data.store import StoreError, unreadable_store
from workbench.errors import InputError

COMMANDS = [
    "measures", "verify", "lists", "memo", "screen", "suppliers", "audit", "team", "hits", "decide", "trust",
    "backup", "restore", "trace", "evidence", "pack",
]

EXIT_INPUT_ERROR = 2


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser with every command registered."""
    parser = argparse.ArgumentParser(
        prog="workbench",
        description="Forced-labour due diligence against the US measures on Uyghur forced labour. "
        "Run without arguments to open the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"workbench.cli.{name}").register(subparsers)
    return parser


def install_audit_hooks() -> None:
    """Hook the audit log into every session before any command can write user data.

    Doing it here, once, means no command depends on happening to import a `workbench.cases`
    module before its first write.
    """
    from workbench.cases import audit

    audit.install()


def main(argv: Sequence[str] | None = None) -> int:
    """Run one CLI command; return its exit code (2 for bad input or an unusable store)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_INPUT_ERROR
    install_audit_hooks()
    try:
        return int(args.func(args) or 0)
    except (InputError, StoreError) as exc:
        print(f"workbench: error: {exc}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    except DBAPIError as exc:  # e.g. a store damaged in pages that opening it did not read
        print(f"workbench: error: {unreadable_store(paths.store_url(), exc)}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    except BrokenPipeError:  # e.g. `workbench measures | head`
        return 0
