"""The app icon (SVG master plus PNG sizes in resources/icons/) and rendering the PNGs from it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPainter

from workbench.resources import resource

PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
SVG_NAME = "workbench.svg"


def app_icon() -> QIcon:
    """The window/taskbar icon with every shipped PNG size (falls back to the SVG)."""
    icon = QIcon()
    folder = resource("icons")
    for size in PNG_SIZES:
        png = folder / f"workbench-{size}.png"
        if png.is_file():
            icon.addFile(str(png), QSize(size, size))
    if icon.isNull():
        icon.addFile(str(folder / SVG_NAME))
    return icon


def render_pngs(svg: Path, out_dir: Path, sizes: tuple[int, ...] = PNG_SIZES) -> list[Path]:
    """Render `svg` to `workbench-<size>.png` files in `out_dir` (used when the icon changes)."""
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    written = []
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        target = out_dir / f"workbench-{size}.png"
        image.save(str(target))
        written.append(target)
    return written


if __name__ == "__main__":
    import sys

    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication(sys.argv)
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("resources/icons")
    for path in render_pngs(root / SVG_NAME, root):
        print(path)
