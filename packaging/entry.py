"""Entry point of the frozen application: the same CLI (no command = the desktop app)."""
import multiprocessing
import sys

from burgerannotator.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
