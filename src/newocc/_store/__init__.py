"""The store: the only layer that reads package data.

``resources`` reads the files, ``loader`` structures them (with ``fast`` and
cattrs) and ``validate`` checks them into a :class:`Catalogue`; ``current()``
loads the packaged data on first use, once, even when many threads ask at the
same moment.
"""

from __future__ import annotations

from newocc._lazy import Lazy
from newocc._store.catalogue import Catalogue

__all__ = ["Catalogue", "current"]


def _load() -> Catalogue:
    # Imported here, not at the top: the loader pulls in json and the
    # structurer, which a caller that only needs the Catalogue type avoids.
    from newocc._store.loader import load

    return load()


_packaged: Lazy[Catalogue] = Lazy(_load)


def current() -> Catalogue:
    """The packaged catalogue, loaded and validated on the first call."""
    return _packaged.get()
