"""Packaging files that can be checked without building the app (the build is `make package-test`)."""

from __future__ import annotations

import ast
import configparser
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"

sys.path.insert(0, str(PACKAGING))
import smoke_test  # noqa: E402


def test_smoke_exit_env_shows_the_window_and_every_view_then_quits(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WORKBENCH_")}
    env.update(
        WORKBENCH_HOME=str(tmp_path / "home"), QT_QPA_PLATFORM="offscreen", WORKBENCH_SMOKE_EXIT_AFTER_MS="0"
    )
    proc = subprocess.run(
        [sys.executable, "-m", "workbench"], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert "window-shown visible=True title='Workbench" in proc.stdout
    views = next(line for line in proc.stdout.splitlines() if line.startswith("views-shown "))
    assert {"dashboard", "suppliers", "measures"} <= set(views.split()[1:])
    assert (tmp_path / "home" / "workbench.sqlite3").is_file()
    log = (tmp_path / "home" / "logs" / "workbench.log").read_text(encoding="utf-8")
    assert "Smoke test: main window shown" in log and "Smoke test: views opened: dashboard" in log
    assert " ERROR " not in log


def test_smoke_test_uses_only_the_standard_library() -> None:
    tree = ast.parse((PACKAGING / "smoke_test.py").read_text(encoding="utf-8"))
    modules = {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    modules |= {
        node.module.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module
    }
    assert modules and modules <= set(sys.stdlib_module_names), modules - set(sys.stdlib_module_names)


def test_smoke_test_recognises_a_broken_bundle() -> None:
    broken = [
        "ModuleNotFoundError: No module named 'PIL'",
        'qt.qpa.plugin: Could not find the Qt platform plugin "xcb" in ""',
        "FileNotFoundError: [Errno 2] No such file or directory: '.../measures.json'",
        "[PYI-4834:ERROR] Failed to execute script 'launcher' due to unhandled exception!",
        "ImportError: libxcb-icccm.so.4: cannot open shared object file: No such file or directory",
    ]
    for line in broken:
        assert smoke_test.BROKEN.search(line), line
    assert not smoke_test.BROKEN.search('{"results": [{"row": 1, "input_name": "Acme", "matches": []}]}')


def test_smoke_test_passes_no_developer_environment(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PYTHONPATH", "/src")
    monkeypatch.setenv("VIRTUAL_ENV", "/venv")
    monkeypatch.setenv("WORKBENCH_DB_URL", "postgresql://x")
    env = smoke_test.clean_env(tmp_path, WORKBENCH_SIGNING_PASSPHRASE="p")
    assert "PYTHONPATH" not in env and "VIRTUAL_ENV" not in env and "WORKBENCH_DB_URL" not in env
    assert env["WORKBENCH_HOME"] == str(tmp_path) and env["QT_QPA_PLATFORM"] == "offscreen"
    assert env["WORKBENCH_SIGNING_PASSPHRASE"] == "p"


def test_desktop_entry() -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(PACKAGING / "workbench.desktop", encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application" and entry["Name"] == "Workbench"
    assert entry["Terminal"] == "false" and entry["Categories"].endswith(";")
    assert entry["Icon"] == "workbench"
    # install.sh copies resources/icons/workbench-<size>.png to hicolor as the icon named above
    assert (ROOT / "resources" / "icons" / "workbench-256.png").is_file()
    assert (ROOT / "resources" / "icons" / "workbench.svg").is_file()


def test_install_script_is_valid_posix_shell() -> None:
    subprocess.run(["sh", "-n", str(PACKAGING / "linux" / "install.sh")], check=True)
    assert os.access(PACKAGING / "linux" / "install.sh", os.X_OK)


def test_installer_inputs_exist() -> None:
    for icon in ("workbench.ico", "workbench.icns"):
        assert (PACKAGING / "icons" / icon).stat().st_size > 1000
    iss = (PACKAGING / "windows" / "workbench.iss").read_text(encoding="utf-8")
    icon = re.search(r"^SetupIconFile=(.+)$", iss, re.MULTILINE)
    assert icon and (PACKAGING / "windows" / icon.group(1).replace("\\", "/")).resolve().is_file()


def test_spec_reads_the_version_and_ships_the_migrations_as_files() -> None:
    spec = (PACKAGING / "workbench.spec").read_text(encoding="utf-8")
    ast.parse(spec)
    assert 'tomllib.loads((ROOT / "pyproject.toml")' in spec
    assert tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    # Alembic loads these from files; the spec globs migrations/*.py and versions/*.py.
    assert '"workbench/data/migrations/versions"' in spec
    versions = list((ROOT / "workbench" / "data" / "migrations" / "versions").iterdir())
    assert all(p.suffix == ".py" or p.name == "__pycache__" for p in versions), versions


def test_the_bundle_ships_every_font_the_window_registers() -> None:
    from workbench.ui.fonts import UI_FONT_FILES

    spec = (PACKAGING / "workbench.spec").read_text(encoding="utf-8")
    assert 'tree(ROOT / "resources", "workbench/resources"' in spec  # all of resources/, fonts included
    smoke = (PACKAGING / "smoke_test.py").read_text(encoding="utf-8")
    for name in UI_FONT_FILES:
        assert (ROOT / "resources" / "fonts" / name).is_file()
        assert f"workbench/resources/fonts/{name}" in smoke
