"""Read the packaged data files: the only place that touches package data."""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable, Iterable

from newocc.errors import CatalogueError

__all__ = [
    "CATALOGUE_FILES",
    "DATA_FILES",
    "DICTIONARY_FILES",
    "VOCABULARY_FILES",
    "digest",
    "files_digest",
    "read_data",
]

CATALOGUE_FILES = (
    "release.json",
    "sources.json",
    "batches.json",
    "occupations.json",
    "facts.json",
)
"""The catalogue's files under ``newocc/data/``: all that a first ``find()`` reads (with the
catalogue's snapshot, ``newocc._store.snapshot``, built from them)."""

DICTIONARY_FILES = ("dictionary.json", "groups.json")
"""The files the rest of the 2022 dictionary adds, read only when it is first needed."""

VOCABULARY_FILES = (
    "aliases.json",
    "posting_sources.json",
    "coded_titles.json",
    "lexicon_roles.json",
    "lexicon_heads.json",
    "lexicon_terms.json",
    "lexicon_anchors.json",
)
"""The aliases, the coded titles and the coder's lexicon, read after the dictionary when the title
coder first needs them."""

DATA_FILES = (*CATALOGUE_FILES, *VOCABULARY_FILES)
"""Every data file but the dictionary's: the catalogue's, then the vocabulary's."""


def read_data(name: str) -> bytes:
    """Return the bytes of ``newocc/data/<name>``, from a directory, wheel or zip.

    A file that is missing or cannot be read is a broken installation: a
    :class:`~newocc.errors.CatalogueError` naming the file, not an ``OSError``
    a caller would take for its own (a full disk, an unwritable output file).
    """
    # Fast path: the loader that imported this module reads files next to it,
    # from a plain directory (SourceFileLoader) and a zip archive (zipimporter)
    # alike.  importlib.resources costs several ms (pathlib, zipfile, tempfile)
    # on the first query, so it is kept for loaders without get_data.
    get_data = getattr(__spec__.loader, "get_data", None)
    origin = __spec__.origin
    if get_data is not None and origin:
        try:
            # os.path, not pathlib: pathlib is one of the imports this path avoids.
            data = get_data(os.path.join(os.path.dirname(os.path.dirname(origin)), "data", name))  # noqa: PTH118, PTH120
        except OSError:
            pass
        else:
            if isinstance(data, bytes):
                return data
    from importlib.resources import files

    try:
        return files("newocc").joinpath("data").joinpath(name).read_bytes()
    except OSError as exc:
        raise CatalogueError(name, "-", "-", f"cannot be read: {exc.strerror or exc}") from None


def digest(data: bytes) -> str:
    """A short digest of ``data``: its CRC-32 and size.

    CRC-32 rather than SHA-256: importing :mod:`hashlib` loads OpenSSL, several
    milliseconds of a first query.  It tells a snapshot built from other data,
    not a forgery.
    """
    return f"{zlib.crc32(data):08x}:{len(data)}"


def files_digest(names: Iterable[str], read: Callable[[str], bytes] | None = None) -> str:
    """The digest of each named data file, as ``name:digest`` joined by spaces.

    How the snapshots (the catalogue's, the coder's index) record the data files
    they were built from; ``read`` defaults to :func:`read_data`.
    """
    read = read or read_data
    return " ".join(f"{name}:{digest(read(name))}" for name in names)
