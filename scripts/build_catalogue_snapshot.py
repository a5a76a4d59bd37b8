"""Build the store's snapshots: ``src/newocc/data/catalogue_snapshot.json`` and ``dictionary_snapshot.json``.

A first query of the packaged data reads these snapshots instead of
structuring and validating the catalogue's and the dictionary's files again;
each is used only when those files are exactly the ones it was built from
(their digest is stored in it), and its records come from a full validated
load of them.  Run after any change to the catalogue's data files
(``release.json``, ``sources.json``, ``batches.json``, ``occupations.json``,
``facts.json``), the dictionary's (``dictionary.json``, ``groups.json``) or
the model::

    python scripts/build_catalogue_snapshot.py

``tests/test_snapshot.py`` checks the shipped files are what this script writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from newocc._store import dictionary_snapshot
from newocc._store.loader import load, load_dictionary
from newocc._store.snapshot import SNAPSHOT_FILE, render, snapshot_data

DATA = Path(__file__).resolve().parent.parent / "src" / "newocc" / "data"
TARGET = DATA / SNAPSHOT_FILE
DICTIONARY_TARGET = DATA / dictionary_snapshot.DICTIONARY_SNAPSHOT_FILE


def built() -> str:
    """The catalogue snapshot's text for the packaged data, from a full validated load."""
    return render(snapshot_data(load()))


def built_dictionary() -> str:
    """The dictionary snapshot's text for the packaged data, from a full validated load."""
    return render(dictionary_snapshot.snapshot_data(load_dictionary(load())))


def main() -> None:
    """Write both snapshots."""
    for target, text in ((TARGET, built()), (DICTIONARY_TARGET, built_dictionary())):
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target}", file=sys.stderr)


if __name__ == "__main__":
    main()
