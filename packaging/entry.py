"""The frozen app's entry point: the window with no arguments, else the command line."""

import multiprocessing

from secresponder.cli.main import run

if __name__ == "__main__":
    multiprocessing.freeze_support()  # a frozen app must not re-run itself in a child
    run()
