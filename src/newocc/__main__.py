"""``python -m newocc``: the same command line as the ``newocc`` script."""

from newocc.cli import run

if __name__ == "__main__":
    run()
