"""Entry script of the frozen app: no arguments opens the desktop window, anything else is the CLI."""

import os
import sys

from workbench.__main__ import main


def _console_for_commands() -> None:
    """Windows: `Workbench.exe` is a windowed program without stdout. Run with a command from a terminal,
    it prints into that terminal (scripts should use the console twin `workbench-cli.exe`, which also
    waits for the command to finish); with no terminal its output is discarded instead of failing."""
    if sys.platform != "win32" or len(sys.argv) < 2 or sys.stdout is not None:
        return
    import ctypes

    attached = ctypes.windll.kernel32.AttachConsole(-1)  # ATTACH_PARENT_PROCESS
    target = "CONOUT$" if attached else os.devnull
    sys.stdout = open(target, "w", encoding="utf-8", errors="replace")  # noqa: SIM115
    sys.stderr = open(target, "w", encoding="utf-8", errors="replace")  # noqa: SIM115


if __name__ == "__main__":
    _console_for_commands()
    sys.exit(main())
