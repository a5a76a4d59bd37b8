"""The store's last stage: the words people and the title coder use for occupations.

A :class:`Vocabulary` holds the checked aliases (``aliases.json``), the
coded posting titles (``coded_titles.json``) and the coder's lexicon
(``lexicon_*.json``).  They are data files like the others,
structured and validated by the same loader, but only the title coder reads
them, so they are loaded on top of the whole dictionary when it first asks
(:func:`newocc._store.vocabulary`), not with the catalogue a first ``find()``
needs.  Being the last stage, it is the first place every citation is known:
a source that no file cites fails this load.
"""

from __future__ import annotations

from newocc._store.aliases import Alias
from newocc._store.coded_titles import CodedTitle
from newocc._store.lexicon import Lexicon

__all__ = ["Vocabulary"]


class Vocabulary:
    """The checked aliases, coded titles and lexicon, as loaded."""

    __slots__ = ("aliases", "coded_titles", "lexicon")

    def __init__(
        self, *, aliases: tuple[Alias, ...], coded_titles: tuple[CodedTitle, ...], lexicon: Lexicon
    ) -> None:
        self.aliases = aliases
        """The names people use for occupations (``aliases.json``), in file order."""
        self.lexicon = lexicon
        """The coder's lexicon (``lexicon_*.json``)."""
        self.coded_titles = coded_titles
        """Real posting titles the project coded (``coded_titles.json``), in order: the coder's memory."""
