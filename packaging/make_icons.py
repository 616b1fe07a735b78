"""Regenerate packaging/icons/workbench.ico (Windows) and workbench.icns (macOS) from resources/icons/.

Needs Pillow (not a runtime dependency):
`.venv/bin/pip install pillow && .venv/bin/python packaging/make_icons.py`.
Run it after the PNG sizes in resources/icons/ change (they are rendered from workbench.svg by
`python -m workbench.ui.icons`).
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "icons"
OUT = ROOT / "packaging" / "icons"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    largest = Image.open(SOURCE / "workbench-512.png").convert("RGBA")
    ico_sizes = [(s, s) for s in (16, 24, 32, 48, 64, 128, 256)]
    largest.save(OUT / "workbench.ico", sizes=ico_sizes)
    largest.save(OUT / "workbench.icns")
    for name in ("workbench.ico", "workbench.icns"):
        print(OUT / name, (OUT / name).stat().st_size, "bytes")


if __name__ == "__main__":
    main()
