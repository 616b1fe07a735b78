"""`workbench audit verify`: check that the audit log's hash chain is intact."""

from __future__ import annotations

import argparse

from workbench.cli.output import add_format_option, print_json
from workbench.data.store import open_store

EXIT_TAMPERED = 1


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("audit", help="the audit log of changes to your data")
    sub = parser.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = sub.add_parser(
        "verify",
        help="check the audit log for edited, inserted or removed entries",
        description="Exit status 0 when the hash chain is intact, 1 when it was tampered with.",
    )
    add_format_option(verify)
    verify.set_defaults(func=run_verify)


def run_verify(args: argparse.Namespace) -> int:
    from workbench.cases.audit import verify_chain

    store = open_store()
    try:
        with store.session() as session:
            ok, bad_id, reason = verify_chain(session)
    finally:
        store.dispose()
    if args.format == "json":
        print_json({"intact": ok, "first_bad_entry": bad_id, "reason": reason})
    elif ok:
        print(f"Audit log intact: {reason}")
    else:
        where = f"entry {bad_id}" if bad_id is not None else "the log"
        print(f"Audit log TAMPERED at {where}: {reason}")
    return 0 if ok else EXIT_TAMPERED
