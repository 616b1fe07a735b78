"""`workbench verify FILE.pdf`: check a signed memo; exit 0 only if sound and signed by someone trusted."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.cli.output import add_format_option, print_json

if TYPE_CHECKING:
    from workbench.memo.verify import VerificationResult


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "verify",
        help="verify the signature of a memo PDF",
        description="Exit status 0 only if the signature is intact, valid, covers the whole file and the "
        "signer's certificate is in your trust list; 1 if the file was altered or the signature is "
        "invalid; 3 if the signature is sound but the signer is not trusted (see 'workbench trust').",
    )
    parser.add_argument("file", type=Path, help="the signed memo PDF")
    add_format_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from workbench.memo.verify import EXIT_UNTRUSTED, verify_pdf

    result = verify_pdf(args.file)
    if args.format == "json":
        print_json(result.as_json())
        return result.exit_code
    verdict = {0: "VERIFIED", 1: "NOT VERIFIED", EXIT_UNTRUSTED: "SIGNATURE SOUND, SIGNER NOT TRUSTED"}
    print(f"{verdict[result.exit_code]}: {result.path}")
    certificate = result.certificate_sha256
    if certificate and result.self_signed:
        certificate += " (self-signed)"
    rows = [
        ("signed", _yn(result.signed)),
        ("intact", _yn(result.intact)),
        ("valid", _yn(result.valid)),
        ("covers whole file", _yn(result.covers_whole_file)),
        ("trusted signer", _yn(result.trusted)),
        ("signer", ", ".join(x for x in (result.signer, result.signer_organisation) if x)),
        ("signing time", result.signing_time),
        ("timestamp", _timestamp(result) if result.signed else ""),
        ("reason", result.reason),
        ("certificate SHA-256", certificate),
        ("memo", result.memo_id),
        ("audit log at issue", _audit(result)),
    ]
    for label, value in rows:
        if value:
            print(f"  {label + ':':<21}{value}")
    for problem in result.problems:
        print(f"  problem: {problem}")
    for warning in result.warnings:
        print(f"  note: {warning}")
    return result.exit_code


def _timestamp(result: VerificationResult) -> str:
    if not result.timestamped:
        return "none (the signing time is the signer's clock)"
    by = f", {result.timestamp_authority}" if result.timestamp_authority else ""
    return f"{result.timestamp} (RFC 3161{by})"


def _audit(result: VerificationResult) -> str:
    if result.audit_chain_length is None:
        return ""
    return f"{result.audit_chain_length} entries, head {result.audit_chain_head}"


def _yn(value: bool) -> str:
    return "yes" if value else "no"
