"""Dashboard figures over a large portfolio: first fill of the rating cache, then the ready time.

Builds a throw-away store with N suppliers (a product each, most of them screened; plain table
inserts, so building is fast), then times `portfolio_summary` (what the dashboard runs):
  cold    - the first run after an upgrade: every supplier is rated once and cached;
  ready   - every later start: the cache is current, the figures are set-based queries;
  changed - after 100 suppliers were edited through the session (their rows were cleared).

Usage: python benchmarks/dashboard_bench.py [--suppliers 10000]
Targets: ready < 2 s at 10,000 and < 10 s at 100,000 suppliers (exit 1 otherwise).
Figures go to docs/PERFORMANCE.md ("Dashboard").
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from datetime import UTC, datetime

TARGETS = {10_000: 2.0, 100_000: 10.0}
COUNTRIES = ("China", "Vietnam", "Bangladesh", "India", "Turkey", "Cambodia", "Pakistan", "Indonesia")
PRODUCTS = (
    ("Cotton T-shirts", "6109"),
    ("Nitrile gloves", "4015.19"),
    ("Polysilicon wafers", "3818"),
    ("Denim trousers", "6203.42"),
    ("Plush toys", "9503"),
    ("Tomato paste", "2002.90"),
)


def build(store, count: int) -> None:
    from workbench.data.models import Product, Supplier

    now = datetime.now(UTC)
    with store.engine.begin() as conn:
        conn.execute(
            Supplier.__table__.insert(),
            [
                {
                    "id": i + 1,
                    "legal_name": f"Supplier {i:06d} Manufacturing Co., Ltd.",
                    "local_name": "",
                    "aliases": [],
                    "country": COUNTRIES[i % len(COUNTRIES)],
                    "region": "Xinjiang" if i % 50 == 0 else "",
                    "address": "",
                    "website": "",
                    "registration_id": "",
                    "contact": "",
                    "tier": 1,
                    "notes": "",
                    "created_at": now,
                    "updated_at": now,
                    "last_screened_at": now if i % 10 else None,
                }
                for i in range(count)
            ],
        )
        conn.execute(
            Product.__table__.insert(),
            [
                {
                    "supplier_id": i + 1,
                    "description": PRODUCTS[i % len(PRODUCTS)][0],
                    "hs_code": PRODUCTS[i % len(PRODUCTS)][1],
                    "origin_country": "",
                    "origin_region": "",
                }
                for i in range(count)
            ],
        )


def timed(store) -> tuple[float, float]:
    from workbench.cases.portfolio import portfolio_summary

    t0, c0 = time.perf_counter(), time.process_time()
    with store.transaction() as session:
        summary = portfolio_summary(session)
    assert summary.suppliers > 0
    return time.perf_counter() - t0, time.process_time() - c0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--suppliers", type=int, default=10_000)
    args = parser.parse_args()
    os.environ["WORKBENCH_HOME"] = tempfile.mkdtemp(prefix="workbench-dashboard-bench-")
    os.environ.pop("WORKBENCH_DB_URL", None)
    import workbench.cases  # noqa: F401  (the session hooks)
    from workbench.cases.suppliers import update_supplier
    from workbench.data.store import open_store

    store = open_store()
    build(store, args.suppliers)
    print(f"{platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs")
    print(f"load average at start: {os.getloadavg()}")
    cold = timed(store)
    print(f"cold (rate and cache all {args.suppliers:,}): {cold[0]:.2f} s wall, {cold[1]:.2f} s CPU")
    ready = timed(store)
    print(f"ready (cache current):            {ready[0]:.3f} s wall, {ready[1]:.3f} s CPU")
    with store.transaction() as session:
        for sid in range(1, args.suppliers + 1, max(1, args.suppliers // 100)):
            update_supplier(session, sid, {"notes": "checked"})
    changed = timed(store)
    print(f"after 100 suppliers were edited:  {changed[0]:.3f} s wall, {changed[1]:.3f} s CPU")
    print(f"load average at end: {os.getloadavg()}")
    store.dispose()
    target = TARGETS.get(args.suppliers)
    return 0 if target is None or ready[0] < target else 1


if __name__ == "__main__":
    sys.exit(main())
