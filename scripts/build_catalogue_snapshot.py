"""Build the catalogue's snapshot and write it as ``src/newocc/data/catalogue_snapshot.json``.

A first query of the packaged data reads this snapshot instead of structuring
and validating the catalogue's files again; it is used only when those files
are exactly the ones it was built from (their digest is stored in it), and its
records come from a full validated load of them.  Run after any change to the
catalogue's data files (``release.json``, ``sources.json``, ``batches.json``,
``occupations.json``, ``facts.json``) or to the model::

    python scripts/build_catalogue_snapshot.py

``tests/test_snapshot.py`` checks the shipped file is what this script writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from newocc._store.loader import load
from newocc._store.snapshot import SNAPSHOT_FILE, render, snapshot_data

TARGET = Path(__file__).resolve().parent.parent / "src" / "newocc" / "data" / SNAPSHOT_FILE


def built() -> str:
    """The snapshot's text for the packaged data, from a full validated load."""
    return render(snapshot_data(load()))


def main() -> None:
    """Write the snapshot."""
    TARGET.write_text(built(), encoding="utf-8")
    print(f"wrote {TARGET}", file=sys.stderr)


if __name__ == "__main__":
    main()
