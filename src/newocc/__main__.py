"""``python -m newocc`` and the ``newocc`` script: the command line of :mod:`newocc.cli`.

This module imports nothing heavy before it can catch Ctrl-C, so an
interrupt while the command line is still being imported is one line on
stderr and exit code 130, not a traceback.
"""

import sys

__all__ = ["run"]


def run() -> None:
    """Import and run the command line; exit with its code."""
    try:
        from newocc import cli
    except KeyboardInterrupt:
        sys.stderr.write("newocc: interrupted\n")
        sys.exit(130)
    cli.run()


if __name__ == "__main__":
    run()
