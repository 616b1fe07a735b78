"""Light and dark palettes that follow the system colour scheme (Qt 6.5+), plus semantic colours."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication


@dataclass(frozen=True)
class Scheme:
    """The colours of one scheme; views read `current()` instead of hard-coding colours."""

    dark: bool
    window: str
    base: str
    alt_base: str
    text: str
    muted: str
    accent: str
    border: str
    highlight_bg: str  # matched tokens in the review pane
    highlight_fg: str
    risk: dict[str, str]


LIGHT = Scheme(
    dark=False,
    window="#f4f5f7",
    base="#ffffff",
    alt_base="#f7f8fa",
    text="#1d2330",
    muted="#5b6475",
    accent="#1f5fa8",
    border="#d5d9e0",
    highlight_bg="#ffe08a",
    highlight_fg="#1d2330",
    risk={
        "severe": "#8e1b1b",
        "high": "#c8372d",
        "medium": "#b36b00",
        "low": "#2f8f4e",
    },
)

DARK = Scheme(
    dark=True,
    window="#1e2128",
    base="#262a33",
    alt_base="#2c313b",
    text="#e6e9ef",
    muted="#a3abb9",
    accent="#6ea8fe",
    border="#3a404c",
    highlight_bg="#7a5d00",
    highlight_fg="#fff6d6",
    risk={
        "severe": "#ff6b6b",
        "high": "#ff8a65",
        "medium": "#f5c451",
        "low": "#5fd08a",
    },
)

_current: Scheme = LIGHT


def current() -> Scheme:
    """The scheme in use now."""
    return _current


def system_prefers_dark() -> bool:
    """True when the platform reports a dark colour scheme."""
    app = QGuiApplication.instance()
    if app is None:
        return False
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def palette_for(scheme: Scheme) -> QPalette:
    """A complete QPalette for `scheme` (Fusion style renders it faithfully on every platform)."""
    p = QPalette()
    role = QPalette.ColorRole
    p.setColor(role.Window, QColor(scheme.window))
    p.setColor(role.WindowText, QColor(scheme.text))
    p.setColor(role.Base, QColor(scheme.base))
    p.setColor(role.AlternateBase, QColor(scheme.alt_base))
    p.setColor(role.Text, QColor(scheme.text))
    p.setColor(role.Button, QColor(scheme.base if not scheme.dark else scheme.alt_base))
    p.setColor(role.ButtonText, QColor(scheme.text))
    p.setColor(role.ToolTipBase, QColor(scheme.base))
    p.setColor(role.ToolTipText, QColor(scheme.text))
    p.setColor(role.PlaceholderText, QColor(scheme.muted))
    p.setColor(role.Highlight, QColor(scheme.accent))
    p.setColor(role.HighlightedText, QColor("#ffffff" if not scheme.dark else "#0d1117"))
    p.setColor(role.Link, QColor(scheme.accent))
    p.setColor(role.LinkVisited, QColor(scheme.accent))
    p.setColor(role.Mid, QColor(scheme.border))
    p.setColor(role.Midlight, QColor(scheme.border))
    p.setColor(role.BrightText, QColor("#ffffff"))
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.Text, role.WindowText, role.ButtonText):
        p.setColor(disabled, r, QColor(scheme.muted))
    return p


def stylesheet(scheme: Scheme) -> str:
    """The few style rules a palette cannot express (sidebar, cards, headings)."""
    on_accent = "#ffffff" if not scheme.dark else "#0d1117"
    return f"""
    QListWidget#navigation {{
        background: {scheme.base}; border: none; border-right: 1px solid {scheme.border};
        font-size: 10.5pt; padding-top: 8px; outline: 0;
    }}
    QListWidget#navigation::item {{ padding: 9px 12px; border-radius: 6px; margin: 2px 8px; }}
    QListWidget#navigation::item:selected {{ background: {scheme.accent}; color: {on_accent}; }}
    QFrame#card {{ background: {scheme.base}; border: 1px solid {scheme.border}; border-radius: 8px; }}
    QLabel#cardValue {{ font-size: 22pt; font-weight: 600; }}
    QLabel#cardTitle {{ color: {scheme.muted}; font-size: 9.5pt; }}
    QLabel#viewTitle {{ font-size: 15pt; font-weight: 600; }}
    QLabel#muted {{ color: {scheme.muted}; }}
    QLabel#notice {{ color: {scheme.accent}; font-style: italic; }}
    QLabel#fieldError {{ color: {scheme.risk["high"]}; font-size: 9pt; }}
    QFrame#alert {{ background: {scheme.highlight_bg}; border-radius: 6px; }}
    QFrame#alert QLabel {{ color: {scheme.highlight_fg}; }}
    """


def apply(app: QApplication, dark: bool | None = None) -> Scheme:
    """Apply the light or dark palette (following the system when `dark` is None)."""
    global _current
    _current = DARK if (system_prefers_dark() if dark is None else dark) else LIGHT
    app.setStyle("Fusion")
    app.setPalette(palette_for(_current))
    app.setStyleSheet(stylesheet(_current))
    return _current


THEMES = {"system": None, "light": False, "dark": True}
_chosen: bool | None = None  # the user's choice in Settings (None: follow the system)


def choose(app: QApplication, name: str) -> Scheme:
    """Apply the theme chosen in Settings ("system", "light" or "dark")."""
    global _chosen
    _chosen = THEMES.get(name)
    return apply(app, dark=_chosen)


def follow_system(app: QApplication) -> None:
    """Re-apply the palette whenever the system switches between light and dark."""
    QGuiApplication.styleHints().colorSchemeChanged.connect(lambda scheme: scheme_changed(app, scheme))


def scheme_changed(app: QApplication, scheme: Qt.ColorScheme) -> Scheme:
    """Apply the palette of the system's new scheme (Unknown is light), unless the user chose a theme."""
    return apply(app, dark=scheme == Qt.ColorScheme.Dark if _chosen is None else _chosen)
