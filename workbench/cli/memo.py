"""`workbench memo --supplier NAME -o OUT.pdf`: write a signed due-diligence memo."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.cli.output import add_format_option, print_json

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from workbench.memo.identity import SigningIdentity

PASSPHRASE_ENV = "WORKBENCH_SIGNING_PASSPHRASE"
TSA_ENV = "WORKBENCH_TSA_URL"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "memo",
        help="write a signed due-diligence memo for one or more suppliers",
        description="Screens the suppliers first if they were never screened. Without --p12 the memo is "
        f"signed with the local signing identity, created on first use when {PASSPHRASE_ENV} is set.",
    )
    parser.add_argument(
        "--supplier",
        action="append",
        required=True,
        metavar="NAME",
        help="supplier legal or local name, or #ID; repeat for a portfolio memo",
    )
    parser.add_argument("-o", "--output", type=Path, required=True, help="the PDF to write")
    add_signing_options(parser)
    parser.add_argument("--client", default="", help="client the memo is prepared for")
    add_format_option(parser)
    parser.set_defaults(func=run)


def add_signing_options(parser: argparse.ArgumentParser) -> None:
    """--p12, --passphrase-env, --reviewer and --organisation: who signs, as for a memo."""
    parser.add_argument("--p12", type=Path, help="sign with this PKCS#12 (.p12/.pfx) file")
    parser.add_argument(
        "--passphrase-env",
        metavar="VAR",
        help=f"environment variable holding the passphrase (default {PASSPHRASE_ENV})",
    )
    parser.add_argument(
        "--reviewer",
        help="reviewer name (default: the reviewer set in the app, else the signing certificate's name); "
        "when it differs from the certificate's name the memo names both roles",
    )
    parser.add_argument(
        "--tsa-url",
        default=None,
        metavar="URL",
        help=f"RFC 3161 timestamp server (default: ${TSA_ENV}); without one, or when it cannot be "
        "reached, the signing time is the signer's clock and the output says so",
    )
    parser.add_argument("--organisation", default="", help="organisation printed on the document")


def signing_passphrase(args: argparse.Namespace) -> str:
    from workbench.memo.identity import SigningError

    var = args.passphrase_env or PASSPHRASE_ENV
    value = os.environ.get(var)
    if not value:
        what = f"the passphrase of {args.p12}" if args.p12 else "a passphrase for the local signing identity"
        raise SigningError(f"Set the environment variable {var} to {what}.")
    return value


def signing_identity(args: argparse.Namespace, session: Session) -> tuple[SigningIdentity, str]:
    """The identity that signs (the --p12 file or the local identity) and the reviewer's name."""
    from workbench.cases.decisions import get_reviewer_name
    from workbench.errors import InputError
    from workbench.memo.identity import certificate_name, load_pkcs12, local_certificate, local_identity

    passphrase = signing_passphrase(args)
    reviewer = (args.reviewer or get_reviewer_name(session)).strip()
    if args.p12:
        identity = load_pkcs12(args.p12, passphrase)
        return identity, reviewer or identity.common_name
    existing = local_certificate()
    if not reviewer and existing is not None:
        reviewer = certificate_name(existing)
    if not reviewer:
        raise InputError(
            "No reviewer name: pass --reviewer NAME (it also names the signing identity "
            "created on first use) or set your name in the app's settings."
        )
    return local_identity(reviewer, args.organisation, passphrase), reviewer


def run(args: argparse.Namespace) -> int:
    from workbench.data.store import open_store
    from workbench.memo.export import export_memo, find_supplier_ids

    signing_passphrase(args)  # a missing passphrase fails before the store is opened
    tsa_url = (args.tsa_url if args.tsa_url is not None else os.environ.get(TSA_ENV, "")).strip()
    store = open_store()
    try:
        with store.session() as session:
            identity, reviewer = signing_identity(args, session)
            ids = find_supplier_ids(session, args.supplier)
            if reviewer.casefold() != identity.common_name.casefold():
                print(
                    f"warning: the reviewer ({reviewer}) is not the certificate holder "
                    f"({identity.common_name}); the memo names both: prepared by {reviewer}, "
                    f"signed by {identity.common_name}.",
                    file=sys.stderr,
                )
            result = export_memo(
                session,
                ids,
                args.output,
                identity,
                reviewer,
                args.organisation,
                client=args.client,
                tsa_url=tsa_url,
            )
    finally:
        store.dispose()
    if args.format == "json":
        print_json(
            {
                "memo_id": result.memo_id,
                "path": str(result.path),
                "pages": result.pages,
                "sha256": result.sha256,
                "signer": result.signer,
                "suppliers": result.suppliers,
                "screened": result.screened,
                "reviewer": reviewer,
                "certificate_sha256": result.fingerprint,
                "self_signed": result.self_signed,
                "timestamped": result.timestamped,
                "timestamp_note": result.timestamp_note,
                "audit_chain_length": result.chain_length,
                "audit_chain_head": result.chain_head,
                **result.summary,
            }
        )
    else:
        print(f"Wrote {result.path} ({result.pages} pages), memo {result.memo_id}, signed by {result.signer}")
        print(f"SHA-256 {result.sha256}")
        kind = "self-signed" if result.self_signed else "CA-issued"
        print(f"Certificate ({kind}) SHA-256 {result.fingerprint}")
        print(f"Audit log at issue: {result.chain_length} entries, head {result.chain_head}")
        print(("Timestamp: " if result.timestamped else "No trusted timestamp: ") + result.timestamp_note)
    return 0
