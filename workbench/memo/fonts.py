"""The shipped fonts and turning user text into safe, fully covered reportlab markup.

Every character is drawn in the first font that has a glyph for it (serif body font, then
DejaVu Sans for Arabic script, then WenQuanYi Micro Hei for CJK). Arabic-script runs (Uyghur)
are shaped and put in visual order before drawing. All user text is escaped, so `<`, `&` and
tags render literally.
"""

from __future__ import annotations

import io
import re
import threading
from dataclasses import dataclass
from functools import cache, lru_cache
from xml.sax.saxutils import escape

import arabic_reshaper
from bidi import get_display
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from workbench.resources import resource

SERIF = "WB-Serif"
SERIF_BOLD = "WB-Serif-Bold"
SANS = "WB-Sans"
SANS_BOLD = "WB-Sans-Bold"
CJK = "WB-CJK"

_FILES = {
    SERIF: ("DejaVuSerif.ttf", 0),
    SERIF_BOLD: ("DejaVuSerif-Bold.ttf", 0),
    SANS: ("DejaVuSans.ttf", 0),
    SANS_BOLD: ("DejaVuSans-Bold.ttf", 0),
    CJK: ("wqy-microhei.ttc", 0),
}

# Fallback chains: the base font first, then the fonts tried for characters it lacks.
_CHAINS = {
    SERIF: (SERIF, SANS, CJK),
    SERIF_BOLD: (SERIF_BOLD, SANS_BOLD, CJK),
    SANS: (SANS, SERIF, CJK),
    SANS_BOLD: (SANS_BOLD, SERIF_BOLD, CJK),
}

_ARABIC = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
_ARABIC_RUN = re.compile(rf"[{_ARABIC}]+(?:[\s\u060c\u061b\u061f.,:;()\-0-9\u0660-\u0669]+[{_ARABIC}]+)*")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_lock = threading.Lock()
RTL_CHUNK = 40  # characters of a right-to-left phrase kept on one line


@dataclass(frozen=True)
class FontSet:
    """Registered font names and their character maps."""

    cmaps: dict[str, frozenset[int]]


@cache
def register_fonts() -> FontSet:
    """Register the shipped fonts with reportlab once per process and return their coverage."""
    with _lock:
        cmaps: dict[str, frozenset[int]] = {}
        for name, (filename, index) in _FILES.items():
            data = resource("fonts", filename).read_bytes()
            font = TTFont(name, io.BytesIO(data), subfontIndex=index)
            pdfmetrics.registerFont(font)
            cmaps[name] = frozenset(font.face.charToGlyph)
        addMapping(SERIF, 0, 0, SERIF)
        addMapping(SERIF, 1, 0, SERIF_BOLD)
        addMapping(SERIF, 0, 1, SERIF)
        addMapping(SERIF, 1, 1, SERIF_BOLD)
        return FontSet(cmaps)


def shape_rtl(text: str, chunk: int = RTL_CHUNK) -> str:
    """Shape Arabic-script runs (Uyghur) into presentation forms in visual order.

    Words inside a run are joined with no-break spaces so a right-to-left phrase is not wrapped
    in the middle (which would put its words on the wrong lines). Runs longer than `chunk`
    characters are cut into phrases of whole words first, each drawn right to left, so long
    notes still wrap, phrase by phrase.
    """

    def _one(match: re.Match[str]) -> str:
        phrases: list[list[str]] = [[]]
        for word in match.group(0).split():
            if phrases[-1] and len(" ".join([*phrases[-1], word])) > chunk:
                phrases.append([])
            phrases[-1].append(word)
        shaped = (get_display(arabic_reshaper.reshape(" ".join(p))) for p in phrases)
        return " ".join(re.sub(r"\s", "\u00a0", p) for p in shaped)

    return _ARABIC_RUN.sub(_one, text)


def clean(text: object) -> str:
    """User text as a plain string without control or bidi-override characters."""
    raw = "" if text is None else str(text)
    return _CONTROL.sub("", raw.replace("\r\n", "\n").replace("\r", "\n"))


def markup(text: object, base: str = SERIF) -> str:
    """Return reportlab paragraph markup for `text` drawn literally in `base` with fallbacks.

    Characters no shipped font covers are written as their code point, e.g. `[U+1F600]`,
    so nothing ever shows as a missing-glyph box.
    """
    register_fonts()
    return _markup(clean(text), base)


def styled(text: object, font: str) -> str:
    """Markup for `text` in `font` whatever the paragraph's own font (e.g. a bold run in regular text)."""
    return f'<font name="{font}">{markup(text, font)}</font>'


_PLAIN = re.compile(r"[ -~]*")  # printable ASCII: always in the base fonts


@lru_cache(maxsize=8192)
def _markup(text: str, base: str) -> str:
    if _PLAIN.fullmatch(text):
        return escape(text)
    out: list[str] = []
    run: list[str] = []
    run_font = base

    def flush() -> None:
        if run:
            body = escape("".join(run)).replace("\n", "<br/>")
            out.append(body if run_font == base else f'<font name="{run_font}">{body}</font>')
            run.clear()

    for ch in shape_rtl(text):
        font, piece = _font_for(ch, base)
        if font != run_font:
            flush()
            run_font = font
        run.append(piece)
    flush()
    return "".join(out)


@lru_cache(maxsize=65536)
def _font_for(ch: str, base: str) -> tuple[str, str]:
    """The font that draws `ch` (first in the fallback chain of `base`) and the text to draw."""
    if ch in "\n\t":
        return base, ("\n" if ch == "\n" else " ")
    code = ord(ch)
    cmaps = register_fonts().cmaps
    for name in _CHAINS[base]:
        if code in cmaps[name]:
            return name, ch
    return base, f"[U+{code:04X}]"
