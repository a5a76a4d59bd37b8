"""The dictionary's snapshot: its records as a full validated load gives them, written once.

``data/dictionary_snapshot.json`` holds what ``dictionary.json`` and
``groups.json`` add to the catalogue (the established occupations, the
groups, the codes no record holds), each record as the values of its fields
in ``attrs.fields`` order and a source as its position in the catalogue's
sources table, as the catalogue's snapshot writes them
(:mod:`newocc._store.snapshot`).  It is built by
``python scripts/build_catalogue_snapshot.py`` from a full load, which
structures and validates every row (:func:`newocc._store.loader.load_dictionary`),
and stores the digest of the catalogue's and the dictionary's files.

:func:`packaged` reads it only when those files are exactly the ones it was
built from, the record types are those its readers were generated for, and
it is whole; otherwise it returns None and the store runs the full load,
which names the file, record and field of any fault.  Structuring and
validating 1,546 rows was about half of what the dictionary cost a first
``match()`` (see ``docs/performance.md``).
"""

from __future__ import annotations

from newocc._store import resources
from newocc._store.catalogue import Catalogue
from newocc._store.layout import SCHEMA_VERSION
from newocc._store.resources import CATALOGUE_FILES, DICTIONARY_FILES
from newocc._store.snapshot import encoder, read_snapshot

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: see newocc/__init__.py
if TYPE_CHECKING:
    from collections.abc import Callable

    from newocc._store.whole_dictionary import Dictionary

__all__ = [
    "DICTIONARY_SNAPSHOT_FILE",
    "DICTIONARY_SNAPSHOT_FORMAT",
    "fingerprint",
    "packaged",
    "snapshot_data",
]

DICTIONARY_SNAPSHOT_FILE = "dictionary_snapshot.json"
"""The snapshot, under ``newocc/data/``."""

DICTIONARY_SNAPSHOT_FORMAT = 1
"""The snapshot's own layout (its keys); a snapshot of another format is not read."""


def fingerprint(read: Callable[[str], bytes] | None = None) -> str:
    """The files the snapshot depends on (the catalogue's, whose sources it cites, and the dictionary's)."""
    return resources.files_digest((*CATALOGUE_FILES, *DICTIONARY_FILES), read)


def packaged(catalogue: Catalogue) -> Dictionary | None:
    """The dictionary on ``catalogue`` (the packaged one) from its snapshot.

    None when the snapshot is missing, stale, damaged or of another layout.
    """
    from newocc._store import structurers_dictionary_snapshot as groups_readers
    from newocc._store import structurers_snapshot as readers
    from newocc._store.whole_dictionary import Dictionary

    head = {
        "format": DICTIONARY_SNAPSHOT_FORMAT,
        "schema_version": SCHEMA_VERSION,
        "layout": readers.LAYOUT,
        "dictionary_layout": groups_readers.LAYOUT,
        "sources": len(catalogue.sources),
    }
    data = read_snapshot(DICTIONARY_SNAPSHOT_FILE, head, fingerprint)
    if data is None:
        return None
    sources = catalogue.sources
    try:
        occupation = readers.snapshot_Occupation
        group, note = groups_readers.snapshot_Group, groups_readers.snapshot_CodeNote
        whole = Dictionary(
            catalogue=catalogue,
            established=tuple([occupation(row, sources) for row in data["established"]]),
            groups=tuple([group(row, sources) for row in data["groups"]]),
            unresolved=tuple([note(row, sources) for row in data["unresolved"]]),
        )
        whole.uncited = frozenset(data["uncited"])
    except (IndexError, KeyError, TypeError, ValueError):  # a damaged snapshot: the full load runs
        return None
    return whole


def snapshot_data(whole: Dictionary) -> dict[str, object]:
    """What the snapshot holds for ``whole`` (a full validated load of the packaged data)."""
    from newocc._store import structurers_dictionary_snapshot as groups_readers
    from newocc._store import structurers_snapshot as readers

    record = encoder(whole.catalogue.sources)
    return {
        "format": DICTIONARY_SNAPSHOT_FORMAT,
        "schema_version": SCHEMA_VERSION,
        "layout": readers.LAYOUT,
        "dictionary_layout": groups_readers.LAYOUT,
        "fingerprint": fingerprint(),
        "sources": len(whole.catalogue.sources),
        "uncited": sorted(whole.uncited),
        "established": [record(occupation) for occupation in whole.established],
        "groups": [record(group) for group in whole.groups],
        "unresolved": [record(note) for note in whole.unresolved.values()],
    }
