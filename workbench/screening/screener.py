"""The screener: index the listed entities once, then screen suppliers one by one or in a stream."""

from __future__ import annotations

import itertools
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from multiprocessing.pool import AsyncResult

from workbench.progress import TaskState
from workbench.screening.index import Resolved, build_index
from workbench.screening.normalize import normalize, split_acronyms
from workbench.screening.scoring import TOKEN_WEIGHT, PairScore, score_pair
from workbench.screening.types import (
    MATCHABLE_TYPES,
    ListedEntity,
    ScreeningMatch,
    SupplierQuery,
)

DEFAULT_THRESHOLD = 70.0
"""Default minimum score for a match; calibrated on tests/data/screening/labelled.csv (docs/SCREENING.md)."""

PROGRESS_EVERY = 200
CHUNK = 250
_POOL_SCREENER: Screener | None = None  # set before forking workers; read by `_screen_chunk`


def _screen_chunk(
    chunk: list[SupplierQuery], threshold: float | None
) -> list[tuple[SupplierQuery, list[ScreeningMatch]]]:
    screener = _POOL_SCREENER
    assert screener is not None
    return [(q, screener.screen(q, threshold)) for q in chunk]


def entity_names(entity: ListedEntity) -> list[str]:
    """Every name to index for an entity: its names plus acronyms given in parentheses."""
    out: list[str] = []
    for name in (entity.name, *entity.names):
        base, acronyms = split_acronyms(name)
        for n in (base, *acronyms):
            if n.strip() and n not in out:
                out.append(n)
    return out


class Screener:
    """Screens supplier queries against a fixed set of listed entities."""

    def __init__(self, entities: Iterable[ListedEntity]) -> None:
        self.entities: Sequence[ListedEntity] = self.matchable(entities)
        self.index = build_index(entity_names(e) for e in self.entities)

    @staticmethod
    def matchable(entities: Iterable[ListedEntity]) -> list[ListedEntity]:
        """The entities a screener indexes, in order: those of a name-matchable type."""
        return [e for e in entities if e.type.casefold() in MATCHABLE_TYPES]

    def screen(self, query: SupplierQuery, threshold: float | None = None) -> list[ScreeningMatch]:
        """Every listed entity scoring at least `threshold` (default `DEFAULT_THRESHOLD`), best first."""
        limit = DEFAULT_THRESHOLD if threshold is None else float(threshold)
        best: dict[int, tuple[PairScore, int, str, str, Resolved]] = {}
        for qname, role in query.names():
            res = self.index.resolve(normalize(qname))
            rows, _approx = self.index.candidates(res, min_score=max(0.0, (limit - 25.0) / TOKEN_WEIGHT))
            for row in rows.tolist():
                owner = int(self.index.owners[row])
                entity = self.entities[owner]
                pair = score_pair(self.index, res, row, entity, query)
                if pair.score < limit:
                    continue
                held = best.get(owner)
                if held is None or pair.score > held[0].score:
                    best[owner] = (pair, row, qname, role, res)
        matches = [
            self._match(self.entities[owner], pair, row, qname, role, res)
            for owner, (pair, row, qname, role, res) in best.items()
        ]
        matches.sort(key=lambda m: (-m.score, m.entity.name))
        return matches

    def screen_many(
        self,
        queries: Iterable[SupplierQuery],
        threshold: float | None = None,
        state: TaskState | None = None,
        workers: int = 1,
    ) -> Iterator[tuple[SupplierQuery, list[ScreeningMatch]]]:
        """Screen a stream of queries, yielding each with its matches in input order.

        `workers` > 1 (or 0 for one per CPU) screens in forked worker processes where the platform
        forks (Linux); elsewhere, and from GUI threads, keep the default of 1.
        """
        total = len(queries) if hasattr(queries, "__len__") else 0  # type: ignore[arg-type]
        if workers != 1 and "fork" in multiprocessing.get_all_start_methods():
            yield from self._screen_parallel(iter(queries), threshold, state, workers, total)
            return
        for done, query in enumerate(queries, start=1):
            if state is not None and done % PROGRESS_EVERY == 1:
                state.raise_if_cancelled()
            yield query, self.screen(query, threshold)
            if state is not None and (done % PROGRESS_EVERY == 0 or done == total):
                state.set_progress(done, total, f"Screened {done} suppliers")
        if state is not None:
            state.raise_if_cancelled()

    def _screen_parallel(
        self,
        queries: Iterator[SupplierQuery],
        threshold: float | None,
        state: TaskState | None,
        workers: int,
        total: int,
    ) -> Iterator[tuple[SupplierQuery, list[ScreeningMatch]]]:
        global _POOL_SCREENER
        _POOL_SCREENER = self
        n = workers if workers > 0 else (os.cpu_count() or 1)
        pending: deque[AsyncResult[list[tuple[SupplierQuery, list[ScreeningMatch]]]]] = deque()
        done = 0
        with multiprocessing.get_context("fork").Pool(n) as pool:
            while True:
                while len(pending) < 4 * n:  # a bounded window keeps memory flat on huge inputs
                    chunk = list(itertools.islice(queries, CHUNK))
                    if not chunk:
                        break
                    pending.append(pool.apply_async(_screen_chunk, (chunk, threshold)))
                if not pending:
                    break
                if state is not None:
                    state.raise_if_cancelled()
                for item in pending.popleft().get():
                    done += 1
                    yield item
                if state is not None:
                    state.set_progress(done, total, f"Screened {done} suppliers")

    def _match(
        self, entity: ListedEntity, pair: PairScore, row: int, qname: str, role: str, res: Resolved
    ) -> ScreeningMatch:
        listed = self.index.names[row]
        return ScreeningMatch(
            entity=entity,
            score=pair.score,
            matched_name=listed,
            query_name=qname,
            features=pair.features,
            evidence=tuple(_evidence(entity, pair, listed, qname, role, res)),
        )


def _legal_text(legal: tuple[str, ...]) -> str:
    return f" [legal form: {', '.join(legal)}]" if legal else ""


def _evidence(
    entity: ListedEntity, pair: PairScore, listed: str, qname: str, role: str, res: Resolved
) -> list[str]:
    al = pair.alignment
    source = "built-in measures" if entity.source == "builtin" else f"list '{entity.source}'"
    lines = [
        f"Query {role} '{qname}' matched '{listed}', a name of {entity.name} ({entity.type}, {source}); "
        f"score {pair.score:g} of 100.",
        f"Normalised query: '{' '.join(res.tokens)}'{_legal_text(res.form.legal)}"
        + (" (Chinese characters read as pinyin and known words)" if res.form.transliterated else "")
        + f"; normalised listed name: '{pair.listed_text}'{_legal_text(pair.listed_legal)}.",
    ]
    lines.extend(f"Query repair: {r}." for r in res.repairs)
    agree = [
        f"{p.query} = {p.listed}" + ("" if p.how == "exact" else f" ({p.how}, {p.sim:.2f})") for p in al.pairs
    ]
    lines.append(f"Agreeing tokens: {'; '.join(agree) if agree else 'none'}.")
    l_tokens = pair.listed_text.split()
    if al.missing:
        lines.append(f"Listed words absent from the query: {', '.join(l_tokens[j] for j in al.missing)}.")
    if al.extra:
        extra = ", ".join(res.tokens[i] for i in al.extra)
        lines.append(f"Query words absent from the listed name: {extra}.")
    for f in pair.features:
        if f.weight:
            lines.append(f"Feature {f.name}: {f.score:g} x {f.weight:g}. {f.detail}")
        else:
            lines.append(f"Penalty {f.name}: x{f.score:g}. {f.detail}")
    for m in entity.measures:
        when = m.date or "date not recorded"
        src = m.sources[0] if m.sources else "no source recorded"
        basis = f"; legal basis {m.legal_basis}" if m.legal_basis else ""
        lines.append(f"Listed under {m.title} ({m.authority}, {when}{basis}); source: {src}.")
    return lines
