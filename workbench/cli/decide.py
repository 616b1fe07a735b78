"""`workbench decide HIT_ID`: confirm, dismiss or escalate a hit, revise a decision, or undo it.

Exit status: 0 recorded; 2 bad input (unknown hit, missing or too short rationale, nothing to
undo); 4 refused because the hit changed after the version given with --if-version.
"""

from __future__ import annotations

import argparse
import sys

from workbench.cli.output import add_format_option, print_json
from workbench.data.store import open_store

EXIT_HIT_CHANGED = 4


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "decide",
        help="confirm, dismiss or escalate a hit; revise or undo a decision",
        description="Record a decision on a hit (a decided hit gets a revision: a new decision with its "
        "own rationale; nothing is overwritten), or --undo the standing decision. Exit status 0 when "
        f"recorded, 2 for bad input, {EXIT_HIT_CHANGED} when the hit changed after --if-version.",
    )
    parser.add_argument("hit_id", type=int, metavar="HIT_ID", help="the hit's id (see `workbench hits`)")
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument(
        "--confirm",
        dest="status",
        action="store_const",
        const="confirmed",
        help="the supplier is the listed entity",
    )
    action.add_argument(
        "--dismiss",
        dest="status",
        action="store_const",
        const="dismissed",
        help="a false positive: a different company",
    )
    action.add_argument(
        "--escalate",
        dest="status",
        action="store_const",
        const="escalated",
        help="needs a senior reviewer or more information",
    )
    action.add_argument(
        "--undo",
        dest="status",
        action="store_const",
        const="undo",
        help="take back the standing decision; the hit returns to its previous status",
    )
    parser.add_argument(
        "--rationale",
        default="",
        metavar="TEXT",
        help="why (required to decide: at least a sentence saying what you compared); with --undo, "
        "the reason",
    )
    parser.add_argument(
        "--reviewer", metavar="NAME", help="record under this name instead of the settings' name"
    )
    parser.add_argument(
        "--if-version",
        type=int,
        metavar="N",
        help=f"refuse (exit {EXIT_HIT_CHANGED}) if the hit is no longer at this version (the hit's "
        '"version" in `workbench hits --format json`)',
    )
    add_format_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from workbench.cases.decisions import HitChanged, undo_last
    from workbench.cases.hits import hit_json, record_decision

    store = open_store()
    try:
        with store.transaction() as session:
            if args.status == "undo":
                match = undo_last(
                    session,
                    args.hit_id,
                    args.reviewer,
                    expected_version=args.if_version,
                    reason=args.rationale,
                ).match
            else:
                match = record_decision(
                    session,
                    args.hit_id,
                    args.status,
                    args.rationale,
                    args.reviewer,
                    expected_version=args.if_version,
                )
            hit = hit_json(match)
    except HitChanged as exc:
        print(f"workbench: refused: {exc}", file=sys.stderr)
        return EXIT_HIT_CHANGED
    finally:
        store.dispose()
    if args.format == "json":
        print_json(hit)
    else:
        step = hit["history"][-1]
        print(
            f"Hit {hit['id']} ({hit['supplier']['name']} / {hit['entity']['name']}): {step['action']} "
            f"recorded by {step['reviewer']}; status {hit['status']}, version {hit['version']}."
        )
    return 0
