"""Building rich text from user and dataset strings safely: everything is escaped first."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from urllib.parse import urlparse

from workbench.ui import theme


def esc(text: object) -> str:
    """Escape any value for inclusion in Qt rich text."""
    return html.escape("" if text is None else str(text))


def link(url: str, label: str | None = None) -> str:
    """A clickable link for http(s) URLs; anything else is shown as plain, escaped text."""
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        return esc(label or url)
    return f'<a href="{html.escape(url, quote=True)}">{esc(label or url)}</a>'


def highlight(text: str, tokens: Iterable[str]) -> str:
    """Escape `text` and mark every case-insensitive occurrence of `tokens` in it.

    Matching runs on the raw text; each piece is escaped on its own, so user input can never
    inject markup, and a token like "amp" never matches inside an escape sequence.
    """
    words = sorted({t for t in tokens if t and t.strip()}, key=len, reverse=True)
    if not words:
        return esc(text)
    scheme = theme.current()
    pattern = re.compile("|".join(_token_pattern(w) for w in words), re.IGNORECASE)
    out: list[str] = []
    pos = 0
    for m in pattern.finditer(text):
        out.append(esc(text[pos : m.start()]))
        out.append(
            f'<span style="background-color:{scheme.highlight_bg};color:{scheme.highlight_fg};'
            f'font-weight:600">{esc(m.group(0))}</span>'
        )
        pos = m.end()
    out.append(esc(text[pos:]))
    return "".join(out)


def _token_pattern(token: str) -> str:
    """Whole words for Latin tokens ("co" must not light up inside "Cotton"); as-is for CJK."""
    if token.isascii():
        return rf"(?<![0-9A-Za-z]){re.escape(token)}(?![0-9A-Za-z])"
    return re.escape(token)


def definition_list(rows: Iterable[tuple[str, str]]) -> str:
    """A two-column table of label → already-escaped HTML value, skipping empty values."""
    muted = theme.current().muted
    cells = "".join(
        f'<tr><td style="color:{muted};padding:2px 12px 2px 0;white-space:nowrap" valign="top">{esc(k)}</td>'
        f'<td style="padding:2px 0">{v}</td></tr>'
        for k, v in rows
        if v
    )
    return f'<table cellspacing="0" cellpadding="0">{cells}</table>'
