"""Build the coder's index once and write it as ``src/newocc/data/coder_index.json``.

The default :class:`~newocc.coder.Matcher` loads this snapshot instead of
normalising and indexing the whole dictionary on first use (about ten times
faster); it is used only when the packaged data files are exactly those it was
built from (their digest is stored in it).  Run after any change to the data
files or to the coder's normalise, lexicon or index steps::

    python scripts/build_coder_index.py

``tests/test_coder_eval.py`` checks the shipped file is what this script writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from newocc.coder.matcher import SNAPSHOT_FILE, Matcher, render_snapshot, snapshot_data

TARGET = Path(__file__).resolve().parent.parent / "src" / "newocc" / "data" / SNAPSHOT_FILE


def built() -> str:
    """The snapshot's text for the packaged data, built from scratch."""
    return render_snapshot(snapshot_data(Matcher(use_snapshot=False)))


def main() -> None:
    """Write the snapshot."""
    TARGET.write_text(built(), encoding="utf-8")
    print(f"wrote {TARGET}", file=sys.stderr)


if __name__ == "__main__":
    main()
