"""List import speed and memory: a synthetic 1,000,000-entity CSL CSV and FtM file.

Run: .venv/bin/python benchmarks/lists_bench.py [--rows 1000000] [--formats csl-csv ftm]
Prints wall and CPU seconds (the CPU figure is what to compare when the machine is busy) and the
1-minute load average at the end of each import.
Files and the SQLite store go to benchmarks/out/ (git-ignored). Each import runs in a fresh
process so its peak RSS is its own; the second import of the same file measures the diff
against a 1,000,000-entry previous snapshot. Target (issue 8): < 60 s per import, bounded memory.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workbench.lists.csl import COLUMNS

OUT = Path(__file__).resolve().parent / "out"
WORDS = [
    *("Xinjiang", "Hotan", "Aksu", "Kashgar", "Urumqi", "Shihezi", "Turpan", "Hami", "Korla", "Yili"),
    *("Golden", "Silk", "Road", "Cotton", "Textile", "Polysilicon", "Aluminium", "Tomato", "Garment", "Yarn"),
    *("Spinning", "Dyeing", "Energy", "Technology", "Trading", "Industrial", "Agricultural", "Group"),
    *("Holdings", "Logistics", "Electronics", "Materials", "Chemical", "Hair", "Accessories", "Solar"),
    *("Battery", "Foil", "Mining"),
]
FORMS = ["Co., Ltd.", "Company Limited", "Group Co., Ltd.", "Limited", "Corporation", "LLC"]
SOURCES = [
    "Entity List (EL) - Bureau of Industry and Security",
    "Specially Designated Nationals (SDN) - Treasury Department",
    "Non-SDN Chinese Military-Industrial Complex Companies List (CMIC) - Treasury Department",
    "Unverified List (UVL) - Bureau of Industry and Security",
    "Military End User (MEU) List - Bureau of Industry and Security",
]


def _name(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 4))) + " " + rng.choice(FORMS)


def write_csl(path: Path, rows: int, seed: int = 1) -> None:
    """A consolidated.csv with the real 29 columns, `unix` dialect (every field quoted, LF)."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(",".join(COLUMNS) + "\n")
        writer = csv.writer(fh, quoting=csv.QUOTE_ALL, lineterminator="\n")
        for n in range(rows):
            source = SOURCES[n % len(SOURCES)]
            record = dict.fromkeys(COLUMNS, "")
            city = rng.choice(WORDS)
            record.update(
                _id=str(n),
                source=source,
                entity_number=str(n),
                type=rng.choice(["Entity", "Individual", ""]),
                programs="CMIC-EO13959; UFLPA" if n % 3 else "",
                name=_name(rng),
                addresses=f"No. {n % 997} {city} Road, {city}, Xinjiang, 83{n % 10000:04d}, CN",
                start_date=f"20{n % 24:02d}-0{1 + n % 9}-1{n % 9}",
                alt_names="; ".join(_name(rng) for _ in range(n % 4)),
                source_information_url="https://www.trade.gov/consolidated-screening-list",
                ids=f"Unified Social Credit Code (USCC), 9165{n:014d}, CN",
            )
            writer.writerow(record.values())


def write_ftm(path: Path, rows: int, seed: int = 2) -> None:
    """entities.ftm.json: `rows` Company/Person entities and one Sanction for every tenth."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as fh:
        for n in range(rows):
            schema = "Person" if n % 5 == 0 else "Company"
            name = _name(rng)
            props = {
                "name": [name],
                "alias": [_name(rng) for _ in range(n % 3)],
                "country": ["cn"],
                "address": [f"No. {n % 997} {rng.choice(WORDS)} Road, Xinjiang"],
                "topics": ["sanction"],
            }
            entity = {"id": f"NK-{n:09d}", "caption": name, "schema": schema, "properties": props,
                      "datasets": ["us_dhs_uflpa"], "first_seen": "2022-06-21T00:00:00"}
            fh.write(json.dumps(entity, ensure_ascii=False) + "\n")
            if n % 10 == 0:
                links = {"entity": [f"NK-{n:09d}"], "program": ["UFLPA Entity List"]}
                links["listingDate"] = ["2022-06-21"]
                sanction = {"id": f"NK-s{n:09d}", "schema": "Sanction", "properties": links}
                fh.write(json.dumps(sanction) + "\n")


def child(list_type: str, path: str, url: str) -> None:
    """Run one import in this process and print its time and peak RSS as JSON."""
    from workbench.data.store import open_store
    from workbench.lists import import_list

    store = open_store(url, load_builtin=False)
    start, cpu = time.perf_counter(), time.process_time()
    with store.session() as session:
        result = import_list(session, path, list_type)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    store.dispose()
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    figures = {
        "seconds": round(seconds, 1),
        "cpu_seconds": round(cpu, 1),
        "peak_rss_mib": round(peak_kib / 1024),
        "load_average": os.getloadavg()[0],
    }
    print(json.dumps({**result.as_json(), **figures}))


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    for line in Path("/proc/cpuinfo").read_text().splitlines() if Path("/proc/cpuinfo").exists() else []:
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    return f"{cpu}, {os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.system()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--formats", nargs="+", default=["csl-csv", "ftm"], choices=["csl-csv", "ftm"])
    parser.add_argument("--child", nargs=3, metavar=("TYPE", "FILE", "URL"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return 0
    OUT.mkdir(exist_ok=True)
    print(_machine())
    for list_type in args.formats:
        path = OUT / (f"csl-{args.rows}.csv" if list_type == "csl-csv" else f"ftm-{args.rows}.json")
        if not path.exists():
            start = time.perf_counter()
            (write_csl if list_type == "csl-csv" else write_ftm)(path, args.rows)
            size = path.stat().st_size / 2**20
            print(f"generated {path.name} ({size:.0f} MiB) in {time.perf_counter() - start:.0f} s")
        db = OUT / f"bench-{list_type}.sqlite3"
        for leftover in OUT.glob(f"{db.name}*"):
            leftover.unlink()
        for run in ("first import", "re-import (diff vs previous)"):
            cmd = [sys.executable, __file__, "--child", list_type, str(path), f"sqlite:///{db}"]
            done = subprocess.run(cmd, check=True, capture_output=True, text=True)
            print(f"{list_type} {run}: {done.stdout.strip().splitlines()[-1]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
