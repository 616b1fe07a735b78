"""Screening against a store holding a large list, the way a user runs it: one CLI process per step.

    .venv/bin/python benchmarks/screen_store_bench.py [--rows 1000000] [--rebuild]

Writes a synthetic trade.gov CSL file (see lists_bench.py) and, in a fresh store under
benchmarks/out/screen_store/, times as separate `python -m workbench` processes: the list import
(which saves the screening index), `workbench lists` (the CLI's own start-up with the store open),
`workbench screen` of a 6-row file twice, a first memo of a supplier never screened, and with
`--rebuild` the same 6-row screen after deleting the saved index (what every screen cost before the
index was saved). Each step prints wall time, CPU time (user + system) and peak RSS of its process
and the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from lists_bench import _machine, write_csl

OUT = Path(__file__).resolve().parent / "out" / "screen_store"
SUPPLIERS = (
    "name,country\n"
    "Hotan Haolin Hair Accessories Co Ltd,CN\n"
    "Acme Trading Co,US\n"
    "Xinjiang Zhongtai Chemical,CN\n"
    "Shenzhen Bright Star Electronics Co Ltd,CN\n"
    "Hoshine Silicon Industry Shanshan,CN\n"
    "Nobody Widgets GmbH,DE\n"
)


def child(argv: list[str]) -> int:
    """Run one CLI command in this process; report its peak RSS on stderr as the last line."""
    from workbench.cli import main as cli_main

    code = cli_main(argv)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    figures = {"rss_mib": round(usage.ru_maxrss / 1024), "cpu_s": round(usage.ru_utime + usage.ru_stime, 2)}
    sys.stderr.write(json.dumps(figures) + "\n")
    return code


def step(label: str, argv: list[str], env: dict[str, str]) -> dict[str, object]:
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, __file__, "--child", *argv], env=env, capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"{label} failed ({proc.returncode}):\n{proc.stderr}")
    own = json.loads(proc.stderr.strip().splitlines()[-1])
    figures = {"step": label, "wall_s": round(wall, 2), "cpu_s": own["cpu_s"], "peak_rss_mib": own["rss_mib"],
               "load": round(os.getloadavg()[0], 1)}
    print(json.dumps(figures), flush=True)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--rebuild", action="store_true", help="also time a screen without the saved index")
    parser.add_argument("--child", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        return child(args.child)

    print(f"machine: {_machine()}")
    home = OUT / f"home-{args.rows}"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    csl = OUT / f"consolidated-{args.rows}.csv"
    if not csl.exists():
        write_csl(csl, args.rows)
    suppliers = home / "suppliers.csv"
    suppliers.write_text(SUPPLIERS, encoding="utf-8")
    env = {**os.environ, "WORKBENCH_HOME": str(home), "WORKBENCH_SIGNING_PASSPHRASE": "benchmark"}
    env.pop("WORKBENCH_DB_URL", None)

    step(f"lists import ({args.rows:,} rows, saves the screening index)",
         ["lists", "import", str(csl), "--type", "csl-csv", "--format", "json"], env)
    step("CLI start-up: workbench lists", ["lists"], env)
    step("workbench screen, 6 rows", ["screen", str(suppliers), "--format", "json"], env)
    step("workbench screen, 6 rows, again", ["screen", str(suppliers), "--format", "json"], env)
    memo_suppliers = home / "memo_supplier.csv"
    memo_suppliers.write_text("name,country\nKashgar Bright Cotton Textile Co Ltd,CN\n", encoding="utf-8")
    step("suppliers import (1 supplier)", ["suppliers", "import", str(memo_suppliers)], env)
    step("first memo of a never-screened supplier",
         ["memo", "--supplier", "Kashgar Bright Cotton Textile Co Ltd", "-o", str(home / "memo.pdf"),
          "--reviewer", "Benchmark Reviewer"], env)
    if args.rebuild:
        for index in (home / "screening-index").glob("*.index"):
            index.unlink()
        step("workbench screen, 6 rows, index deleted (builds it)",
             ["screen", str(suppliers), "--format", "json"], env)
    return 0


if __name__ == "__main__":
    sys.exit(main())
