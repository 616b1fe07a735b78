"""Entry script of the frozen app: no arguments opens the desktop window, anything else is the CLI."""

import sys

from workbench.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
