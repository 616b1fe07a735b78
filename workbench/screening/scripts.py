"""Bring a name in any script to the Latin/Chinese form the matcher compares, and flag spoofing.

- Default-ignorable code points (zero-width joiners and spaces, soft hyphens, bidi controls,
  variation selectors) are dropped: they are invisible and split or hide words.
- A name that mixes Latin letters with look-alike letters of another script ("Неtian" with a
  Cyrillic Н and е) is folded to its Latin skeleton with the Unicode TR39 confusables table, and
  the words that mixed scripts are reported.
- Traditional Chinese characters become simplified ones (OpenCC), so 維吾爾 meets 维吾尔.
- Other scripts (Cyrillic, Greek, Arabic, Uyghur, accented Latin...) are transliterated to ASCII
  (anyascii); Chinese characters are left for the pinyin and lexicon step.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from anyascii import anyascii

# Unicode Default_Ignorable_Code_Point (DerivedCoreProperties.txt).
IGNORABLE_RE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f"
    "\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0000-\U000e0fff]"
)
HAN_CHAR_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef]")
WORD_RE = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class ScriptFold:
    """A name brought to Latin letters and Chinese characters, with what was changed on the way."""

    text: str
    mixed_words: tuple[str, ...] = ()  # words that mixed Latin with look-alike letters of another script
    mixed_scripts: tuple[str, ...] = ()  # the other scripts seen in those words
    transliterated: tuple[str, ...] = ()  # scripts read as Latin (e.g. "Cyrillic", "Arabic")
    traditional: bool = False  # traditional Chinese characters were simplified


@cache
def _confusables() -> dict[str, str]:
    from workbench.resources import load_json

    return dict(load_json("reference", "confusables_latin.json")["map"])


@cache
def _t2s() -> object:
    import opencc

    return opencc.OpenCC("t2s")


def script_of(ch: str) -> str:
    """The script of a letter from its Unicode name ("LATIN", "CYRILLIC", "CJK"...); "" if unnamed."""
    if ch.isascii():
        return "LATIN" if ch.isalpha() else ""
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else ""


def fold_scripts(text: str) -> ScriptFold:
    """Drop invisible characters, fold look-alikes, simplify Chinese and transliterate other scripts."""
    text = IGNORABLE_RE.sub("", text)
    if text.isascii():
        return ScriptFold(text)
    traditional = False
    if HAN_CHAR_RE.search(text):
        simplified = _t2s().convert(text)  # type: ignore[attr-defined]
        traditional = simplified != text
        text = simplified
    confusables = _confusables()
    mixed_words: list[str] = []
    mixed_scripts: set[str] = set()
    has_latin = any(ch.isascii() and ch.isalpha() for ch in text)
    if has_latin:
        for word in WORD_RE.findall(text):
            others = {script_of(ch) for ch in word if not ch.isascii() and ch in confusables}
            if others and any(ch.isascii() for ch in word):
                mixed_words.append(word)
                mixed_scripts.update(s.title() for s in others)
        if mixed_words:  # the whole name takes its Latin skeleton, also all-look-alike words in it
            text = "".join(confusables.get(ch, ch) for ch in text)
    out: list[str] = []
    seen_scripts: set[str] = set()
    for ch in text:
        if ch.isascii() or HAN_CHAR_RE.match(ch):
            out.append(ch)
            continue
        if ch.isalnum():
            if ch.isalpha():
                seen_scripts.add(script_of(ch).title())
            out.append(anyascii(ch))
        elif not unicodedata.category(ch).startswith("M"):  # combining marks go; punctuation stays
            out.append(ch)
    return ScriptFold(
        "".join(out),
        tuple(mixed_words),
        tuple(sorted(mixed_scripts)),
        tuple(sorted(s for s in seen_scripts if s and s != "Latin")),
        traditional,
    )
