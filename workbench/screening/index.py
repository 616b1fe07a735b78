"""The candidate index: every listed name as canonical token ids, with postings and rarity weights.

Blocking: a query name reaches the listed names that share a token with it, after typo correction
against the vocabulary (prefix, suffix and consonant keys), a phonetic key of each token (Hossein =
Husein, Yosef = Joseph), joining and splitting of tokens. Candidates get an optimistic approximate
score computed with numpy over the postings; every candidate whose approximate score could still
reach the threshold goes to the full alignment (there is no cap that could drop the answer).
Ties are broken by row number, so results do not depend on hash order.

State (all plain lists, dicts and numpy arrays): names, owners, vocabulary, token pointers and ids,
legal-form codes and table; everything else is derived in `_setup`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from workbench.screening import lexicon as lx
from workbench.screening.align import BASE_WEIGHT, EXTRA_QUERY_FACTOR, SPELLINGS, phonetic_key, typo_budget
from workbench.screening.normalize import NameForm, normalize, token_class

COMMON_SHARE = 0.005  # tokens in more than 0.5% of names (min 1,000) are not used to block
NEAR_CACHE = 200_000
NEAR_LIMIT = 8
FUZZY_CLASSES = (lx.DISTINCTIVE, lx.SURNAME)
PHONETIC_SIM = 0.85


@dataclass
class Resolved:
    """A query name ready to block and score: tokens after typo and spacing repair."""

    form: NameForm
    tokens: tuple[str, ...]
    classes: tuple[str, ...]
    repairs: tuple[str, ...]


class NameIndex:
    """Listed names (one row per name) with token postings; rows point to entity positions."""

    def __init__(self, names: Sequence[str], owners: Sequence[int]) -> None:
        vocab: dict[str, int] = {}
        ptr = [0]
        ids: list[int] = []
        legal_codes: dict[tuple[str, ...], int] = {}
        legal: list[int] = []
        norm = getattr(normalize, "__wrapped__", normalize)  # no cache for a one-off bulk pass
        for name in names:
            form = norm(name)
            for t in form.tokens:
                ids.append(vocab.setdefault(t, len(vocab)))
            ptr.append(len(ids))
            legal.append(legal_codes.setdefault(form.legal, len(legal_codes)))
        self._setup(
            list(names),
            np.asarray(owners, dtype=np.int32),
            list(vocab),
            np.asarray(ptr, dtype=np.int64),
            np.asarray(ids, dtype=np.int32),
            np.asarray(legal, dtype=np.int16),
            list(legal_codes),
        )

    def _setup(
        self,
        names: list[str],
        owners: np.ndarray,
        vocab_list: list[str],
        ptr: np.ndarray,
        ids: np.ndarray,
        legal: np.ndarray,
        legal_table: list[tuple[str, ...]],
    ) -> None:
        self.names = names
        self.owners = owners
        self.vocab_list = vocab_list
        self.vocab = {t: i for i, t in enumerate(vocab_list)}
        self.tok_ptr = ptr
        self.tok_ids = ids
        self.legal = legal
        self.legal_table = legal_table
        n = len(names)
        v = len(vocab_list)
        self.df = np.bincount(ids, minlength=v).astype(np.int32) if v else np.zeros(0, np.int32)
        order = np.argsort(ids, kind="stable")
        rows = np.repeat(np.arange(n, dtype=np.int32), np.diff(ptr))
        self.post_ids = rows[order]
        self.post_ptr = np.concatenate([[0], np.cumsum(self.df)]).astype(np.int64)
        self.classes = [token_class(t) for t in vocab_list]
        max_idf = math.log(n + 1) or 1.0
        base = np.asarray([BASE_WEIGHT[c] for c in self.classes], dtype=np.float32)
        idf = np.log((n + 1) / (self.df + 1.0)).astype(np.float32) if v else np.zeros(0, np.float32)
        self.weights = base * (0.6 + 0.4 * np.clip(idf / max_idf, 0.0, 1.0))
        self.name_weight = (
            np.add.reduceat(self.weights[ids], ptr[:-1]) if len(ids) else np.zeros(n, np.float32)
        )
        self.name_weight[np.diff(ptr) == 0] = 0.0
        self.common_df = max(1000, int(COMMON_SHARE * n))
        self._blocks = self._block_table()
        self._phonetic: dict[str, list[int]] | None = None  # built on first use
        self._near: dict[str, list[tuple[int, float]]] = {}

    # --- per-token helpers ---------------------------------------------------------------------
    def weight(self, token: str, cls: str) -> float:
        """Weight of a token: class weight times rarity (unknown tokens count as rarest)."""
        vid = self.vocab.get(token)
        if vid is None:
            return BASE_WEIGHT[cls]
        return float(self.weights[vid])

    def row_tokens(self, row: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
        ids = self.tok_ids[self.tok_ptr[row] : self.tok_ptr[row + 1]]
        return tuple(self.vocab_list[i] for i in ids), tuple(self.classes[i] for i in ids)

    def row_legal(self, row: int) -> tuple[str, ...]:
        return self.legal_table[int(self.legal[row])]

    def _block_table(self) -> dict[tuple[str, int], list[str]]:
        """Typo blocks: (key, length) -> vocabulary tokens; see `_block_keys`."""
        blocks: dict[tuple[str, int], list[str]] = {}
        for t in self.vocab_list:
            if len(t) >= 5:
                for k in _block_keys(t):
                    blocks.setdefault((k, len(t)), []).append(t)
        return blocks

    def _phonetic_table(self) -> dict[str, list[int]]:
        if self._phonetic is None:
            table: dict[str, list[int]] = {}
            for vid, t in enumerate(self.vocab_list):
                if len(t) >= 4 and t.isalpha():
                    table.setdefault(phonetic_key(t), []).append(vid)
            self._phonetic = table
        return self._phonetic

    def near_tokens(self, token: str, phonetic: bool = True) -> list[tuple[int, float]]:
        """Other vocabulary tokens within the typo budget of `token` or sharing its phonetic key, with
        a similarity. Ordered by similarity, then token (stable)."""
        key = token if phonetic else "=" + token
        cached = self._near.get(key)
        if cached is not None:
            return cached
        budget = typo_budget(len(token))
        found: dict[int, float] = {}
        if budget:
            strings: set[str] = set()
            for k in _block_keys(token):
                for size in range(len(token) - budget, len(token) + budget + 1):
                    strings.update(self._blocks.get((k, size), ()))
            hits = process.extract(
                token, sorted(strings), scorer=OSA.distance, score_cutoff=budget, limit=NEAR_LIMIT
            )
            for other, dist, _pos in hits:
                if typo_budget(min(len(other), len(token))) >= dist:
                    found[self.vocab[other]] = max(0.0, 1.0 - 1.5 * dist / max(len(other), len(token)))
        if phonetic and len(token) >= 4 and token.isalpha():
            for vid in self._phonetic_table().get(phonetic_key(token), ())[:NEAR_LIMIT]:
                found[vid] = max(found.get(vid, 0.0), PHONETIC_SIM)
        found.pop(self.vocab.get(token, -1), None)
        out = sorted(found.items(), key=lambda h: (-h[1], self.vocab_list[h[0]]))
        if len(self._near) < NEAR_CACHE:
            self._near[key] = out
        return out

    def _segment(self, token: str) -> list[str] | None:
        """Split a joined token ("xinjiangmianhuamaoyi") into known words, if it splits fully."""
        n = len(token)
        best: list[list[str] | None] = [None] * (n + 1)
        best[0] = []
        for i in range(n):
            if best[i] is None:
                continue
            for j in range(i + 3, n + 1):
                piece = token[i:j]
                known = (piece,) in _LATIN_SINGLE or piece in self.vocab
                if known and (best[j] is None or len(best[j]) > len(best[i]) + 1):  # type: ignore[arg-type]
                    best[j] = [*best[i], piece]  # type: ignore[misc]
        parts = best[n]
        return parts if parts and len(parts) >= 2 else None

    def _approx(
        self, rows: np.ndarray, m_listed: np.ndarray, m_query: np.ndarray, w_query: float
    ) -> np.ndarray:
        """Token score of each row from exact-token agreement; optimistic on what alignment adds."""
        w_listed = self.name_weight[rows]
        m_listed = np.minimum(m_listed, w_listed)
        m_query = np.minimum(m_query, w_query)
        matched = (m_listed + m_query) / 2
        denom = matched + 0.5 * (w_listed - m_listed) + EXTRA_QUERY_FACTOR * (w_query - m_query)
        return np.where(denom > 0, matched / np.maximum(denom, 1e-9), 0.0)

    # --- queries -----------------------------------------------------------------------------
    def resolve(self, form: NameForm) -> Resolved:
        """Repair query tokens unknown to the index: place/word typos, joined words."""
        tokens: list[str] = []
        repairs: list[str] = []
        for t in form.tokens:
            if t in self.vocab or token_class(t) != lx.DISTINCTIVE or len(t) < 5:
                tokens.append(t)
                continue
            fixed = None if self.near_tokens(t, phonetic=False) else _lexicon_typo(t)
            if fixed is not None:
                repairs.append(f"'{t}' read as '{fixed}' (spelling variant)")
                tokens.append(fixed)
                continue
            parts = self._segment(t) if len(t) >= 6 else None
            if parts is not None:
                canon = [w for p in parts for w in normalize(p).tokens]
                repairs.append(f"'{t}' split into '{' '.join(canon)}'")
                tokens.extend(canon)
                continue
            tokens.append(t)
        return Resolved(form, tuple(tokens), tuple(token_class(t) for t in tokens), tuple(repairs))

    def candidates(self, res: Resolved, min_score: float) -> tuple[np.ndarray, np.ndarray]:
        """Rows sharing tokens with the query whose optimistic token score reaches `min_score`, best first."""
        q_tokens = res.tokens
        if not q_tokens or not len(self.names):
            return np.zeros(0, np.int32), np.zeros(0, np.float32)
        q_weight = [self.weight(t, c) for t, c in zip(q_tokens, res.classes, strict=True)]
        w_query = float(sum(q_weight))
        hits: list[tuple[int, float, float]] = []  # (vid, listed weight*sim, query weight*sim)
        for i, t in enumerate(q_tokens):
            vid = self.vocab.get(t)
            if vid is not None:
                hits.append((vid, float(self.weights[vid]), q_weight[i]))
                if res.classes[i] not in FUZZY_CLASSES:  # the alignment takes typos of brand words only
                    continue
            for nv, sim in self.near_tokens(t):
                hits.append((nv, float(self.weights[nv]) * sim, q_weight[i] * sim))
            if vid is not None:
                continue
            if i + 1 < len(q_tokens):
                for joined in (t + q_tokens[i + 1], q_tokens[i + 1] + t):
                    jv = self.vocab.get(joined)
                    if jv is not None:
                        hits.append((jv, float(self.weights[jv]), q_weight[i] + q_weight[i + 1]))
        if not hits:
            return np.zeros(0, np.int32), np.zeros(0, np.float32)
        rare = [h for h in hits if self.df[h[0]] <= self.common_df]
        common = [h for h in hits if self.df[h[0]] > self.common_df]
        if not rare:
            rare, common = common, []
        rows = np.concatenate([self.post_ids[self.post_ptr[v] : self.post_ptr[v + 1]] for v, _, _ in rare])
        lw = np.concatenate(
            [np.full(self.post_ptr[v + 1] - self.post_ptr[v], w, np.float32) for v, w, _ in rare]
        )
        qw = np.concatenate(
            [np.full(self.post_ptr[v + 1] - self.post_ptr[v], w, np.float32) for v, _, w in rare]
        )
        uniq, inv = np.unique(rows, return_inverse=True)
        m_listed = np.bincount(inv, weights=lw).astype(np.float32)
        m_query = np.bincount(inv, weights=qw).astype(np.float32)
        if common:  # first assume every candidate has the common tokens, drop those that still fall short
            extra_l, extra_q = sum(c[1] for c in common), sum(c[2] for c in common)
            opt = self._approx(uniq, m_listed + extra_l, m_query + extra_q, w_query)
            keep = opt >= min_score
            uniq, m_listed, m_query = uniq[keep], m_listed[keep], m_query[keep]
        for vid, lw_c, qw_c in common:  # then look the survivors up in the sorted postings
            post = self.post_ids[self.post_ptr[vid] : self.post_ptr[vid + 1]]
            pos = np.minimum(np.searchsorted(post, uniq), len(post) - 1)
            present = post[pos] == uniq
            m_listed += present * np.float32(lw_c)
            m_query += present * np.float32(qw_c)
        approx = self._approx(uniq, m_listed, m_query, w_query)
        keep = approx >= min_score
        uniq, approx = uniq[keep], approx[keep]
        order = np.argsort(-approx, kind="stable")  # `uniq` is sorted by row: ties go to the lower row
        return uniq[order], approx[order].astype(np.float32)


def _block_keys(token: str) -> tuple[str, ...]:
    """Blocking keys for typo search: one typo leaves the prefix, the suffix or the consonants intact."""
    consonants = "".join(ch for ch in token if ch not in "aeiouy")
    return ("<" + token[:3], token[-3:] + ">", "~" + consonants)


_LATIN_SINGLE = {k for k in SPELLINGS.values() for k in [(s,) for s in k]}
_LEXICON_SPELLINGS = sorted({s for spellings in SPELLINGS.values() for s in spellings if len(s) >= 5})
_SPELLING_CANON = {s: c for c, spellings in SPELLINGS.items() for s in spellings}


def _lexicon_typo(token: str) -> str | None:
    """A place or descriptive word misspelt by a letter or two ("Hetain" -> hotan)."""
    budget = min(1, typo_budget(len(token)))
    hit = process.extractOne(token, _LEXICON_SPELLINGS, scorer=OSA.distance, score_cutoff=budget)
    if hit is None or typo_budget(len(hit[0])) < hit[1]:
        return None
    return _SPELLING_CANON[hit[0]]


def build_index(name_lists: Iterable[Sequence[str]]) -> NameIndex:
    """Index every name of every entity; row owners are the entity positions."""
    names: list[str] = []
    owners: list[int] = []
    for pos, entity_names in enumerate(name_lists):
        for n in entity_names:
            names.append(n)
            owners.append(pos)
    return NameIndex(names, owners)
