"""`workbench audit verify|checkpoint`: check the audit log against its signed checkpoints and memos."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from workbench.cli.output import add_format_option, print_json

EXIT_INTACT, EXIT_TAMPERED, EXIT_UNTRUSTED = 0, 1, 3


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("audit", help="the audit log of changes to your data")
    sub = parser.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = sub.add_parser(
        "verify",
        help="check the audit log for edited, inserted or removed entries",
        description="Checks the hash chain, every signed checkpoint (and the one this computer keeps), "
        "and with --memo that the history each memo was issued on is still in the log. Exit status 0 "
        "when all is intact, 1 when anything was tampered with, 3 when intact but a checkpoint is "
        "signed by a certificate you do not trust (see 'workbench trust').",
    )
    verify.add_argument(
        "--memo",
        type=Path,
        action="append",
        default=[],
        metavar="FILE.pdf",
        help="a memo to check (repeatable)",
    )
    add_format_option(verify)
    verify.set_defaults(func=run_verify)
    checkpoint = sub.add_parser(
        "checkpoint",
        help="sign the current head of the audit log and store the checkpoint",
        description="Signs with your local signing identity (passphrase in $WORKBENCH_SIGNING_PASSPHRASE) "
        "or with --p12. After a checkpoint, rewriting or removing the entries it covers fails "
        "'audit verify'.",
    )
    checkpoint.add_argument("--p12", type=Path, help="sign with this PKCS#12 (.p12/.pfx) file")
    checkpoint.add_argument(
        "--passphrase-env", metavar="VAR", help="environment variable holding the passphrase"
    )
    add_format_option(checkpoint)
    checkpoint.set_defaults(func=run_checkpoint)


def run_verify(args: argparse.Namespace) -> int:
    from workbench.cases.audit import walk_chain
    from workbench.cases.checkpoints import check_checkpoints, checkpoint_positions, newest_good, remember
    from workbench.data.store import open_store
    from workbench.memo.export import reconcile_memos
    from workbench.memo.issued import check_memo
    from workbench.memo.verify import verify_pdf

    memos = [(path, verify_pdf(path)) for path in args.memo]
    store = open_store()
    try:
        with store.session() as session:
            reconcile_memos(session)
            positions = checkpoint_positions(session)
            positions |= {r.audit_chain_length for _, r in memos if r.audit_chain_length}
            report = walk_chain(session, positions)
            checks = check_checkpoints(session, report)
            memo_checks = [check_memo(session, path, r, report.hash_at) for path, r in memos]
            tampered = not report.ok or any(c.tampered for c in checks) or any(not m.ok for m in memo_checks)
            untrusted = any(not c.trusted for c in checks)
            code = EXIT_TAMPERED if tampered else EXIT_UNTRUSTED if untrusted else EXIT_INTACT
            if code == EXIT_INTACT:
                good = newest_good(session, checks)
                if good is not None:
                    remember(session, good)
    finally:
        store.dispose()
    problems = [c.problem for c in checks if c.problem] + [p for m in memo_checks for p in m.problems]
    warnings = []
    if not any(c.source == "store" for c in checks):
        warnings.append(
            "no signed checkpoint yet: someone who can write the database could rewrite the log and "
            "recompute every hash undetected; run 'workbench audit checkpoint' (issuing a memo makes one)"
        )
    elif report.ok:
        covered = max(c.chain_length for c in checks)
        if report.head.length > covered:
            warnings.append(
                f"entries after {covered} are not covered by a signed checkpoint yet "
                f"({report.head.length - covered} entries)"
            )
    reason = report.reason if not report.ok else (problems[0] if problems else report.reason)
    if args.format == "json":
        print_json(
            {
                "intact": not tampered,
                "first_bad_entry": report.first_bad_entry,
                "reason": reason,
                "entries": report.head.length,
                "head_hash": report.head.hash,
                "checkpoints": [c.as_json() for c in checks],
                "memos": [m.as_json() for m in memo_checks],
                "problems": problems,
                "warnings": warnings,
                "exit_code": code,
            }
        )
        return code
    _print_verify(report, checks, memo_checks, code, problems, warnings)
    return code


def _print_verify(
    report: Any,
    checks: list[Any],
    memo_checks: list[Any],
    code: int,
    problems: list[str],
    warnings: list[str],
) -> None:
    if code == EXIT_TAMPERED:
        where = f"entry {report.first_bad_entry}" if report.first_bad_entry is not None else "the log"
        print(f"Audit log TAMPERED at {where}: {report.reason if not report.ok else problems[0]}")
    elif code == EXIT_UNTRUSTED:
        print(f"Audit log intact ({report.reason}) but not every checkpoint is signed by someone you trust.")
    else:
        print(f"Audit log intact: {report.reason}")
    print(f"  head: {report.head.length} entries, {report.head.hash}")
    for c in checks:
        label = f"checkpoint {c.id}" if c.id else "checkpoint kept on this computer"
        state = "TAMPERED" if c.tampered else "ok" if c.trusted else "untrusted signer"
        print(f"  {label}: {c.chain_length} entries, signed by {c.signer} at {c.at}: {state}")
    for m in memo_checks:
        print(f"  memo {m.memo_id or m.path}: {'history present' if m.ok else 'FAILED'}")
    for problem in problems:
        print(f"  problem: {problem}")
    for warning in warnings:
        print(f"  note: {warning}")


def run_checkpoint(args: argparse.Namespace) -> int:
    from workbench.cases.checkpoints import create_checkpoint, remember
    from workbench.cli.memo import signing_passphrase
    from workbench.data.store import open_store
    from workbench.memo.identity import load_local_identity, load_pkcs12

    passphrase = signing_passphrase(args)
    identity = load_pkcs12(args.p12, passphrase) if args.p12 else load_local_identity(passphrase)
    store = open_store()
    try:
        with store.session() as session:
            with session.begin():
                checkpoint = create_checkpoint(session, identity, note="workbench audit checkpoint")
            remember(session, checkpoint)
            data = {
                "id": checkpoint.id,
                "chain_length": checkpoint.chain_length,
                "head_hash": checkpoint.head_hash,
                "signer": checkpoint.signer,
                "certificate_sha256": identity.fingerprint,
            }
    finally:
        store.dispose()
    if args.format == "json":
        print_json(data)
    else:
        print(
            f"Checkpoint {data['id']}: {data['chain_length']} entries, head {data['head_hash']}, "
            f"signed by {data['signer']} (certificate SHA-256 {data['certificate_sha256']})"
        )
    return 0
