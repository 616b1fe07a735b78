"""Register the shipped fonts with Qt so Chinese and Uyghur text renders without system fonts.

A laptop without a CJK font would otherwise draw Chinese names as empty boxes. The fonts in
`workbench.resources/fonts` (DejaVu Sans for Latin and Arabic script, WenQuanYi Micro Hei for
Chinese) are added to Qt's font database at start-up, and the application font lists them as
fallbacks after the system's own UI font, so the system look stays where it has the glyphs.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from workbench.resources import resource

log = logging.getLogger(__name__)

UI_FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "wqy-microhei.ttc")


def register_shipped_fonts() -> list[str]:
    """Add the shipped UI fonts to Qt's font database; return their family names (in file order)."""
    families: list[str] = []
    for name in UI_FONT_FILES:
        data = resource("fonts", name).read_bytes()
        font_id = QFontDatabase.addApplicationFontFromData(data)
        if font_id < 0:
            log.warning("Qt could not load the shipped font %s", name)
            continue
        for family in QFontDatabase.applicationFontFamilies(font_id):
            if family not in families:
                families.append(family)
    return families


def install_fonts(app: QApplication) -> list[str]:
    """Register the shipped fonts and make them the application font's fallbacks."""
    shipped = register_shipped_fonts()
    font = QFont(app.font())
    system = [f for f in font.families() or [font.family()] if f and f not in shipped]
    font.setFamilies([*system, *shipped])
    app.setFont(font)
    return shipped
