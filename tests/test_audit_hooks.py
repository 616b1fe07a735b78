"""Every entry point that can write user data has the audit hooks installed before it writes."""

from __future__ import annotations

import subprocess
import sys

import pytest

CHECK = (
    "import sys\n"
    "from sqlalchemy import event\n"
    "from sqlalchemy.orm import Session\n"
    "{setup}\n"
    "assert 'workbench.cases' in sys.modules, 'workbench.cases was never imported'\n"
    "from workbench.cases import audit\n"
    "print(event.contains(Session, 'before_flush', audit._before_flush))\n"
)


def _hooks_installed_after(setup: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", CHECK.format(setup=setup)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


@pytest.mark.parametrize("command", ["measures", "lists", "audit verify"])
def test_every_cli_command_runs_with_the_audit_hooks(command: str) -> None:
    setup = f"from workbench.cli import main\nassert main({command.split()!r}) == 0"
    assert _hooks_installed_after(setup) == "True"


def test_memo_export_installs_the_audit_hooks() -> None:
    assert _hooks_installed_after("import workbench.memo.export") == "True"


def test_the_data_layer_does_not_import_the_cases_layer() -> None:
    code = (
        "import sys\n"
        "from workbench.data.store import open_store\n"
        "open_store().dispose()\n"
        "print('workbench.cases' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
