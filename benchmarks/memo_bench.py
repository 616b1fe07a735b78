"""Memo speed: a signed one-supplier memo and a signed 200-supplier portfolio memo.

Run: .venv/bin/python benchmarks/memo_bench.py [--repeat N] [--suppliers 200]
Targets (issue 7): one-supplier memo < 1 s, 200-supplier portfolio < 15 s, each rendered, signed
and written to disk, in a fresh process (the cold time includes font loading).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workbench.memo.identity import SigningIdentity, make_certificate
from workbench.memo.render import render_memo
from workbench.memo.sample import sample_memo
from workbench.memo.sign import write_signed_memo
from workbench.memo.verify import verify_pdf


def _identity() -> SigningIdentity:
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1())
    return SigningIdentity(key, make_certificate(key, "Benchmark Reviewer", "Benchmark LLP"))


def _signed(suppliers: int, identity: SigningIdentity, out: Path) -> tuple[float, int, float]:
    """Wall seconds, pages, CPU seconds of this process."""
    start, cpu = time.perf_counter(), time.process_time()
    rendered = render_memo(sample_memo(suppliers))
    write_signed_memo(rendered, identity, out)
    return time.perf_counter() - start, rendered.pages, time.process_time() - cpu


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.system()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--suppliers", type=int, default=200)
    args = parser.parse_args()
    identity = _identity()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "memo.pdf"
        cold, pages1, cold_cpu = _signed(1, identity, out)
        warm = [_signed(1, identity, out)[0] for _ in range(args.repeat)]
        assert verify_pdf(out, trust_roots=[]).signature_ok
        size1 = out.stat().st_size
        big = Path(tmp) / "portfolio.pdf"
        port, pages_n, port_cpu = _signed(args.suppliers, identity, big)
        start = time.perf_counter()
        check = verify_pdf(big, trust_roots=[])
        verify_s = time.perf_counter() - start
        assert check.signature_ok
        size_n = big.stat().st_size
    print(f"machine: {_machine()}; load average {os.getloadavg()[0]:.1f} at the end")
    print(
        f"one supplier, signed: cold {cold:.3f} s (CPU {cold_cpu:.3f} s), "
        f"warm median {statistics.median(warm):.3f} s "
        f"(n={args.repeat}), {pages1} pages, {size1 / 1024:.0f} KiB  [target < 1 s]"
    )
    print(
        f"{args.suppliers} suppliers, signed: {port:.2f} s (CPU {port_cpu:.2f} s), {pages_n} pages, "
        f"{size_n / 1024:.0f} KiB  "
        f"[target < 15 s]"
    )
    print(f"verify {args.suppliers}-supplier memo: {verify_s:.3f} s")
    ok = cold < 1.0 and port < 15.0
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
