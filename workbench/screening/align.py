"""Token alignment between a query name and a listed name, and the name score built on it.

Tokens agree exactly, as joined/split forms ("quan guo" = "quanguo", 陈全国 = "Chen Quanguo"),
or with a typo within an edit budget that grows with length (short tokens must agree exactly, so
a brand one letter away from a short listed brand does not count). Each token carries a weight:
its class (brand > place > descriptive word > administrative word) times its rarity in the index.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from rapidfuzz.distance import OSA

from workbench.screening import lexicon as lx
from workbench.screening.normalize import LATIN_LEXICON

BASE_WEIGHT = {
    lx.DISTINCTIVE: 1.0,
    lx.SURNAME: 0.6,
    lx.PLACE: 0.45,
    lx.FUNCTION: 0.5,
    lx.GENERIC: 0.25,
    lx.ADMIN: 0.12,
}
EXTRA_QUERY_FACTOR = 0.5  # words the query adds cost half as much as listed words it lacks
# Listed words the query lacks cost their full weight if distinctive, half if descriptive
# (suppliers often drop places and descriptive words: "Hoshine Silicon").
MISSING_FACTOR = {lx.DISTINCTIVE: 1.0, lx.SURNAME: 1.0, lx.FUNCTION: 1.0}

# Latin spellings of each canonical place/descriptive word, for typo matching ("Hetain" -> hotan).
SPELLINGS: dict[str, list[str]] = {}
for _variant, _canon in LATIN_LEXICON.items():
    if len(_variant) == 1 and len(_canon) == 1:
        SPELLINGS.setdefault(_canon[0], []).append(_variant[0])


def typo_budget(length: int) -> int:
    """Edits allowed in a token of this length: none below 5 letters, 1 up to 7, then 2."""
    if length < 5:
        return 0
    return 1 if length < 8 else 2


PHONETIC_RULES = (("ph", "f"), ("kh", "h"), ("gh", "g"), ("sh", "s"), ("ck", "k"), ("q", "k"), ("c", "k"),
                  ("z", "s"), ("w", "v"), ("y", "i"), ("j", "i"))
PERSON_PHONETIC_SIM = 0.85


def phonetic_key(token: str) -> str:
    """A transliteration-tolerant key: first sound, then consonants (Yosef = Joseph, Hossein = Husein)."""
    t = token.casefold()
    for a, b in PHONETIC_RULES:
        t = t.replace(a, b)
    head, rest = t[:1], t[1:].replace("h", "")
    out = head
    for ch in rest:
        if ch not in "aeiou" and ch != out[-1]:
            out += ch
    return out


@dataclass(frozen=True)
class TokenPair:
    query: str
    listed: str
    sim: float
    how: str  # exact | joined | typo | phonetic


@dataclass
class Alignment:
    pairs: list[TokenPair] = field(default_factory=list)
    missing: list[int] = field(default_factory=list)  # listed token positions not matched
    extra: list[int] = field(default_factory=list)  # query token positions not matched
    m_listed: float = 0.0
    m_query: float = 0.0
    w_listed: float = 0.0
    w_query: float = 0.0
    missing_cost: float = 0.0
    extra_factor: float = EXTRA_QUERY_FACTOR
    typo_only_short: bool = False
    distinctive_listed: bool = False
    distinctive_matched: bool = False

    @property
    def token_score(self) -> float:
        matched = (self.m_listed + self.m_query) / 2
        denom = matched + self.missing_cost + self.extra_factor * (self.w_query - self.m_query)
        return matched / denom if denom > 0 else 0.0


def _similar(q: str, cand: str) -> float:
    budget = typo_budget(min(len(q), len(cand)))
    if budget == 0 or abs(len(q) - len(cand)) > budget:
        return 0.0
    dist = OSA.distance(q, cand, score_cutoff=budget)
    if dist > budget:
        return 0.0
    return max(0.0, 1.0 - 1.5 * dist / max(len(q), len(cand)))


def _person_similar(q: str, cand: str) -> tuple[float, str]:
    """Similarity of two spellings of a personal name: an edit within budget, or one sound."""
    sim = _similar(q, cand)
    if sim > 0:
        return sim, "typo"
    if min(len(q), len(cand)) >= 4 and abs(len(q) - len(cand)) <= 2 and phonetic_key(q) == phonetic_key(cand):
        return PERSON_PHONETIC_SIM, "phonetic"
    return 0.0, ""


def align(
    q_tokens: Sequence[str],
    q_classes: Sequence[str],
    l_tokens: Sequence[str],
    l_classes: Sequence[str],
    weight: Callable[[str, str], float],
    person: bool = False,
) -> Alignment:
    """Align query tokens with listed tokens and total the weights that agree.

    For a listed person, personal names also agree when they sound alike (`phonetic_key`), as
    transliterations of one name do.
    """
    qw = [weight(t, c) for t, c in zip(q_tokens, q_classes, strict=True)]
    lw = [weight(t, c) for t, c in zip(l_tokens, l_classes, strict=True)]
    q_free = set(range(len(q_tokens)))
    l_free = set(range(len(l_tokens)))
    al = Alignment(w_listed=sum(lw), w_query=sum(qw))
    distinctive = (lx.DISTINCTIVE, lx.SURNAME)
    al.distinctive_listed = any(c in distinctive for c in l_classes)
    fuzzy_distinct: list[int] = []
    others = 0  # agreeing words other than typos and administrative words

    def take(qi: Sequence[int], li: Sequence[int], sim: float, how: str) -> None:
        nonlocal others
        if how not in ("typo", "phonetic") and any(l_classes[j] != lx.ADMIN for j in li):
            others += 1
        for i in qi:
            q_free.discard(i)
            al.m_query += qw[i] * sim
        for j in li:
            l_free.discard(j)
            al.m_listed += lw[j] * sim
            if l_classes[j] in distinctive:
                if how in ("typo", "phonetic"):
                    fuzzy_distinct.append(j)
                else:
                    al.distinctive_matched = True
        al.pairs.append(
            TokenPair(" ".join(q_tokens[i] for i in qi), " ".join(l_tokens[j] for j in li), sim, how)
        )

    # 1. exact
    for j, lt in enumerate(l_tokens):
        for i in sorted(q_free):
            if q_tokens[i] == lt:
                take([i], [j], 1.0, "exact")
                break
    # 2. joined forms: one token on one side equals two or three adjacent tokens on the other
    for side in ("query", "listed"):
        singles, multis = (q_tokens, l_tokens) if side == "query" else (l_tokens, q_tokens)
        s_free, m_free = (q_free, l_free) if side == "query" else (l_free, q_free)
        for i in sorted(s_free):
            if i not in s_free or len(singles[i]) < 5 or len(m_free) < 2:
                continue
            for size in (2, 3):
                hit = _find_joined(singles[i], multis, m_free, size)
                if hit is not None:
                    if side == "query":
                        take([i], hit, 1.0, "joined")
                    else:
                        take(hit, [i], 1.0, "joined")
                    break
    # 3. typos (and for persons, sounds), best first
    cands: list[tuple[float, int, int, str]] = []
    for i in sorted(q_free):
        q = q_tokens[i]
        if len(q) < (4 if person else 5) or q_classes[i] not in distinctive:  # known words have no typos
            continue
        for j in sorted(l_free):
            sim, how = 0.0, "typo"
            if person and l_classes[j] in distinctive:
                sim, how = _person_similar(q, l_tokens[j])
            else:
                for s in SPELLINGS.get(l_tokens[j], (l_tokens[j],)):
                    if abs(len(s) - len(q)) <= 2:
                        sim = max(sim, _similar(q, s))
            if sim > 0:
                cands.append((sim, -i, -j, how))
    for sim, ni, nj, how in sorted(cands, reverse=True):
        i, j = -ni, -nj
        if i in q_free and j in l_free:
            take([i], [j], sim, how)
    if fuzzy_distinct:
        short = all(len(l_tokens[j]) <= 6 for j in fuzzy_distinct)
        if not al.distinctive_matched and short and others < 2:
            al.typo_only_short = True
        else:
            al.distinctive_matched = True
    al.missing = sorted(l_free)
    al.extra = sorted(q_free)
    # A listed name of places and descriptive words only ("Xinjiang Energy Group") must agree in full.
    strict = not al.distinctive_listed
    al.missing_cost = sum(
        lw[j] * (1.0 if strict else MISSING_FACTOR.get(l_classes[j], 0.5)) for j in al.missing
    )
    al.extra_factor = 1.0 if strict else EXTRA_QUERY_FACTOR
    al.missing_cost += max(0.0, al.w_listed - al.m_listed - sum(lw[j] for j in al.missing))
    return al


def _find_joined(target: str, tokens: Sequence[str], free: set[int], size: int) -> list[int] | None:
    order = sorted(free)
    for start in range(len(order) - size + 1):
        idx = order[start : start + size]
        if idx[-1] - idx[0] != size - 1 or sum(len(tokens[k]) for k in idx) != len(target):
            continue
        parts = [tokens[k] for k in idx]
        if "".join(parts) == target or (size == 2 and parts[1] + parts[0] == target):
            return idx
    return None
