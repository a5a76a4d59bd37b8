"""The store: the only layer that reads package data.

``resources`` reads the files, ``loader`` structures them (with the generated
``structurers``, see ``codegen``) and ``validate`` checks them into a
:class:`Catalogue`; ``current()``
loads the packaged data on first use, once, even when many threads ask at the
same moment.  ``dictionary()`` does the same for the whole 2022 dictionary
(a :class:`~newocc._store.whole_dictionary.Dictionary`, built on ``current()``),
which nothing loads until a query or the title coder asks for it.
``vocabulary()`` adds the aliases and the coder's lexicon on top of the
dictionary (a :class:`~newocc._store.words.Vocabulary`), for the title
coder only.  Each stage is built by the same loader and validator, once, and
is either whole or raises: a failed load leaves nothing behind, and the next
call tries again.
"""

from __future__ import annotations

from newocc._lazy import Lazy
from newocc._store.catalogue import Catalogue

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: see newocc/__init__.py
if TYPE_CHECKING:
    from newocc._store.whole_dictionary import Dictionary
    from newocc._store.words import Vocabulary

__all__ = ["Catalogue", "current", "dictionary", "vocabulary"]


def _load() -> Catalogue:
    # Imported here, not at the top: the loader pulls in json and the
    # structurer, which a caller that only needs the Catalogue type avoids.
    # The snapshot holds the records a full load of these very files gives
    # (its digest says so); when it does not match, the full load runs and
    # names any fault.
    from newocc._store.snapshot import packaged

    catalogue = packaged()
    if catalogue is not None:
        return catalogue
    from newocc._store.loader import load

    return load()


def _load_dictionary() -> Dictionary:
    # As for the catalogue: the snapshot when it matches these very files, else
    # the full load, which names any fault.
    from newocc._store.dictionary_snapshot import packaged

    catalogue = current()
    whole = packaged(catalogue)
    if whole is not None:
        return whole
    from newocc._store.loader import load_dictionary

    return load_dictionary(catalogue)


def _load_vocabulary() -> Vocabulary:
    from newocc._store.loader import load_vocabulary

    return load_vocabulary(dictionary())


_packaged: Lazy[Catalogue] = Lazy(_load)
_packaged_dictionary: Lazy[Dictionary] = Lazy(_load_dictionary)
_packaged_vocabulary: Lazy[Vocabulary] = Lazy(_load_vocabulary)


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


def vocabulary() -> Vocabulary:
    """The packaged aliases and lexicon, loaded and validated (after the dictionary) on the first call.

    Only the title coder needs them.  This stage also checks that every
    source in ``sources.json`` is cited by some file: it is the first stage
    that has read them all.
    """
    return _packaged_vocabulary.get()
