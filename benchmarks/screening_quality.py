"""Screening quality on the labelled set, side by side with open-source anchors.

    .venv/bin/python benchmarks/screening_quality.py [--nomenklatura-python PATH]
    .venv/bin/python benchmarks/screening_quality.py --ofac DIR [--half dev|test|both]

With --ofac, the held-out set of official OFAC aliases (benchmarks/heldout_ofac.py, alias removed
from the indexed list, split by entity) is run instead, for Workbench at its default threshold and
rapidfuzz token_set_ratio and WRatio at 85.

Approaches, each run on tests/data/screening/labelled.csv against tests/data/screening/entities.json:
- workbench: `Screener` at `DEFAULT_THRESHOLD`;
- rapidfuzz WRatio and token_set_ratio over every listed name (best name per entity), each at the
  threshold that gives it the best F1 on this set (generous to the anchor);
- nomenklatura logic-v2 (yente's matcher) at 0.7 (yente's default) and at its best-F1 threshold;
  run through benchmarks/screening_nomenklatura.py in the separate virtualenv given by
  --nomenklatura-python (skipped, with the reason printed, if that interpreter is missing).

Prints recall per positive variant kind, false-positive rate per near-miss kind, and overall
pair-level precision (share of returned matches that are the expected entity or an accepted
alternative), recall and F1.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process, utils

from workbench.screening import DEFAULT_THRESHOLD, ListedEntity, Screener, SupplierQuery

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "screening"
sys.path.insert(0, str(ROOT))
from tests.screening.fixtures import fixture_entities  # noqa: E402

Predictions = list[dict[str, float]]  # per row: entity key -> score


def load_rows() -> list[dict[str, str]]:
    with (DATA / "labelled.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def query_names(row: dict[str, str]) -> list[str]:
    return [n for n in [row["query"], row["local_name"], *row["aliases"].split(";")] if n.strip()]


def workbench_predictions(rows: list[dict[str, str]]) -> Predictions:
    screener = Screener(fixture_entities())
    out = []
    for row in rows:
        q = SupplierQuery(
            name=row["query"],
            local_name=row["local_name"],
            country=row["country"],
            aliases=tuple(a for a in row["aliases"].split(";") if a),
        )
        out.append({m.entity.key: m.score for m in screener.screen(q, threshold=0)})
    return out


def rapidfuzz_predictions(rows: list[dict[str, str]], scorer) -> Predictions:
    entities = [e for e in fixture_entities() if e.type in ("company", "government", "person")]
    names = [n for e in entities for n in e.names]
    owner = np.asarray([i for i, e in enumerate(entities) for _ in e.names])
    out = []
    for row in rows:
        matrix = process.cdist(
            query_names(row), names, scorer=scorer, processor=utils.default_process, workers=-1
        )
        best = matrix.max(axis=0)
        per_entity: dict[str, float] = {}
        for pos in np.nonzero(best >= 50)[0]:
            key = entities[owner[pos]].key
            per_entity[key] = max(per_entity.get(key, 0.0), float(best[pos]))
        out.append(per_entity)
    return out


def nomenklatura_predictions(python: str) -> tuple[Predictions | None, str]:
    if not Path(python).exists():
        return None, f"interpreter {python} not found"
    script = Path(__file__).with_name("screening_nomenklatura.py")
    done = subprocess.run(
        [python, str(script), str(DATA / "entities.json"), str(DATA / "labelled.csv")],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        return None, done.stderr.strip().splitlines()[-1] if done.stderr else f"exit {done.returncode}"
    return [{k: s * 100 for k, s in row} for row in json.loads(done.stdout)["scores"]], ""


def evaluate(rows: list[dict[str, str]], preds: Predictions, threshold: float) -> dict[str, object]:
    per_kind: dict[str, list[bool]] = defaultdict(list)
    returned = correct = positives = found = 0
    for row, pred in zip(rows, preds, strict=True):
        hits = {k for k, s in pred.items() if s >= threshold}
        ok = {row["expected"], *filter(None, row["also"].split(";"))} - {""}
        returned += len(hits)
        correct += len(hits & ok)
        if row["expected"]:
            positives += 1
            found += row["expected"] in hits
            per_kind[row["kind"]].append(row["expected"] in hits)
        else:
            per_kind[row["kind"]].append(bool(hits))  # a false positive
    precision = correct / returned if returned else 1.0
    recall = found / positives
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "threshold": threshold,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "kinds": {k: sum(v) / len(v) for k, v in per_kind.items()},
        "counts": {k: len(v) for k, v in per_kind.items()},
    }


def best_threshold(rows: list[dict[str, str]], preds: Predictions, grid: list[float]) -> dict[str, object]:
    return max((evaluate(rows, preds, t) for t in grid), key=lambda r: r["f1"])  # type: ignore[arg-type,return-value]


def heldout_report(folder: Path, half: str) -> None:
    """Recall per kind and false-positive rates on one half of the OFAC held-out set (heldout_ofac.py)."""
    from benchmarks.heldout_ofac import build

    entities, cases = build(folder, half)
    listed = [
        ListedEntity(key=e.key, entity_id=e.key, name=e.name, names=e.names, type=e.type, source="ofac")
        for e in entities
    ]
    screener = Screener(listed)
    names = [n for e in entities for n in e.names]
    owner = np.asarray([i for i, e in enumerate(entities) for _ in e.names])
    approaches: dict[str, list[dict[str, float]]] = {"workbench": []}
    for c in cases:
        found = screener.screen(SupplierQuery(c.query))
        approaches["workbench"].append({m.entity.key: m.score for m in found})
    for label, scorer in (("token_set>=85", fuzz.token_set_ratio), ("WRatio>=85", fuzz.WRatio)):
        preds = []
        matrix = process.cdist(
            [c.query for c in cases], names, scorer=scorer, processor=utils.default_process,
            score_cutoff=85, workers=-1, dtype=np.uint8,
        )
        for row in matrix:
            preds.append({entities[owner[pos]].key: float(row[pos]) for pos in np.nonzero(row >= 85)[0]})
        approaches[label] = preds
    per_kind: dict[str, dict[str, list[bool]]] = {a: defaultdict(list) for a in approaches}
    first: dict[str, list[bool]] = defaultdict(list)
    for a, preds in approaches.items():
        for c, pred in zip(cases, preds, strict=True):
            if c.expected:
                per_kind[a][c.kind].append(c.expected in pred)
                if a == "workbench" and pred:
                    first[c.kind].append(max(pred, key=lambda k: (pred[k], k)) == c.expected)
            elif c.kind == "near_miss":
                per_kind[a]["near_miss FP"].append(c.avoid in pred)
            else:
                per_kind[a]["unlisted FP"].append(bool(pred))
    labels = list(approaches)
    kinds = sorted(per_kind["workbench"], key=lambda k: (k.endswith("FP"), k))
    print(f"OFAC held-out set, {half} half: {len(entities)} listed entities, {len(cases)} cases")
    print(f"{'kind (n)':28s}" + "".join(f"{lab:>16s}" for lab in labels) + f"{'wb right first':>16s}")
    for kind in kinds:
        n = len(per_kind["workbench"][kind])
        cells = "".join(f"{sum(per_kind[a][kind]) / n:>16.2f}" for a in labels)
        right = f"{sum(first[kind]) / len(first[kind]):>16.2f}" if first.get(kind) else f"{'':>16s}"
        print(f"{kind + f' ({n})':28s}{cells}{right}")
    for a in labels:
        pos = [h for k, v in per_kind[a].items() if not k.endswith("FP") for h in v]
        print(f"{'all positives recall':28s}" if a == labels[0] else "", end="")
        print(f"{sum(pos) / len(pos):>16.3f}", end="")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nomenklatura-python", default="/work/bench-venv/bin/python")
    parser.add_argument("--ofac", type=Path, help="folder with OFAC sdn.csv and alt.csv (held-out set)")
    parser.add_argument("--half", choices=("dev", "test", "both"), default="both")
    args = parser.parse_args()
    if args.ofac:
        for half in ("dev", "test") if args.half == "both" else (args.half,):
            heldout_report(args.ofac, half)
        return
    rows = load_rows()
    grid = [float(t) for t in range(50, 100, 2)]
    results: dict[str, dict[str, object]] = {
        f"workbench @{DEFAULT_THRESHOLD:g}": evaluate(rows, workbench_predictions(rows), DEFAULT_THRESHOLD),
    }
    for label, scorer in (("WRatio", fuzz.WRatio), ("token_set_ratio", fuzz.token_set_ratio)):
        res = best_threshold(rows, rapidfuzz_predictions(rows, scorer), grid)
        results[f"{label} @{res['threshold']:g} (best F1)"] = res
    nk, why = nomenklatura_predictions(args.nomenklatura_python)
    if nk is None:
        print(f"nomenklatura logic-v2 not run: {why}")
    else:
        results["logic-v2 @70 (yente default)"] = evaluate(rows, nk, 70.0)
        res = best_threshold(rows, nk, grid)
        results[f"logic-v2 @{res['threshold']:g} (best F1)"] = res
    labels = list(results)
    kinds = list(next(iter(results.values()))["counts"])  # type: ignore[union-attr]
    counts = next(iter(results.values()))["counts"]
    print(f"{'variant kind (n)':32s}" + "".join(f"{lab[:22]:>24s}" for lab in labels))
    for kind in sorted(kinds, key=lambda k: (k.startswith(("near_miss", "unrelated")), k)):
        neg = kind.startswith(("near_miss", "unrelated"))
        name = f"{kind} ({counts[kind]}){' FP' if neg else ''}"  # type: ignore[index]
        print(f"{name:32s}" + "".join(f"{results[lab]['kinds'][kind]:>24.2f}" for lab in labels))  # type: ignore[index]
    for metric in ("precision", "recall", "f1"):
        print(f"{metric:32s}" + "".join(f"{results[lab][metric]:>24.3f}" for lab in labels))


if __name__ == "__main__":
    main()
