"""Run nomenklatura's logic-v2 matcher (as used by yente) over the labelled screening set.

nomenklatura needs SQLAlchemy >= 2.1 while Workbench pins < 2.1, so this script runs in a separate
virtualenv (see benchmarks/README.md); screening_quality.py calls it and reads its JSON output:

    python screening_nomenklatura.py ENTITIES.json LABELLED.csv > scores.json

Output: {"scores": [[[entity key, score], ...] for each labelled row, only scores >= 0.3]}.
"""

from __future__ import annotations

import csv
import json
import sys

from followthemoney import model
from nomenklatura.matching import LogicV2, ScoringConfig

SCHEMA = {"person": "Person", "government": "PublicBody", "company": "Company"}


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as fh:
        entities = json.load(fh)["entities"]
    with open(sys.argv[2], encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    config = ScoringConfig.defaults()
    listed = []
    for e in entities:
        if e["type"] not in SCHEMA:
            continue
        proxy = model.make_entity(SCHEMA[e["type"]])
        proxy.id = e["key"].replace(":", "-")
        for name in e["names"]:
            proxy.add("name", name)
        if e["country"]:
            proxy.add("country", e["country"].lower())
        listed.append((e["key"], proxy))
    out = []
    for i, row in enumerate(rows):
        query = model.make_entity("LegalEntity")
        query.id = f"query-{i}"
        for name in [row["query"], row["local_name"], *row["aliases"].split(";")]:
            if name.strip():
                query.add("name", name)
        if row["country"]:
            query.add("country", row["country"])
        scores = []
        for key, proxy in listed:
            score = LogicV2.compare(query, proxy, config).score
            if score >= 0.3:
                scores.append([key, round(score, 4)])
        out.append(scores)
    json.dump({"scores": out}, sys.stdout)


if __name__ == "__main__":
    main()
