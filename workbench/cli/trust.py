"""`workbench trust add|list|remove|export-mine`: whose memo signatures and audit checkpoints count."""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.cli.output import add_format_option, print_json, print_table


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "trust",
        help="the certificates you trust as memo signers",
        description="A signature counts as trusted only when the signer's certificate (not just the name "
        "in it) is in this list, or is your own local signing identity.",
    )
    sub = parser.add_subparsers(dest="trust_command", metavar="ACTION", required=True)
    add = sub.add_parser(
        "add",
        help="trust a colleague's (or your organisation CA's) certificate",
        description="Compare the SHA-256 fingerprint printed here with the one your colleague reads to "
        "you from 'workbench trust export-mine' before relying on it.",
    )
    add.add_argument("certificate", type=Path, help="the certificate file (PEM or DER)")
    add.set_defaults(func=run_add)
    listing = sub.add_parser("list", help="the certificates you trust")
    add_format_option(listing)
    listing.set_defaults(func=run_list)
    remove = sub.add_parser("remove", help="stop trusting a certificate")
    remove.add_argument("fingerprint", help="the certificate's SHA-256 fingerprint (at least 8 hex digits)")
    remove.set_defaults(func=run_remove)
    export = sub.add_parser(
        "export-mine", help="write your local signing identity's certificate, to give to colleagues"
    )
    export.add_argument("output", type=Path, help="the PEM file to write")
    export.set_defaults(func=run_export)


def run_add(args: argparse.Namespace) -> int:
    from workbench.memo.trust import add_trusted

    for entry in add_trusted(args.certificate):
        print(f"Trusted {entry.name}: SHA-256 {entry.fingerprint}")
    print("Check this fingerprint with the certificate's owner (in person or by phone) before relying on it.")
    return 0


def run_list(args: argparse.Namespace) -> int:
    from workbench.memo.identity import fingerprint, is_self_signed, local_certificate
    from workbench.memo.trust import trusted_entries

    rows = [
        {
            "name": e.name,
            "sha256": e.fingerprint,
            "self_signed": is_self_signed(e.cert),
            "expires": e.cert.not_valid_after_utc.date().isoformat(),
            "file": str(e.path),
            "own": False,
        }
        for e in trusted_entries()
    ]
    own = local_certificate()
    if own is not None:
        from workbench.memo.identity import certificate_name

        rows.insert(
            0,
            {
                "name": certificate_name(own),
                "sha256": fingerprint(own),
                "self_signed": is_self_signed(own),
                "expires": own.not_valid_after_utc.date().isoformat(),
                "file": "",
                "own": True,
            },
        )
    if args.format == "json":
        print_json(rows)
    elif not rows:
        print("No trusted certificates yet. Add a colleague's with 'workbench trust add CERT.pem'.")
    else:
        print_table(
            ["name", "SHA-256", "kind", "expires"],
            [
                [
                    r["name"] + (" (your own)" if r["own"] else ""),
                    r["sha256"],
                    "self-signed" if r["self_signed"] else "CA-issued",
                    r["expires"],
                ]
                for r in rows
            ],
        )
    return 0


def run_remove(args: argparse.Namespace) -> int:
    from workbench.memo.trust import remove_trusted

    for entry in remove_trusted(args.fingerprint):
        print(f"No longer trusted: {entry.name} (SHA-256 {entry.fingerprint})")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from workbench.memo.identity import certificate_name, fingerprint
    from workbench.memo.trust import export_own_certificate

    cert = export_own_certificate(args.output)
    print(f"Wrote the certificate of {certificate_name(cert)} to {args.output}")
    print(f"SHA-256 {fingerprint(cert)}: read this to the colleague who adds it with 'workbench trust add'.")
    return 0
