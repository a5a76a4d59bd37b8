"""The store: the only layer that reads package data.

``resources`` reads the files, ``loader`` structures them (with ``fast`` and
cattrs) and ``validate`` checks them into a :class:`Catalogue`; ``current()``
loads the packaged data on first use, once, even when many threads ask at the
same moment.  ``dictionary()`` does the same for the whole 2022 dictionary
(a :class:`~newocc._store.whole_dictionary.Dictionary`, built on ``current()``),
which nothing loads until a query or the title coder asks for it.
"""

from __future__ import annotations

from newocc._lazy import Lazy
from newocc._store.catalogue import Catalogue

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: see newocc/__init__.py
if TYPE_CHECKING:
    from newocc._store.whole_dictionary import Dictionary

__all__ = ["Catalogue", "current", "dictionary"]


def _load() -> Catalogue:
    # Imported here, not at the top: the loader pulls in json and the
    # structurer, which a caller that only needs the Catalogue type avoids.
    from newocc._store.loader import load

    return load()


def _load_dictionary() -> Dictionary:
    from newocc._store.loader import load_dictionary

    return load_dictionary(current())


_packaged: Lazy[Catalogue] = Lazy(_load)
_packaged_dictionary: Lazy[Dictionary] = Lazy(_load_dictionary)


def current() -> Catalogue:
    """The packaged catalogue, loaded and validated on the first call."""
    return _packaged.get()


def dictionary() -> Dictionary:
    """The packaged 2022 dictionary (every record, in code order), loaded on the first call.

    ``dictionary().occupations`` holds the catalogue's records (the same
    objects as ``current().occupations``) and every ``Status.ESTABLISHED``
    occupation; see :class:`~newocc._store.whole_dictionary.Dictionary`.
    """
    return _packaged_dictionary.get()
