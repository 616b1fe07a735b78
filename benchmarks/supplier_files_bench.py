"""Supplier files at scale: import a 100,000-row CSV and XLSX, report duplicates, export CSV and XLSX.

Run: `.venv/bin/python benchmarks/supplier_files_bench.py [--rows N]`. Each import goes into its own
fresh SQLite store (in a temporary folder) through the mapped import the wizard uses, with
the headers guessed ("Supplier Name", "国家", "HS Code", ...); each file has one product per row and
every tenth supplier on two rows. Times are wall clock; peak memory is the process's max RSS.
Figures go to docs/PERFORMANCE.md under "Supplier files".
"""

from __future__ import annotations

import argparse
import csv
import platform
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import openpyxl

import workbench.cases  # noqa: F401  (installs the audit hooks)
from workbench.cases.supplier_files import (
    export_suppliers,
    find_duplicates,
    guess_mapping,
    import_table,
    open_table,
)
from workbench.data.store import Store, open_store

HEADER = ["Supplier Name", "Local name", "国家", "Address", "HS Code", "Product", "Origin", "Tier"]
CITIES = ("Shenzhen", "Hotan", "Ho Chi Minh City", "Dhaka", "Izmir", "Monterrey", "Chennai", "Jakarta")
COUNTRIES = ("CN", "CN", "VN", "BD", "TR", "MX", "IN", "ID")
GOODS = (("cotton T-shirts", "6109.10"), ("nitrile gloves", "4015.19"), ("solar modules", "8541.43"))


def rows(n: int) -> Iterator[list[Any]]:
    """n rows; supplier i//... so that every tenth supplier appears on two rows."""
    made = 0
    supplier = 0
    while made < n:
        city, country = CITIES[supplier % 8], COUNTRIES[supplier % 8]
        for k in range(2 if supplier % 10 == 0 else 1):
            if made == n:
                break
            product, hs = GOODS[(supplier + k) % 3]
            yield [
                f"{city} Supplier {supplier} Trading Co., Ltd.",
                f"供应商{supplier}有限公司" if country == "CN" else "",
                country,
                f"{supplier} Industrial Road, {city}",
                hs,
                f"{product} {k}",
                country,
                1 + supplier % 3,
            ]
            made += 1
        supplier += 1


def write_csv(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(HEADER)
        out.writerows(rows(n))


def write_xlsx(path: Path, n: int) -> None:
    book = openpyxl.Workbook(write_only=True)
    ws = book.create_sheet("Suppliers")
    ws.append(HEADER)
    for row in rows(n):
        ws.append(row)
    book.save(path)


def timed(label: str, fn: Callable[[], Any], results: list[tuple[str, float, str]]) -> Any:
    start = time.perf_counter()
    value = fn()
    elapsed = time.perf_counter() - start
    results.append((label, elapsed, str(value)))
    print(f"{label}: {elapsed:.1f} s ({value})", flush=True)
    return value


def run_import(store: Store, path: Path, results: list[tuple[str, float, str]]) -> None:
    table = open_table(path)
    mapping = guess_mapping(table.header)
    assert len(mapping) == len(HEADER), mapping
    with store.session() as session:
        timed(
            f"duplicate report, {path.suffix}",
            lambda: find_duplicates(session, table, mapping).summary,
            results,
        )
    with store.transaction() as session:
        timed(
            f"import {path.suffix}",
            lambda: (
                (s := import_table(session, table, mapping, actor="bench"))
                and f"{s.rows:,} rows, {s.created:,} suppliers, {s.products_added:,} products"
            ),
            results,
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    results: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        csv_path, xlsx_path = folder / "suppliers.csv", folder / "suppliers.xlsx"
        timed("write test CSV", lambda: write_csv(csv_path, args.rows), results)
        timed("write test XLSX", lambda: write_xlsx(xlsx_path, args.rows), results)
        for path in (csv_path, xlsx_path):
            store = open_store(f"sqlite:///{folder / (path.suffix[1:] + '.sqlite3')}", load_builtin=False)
            try:
                run_import(store, path, results)
                if path is xlsx_path:
                    for suffix in (".csv", ".xlsx"):
                        with store.session() as session:
                            timed(
                                f"export {suffix}",
                                lambda s=session, x=suffix: (
                                    f"{export_suppliers(s, folder / ('out' + x)):,} suppliers"
                                ),
                                results,
                            )
            finally:
                store.dispose()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:.0f} MB; Python {platform.python_version()}, {platform.machine()}, {sys.platform}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
