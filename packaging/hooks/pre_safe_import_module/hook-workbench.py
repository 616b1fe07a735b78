"""PyInstaller: find `workbench.resources` in the repository's resources/ folder.

pyproject.toml installs resources/ as the package `workbench.resources` (a package-dir mapping).
PyInstaller searches packages by path only, so the repository root is added to the `__path__`
of `workbench`: `workbench.resources` then resolves to <root>/resources/__init__.py.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def pre_safe_import_module(api):
    api.append_package_path(str(ROOT))
