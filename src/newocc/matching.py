"""Free-text search: map job titles as people write them to occupations and work types.

>>> import newocc
>>> newocc.match("外卖小哥").occupation.name_zh
'网约配送员'

A title is normalised (see :func:`newocc._normalise.normalise`: traditional
to simplified script, width, case, punctuation, salary and hiring noise) and
compared with every label: official Chinese and English names, work-type
names, former names, codes and the aliases in ``data/aliases.json``.  Three
kinds of match are scored in separate bands, so a stronger kind always
outranks a weaker one:

====================================  ==================================
the title, normalised, ...            score
====================================  ==================================
is a code or an official label        1.0
is an alias                           0.95
contains labels of one occupation     0.7 + 0.2 × share of title covered
differs from a label only in its      0.7
role suffix (人员, 员, 师, 工, 者)
is similar (character bigrams)        0.7 × bigram overlap
====================================  ==================================

Within a score, the more authoritative label kind wins (see
:class:`LabelKind`), then catalogue order.  :data:`THRESHOLD` is the score
:func:`match` requires.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Iterator
from functools import lru_cache

import attrs

from newocc._index import Label, LabelIndex, LabelKind, bigrams, label_index, stem
from newocc._normalise import MAX_CHARS, normalise
from newocc._store import current
from newocc._text import as_code
from newocc.model import Occupation, SubRole

__all__ = ["THRESHOLD", "LabelKind", "Match", "match", "match_many", "search"]

THRESHOLD = 0.55
"""The score :func:`match` requires: any exact or contained label clears it;
a merely similar title must share about 79% of the character bigrams of
the longer of it and the label (``人工智能训练员`` for ``人工智能训练师``)."""

_EXACT_OFFICIAL = 1.0
_EXACT_ALIAS = 0.95
_CONTAINED_BASE = 0.7
_CONTAINED_SPAN = 0.2
_SAME_STEM = 0.7
_SIMILAR_SPAN = 0.7
_CODE_LENGTH = 24
"""Longer text is never read as a code."""


@attrs.frozen(repr=False)
class Match:
    """One search result: the occupation, the work type when the label names one, and why.

    ``score`` is in [0, 1] (see the module documentation for its bands);
    ``label`` is the catalogue or alias text that matched and ``kind`` what
    sort of name it is.
    """

    occupation: Occupation
    sub_role: SubRole | None
    score: float
    label: str
    kind: LabelKind

    def __repr__(self) -> str:
        role = f", sub_role={self.sub_role.name_zh!r}" if self.sub_role else ""
        return (
            f"Match({self.occupation.name_zh!r}{role}, score={self.score:.3f}, "
            f"label={self.label!r}, kind={self.kind.value})"
        )


def search(text: str, *, limit: int = 5) -> tuple[Match, ...]:
    """The best ``limit`` matches for ``text``, best first, one per occupation.

    Results below :data:`THRESHOLD` are included (they are candidates, not
    answers).  A title that normalises to nothing (``""``, ``"急招 12-18K"``)
    gives ``()``.
    """
    _check_text(text, "search")
    if isinstance(limit, bool) or not isinstance(limit, int):
        raise TypeError(f"limit must be a positive int, not {type(limit).__name__} {limit!r}")
    if limit < 1:
        raise ValueError(f"limit must be a positive int, got {limit!r}")
    code = _code_match(text)
    found = [code] if code is not None else []
    found.extend(_rank(normalise(text), label_index(), everything=True))
    unique: dict[str, Match] = {}
    for result in found:
        unique.setdefault(result.occupation.name_zh, result)
    return tuple(unique.values())[:limit]


def match(text: str) -> Match | None:
    """The best match for ``text`` when its score reaches :data:`THRESHOLD`, else None.

    Repeated titles are answered from a cache of recent results.
    """
    _check_text(text, "match")
    return _match(text[:MAX_CHARS])


def match_many(titles: Iterable[str]) -> Iterator[Match | None]:
    """:func:`match` for each title, lazily, in order: for streams of millions of postings.

    ``titles`` must be an iterable of str (a single str is refused: it would
    be read character by character).  A title that is not a str raises
    TypeError naming its position when the stream reaches it.
    """
    if isinstance(titles, (str, bytes)):
        raise TypeError(f"match_many() takes an iterable of titles, not a single {type(titles).__name__}")
    try:
        iterator = iter(titles)
    except TypeError:
        raise TypeError(
            f"match_many() takes an iterable of titles, not {type(titles).__name__} {titles!r:.80}"
        ) from None
    label_index()
    return _stream(iterator)


def _stream(titles: Iterator[str]) -> Iterator[Match | None]:
    best = _match
    for position, title in enumerate(titles):
        if not isinstance(title, str):
            raise TypeError(f"title {position} is {type(title).__name__} {title!r:.80}, not str")
        # Only MAX_CHARS are read: the cache must not keep huge strings alive.
        yield best(title[:MAX_CHARS])


def _check_text(text: object, caller: str) -> None:
    if not isinstance(text, str):
        raise TypeError(f"{caller}() takes the title as str, not {type(text).__name__} {text!r:.80}")


@lru_cache(maxsize=1 << 16)
def _match(text: str) -> Match | None:
    code = _code_match(text)
    if code is not None:
        return code
    for result in _rank(normalise(text), label_index(), everything=False):
        return result if result.score >= THRESHOLD else None
    return None


def _code_match(text: str) -> Match | None:
    if len(text) > _CODE_LENGTH or not text.lstrip()[:1].isdigit():
        return None
    code = as_code(text)
    if code is None:
        return None
    catalogue = current()
    occupation = catalogue.by_code.get(code) or catalogue.by_former_code.get(code)
    if occupation is None:
        return None
    return Match(occupation, None, _EXACT_OFFICIAL, code, LabelKind.CODE)


Scored = tuple[tuple[float, int, int], Label, float]
"""A candidate: its sort key (best first), its label and its score."""


def _rank(query: str, index: LabelIndex, *, everything: bool) -> list[Match]:
    """Matches for a normalised title, best first; without ``everything``, only the best band found."""
    if not query:
        return []
    results: list[Scored] = []
    exact = index.exact.get(query, ())
    for label in exact:
        _add(results, label, _EXACT_ALIAS if label.kind is LabelKind.ALIAS else _EXACT_OFFICIAL)
    if everything or not exact:
        covered = _contained(query, index)
        for label, share in covered:
            _add(results, label, _CONTAINED_BASE + _CONTAINED_SPAN * share)
        if everything or not covered:
            query_stem = stem(query)
            same_stem = index.by_stem.get(query_stem, ()) if query_stem is not None else ()
            for label in same_stem:
                _add(results, label, _SAME_STEM)
            if everything or not same_stem:
                floor = 0.0 if everything else THRESHOLD / _SIMILAR_SPAN
                for label, overlap in _similar(query, index, floor):
                    _add(results, label, _SIMILAR_SPAN * overlap)
    if everything:
        results.sort(key=_sort_key)
    elif results:
        results = [min(results, key=_sort_key)]
    return [
        Match(label.occupation, label.sub_role, score, label.text, label.kind) for _, label, score in results
    ]


def _add(results: list[Scored], label: Label, score: float) -> None:
    results.append(((-score, label.kind.rank, label.order), label, score))


def _sort_key(candidate: Scored) -> tuple[float, int, int]:
    return candidate[0]


def _contained(query: str, index: LabelIndex) -> list[tuple[Label, float]]:
    """Per occupation, the labels found inside ``query`` and the share of it they cover.

    The label reported is the longest naming a work type when there is one
    (a work type is the more precise answer), else the longest.
    """
    length = len(query)
    spans: dict[int, tuple[Label, set[int]]] = {}
    by_prefix = index.by_prefix
    for start in range(length - 1):
        candidates = by_prefix.get(query[start : start + 2])
        if candidates is None:
            continue
        for label in candidates:
            key = label.key
            end = start + len(key)
            if end > length or (end == length and start == 0) or not query.startswith(key, start):
                continue
            if not _bounded(query, start, end):
                continue
            held = spans.get(label.order)
            if held is None:
                spans[label.order] = (label, set(range(start, end)))
                continue
            best, positions = held
            positions.update(range(start, end))
            if _better_contained(label, best):
                spans[label.order] = (label, positions)
    return [(label, len(positions) / length) for label, positions in spans.values()]


def _better_contained(label: Label, best: Label) -> bool:
    if (label.sub_role is not None) != (best.sub_role is not None):
        return label.sub_role is not None
    return (-len(label.key), label.kind.rank) < (-len(best.key), best.kind.rank)


def _bounded(query: str, start: int, end: int) -> bool:
    """Latin labels must start and end at word boundaries (``ai`` is not in ``maid``)."""
    if start > 0 and _latin(query[start]) and _latin(query[start - 1]):
        return False
    return not (end < len(query) and _latin(query[end - 1]) and _latin(query[end]))


def _latin(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _similar(query: str, index: LabelIndex, floor: float) -> list[tuple[Label, float]]:
    """Per occupation, the label sharing the most bigrams with ``query``, if at least ``floor``.

    The overlap is the shared bigrams over the larger of the two sets, so a
    title that is only part of a longer label (``测试工程师`` in
    ``渗透测试工程师``) scores low: it lacks what makes the label specific.

    With a ``floor``, a label must share ``need`` of the query's ``size``
    bigrams, so it shares at least one of any ``size - need + 1`` of them
    (prefix filtering): only labels found that way are compared, whichever
    bigrams are picked, so the result does not depend on set order.
    """
    pairs = bigrams(query)
    size = len(pairs)
    by_bigram = index.by_bigram
    if floor > 0:
        need = math.ceil(floor * size - 1e-9)
        picked = itertools.islice(pairs, size - need + 1)
        candidates = set().union(*map(by_bigram.get, picked, itertools.repeat(())))
        # count / max(size, label size) >= floor bounds the label's size both ways.
        low, high = floor * size, size / floor
        sets, sizes = index.bigram_sets, index.sizes
        shared = {n: len(pairs & sets[n]) for n in candidates if low <= sizes[n] <= high}
    else:
        shared = {}
        for pair in pairs:
            for number in by_bigram.get(pair, ()):
                shared[number] = shared.get(number, 0) + 1
    best: dict[int, tuple[Label, float]] = {}
    labels, sizes = index.labels, index.sizes
    for number, count in shared.items():
        label = labels[number]
        overlap = count / max(size, sizes[number])
        if overlap < floor:
            continue
        held = best.get(label.order)
        if held is None or overlap > held[1]:
            best[label.order] = (label, overlap)
    return list(best.values())
