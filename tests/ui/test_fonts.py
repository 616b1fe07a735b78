"""Chinese and Uyghur text renders with the shipped fonts, also on a machine without system CJK fonts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.ui

# Distinct Chinese characters and Uyghur (Arabic-script) letters from supplier names.
SAMPLES = ["和", "田", "泰", "达", "棉", "纺", "ئ", "ۇ", "ي", "غ", "ۆ", "ې"]

RENDER_SCRIPT = """
import hashlib, sys
from PySide6.QtWidgets import QLabel
from workbench.ui.app import application
app = application(["workbench"])
for ch in sys.argv[1:]:
    label = QLabel(ch)
    font = label.font()
    font.setPixelSize(32)
    label.setFont(font)
    label.resize(64, 64)
    image = label.grab().toImage()
    bits = bytes(image.constBits())
    print(hashlib.sha256(bits).hexdigest())
"""


def glyph_images(chars: list[str], env: dict[str, str]) -> list[str]:
    """A hash of each character's rendering in a QLabel of the app, in a fresh process with `env`."""
    done = subprocess.run(
        [sys.executable, "-c", RENDER_SCRIPT, *chars],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout.split()


def no_system_fonts_env(tmp_path: Path) -> dict[str, str]:
    """The environment of a machine whose fontconfig knows no fonts at all."""
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
        f"<fontconfig><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>\n",
        encoding="utf-8",
    )
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FONTCONFIG_FILE": str(config)}


def test_distinct_chinese_and_uyghur_characters_render_as_distinct_glyphs_without_system_fonts(tmp_path):
    hashes = glyph_images(SAMPLES, no_system_fonts_env(tmp_path))
    assert len(hashes) == len(SAMPLES)
    assert len(set(hashes)) == len(SAMPLES), "some characters render alike (missing-glyph boxes)"
    blank = glyph_images([" "], no_system_fonts_env(tmp_path))[0]
    assert blank not in hashes


def test_the_shipped_fonts_are_registered_with_qt(qapp):
    from PySide6.QtGui import QFontDatabase

    from workbench.ui.app import application

    application()
    families = set(QFontDatabase.families())
    assert {"DejaVu Sans", "WenQuanYi Micro Hei"} <= families
    assert "WenQuanYi Micro Hei" in application().font().families()


def test_the_glyph_check_can_fail_without_the_shipped_fonts(tmp_path):
    """Guard for the test above: without registration, CJK characters all render as the same box."""
    script = RENDER_SCRIPT.replace(
        'from workbench.ui.app import application\napp = application(["workbench"])',
        "from PySide6.QtWidgets import QApplication\napp = QApplication([])",
    )
    assert script != RENDER_SCRIPT
    done = subprocess.run(
        [sys.executable, "-c", script, *SAMPLES[:4]],
        env=no_system_fonts_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert len(set(done.stdout.split())) < 4
