"""Finding words in user text: whole words for Latin script, plain substrings for Chinese and Uyghur.

Word lists are tuples so their combined patterns can be compiled once and cached: a text that
contains none of the words (the common case) costs one regex search.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

NON_LATIN = re.compile(r"[\u0600-\u06ff\u3400-\u9fff]")  # Arabic script (Uyghur) and CJK


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without accents (Ürümqi -> urumqi); Chinese and Uyghur letters unchanged."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _body(word: str) -> str:
    folded = fold(word)
    if NON_LATIN.search(folded):
        return re.escape(folded)
    return (
        r"(?<![a-z0-9])"
        + re.escape(folded).replace(r"\ ", r"[\s\-]+").replace("'", "'?")
        + r"{plural}(?![a-z0-9])"
    )


@cache
def word_pattern(word: str, plural: bool = True) -> re.Pattern[str]:
    """A pattern for `word` in folded text: a whole word (plural allowed) or, for non-Latin, a substring."""
    return re.compile(_body(word).replace("{plural}", r"(?:e?s)?" if plural else ""))


@cache
def _any_pattern(words: tuple[str, ...], plural: bool) -> re.Pattern[str] | None:
    bodies = [_body(w).replace("{plural}", r"(?:e?s)?" if plural else "") for w in words if w]
    return re.compile("|".join(f"(?:{b})" for b in bodies)) if bodies else None


def find_word(text: str, words: tuple[str, ...], plural: bool = True) -> str | None:
    """The first of `words` (in their order) that occurs in `text`, or None."""
    if not text:
        return None
    folded = fold(text)
    combined = _any_pattern(tuple(words), plural)
    if combined is None or not combined.search(folded):
        return None
    for word in words:
        if word and word_pattern(word, plural).search(folded):
            return word
    return None
