"""Finding words in user text: whole words for Latin script, plain substrings for Chinese and Uyghur."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache

NON_LATIN = re.compile(r"[\u0600-\u06ff\u3400-\u9fff]")  # Arabic script (Uyghur) and CJK


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without accents (Ürümqi -> urumqi); Chinese and Uyghur letters unchanged."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@cache
def word_pattern(word: str, plural: bool = True) -> re.Pattern[str]:
    """A pattern for `word` in folded text: a whole word (plural allowed) or, for non-Latin, a substring."""
    folded = fold(word)
    if NON_LATIN.search(folded):
        return re.compile(re.escape(folded))
    body = re.escape(folded).replace(r"\ ", r"[\s\-]+").replace("'", "'?")
    return re.compile(r"(?<![a-z0-9])" + body + (r"(?:e?s)?" if plural else "") + r"(?![a-z0-9])")


def find_word(text: str, words: Iterable[str], plural: bool = True) -> str | None:
    """The first of `words` that occurs in `text`, or None."""
    if not text:
        return None
    folded = fold(text)
    for word in words:
        if word and word_pattern(word, plural).search(folded):
            return word
    return None
