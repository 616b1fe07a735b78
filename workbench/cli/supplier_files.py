"""`workbench suppliers import` with --map/--guess/--sheet/--check and XLSX; `workbench suppliers export`."""

from __future__ import annotations

import argparse
from typing import Any

from workbench.cli.output import add_format_option, print_json, print_table
from workbench.data.store import open_store

MAP_HELP = (
    "FIELD=COLUMN: read FIELD from the column with this header (or letter, e.g. C); repeat for more "
    "fields; an empty COLUMN ignores the field. Fields: name, local_name, aliases, country, region, "
    "address, website, registration_id, contact, tier, notes, product, hs_code, origin, annual_volume, "
    "annual_value"
)


def add_import_options(parser: argparse.ArgumentParser) -> None:
    """The mapping options of `workbench suppliers import`."""
    parser.add_argument(
        "--guess",
        action="store_true",
        help="guess the columns from common headers (Supplier Name, Vendor, 供应商, HS Code, 国家, ...)",
    )
    parser.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN", help=MAP_HELP)
    parser.add_argument("--sheet", help="the sheet of an .xlsx workbook to read (default: the first)")
    parser.add_argument(
        "--encoding",
        metavar="NAME",
        help="the encoding a CSV file was saved in (e.g. cp1252, gb18030, big5, shift_jis), "
        "when detection refuses it (default: detected)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="show the mapping, the duplicates and any bad rows, but import nothing",
    )


def wants_mapping(args: argparse.Namespace) -> bool:
    """Whether the mapped import is needed (options given, or a workbook)."""
    return bool(args.guess or args.map or args.sheet or args.check) or not args.file.lower().endswith(
        (".csv", ".txt")
    )


def run_mapped_import(args: argparse.Namespace, actor: Any) -> int:
    """Import (or, with --check, only check) a CSV or XLSX file under the guessed or given mapping."""
    from workbench.cases.supplier_files import (
        apply_overrides,
        check_mapping,
        exact_mapping,
        find_duplicates,
        guess_mapping,
        import_table,
        labels,
        open_table,
    )

    table = open_table(args.file, args.sheet, args.encoding)
    mapping = guess_mapping(table.header) if args.guess else exact_mapping(table.header)
    mapping = apply_overrides(table.header, mapping, args.map)
    check_mapping(table.header, mapping, args.file)
    named = labels(table, mapping)
    store = open_store()
    try:
        with store.session() as session, session.begin():
            report = find_duplicates(session, table, mapping)
            summary = import_table(session, table, mapping, actor=actor(session))
            if args.check:
                session.rollback()
    finally:
        store.dispose()
    if args.format == "json":
        print_json(
            {
                "file": args.file,
                "sheet": table.sheet,
                "mapping": named,
                "imported": not args.check,
                "rows": summary.rows,
                "suppliers_created": summary.created,
                "products_added": summary.products_added,
                "suppliers_unchanged": summary.unchanged,
                "supplier_ids": [] if args.check else summary.supplier_ids,
                "duplicates": [
                    {
                        k: getattr(d, k)
                        for k in ("kind", "locations", "rows", "name", "country", "supplier_id")
                    }
                    | {"message": d.message}
                    for d in report.findings
                ],
            }
        )
        return 0
    print("Columns: " + "; ".join(f"{field} <- {column}" for field, column in named.items()))
    for finding in report.findings:
        print(f"  {finding.message}")
    verb = "Checked (nothing imported)" if args.check else "Imported"
    print(
        f"{verb} {args.file}: {summary.rows} rows, {summary.created} new suppliers, "
        f"{summary.products_added} products added, {summary.unchanged} suppliers already up to date."
    )
    return 0


def register_export(sub: argparse._SubParsersAction) -> None:
    """Add `workbench suppliers export FILE.csv|FILE.xlsx`."""
    exp = sub.add_parser(
        "export",
        help="export suppliers with rating, open hits and decision status to CSV or XLSX",
        description="One row per supplier: names, country, address, products and HS codes, risk rating, "
        "UFLPA presumption, open/confirmed/dismissed hits, decision status, last screened and reviewed. "
        "Text that a spreadsheet would run as a formula is written with a leading apostrophe.",
    )
    exp.add_argument("file", metavar="FILE.csv|FILE.xlsx", help="the file to write (the suffix decides)")
    add_format_option(exp)
    exp.set_defaults(func=run_export)


def run_export(args: argparse.Namespace) -> int:
    from workbench.cases.supplier_files import export_suppliers

    store = open_store()
    try:
        with store.session() as session:
            count = export_suppliers(session, args.file)
    finally:
        store.dispose()
    if args.format == "json":
        print_json({"file": args.file, "suppliers": count})
    else:
        print_table(["file", "suppliers"], [(args.file, count)])
    return 0
