"""Entry point: no arguments opens the desktop app; anything else is a CLI command."""

from __future__ import annotations

import sys


def main() -> int:
    """Start the desktop app (no arguments) or run a CLI command."""
    argv = sys.argv[1:]
    if not argv:
        from workbench.ui.app import run_app

        return run_app()
    from workbench.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
