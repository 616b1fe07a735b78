"""`workbench pack --product NAME -o PACK.zip` and `workbench verify-pack PACK.zip`."""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.cli.memo import PASSPHRASE_ENV, add_signing_options, signing_identity
from workbench.cli.output import add_format_option, print_json
from workbench.data.store import open_store

EXIT_NOT_VERIFIED = 1


def register(subparsers: argparse._SubParsersAction) -> None:
    pack = subparsers.add_parser(
        "pack",
        help="write the signed applicability-review pack (zip) of a traced product",
        description="A signed PDF executive summary and table of contents in CBP's order, the documents in "
        "folders by family, and manifest.json (file, family, node, sha256). Signed like a memo: without "
        f"--p12, with the local signing identity ({PASSPHRASE_ENV} holds its passphrase).",
    )
    which = pack.add_mutually_exclusive_group(required=True)
    which.add_argument("--product", metavar="NAME", help="the traced product")
    which.add_argument("--entry", metavar="NUMBER", help="the traced shipment with this entry number")
    pack.add_argument("-o", "--output", type=Path, required=True, metavar="PACK.zip", help="the zip to write")
    pack.add_argument(
        "--identical-to",
        metavar="REF",
        default="",
        help="the cleared review (e.g. its CBP ruling or entry number) this supply chain is identical to; "
        "adds the summary tracing report",
    )
    add_signing_options(pack)
    add_format_option(pack)
    pack.set_defaults(func=run_pack)

    verify = subparsers.add_parser(
        "verify-pack",
        help="check a pack's signature and every file's hash",
        description="Exit 0 when the signature and every file's hash hold; 1 naming each file changed, "
        "added or removed (and any other problem).",
    )
    verify.add_argument("pack", type=Path, metavar="PACK.zip")
    add_format_option(verify)
    verify.set_defaults(func=run_verify)


def run_pack(args: argparse.Namespace) -> int:
    from workbench.evidence import build_pack
    from workbench.tracing import find_product

    store = open_store()
    try:
        with store.transaction() as session:
            identity, reviewer = signing_identity(args, session)
            product = find_product(session, args.product, args.entry)
            result = build_pack(
                session,
                product,
                args.output,
                identity,
                reviewer,
                args.organisation,
                cleared_ref=args.identical_to,
            )
    finally:
        store.dispose()
    data = {
        "pack_id": result.pack_id,
        "path": str(result.path),
        "files": result.files,
        "bytes": result.bytes,
        "pages": result.pages,
        "signer": result.signer,
        "flagged": result.flagged,
        "open_gaps": result.open_gaps,
    }
    if args.format == "json":
        print_json(data)
    else:
        print(
            f"Wrote {result.path}: pack {result.pack_id}, {result.files} files, summary of {result.pages} "
            f"pages signed by {result.signer}; {'FLAGGED' if result.flagged else 'no flags'}, "
            f"{result.open_gaps} gaps."
        )
    return 0


def run_verify(args: argparse.Namespace) -> int:
    from workbench.evidence import verify_pack

    check = verify_pack(args.pack)
    if args.format == "json":
        print_json(check.as_json())
    else:
        print(f"{'VERIFIED' if check.ok else 'NOT VERIFIED'}: {check.pack}")
        sig = check.signature
        if sig is not None:
            state = "valid" if sig.ok else "NOT valid"
            trusted = "yes" if sig.trusted else "no"
            print(f"  signature: {state} ({sig.signer or 'unknown signer'}, trusted: {trusted})")
        print(f"  pack {check.pack_id or '?'} for {check.product or '?'}: {check.files} files listed")
        for label, names in (("changed", check.changed), ("added", check.added), ("removed", check.removed)):
            for name in names:
                print(f"  {label}: {name}")
        for problem in check.problems + (sig.problems if sig else []):
            print(f"  problem: {problem}")
    return 0 if check.ok else EXIT_NOT_VERIFIED
