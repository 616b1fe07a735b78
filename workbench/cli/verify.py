"""`workbench verify FILE.pdf`: check a signed memo; exit 0 only if intact, valid and whole."""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.cli.output import add_format_option, print_json

EXIT_NOT_VERIFIED = 1


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "verify",
        help="verify the signature of a memo PDF",
        description="Exit status 0 only if the signature is intact, valid and covers the whole file; "
        "trust (the signer is in your trust list) is reported separately.",
    )
    parser.add_argument("file", type=Path, help="the signed memo PDF")
    add_format_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from workbench.memo.verify import verify_pdf

    result = verify_pdf(args.file)
    if args.format == "json":
        print_json(result.as_json())
    else:
        verdict = "VERIFIED" if result.ok else "NOT VERIFIED"
        print(f"{verdict}: {result.path}")
        rows = [
            ("signed", _yn(result.signed)),
            ("intact", _yn(result.intact)),
            ("valid", _yn(result.valid)),
            ("covers whole file", _yn(result.covers_whole_file)),
            ("trusted signer", _yn(result.trusted)),
            ("signer", ", ".join(x for x in (result.signer, result.signer_organisation) if x)),
            ("signing time", result.signing_time),
            ("reason", result.reason),
            ("certificate SHA-256", result.certificate_sha256),
        ]
        for label, value in rows:
            if value:
                print(f"  {label + ':':<21}{value}")
        for problem in result.problems:
            print(f"  problem: {problem}")
        for warning in result.warnings:
            print(f"  note: {warning}")
    return 0 if result.ok else EXIT_NOT_VERIFIED


def _yn(value: bool) -> str:
    return "yes" if value else "no"
