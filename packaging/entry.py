"""The frozen app's entry point: the same command line (and, with no command, the window)."""

import multiprocessing
import sys

from readerapp.cli import main

if __name__ == "__main__":
    # Indexing parses in worker processes; a frozen app starts them by running itself again.
    multiprocessing.freeze_support()
    sys.exit(main())
