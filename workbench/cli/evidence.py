"""`workbench evidence add FILE --product NAME --node NODE --family FAMILY`: put a document on file."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from workbench.cli.output import add_format_option, print_json
from workbench.data.store import open_store
from workbench.evidence.register import FAMILIES


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date; write it as YYYY-MM-DD.") from None


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("evidence", help="keep the documents that prove a traced supply chain")
    sub = parser.add_subparsers(dest="evidence_command", metavar="ACTION", required=True)
    add = sub.add_parser(
        "add",
        help="attach a document (PDF, image, XLSX, email export) to a node of a traced product",
        description="The file is copied into the data folder under its SHA-256 and never altered; the record "
        "is audited. Families (CBP): transaction = packing lists, bills of lading, manifests; parties = "
        "documents identifying each party and its role; payment = invoices, contracts, purchase orders, "
        "proof of payment and transfer of raw materials; other = production records, tests, audits.",
    )
    add.add_argument("file", type=Path, metavar="FILE", help="the document")
    add.add_argument("--product", required=True, metavar="NAME", help="the traced product")
    add.add_argument("--node", required=True, metavar="NODE", help="the node the document is about")
    add.add_argument("--family", required=True, choices=FAMILIES, help="the CBP document family")
    add.add_argument("--kind", default="", metavar="TEXT", help="what it is, e.g. 'commercial invoice'")
    add.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="the date the document was issued")
    add.add_argument("--translation", type=Path, metavar="FILE", help="its English translation")
    add.add_argument("--language", default="", metavar="CODE", help="the document's language, e.g. zh or en")
    add.add_argument("--issuer", default="", help="the issuing party (default: the node's supplier)")
    add_format_option(add)
    add.set_defaults(func=run_add)


def run_add(args: argparse.Namespace) -> int:
    from workbench.cli.trace import cli_actor
    from workbench.evidence import add_document
    from workbench.tracing import find_product

    store = open_store()
    try:
        with store.transaction() as session:
            doc = add_document(
                session,
                find_product(session, args.product),
                args.node,
                args.file,
                args.family,
                kind=args.kind,
                issued_on=args.date,
                translation=args.translation,
                language=args.language,
                issuer=args.issuer,
                actor=cli_actor(session),
            )
            out = {
                "id": doc.id,
                "file": doc.file_name,
                "sha256": doc.sha256,
                "size": doc.size,
                "family": doc.family,
                "node": args.node,
            }
    finally:
        store.dispose()
    if args.format == "json":
        print_json(out)
    else:
        print(f"Added {out['file']} to node {args.node} ({out['family']}), SHA-256 {out['sha256']}")
    return 0
