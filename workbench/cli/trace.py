"""`workbench trace import FILE` and `workbench trace show --product NAME`: supply-chain tracing."""

from __future__ import annotations

import argparse

from workbench.cli.output import add_format_option, print_json, print_table
from workbench.data.store import open_store


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("trace", help="trace a product's supply chain down to the raw materials")
    sub = parser.add_subparsers(dest="trace_command", metavar="ACTION", required=True)

    imp = sub.add_parser(
        "import",
        help="import a bill of materials with tiers from CSV or XLSX (all rows or none)",
        description="Columns: product, node, parent, supplier, country, region, input; optionally hs_code, "
        "quantity, unit, document_refs (separated by ';'). 'node' is unique within a product; 'parent' is "
        "empty for the maker of the imported good. Suppliers are matched to existing ones (same name and "
        "country) or created, and suppliers never screened are screened.",
    )
    imp.add_argument("file", metavar="FILE.csv|FILE.xlsx", help="the bill of materials")
    add_format_option(imp)
    imp.set_defaults(func=run_import)

    show = sub.add_parser(
        "show",
        help="show a traced product: nodes, flags (Xinjiang nexus, listed entities) with paths, gaps",
        description="JSON keys: product, flagged, paths (each from the top node to a flagged node), nodes "
        "(node, parent, supplier, input, country, region, flags, documents, missing).",
    )
    show.add_argument("--product", required=True, metavar="NAME", help="the traced product's name")
    add_format_option(show)
    show.set_defaults(func=run_show)


def cli_actor(session: object) -> str:
    """The name recorded in the audit log for a CLI write."""
    import getpass

    from workbench.cases.decisions import get_reviewer_name

    return get_reviewer_name(session) or getpass.getuser()  # type: ignore[arg-type]


def run_import(args: argparse.Namespace) -> int:
    from workbench.memo.export import screen_if_needed
    from workbench.tracing import import_trace

    store = open_store()
    try:
        with store.transaction() as session:
            summary = import_trace(session, args.file, actor=cli_actor(session))
            screened = screen_if_needed(session, summary.supplier_ids)
    finally:
        store.dispose()
    if args.format == "json":
        print_json(
            {
                "file": args.file,
                "rows": summary.rows,
                "products": summary.products,
                "nodes_added": summary.nodes_added,
                "nodes_updated": summary.nodes_updated,
                "nodes_removed": summary.nodes_removed,
                "suppliers_created": summary.suppliers_created,
                "suppliers_screened": screened,
            }
        )
    else:
        print(
            f"Imported {args.file}: {summary.rows} rows, {len(summary.products)} products, "
            f"{summary.nodes_added} nodes added, {summary.nodes_updated} updated, {summary.nodes_removed} "
            f"removed; {summary.suppliers_created} new suppliers, {screened} suppliers screened."
        )
    return 0


def run_show(args: argparse.Namespace) -> int:
    from workbench.tracing import find_product, trace_report

    store = open_store()
    try:
        with store.session() as session:
            report = trace_report(session, find_product(session, args.product))
            data = report.as_json()
    finally:
        store.dispose()
    if args.format == "json":
        print_json(data)
        return 0
    state = "FLAGGED" if report.flagged else "no flags"
    print(f"{report.product.name}: {state}, {len(report.nodes)} nodes")
    for path in report.paths:
        print("  path: " + " -> ".join(path))
    print_table(
        ["tier", "node", "supplier", "input", "origin", "docs", "missing", "flags"],
        [
            (
                n.tier,
                n.node,
                n.supplier,
                n.input,
                ", ".join(x for x in (n.region, n.country) if x),
                n.documents,
                ", ".join(n.missing),
                "; ".join(str(f) for f in n.flags),
            )
            for n in report.nodes
        ],
    )
    return 0
