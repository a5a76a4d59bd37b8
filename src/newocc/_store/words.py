"""The store's last stage: the words people and the title coder use for occupations.

A :class:`Vocabulary` holds the checked aliases (``aliases.json``) and the
coder's lexicon (``lexicon_*.json``).  They are data files like the others,
structured and validated by the same loader, but only the title coder reads
them, so they are loaded on top of the whole dictionary when it first asks
(:func:`newocc._store.vocabulary`), not with the catalogue a first ``find()``
needs.  Being the last stage, it is the first place every citation is known:
a source that no file cites fails this load.
"""

from __future__ import annotations

from newocc._store.aliases import Alias
from newocc._store.lexicon import Lexicon

__all__ = ["Vocabulary"]


class Vocabulary:
    """The checked aliases and lexicon, as loaded."""

    __slots__ = ("aliases", "lexicon")

    def __init__(self, *, aliases: tuple[Alias, ...], lexicon: Lexicon) -> None:
        self.aliases = aliases
        """The names people use for occupations (``aliases.json``), in file order."""
        self.lexicon = lexicon
        """The coder's lexicon (``lexicon_*.json``)."""
