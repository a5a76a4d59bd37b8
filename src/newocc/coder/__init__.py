"""The title coder: job titles as people write them → occupations of the 2022 dictionary.

>>> from newocc import coder
>>> coder.match("外卖小哥").occupation.name_zh
'网约配送员'
>>> coder.match("快递员") is None             # an older occupation, not a new one
True
>>> coder.classify("快递员").occupation.name_zh
'快递员'

The pipeline, one module per step: :mod:`~newocc.coder.normalise` (the
comparable form of a title) → :mod:`~newocc.coder.lexicon` (role classes,
brands, abbreviations, anchors) → :mod:`~newocc.coder.index` (documents and
their BM25F postings) → :mod:`~newocc.coder.scorers` (the evidence, one
scorer per kind) → :mod:`~newocc.coder.calibrate` (the ranking weights and a
calibrated confidence) → :mod:`~newocc.coder.matcher` (:class:`Matcher`, the
ranking loop) → :mod:`~newocc.coder.result` (:class:`Match`).
:mod:`~newocc.coder.evaluate` scores any matcher on labelled titles.

The functions here use a default :class:`Matcher`, built from the packaged
data on first use (once, even when many threads ask at the same moment).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from newocc._lazy import Lazy
from newocc.coder.calibrate import OPERATING_POINT
from newocc.coder.matcher import Matcher
from newocc.coder.result import Evidence, LabelKind, Match

__all__ = [
    "OPERATING_POINT",
    "Evidence",
    "LabelKind",
    "Match",
    "Matcher",
    "classify",
    "default",
    "match",
    "match_many",
    "search",
]

_default: Lazy[Matcher] = Lazy(Matcher)


def default() -> Matcher:
    """The matcher built from the packaged data (on the first call)."""
    return _default.get()


def search(text: str, *, limit: int = 5) -> tuple[Match, ...]:
    """The best ``limit`` new occupations for ``text``, with confidences (:meth:`Matcher.search`)."""
    return _default.get().search(text, limit=limit)


def match(text: str) -> Match | None:
    """The new occupation ``text`` names, when the coder is confident enough (:meth:`Matcher.match`)."""
    return _default.get().match(text)


def match_many(titles: Iterable[str]) -> Iterator[Match | None]:
    """:func:`match` for each title, lazily, in order (:meth:`Matcher.match_many`)."""
    return _default.get().match_many(titles)


def classify(text: str) -> Match | None:
    """The occupation of the dictionary that best explains ``text``, new or not (:meth:`Matcher.classify`)."""
    return _default.get().classify(text)


def __dir__() -> list[str]:
    return list(__all__)
