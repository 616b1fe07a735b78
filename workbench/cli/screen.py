"""`workbench screen FILE.csv`: screen a CSV of suppliers against every list in the store.

Input: a header with `name` (required) and optionally `country`, `local_name`, `address`,
`aliases` (separated by semicolons). Output streams, so files of millions of rows use bounded
memory; the file is read once to check every row before any output, so a bad row prints nothing
to stdout. `--format json` prints {"results": [{"row", "input_name", "matches": [...]}]}.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterable, Iterator
from typing import TextIO

from workbench.csvio import read_rows
from workbench.data.store import open_store
from workbench.screening import DEFAULT_THRESHOLD, ScreeningMatch, SupplierQuery, build_screener

CSV_COLUMNS = [
    "row",
    "input_name",
    "entity_id",
    "entity_name",
    "authority",
    "measure",
    "score",
    "matched_name",
    "evidence",
]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "screen", help="screen a CSV of suppliers against the built-in measures and imported lists"
    )
    parser.add_argument(
        "file",
        help="CSV with a header; 'name' required; optional country, local_name, "
        "address, aliases (semicolon-separated)",
    )
    parser.add_argument(
        "--format", choices=["json", "csv", "table"], default="table", help="output format (default table)"
    )
    parser.add_argument(
        "--threshold",
        type=_threshold,
        default=None,
        help=f"minimum score 0-100 (default {DEFAULT_THRESHOLD:g})",
    )
    parser.set_defaults(func=run)


def _threshold(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0 <= number <= 100:
        raise argparse.ArgumentTypeError(f"must be between 0 and 100, got {value}")
    return number


def _queries(path: str, rows: Iterable[tuple[int, dict[str, str]]], err: TextIO) -> Iterator[SupplierQuery]:
    row_no = 0
    for line, row in rows:
        row_no += 1
        name = (row.get("name") or "").strip()
        if not name:
            err.write(f"workbench: warning: {path}, line {line}: blank name, row {row_no} skipped\n")
            continue
        aliases = tuple(a.strip() for a in (row.get("aliases") or "").split(";") if a.strip())
        yield SupplierQuery(
            name=name,
            local_name=(row.get("local_name") or "").strip(),
            country=(row.get("country") or "").strip(),
            address=(row.get("address") or "").strip(),
            aliases=aliases,
            ref=str(row_no),
        )


def match_json(m: ScreeningMatch) -> dict[str, object]:
    """One match in the documented JSON shape, exactly (scripts rely on it)."""
    first = m.entity.measures[0] if m.entity.measures else None
    return {
        "entity_id": m.entity.entity_id,
        "entity_name": m.entity.name,
        "authority": first.authority if first else "",
        "measure": first.title if first else "",
        "score": m.score,
        "matched_name": m.matched_name,
        "evidence": list(m.evidence),
    }


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    # Read the whole file once before anything is written: a bad row fails with nothing on stdout
    # (rather than half a document); the output then streams from a second read.
    for _row in read_rows(args.file, required=("name",)):
        pass
    rows = read_rows(args.file, required=("name",))
    store = open_store()
    try:
        with store.session() as session:
            screener = build_screener(session)
    finally:
        store.dispose()
    results = screener.screen_many(_queries(args.file, rows, err), threshold=args.threshold)
    writer = {"json": _write_json, "csv": _write_csv, "table": _write_table}[args.format]
    writer(results, out)
    return 0


def _write_json(results: Iterator[tuple[SupplierQuery, list[ScreeningMatch]]], out: TextIO) -> None:
    out.write('{"results": [')
    for i, (query, matches) in enumerate(results):
        item = {"row": int(query.ref), "input_name": query.name, "matches": [match_json(m) for m in matches]}
        out.write(("," if i else "") + "\n  " + json.dumps(item, ensure_ascii=False))
    out.write("\n]}\n")


def _write_csv(results: Iterator[tuple[SupplierQuery, list[ScreeningMatch]]], out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for query, matches in results:
        if not matches:
            writer.writerow([query.ref, query.name, "", "", "", "", "", "", ""])
        for m in matches:
            d = match_json(m)
            writer.writerow(
                [
                    query.ref,
                    query.name,
                    d["entity_id"],
                    d["entity_name"],
                    d["authority"],
                    d["measure"],
                    d["score"],
                    d["matched_name"],
                    " | ".join(m.evidence),
                ]
            )


def _write_table(results: Iterator[tuple[SupplierQuery, list[ScreeningMatch]]], out: TextIO) -> None:
    out.write(f"{'row':>6}  {'score':>5}  {'input name':<40}  {'listed entity':<50}  authority\n")
    hits = rows = 0
    for query, matches in results:
        rows += 1
        for m in matches:
            hits += 1
            auth = m.entity.measures[0].authority if m.entity.measures else m.entity.source
            out.write(
                f"{query.ref:>6}  {m.score:>5.1f}  {_cut(query.name, 40):<40}  "
                f"{_cut(m.entity.name, 50):<50}  {auth}\n"
            )
    out.write(f"\n{rows} supplier(s) screened, {hits} match(es).\n")


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
