"""HS codes as importers write them: chapter (2 digits), heading (4), subheading (6) or tariff line (7-10).

Customs guidance and the UFLPA sector lists speak in chapters and headings, so a supplier file
with `6109` or `52` is valid; the app says how specific each code is.
"""

from __future__ import annotations

import re

HS_CODE = re.compile(r"^\d+(\.\d+)*$")
LEVELS = {2: "chapter", 4: "heading", 6: "subheading"}
EXAMPLES = "61 (chapter), 6109 (heading), 6109.10 (subheading) or 6109.10.0012 (tariff line)"


def hs_digits(code: str) -> str:
    """The digits of a code, without dots or other separators."""
    return re.sub(r"\D", "", code or "")


def validate_hs_code(code: str) -> str | None:
    """An error message for an invalid HS code, or None (blank is allowed)."""
    code = code.strip()
    if not code:
        return None
    digits = code.replace(".", "")
    if HS_CODE.match(code) and (len(digits) in LEVELS or 6 <= len(digits) <= 10):
        return None
    return f"'{code}' is not an HS code: give 2, 4 or 6 to 10 digits, dots allowed, e.g. {EXAMPLES}."


def hs_level(code: str) -> str:
    """How specific a valid code is: "chapter", "heading", "subheading" or "tariff line" ("" if blank)."""
    digits = hs_digits(code)
    if not digits:
        return ""
    return LEVELS.get(len(digits), "tariff line" if len(digits) > 6 else "")


def describe_hs_code(code: str) -> str:
    """A code with its level for display, e.g. "6109 (heading: any subheading of 6109)"."""
    level = hs_level(code)
    if not level:
        return code
    if level in ("chapter", "heading"):
        return f"{code} ({level}: covers every product under {hs_digits(code)})"
    return f"{code} ({level})"
