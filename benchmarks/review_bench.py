"""Review queue speed: listing hits with their decision history, and recording one decision.

Run: .venv/bin/python benchmarks/review_bench.py [--hits 10000]
Builds a SQLite store in benchmarks/out/ with one supplier per hit and one to three decisions on
two hits in three (plain table inserts: a scale fixture, not audited), then times what the CLI and
the app do: `workbench hits --format json` (list_hits + hit_json), the app's list for "All hits"
and "Needs review" (load_hits), and one decide + undo with the version check. Prints wall and CPU
seconds and the 1-minute load average.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import select

import workbench.cases  # noqa: F401  (audit hooks, as in the app)
from workbench.cases.decisions import decide, set_reviewer_name, undo_last
from workbench.cases.hits import hit_json, list_hits
from workbench.data.models import Match, MatchDecision, Supplier
from workbench.data.store import open_store

OUT = Path(__file__).resolve().parent / "out"
MEASURE = {
    "measure_id": "wro-x",
    "kind": "wro",
    "title": "WRO on apparel",
    "authority": "CBP",
    "date": "2020-01-01",
}


def build(url: str, hits: int) -> None:
    store = open_store(url, load_builtin=False)
    now = datetime.now(UTC)
    with store.engine.begin() as conn:
        conn.execute(
            Supplier.__table__.insert(),  # the other columns take their defaults
            [{"id": i + 1, "legal_name": f"Supplier {i:06d} Textile Trading Co., Ltd."} for i in range(hits)],
        )
        conn.execute(
            Match.__table__.insert(),
            [
                {
                    "id": i + 1,
                    "supplier_id": i + 1,
                    "entity_key": f"builtin:e{i}",
                    "entity_name": f"Entity {i} Co.",
                    "matched_name": f"Entity {i} Co.",
                    "score": 80 + i % 21,
                    "evidence": [],
                    "measures": [MEASURE],
                    "status": "open",
                    "present": True,
                    "changed": True,
                    "change_note": "new hit",
                    "version": 1,
                }
                for i in range(hits)
            ],
        )
        decisions, statuses = [], ("confirmed", "dismissed", "escalated")
        for i in range(hits):
            previous = "open"
            for step in range(i % 3):
                status = statuses[(i + step) % 3]
                decisions.append(
                    {
                        "match_id": i + 1,
                        "status": status,
                        "rationale": "Compared name, address and business.",
                        "reviewer": "Bench Reviewer",
                        "decided_at": now + timedelta(seconds=step),
                        "action": "decide" if step == 0 else "revise",
                        "previous_status": previous,
                        "previous_changed": False,
                        "version": step + 2,
                    }
                )
                previous = status
        if decisions:
            conn.execute(MatchDecision.__table__.insert(), decisions)
    with store.transaction() as s:
        set_reviewer_name(s, "Bench Reviewer")
        for m in s.scalars(select(Match)):
            if m.decisions:
                last = m.decisions[-1]
                m.status, m.changed, m.version = last.status, False, last.version
    store.dispose()


def timed(label: str, fn) -> object:
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    print(f"{label:<48} {time.perf_counter() - wall:7.3f} s wall {time.process_time() - cpu:7.3f} s CPU")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hits", type=int, default=10_000)
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    path = OUT / f"review-{args.hits}.sqlite3"
    for p in OUT.glob(f"{path.name}*"):
        p.unlink()
    url = f"sqlite:///{path}"
    timed(f"build store with {args.hits:,} hits", lambda: build(url, args.hits))
    store = open_store(url, load_builtin=False)
    from workbench.ui.models.hits import load_hits

    with store.session() as s:
        rows = timed(
            "workbench hits --format json (list + JSON)", lambda: [hit_json(m) for m in list_hits(s)]
        )
        print(f"  {len(rows):,} hits, {sum(len(r['history']) for r in rows):,} history steps")
    with store.session() as s:
        timed("app list: All hits (load_hits)", lambda: load_hits(s, "all"))
    with store.session() as s:
        shown = timed("app list: Needs review (load_hits)", lambda: load_hits(s))
        print(f"  {len(shown):,} hits need review")

    def decide_and_undo() -> None:
        with store.transaction() as s:
            decide(
                s, 1, "dismissed", "Different company: other province, other business.", expected_version=1
            )
        with store.transaction() as s:
            undo_last(s, 1, expected_version=2)

    timed("one decide + one undo (two transactions)", decide_and_undo)
    store.dispose()
    print(f"load average (1 min): {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
