"""`workbench hits`: the screening hits with their status and decision history."""

from __future__ import annotations

import argparse

from workbench.cli.output import add_format_option, print_json, print_table
from workbench.data.store import open_store


def register(subparsers: argparse._SubParsersAction) -> None:
    from workbench.cases.hits import ALL, STATUS_FILTERS

    parser = subparsers.add_parser(
        "hits",
        help="list screening hits with their decisions",
        description="Screening hits of active suppliers, highest score first per supplier. With "
        "--format json each hit carries its whole decision history (see README: 'Reviewing hits').",
    )
    parser.add_argument(
        "--supplier", default="", metavar="NAME", help="only suppliers whose name contains NAME"
    )
    parser.add_argument(
        "--status",
        choices=[s for s in STATUS_FILTERS if s != ALL],
        help="only hits in this state (needs_review: pending, escalated or changed since decided)",
    )
    add_format_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from workbench.cases.hits import ALL, hit_json, list_hits

    store = open_store()
    try:
        with store.session() as session:
            hits = [
                hit_json(m) for m in list_hits(session, status=args.status or ALL, supplier=args.supplier)
            ]
    finally:
        store.dispose()
    if args.format == "json":
        print_json({"total": len(hits), "hits": hits})
        return 0
    print_table(
        ["id", "supplier", "listed entity", "score", "status", "decided by", "version"],
        [
            (
                h["id"],
                h["supplier"]["name"],
                h["entity"]["name"],
                f"{h['score']:.0f}",
                h["status"] + ("" if h["present"] else " (gone)"),
                h["decided_by"] or "",
                h["version"],
            )
            for h in hits
        ],
    )
    print(f"\n{len(hits)} hit(s).")
    return 0
