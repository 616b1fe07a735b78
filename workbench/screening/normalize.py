"""Turn a name in any script into canonical tokens, its legal form and token classes.

Steps: Unicode NFKC, removal of scope notes, CamelCase split, casefold, punctuation; Chinese
characters are segmented against the lexicon (places, descriptive words, legal forms) and the
rest transliterated to pinyin (one token per run, so 浩林 meets "Haolin"); Latin words are mapped
through abbreviations, multi-word phrases, place variants and descriptive-word equivalences.
Legal forms are taken off the name and kept separately as a feature.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from pypinyin import lazy_pinyin

from workbench.screening import lexicon as lx
from workbench.screening.scripts import ScriptFold, fold_scripts

HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
DOTTED_ACRONYM_RE = re.compile(r"\b(?:[A-Za-z]\.){2,}")
PAREN_NOTE_RE = re.compile(r"\((?:former name|formerly|former|truncated|former name, truncated)[^)]*\)", re.I)
APOSTROPHE_RE = re.compile(r"['’`´]")
HYPHEN_RE = re.compile(r"(?<=\w)-(?=\w)")
LETTER_AMP_RE = re.compile(r"(?<=\b\w)\s*&\s*(?=\w\b)")
PAREN_ACRONYM_RE = re.compile(r"\(\s*([A-Z][A-Z0-9&\-]{1,9})\s*\)")
NON_WORD_RE = re.compile(r"[^\w]+")


@dataclass(frozen=True)
class NameForm:
    """A name after normalisation: canonical tokens with their classes, and its legal forms."""

    original: str
    tokens: tuple[str, ...]
    classes: tuple[str, ...]
    legal: tuple[str, ...]
    transliterated: bool = False
    scripts: ScriptFold | None = None  # what script folding changed (None: plain ASCII input)

    @property
    def text(self) -> str:
        """The normalised form shown in evidence."""
        return " ".join(self.tokens)

    @property
    def joined(self) -> str:
        return "".join(self.tokens)


UPPER_LEVELS = {
    "autonomous region",
    "prefecture-level city",
    "prefecture",
    "autonomous prefecture",
    "XPCC-administered city",
    "county-level city",
}
ADMIN_SUFFIXES = ("自治区", "自治州", "自治县", "地区", "市", "县", "区", "州")


def _shipped_places() -> list[tuple[str, str, list[str]]]:
    """Xinjiang places from resources/reference/xinjiang_places.json as (canonical, class, variants).

    Places already in the lexicon keep its canonical token. Counties keep the distinctive class (their
    pinyin names are also common brand words) but their spellings still meet: 墨玉 = Moyu = Karakax.
    Chinese forms with an administrative suffix are left to the suffix rules (乌鲁木齐市 = 乌鲁木齐 + 市).
    """
    try:
        from workbench.resources import load_json

        records = load_json("reference", "xinjiang_places.json")["places"]
    except (OSError, KeyError, ValueError, ModuleNotFoundError):
        return []
    known = {v.casefold(): canon for canon, variants in lx.PLACES.items() for v in variants}
    out: list[tuple[str, str, list[str]]] = []
    for rec in records:
        latin = [rec.get("name", ""), rec.get("pinyin", ""), *rec.get("variants", []), *rec.get("uyghur", [])]
        latin = [v for v in latin if len(v) > 3 and not any(w in CONCEPT_WORDS for w in _latin_words(v))]
        chinese = [c for c in rec.get("chinese", []) if not c.endswith(ADMIN_SUFFIXES)]
        canon = next((known[v.casefold()] for v in latin + chinese if v.casefold() in known), None)
        cls = lx.PLACE if canon is not None or rec.get("level") in UPPER_LEVELS else lx.DISTINCTIVE
        key = canon or "".join(_latin_words(rec.get("pinyin") or rec["id"]))
        out.append((key, cls, latin + chinese))
    return out


def _build_han_lexicon() -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for canon, (_cls, variants) in lx.CONCEPTS.items():
        for v in variants:
            if HAN_RE.fullmatch(v):
                table[v] = (canon,)
    for canon, variants in lx.PLACES.items():
        for v in variants:
            if HAN_RE.fullmatch(v):
                table[v] = (canon,)
    for v, words in lx.COMPOUNDS.items():
        if HAN_RE.fullmatch(v):
            table[v] = words
    for canon, _cls, variants in SHIPPED_PLACES:
        for v in variants:
            if HAN_RE.fullmatch(v):
                table.setdefault(v, (canon,))
    return table


def _build_latin_lexicon() -> dict[tuple[str, ...], tuple[str, ...]]:
    table: dict[tuple[str, ...], tuple[str, ...]] = {}
    for canon, (_cls, variants) in lx.CONCEPTS.items():
        for v in variants:
            if not HAN_RE.search(v):
                table[tuple(_latin_words(v))] = (canon,)
    for canon, variants in lx.PLACES.items():
        for v in variants:
            if not HAN_RE.search(v):
                table[tuple(_latin_words(v))] = (canon,)
    for v, words in lx.COMPOUNDS.items():
        if not HAN_RE.search(v):
            table[(v,)] = words
    for canon, _cls, variants in SHIPPED_PLACES:
        for v in variants:
            words = tuple(_latin_words(fold_scripts(v).text))  # Uyghur-script forms as names read them
            if words and not HAN_RE.search(v):
                table.setdefault(words, (canon,))
    return table


def _latin_words(text: str) -> list[str]:
    text = DOTTED_ACRONYM_RE.sub(lambda m: m.group().replace(".", ""), text)
    text = LETTER_AMP_RE.sub("", text)
    text = text.casefold().replace("&", " and ")
    text = APOSTROPHE_RE.sub("", text)
    text = HYPHEN_RE.sub("", text)
    return [w for w in NON_WORD_RE.sub(" ", text).replace("_", " ").split() if w]


CONCEPT_WORDS = {w for _c, (_k, vs) in lx.CONCEPTS.items() for v in vs for w in _latin_words(v)} | set(
    lx.STOPWORDS
)
SHIPPED_PLACES = _shipped_places()
HAN_LEXICON = _build_han_lexicon()
HAN_LEGAL = dict(lx.LEGAL_FORMS_HAN)
HAN_MAXLEN = max(len(k) for k in (*HAN_LEXICON, *HAN_LEGAL))
LATIN_LEXICON = _build_latin_lexicon()
LATIN_MAXLEN = max(len(k) for k in LATIN_LEXICON)
ABBREVIATIONS = {k: tuple(_latin_words(v)) for k, v in lx.ABBREVIATIONS.items()}
CANONICAL_CLASS: dict[str, str] = {c: cls for c, (cls, _v) in lx.CONCEPTS.items()}
CANONICAL_CLASS.update({p: lx.PLACE for p in lx.PLACES})
CANONICAL_CLASS.update({w: lx.GENERIC for w in lx.GENERIC_WORDS})
for _canon, _cls, _v in SHIPPED_PLACES:
    CANONICAL_CLASS.setdefault(_canon, _cls)
# Canonical words that are also variants of themselves (e.g. "cotton") need no mapping; variants
# that map elsewhere (e.g. "hetian" -> "hotan") are listed here for evidence sentences.
VARIANT_OF: dict[str, str] = {
    v[0]: c[0] for v, c in LATIN_LEXICON.items() if len(v) == 1 and len(c) == 1 and v[0] != c[0]
}


def token_class(token: str) -> str:
    """The class of a canonical token (decides its base weight)."""
    cls = CANONICAL_CLASS.get(token)
    if cls is not None:
        return cls
    if token in lx.SURNAMES:
        return lx.SURNAME
    return lx.DISTINCTIVE


def split_acronyms(name: str) -> tuple[str, tuple[str, ...]]:
    """Take acronyms in parentheses out of a listed name: "Xinjiang ... Corps (XPCC)" -> name, ("XPCC",)."""
    found = []
    for m in PAREN_ACRONYM_RE.finditer(name):
        rest = _strip_scope_notes(name[m.end() :]).strip(" .,;")
        if not rest:  # the acronym stands for the whole name before it
            found.append(m.group(1))
    if not found:
        return name, ()
    return " ".join(PAREN_ACRONYM_RE.sub(" ", name).split()), tuple(found)


def _strip_scope_notes(text: str) -> str:
    text = PAREN_NOTE_RE.sub(" ", text)
    text = PAREN_ACRONYM_RE.sub(" ", text)
    low = text.casefold()
    for note in lx.SCOPE_NOTES[:4]:
        idx = low.find(note)
        if idx >= 0:
            text, low = text[:idx], low[:idx]
    return text


def _han_tokens(run: str, legal: list[str]) -> list[str]:
    """Segment a run of Chinese characters: lexicon words by longest match, the rest as pinyin."""
    out: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            out.append("".join(lazy_pinyin("".join(pending))).casefold())
            pending.clear()

    i = 0
    while i < len(run):
        for size in range(min(HAN_MAXLEN, len(run) - i), 0, -1):
            piece = run[i : i + size]
            if piece in HAN_LEGAL:
                flush()
                legal.append(HAN_LEGAL[piece])
                break
            if piece in HAN_LEXICON:
                flush()
                out.extend(HAN_LEXICON[piece])
                break
        else:
            pending.append(run[i])
            size = 1
        i += size
    flush()
    return out


def _multi_word_forms() -> dict[str, list[tuple[str, ...]]]:
    """Multi-word legal forms by first word, longest first."""
    table: dict[str, list[tuple[str, ...]]] = {}
    for form in sorted((k for k in lx.LEGAL_FORMS_LATIN if len(k) > 1), key=lambda k: (-len(k), k)):
        table.setdefault(form[0], []).append(form)
    return table


MULTI_WORD_FORMS = _multi_word_forms()


def _strip_latin_legal(words: list[str], legal: list[str]) -> list[str]:
    """Remove legal forms: multi-word ones anywhere, single words at the end (and a few at the start)."""
    out: list[str] = []
    i = 0
    while i < len(words):
        for form in MULTI_WORD_FORMS.get(words[i], ()):
            if tuple(words[i : i + len(form)]) == form:
                legal.append(lx.LEGAL_FORMS_LATIN[form])
                i += len(form)
                break
        else:
            out.append(words[i])
            i += 1
    while len(out) > 1 and (out[0],) in lx.LEADING_LEGAL_FORMS:  # "OOO Gazprom", "LLC Romashka"
        legal.append(lx.LEADING_LEGAL_FORMS[(out.pop(0),)])
    while len(out) > 1 and (out[-1],) in lx.LEGAL_FORMS_LATIN:
        legal.append(lx.LEGAL_FORMS_LATIN[(out.pop(),)])
    return out


def _latin_tokens(words: list[str]) -> list[str]:
    expanded: list[str] = []
    for w in words:
        expansion = ABBREVIATIONS.get(w)
        if expansion is None:
            expanded.append(w)
        elif not set(expansion) <= set(words):  # "... Materials (CNSIM)": the expansion is already there
            expanded.extend(expansion)
    out: list[str] = []
    i = 0
    while i < len(expanded):
        for size in range(min(LATIN_MAXLEN, len(expanded) - i), 0, -1):
            key = tuple(expanded[i : i + size])
            if key in LATIN_LEXICON:
                out.extend(LATIN_LEXICON[key])
                i += size
                break
        else:
            w = expanded[i]
            if w not in lx.STOPWORDS:
                out.append(w)
            i += 1
    return out


@lru_cache(maxsize=200_000)
def normalize(name: str) -> NameForm:
    """Normalise one name (any script) into a `NameForm`."""
    text = unicodedata.normalize("NFKC", name)
    folded = fold_scripts(text)
    text = _strip_scope_notes(folded.text)
    legal: list[str] = []
    tokens: list[str] = []
    transliterated = False
    pos = 0
    latin_buf: list[str] = []

    def flush_latin() -> None:
        if latin_buf:
            words = _latin_words(" ".join(latin_buf))
            tokens.extend(_latin_tokens(_strip_latin_legal(words, legal)))
            latin_buf.clear()

    for m in HAN_RE.finditer(text):
        latin_buf.append(text[pos : m.start()])
        flush_latin()
        tokens.extend(_han_tokens(m.group(), legal))
        transliterated = True
        pos = m.end()
    latin_buf.append(text[pos:])
    flush_latin()
    if not tokens and legal:  # a name that is only a legal form: keep the words
        tokens = _latin_words(text)
    return NameForm(
        original=name,
        tokens=tuple(tokens),
        classes=tuple(token_class(t) for t in tokens),
        legal=tuple(dict.fromkeys(legal)),
        transliterated=transliterated,
        scripts=folded if folded.mixed_words or folded.transliterated or folded.traditional else None,
    )


def normalize_country(value: str) -> str:
    """Map free-text country or ISO-2 code to ISO-2 (upper case); '' when unknown."""
    v = unicodedata.normalize("NFKC", value or "").strip()
    if not v:
        return ""
    if len(v) == 2 and v.isascii() and v.isalpha():
        return v.upper()
    return lx.COUNTRIES.get(v.casefold(), "")
