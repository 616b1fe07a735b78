"""`workbench measures`: inspect the documented measures in the store."""

from __future__ import annotations

import argparse
from datetime import date

from workbench.cli.output import add_format_option, print_json, print_table
from workbench.data.store import open_store
from workbench.measures.catalogue import MEASURE_KINDS, dataset_version, list_measures, uflpa_coverage


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("measures", help="list the documented measures and their targets")
    add_format_option(parser)
    parser.add_argument("--kind", choices=MEASURE_KINDS, help="only measures of this kind")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    store = open_store()
    try:
        with store.session() as session:
            version = dataset_version(session)
            measures = list_measures(session, args.kind)
            coverage = uflpa_coverage(session)
    finally:
        store.dispose()
    if args.format == "json":
        rows = [{**m.as_json(), "confidence": m.confidence, "notes": m.notes} for m in measures]
        print_json({"dataset_version": version, "measures": rows})
        return 0
    print(f"Measures dataset {version}: {len(measures)} measures\n")
    print_table(
        ["date", "kind", "authority", "title", "targets"],
        [(_date(m.announced or m.effective), m.kind, m.authority, m.title, len(m.targets)) for m in measures],
    )
    if coverage is not None and any(m.kind == "uflpa_entity_list" for m in measures):
        print(f"\nUFLPA Entity List coverage: {coverage.sentence}")
    return 0


def _date(value: date | None) -> str:
    return value.isoformat() if value else ""
