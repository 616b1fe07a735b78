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
from workbench.screening.scoring import MIXED_SCRIPTS, TOKEN_WEIGHT, PairScore, score_pair
from workbench.screening.types import (
    MATCHABLE_TYPES,
    FeatureScore,
    ListedEntity,
    MatchDetails,
    ScreeningMatch,
    SupplierQuery,
    TokenEvidence,
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
        matches.sort(key=lambda m: (-m.score, m.entity.name, m.entity.key))
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
        details = match_details(pair, role, res)
        return ScreeningMatch(
            entity=entity,
            score=pair.score,
            matched_name=listed,
            query_name=qname,
            features=pair.features,
            evidence=tuple(evidence_sentences(entity, pair.score, pair.features, details, listed, qname)),
            details=details,
        )


def match_details(pair: PairScore, role: str, res: Resolved) -> MatchDetails:
    """The comparison behind a pair score, as data."""
    al = pair.alignment
    l_tokens = tuple(pair.listed_text.split())
    fold = res.form.scripts
    return MatchDetails(
        query_role=role,
        query_tokens=res.tokens,
        listed_tokens=l_tokens,
        query_legal=res.form.legal,
        listed_legal=pair.listed_legal,
        pairs=tuple(TokenEvidence(p.query, p.listed, p.how, round(p.sim, 3)) for p in al.pairs),
        missing=tuple(l_tokens[j] for j in al.missing),
        extra=tuple(res.tokens[i] for i in al.extra),
        repairs=res.repairs,
        mixed_words=fold.mixed_words if fold else (),
        mixed_scripts=fold.mixed_scripts if fold else (),
        transliterated=fold.transliterated if fold else (),
        chinese=res.form.transliterated,
        traditional=bool(fold and fold.traditional),
    )


def _legal_text(legal: tuple[str, ...]) -> str:
    return f" [legal form: {', '.join(legal)}]" if legal else ""


def _script_note(d: MatchDetails) -> str:
    notes = []
    if d.chinese:
        notes.append("Chinese characters read as pinyin and known words")
    if d.traditional:
        notes.append("traditional characters read as simplified")
    if d.transliterated:
        notes.append(f"{', '.join(d.transliterated)} letters transliterated")
    return f" ({'; '.join(notes)})" if notes else ""


def evidence_sentences(
    entity: ListedEntity,
    score: float,
    features: tuple[FeatureScore, ...],
    d: MatchDetails,
    listed: str,
    qname: str,
) -> list[str]:
    """The evidence of a match in sentences, rendered from its details and features."""
    source = "built-in measures" if entity.source == "builtin" else f"list '{entity.source}'"
    lines = [
        f"Query {d.query_role} '{qname}' matched '{listed}', a name of {entity.name} "
        f"({entity.type}, {source}); score {score:g} of 100.",
        f"Normalised query: '{' '.join(d.query_tokens)}'{_legal_text(d.query_legal)}{_script_note(d)}"
        f"; normalised listed name: '{' '.join(d.listed_tokens)}'{_legal_text(d.listed_legal)}.",
    ]
    if d.mixed_words:
        lines.append(
            f"Warning: the query mixes scripts in {', '.join(repr(w) for w in d.mixed_words)} (Latin with "
            f"{', '.join(d.mixed_scripts)} look-alike letters); they were read as the Latin letters "
            "they imitate."
        )
    lines.extend(f"Query repair: {r}." for r in d.repairs)
    agree = [
        f"{p.query} = {p.listed}" + ("" if p.how == "exact" else f" ({p.how}, {p.sim:.2f})") for p in d.pairs
    ]
    lines.append(f"Agreeing tokens: {'; '.join(agree) if agree else 'none'}.")
    if d.missing:
        lines.append(f"Listed words absent from the query: {', '.join(d.missing)}.")
    if d.extra:
        lines.append(f"Query words absent from the listed name: {', '.join(d.extra)}.")
    for f in features:
        if f.weight:
            lines.append(f"Feature {f.name}: {f.score:g} x {f.weight:g}. {f.detail}")
        elif f.name != MIXED_SCRIPTS:
            lines.append(f"Penalty {f.name}: x{f.score:g}. {f.detail}")
    for m in entity.measures:
        when = m.date or "date not recorded"
        src = m.sources[0] if m.sources else "no source recorded"
        basis = f"; legal basis {m.legal_basis}" if m.legal_basis else ""
        lines.append(f"Listed under {m.title} ({m.authority}, {when}{basis}); source: {src}.")
    return lines
