"""The catalogue's snapshot: its records as a full validated load gives them, written once.

``data/catalogue_snapshot.json`` holds every record of the catalogue (sources,
batches, occupations, facts), each as the values of its fields in
``attrs.fields`` order, a source as its position in the sources table.  It is
built by ``python scripts/build_catalogue_snapshot.py`` from a full load of the
data files, which structures and validates every row
(:func:`newocc._store.loader.load`), and stores their digest.

:func:`packaged` reads it only when the catalogue's data files are exactly
those it was built from (the digest matches), the code reads their schema
version, and the record types are those its readers were generated for
(``LAYOUT``), and the snapshot is whole (the digest of its tables, ``body``);
otherwise it returns None and the store runs the full load,
which names the file, record and field of any fault.  So a first query
builds the catalogue's 775 records straight from their values instead of
structuring and validating the rows again (see ``docs/performance.md``).
``tests/test_snapshot.py`` checks that the shipped snapshot is what the script
writes and that it reads back equal to the full load.
"""

from __future__ import annotations

import datetime as _dt
import enum
import json
from typing import cast

from newocc._store import resources
from newocc._store.catalogue import Catalogue
from newocc._store.layout import SCHEMA_VERSION
from newocc._store.resources import CATALOGUE_FILES
from newocc.model import Source

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: see newocc/__init__.py
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from typing import Any

__all__ = [
    "SNAPSHOT_FILE",
    "SNAPSHOT_FORMAT",
    "encoder",
    "fingerprint",
    "packaged",
    "read_snapshot",
    "render",
    "snapshot_data",
]

SNAPSHOT_FILE = "catalogue_snapshot.json"
"""The snapshot, under ``newocc/data/``."""

SNAPSHOT_FORMAT = 1
"""The snapshot's own layout (its keys); a snapshot of another format is not read."""


def fingerprint(read: Callable[[str], bytes] | None = None) -> str:
    """The catalogue's data files as the snapshot records them (see ``resources.files_digest``)."""
    return resources.files_digest(CATALOGUE_FILES, read)


def read_snapshot(
    file: str, head: Mapping[str, object], fingerprint: Callable[[Callable[[str], bytes]], str]
) -> dict[str, Any] | None:
    """The parsed snapshot ``file`` if it may be read, else None (and the store runs the full load).

    It may when it is JSON, its first line holds ``head`` and the digest of the
    lines after it (it is whole), and it was built from the data files as they
    are now (``fingerprint``, computed last: it reads them).
    """
    read = resources.read_data
    try:
        raw = read(file)
        data = json.loads(raw)
    except ValueError:  # a CatalogueError (not installed) or not JSON
        return None
    if (
        not isinstance(data, dict)
        or any(data.get(key) != value for key, value in head.items())
        or data.get("body") != resources.digest(raw.partition(b"\n")[2])
        or data.get("fingerprint") != fingerprint(read)
    ):
        return None
    return data


def packaged() -> Catalogue | None:
    """The catalogue from its snapshot, or None when the snapshot is missing, stale or of another layout."""
    from newocc._store import structurers_snapshot as readers

    head = {"format": SNAPSHOT_FORMAT, "schema_version": SCHEMA_VERSION, "layout": readers.LAYOUT}
    data = read_snapshot(SNAPSHOT_FILE, head, fingerprint)
    if data is None:
        return None
    try:
        sources = tuple([readers.snapshot_Source(row) for row in data["sources"]])
        batch, occupation, fact = readers.snapshot_Batch, readers.snapshot_Occupation, readers.snapshot_Fact
        catalogue = Catalogue(
            occupations=tuple([occupation(row, sources) for row in data["occupations"]]),
            batches=tuple([batch(row, sources) for row in data["batches"]]),
            sources=sources,
            facts=tuple([fact(row, sources) for row in data["facts"]]),
            data_version=data["data_version"],
        )
        catalogue.uncited = frozenset(data["uncited"])
    except (IndexError, KeyError, TypeError, ValueError):  # a damaged snapshot: the full load runs
        return None
    return catalogue


def snapshot_data(catalogue: Catalogue) -> dict[str, object]:
    """What the snapshot holds for ``catalogue`` (a full validated load of the packaged data)."""
    from newocc._store import structurers_snapshot as readers

    record = encoder(catalogue.sources)
    return {
        "format": SNAPSHOT_FORMAT,
        "schema_version": SCHEMA_VERSION,
        "layout": readers.LAYOUT,
        "fingerprint": fingerprint(),
        "data_version": catalogue.data_version,
        "uncited": sorted(catalogue.uncited),
        "sources": [record(source) for source in catalogue.sources],
        "batches": [record(batch) for batch in catalogue.batches],
        "occupations": [record(occupation) for occupation in catalogue.occupations],
        "facts": [record(fact) for fact in catalogue.facts],
    }


def encoder(sources: tuple[Source, ...]) -> Callable[[object], list[object]]:
    """A function that writes a record as a snapshot holds it, a source as its position in ``sources``.

    A record must cite the table's own source objects (as a full load's do), so
    that reading it back gives records that share them.
    """
    import attrs

    positions = {source.id: position for position, source in enumerate(sources)}
    for position, source in enumerate(sources):
        if positions[source.id] != position:
            raise ValueError(f"source {source.id!r} is listed twice")

    def encode(value: object) -> object:
        if isinstance(value, Source):
            if sources[positions[value.id]] is not value:
                raise ValueError(f"source {value.id!r} is not the catalogue's own object")
            return positions[value.id]
        if attrs.has(value.__class__):
            return record(value)
        if isinstance(value, tuple):
            return [encode(item) for item in value]
        if isinstance(value, enum.Enum):
            return value.value
        if isinstance(value, _dt.date):
            return value.isoformat()
        if value is None or isinstance(value, (str, int, bool)):
            return value
        raise TypeError(f"no snapshot form for {value!r}")

    def record(value: object) -> list[object]:
        kind = cast("type[attrs.AttrsInstance]", type(value))
        return [encode(getattr(value, field.name)) for field in attrs.fields(kind)]

    return record


def render(data: dict[str, object]) -> str:
    """The snapshot file's text: one record per line, so that a data change shows as a small diff.

    The first line holds everything but the tables, with the digest of the lines after
    it (``body``): a snapshot damaged after it was written is not read.
    """
    head = {key: value for key, value in data.items() if not isinstance(value, list) or key == "uncited"}
    tables = [key for key, value in data.items() if key not in head]
    lines = []
    for number, key in enumerate(tables):
        rows = data[key]
        assert isinstance(rows, list)
        lines.append(f'"{key}":[')
        lines += [
            json.dumps(row, ensure_ascii=False, separators=(",", ":")) + ("," if i < len(rows) - 1 else "")
            for i, row in enumerate(rows)
        ]
        lines.append("]" + ("," if number < len(tables) - 1 else ""))
    lines.append("}")
    body = "\n".join(lines) + "\n"
    head["body"] = resources.digest(body.encode("utf-8"))
    return "{" + json.dumps(head, ensure_ascii=False, separators=(",", ":"))[1:-1] + ",\n" + body
