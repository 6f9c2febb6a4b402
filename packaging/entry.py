"""The frozen app's entry point: the same command line (and, with no command, the window)."""

import sys

from readerapp.cli import main

if __name__ == "__main__":
    sys.exit(main())
