"""`workbench suppliers`: import suppliers from CSV or XLSX, list and export them."""

from __future__ import annotations

import argparse
import getpass

from workbench.cli.output import add_format_option, print_json, print_table
from workbench.cli.supplier_files import add_import_options, register_export, run_mapped_import, wants_mapping
from workbench.data.store import open_store


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("suppliers", help="import and list your suppliers")
    sub = parser.add_subparsers(dest="suppliers_command", metavar="ACTION", required=True)

    imp = sub.add_parser(
        "import",
        help="import suppliers from a CSV or XLSX file (all rows or none)",
        description="Columns: name (required), country, local_name, address, aliases (separated by ';'), "
        "product, hs_code, origin; optionally region, website, registration_id, contact, tier, notes, "
        "annual_volume, annual_value. Other headers: --guess and/or --map. Rows with the same name and "
        "country become one supplier with several products; suppliers already in the store only get the "
        "products they lack.",
    )
    imp.add_argument(
        "file", metavar="FILE", help="a CSV (UTF-8, UTF-16, GB18030/GBK or cp1252) or .xlsx file"
    )
    add_format_option(imp)
    add_import_options(imp)
    imp.set_defaults(func=run_import)

    register_export(sub)

    lst = sub.add_parser("list", help="list suppliers with their product and hit counts")
    add_format_option(lst)
    lst.add_argument("--search", default="", help="only suppliers whose names, address or ids contain this")
    lst.add_argument("--country", help="only suppliers in this country (as written in the store)")
    lst.add_argument("--deleted", action="store_true", help="list deleted suppliers instead")
    lst.add_argument("--limit", type=int, default=1000, help="at most this many rows (default 1000)")
    lst.set_defaults(func=run_list)


def _actor(session: object) -> str:
    from workbench.cases.decisions import get_reviewer_name

    return get_reviewer_name(session) or getpass.getuser()  # type: ignore[arg-type]


def run_import(args: argparse.Namespace) -> int:
    from workbench.cases.importing import import_suppliers

    if wants_mapping(args):
        return run_mapped_import(args, _actor)
    store = open_store()
    try:
        with store.transaction() as session:
            summary = import_suppliers(session, args.file, actor=_actor(session), encoding=args.encoding)
    finally:
        store.dispose()
    if args.format == "json":
        print_json(
            {
                "file": args.file,
                "rows": summary.rows,
                "suppliers_created": summary.created,
                "products_added": summary.products_added,
                "suppliers_unchanged": summary.unchanged,
                "supplier_ids": summary.supplier_ids,
            }
        )
    else:
        print(
            f"Imported {args.file}: {summary.rows} rows, {summary.created} new suppliers, "
            f"{summary.products_added} products added, {summary.unchanged} suppliers already up to date."
        )
    return 0


def run_list(args: argparse.Namespace) -> int:
    from workbench.cases.queries import list_suppliers

    store = open_store()
    try:
        with store.session() as session:
            page = list_suppliers(
                session, search=args.search, country=args.country, deleted=args.deleted, limit=args.limit
            )
    finally:
        store.dispose()
    if args.format == "json":
        print_json({"total": page.total, "suppliers": [r.as_json() for r in page.rows]})
        return 0
    print_table(
        ["id", "name", "local name", "country", "tier", "products", "open hits", "confirmed", "screened"],
        [
            (
                r.id,
                r.legal_name,
                r.local_name,
                r.country,
                r.tier,
                r.products,
                r.open_hits,
                r.confirmed_hits,
                r.last_screened_at.date().isoformat() if r.last_screened_at else "never",
            )
            for r in page.rows
        ],
    )
    if page.total > len(page.rows):
        print(f"\n{len(page.rows)} of {page.total} suppliers shown; use --limit or --search.")
    return 0
