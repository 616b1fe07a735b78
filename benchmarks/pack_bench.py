"""Applicability-review pack speed: 5 tiers, 500 nodes, 2,000 documents (about 2 GB) in one run.

Run: .venv/bin/python benchmarks/pack_bench.py [--nodes 500] [--documents 2000] [--mib 1]
Generates everything in a temporary folder (its own WORKBENCH_HOME and SQLite store), then times the
trace import, putting the documents on file, `build_pack` (signed summary + streaming zip) and
`verify_pack`. Target: the pack in under 60 s without holding the documents in memory (peak RSS shown).
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TIERS = (1, 4, 20, 95, 380)  # nodes per tier: 500 in all
INPUTS = (
    "cotton T-shirts",
    "knitted cotton fabric",
    "combed cotton yarn",
    "cotton lint",
    "cotton lint bales",
)
FAMILIES = ("transaction", "parties", "payment", "other")


def _bom(path: Path, nodes: int) -> list[str]:
    scale = nodes / sum(TIERS)
    counts = [max(1, round(n * scale)) for n in TIERS]
    keys: list[list[str]] = []
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["product", "node", "parent", "supplier", "country", "region", "input", "hs_code"])
        for tier, count in enumerate(counts):
            row = []
            for i in range(count):
                key = f"t{tier + 1}-{i:03d}"
                parent = keys[tier - 1][i % len(keys[tier - 1])] if tier else ""
                out.writerow(
                    [
                        "Bench T-shirt",
                        key,
                        parent,
                        f"Bench Party {key} Ltd.",
                        "Bangladesh",
                        "Dhaka",
                        INPUTS[tier],
                        "5201.00" if tier >= 3 else "",
                    ]
                )
                row.append(key)
            keys.append(row)
    return [k for row in keys for k in row]


def _documents(folder: Path, count: int, mib: int) -> list[Path]:
    block = os.urandom(mib << 20)
    paths = []
    for i in range(count):
        path = folder / f"doc-{i:05d}.pdf"
        path.write_bytes(f"%PDF-1.4 document {i}\n".encode() + block)
        paths.append(path)
    return paths


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--nodes", type=int, default=500)
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--mib", type=int, default=1, help="size of each document in MiB")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="wb-pack-bench-") as tmp:
        root = Path(tmp)
        os.environ["WORKBENCH_HOME"] = str(root / "home")
        from cryptography.hazmat.primitives.asymmetric import ec

        import workbench.cases  # noqa: F401  (audit hooks)
        from workbench.data.store import open_store
        from workbench.evidence import add_document, build_pack, verify_pack
        from workbench.memo.identity import SigningIdentity, make_certificate
        from workbench.tracing import find_product, import_trace

        key = ec.generate_private_key(ec.SECP256R1())
        identity = SigningIdentity(key, make_certificate(key, "Benchmark Reviewer", "Benchmark LLP"))
        store = open_store()
        nodes = _bom(root / "bom.csv", args.nodes)
        t = time.perf_counter()
        docs = _documents(root, args.documents, args.mib)
        generate = time.perf_counter() - t
        t = time.perf_counter()
        with store.transaction() as s:
            import_trace(s, root / "bom.csv", actor="bench")
        import_s = time.perf_counter() - t
        t = time.perf_counter()
        with store.transaction() as s:
            product = find_product(s, "Bench T-shirt")
            for i, path in enumerate(docs):
                add_document(
                    s, product, nodes[i % len(nodes)], path, FAMILIES[i % 4], kind="invoice", actor="bench"
                )
        register_s = time.perf_counter() - t
        for path in docs:
            path.unlink()
        t = time.perf_counter()
        with store.transaction() as s:
            result = build_pack(
                s, find_product(s, "Bench T-shirt"), root / "pack.zip", identity, "Bench Reviewer"
            )
        pack_s = time.perf_counter() - t
        rss_after_pack = _rss_mib()
        t = time.perf_counter()
        check = verify_pack(root / "pack.zip")
        verify_s = time.perf_counter() - t
        store.dispose()
        gib = result.bytes / (1 << 30)
        print(f"load: {os.getloadavg()[0]:.2f} (1-min average), {os.cpu_count()} CPUs")
        print(
            f"{len(nodes)} nodes in 5 tiers, {args.documents} documents of {args.mib} MiB "
            f"(generated in {generate:.1f} s)"
        )
        print(f"trace import:         {import_s:6.2f} s")
        print(f"documents on file:    {register_s:6.2f} s")
        print(
            f"pack (signed, zip):   {pack_s:6.2f} s  {gib:.2f} GiB, {result.files} files, "
            f"{result.pages} summary pages"
        )
        print(f"verify-pack:          {verify_s:6.2f} s  ok={check.ok}")
        print(f"peak RSS after pack:  {rss_after_pack:6.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
