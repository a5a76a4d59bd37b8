"""The label index search reads: every name of every record, normalised once.

Built on first use from the loaded catalogue and ``aliases.json``; immutable
afterwards.  Three views of the same labels serve the three kinds of match:
whole-title lookup, labels found inside a title, and bigram similarity.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterator, Mapping
from types import MappingProxyType

import attrs

from newocc._lazy import Lazy
from newocc._normalise import normalise, protect
from newocc._store import Catalogue, current
from newocc._store.aliases import load_aliases
from newocc._store.resources import read_data
from newocc.model import Occupation, Status, SubRole

__all__ = ["Label", "LabelIndex", "LabelKind", "bigrams", "build", "label_index", "stem"]


class LabelKind(str, enum.Enum):
    """What kind of name a search matched, most authoritative first."""

    CODE = "code"
    """The occupation's code, current or former (``4-01-06-02``)."""
    OFFICIAL_NAME = "official_name"
    """The official Chinese name (``网约配送员``)."""
    ENGLISH_NAME = "english_name"
    """The English name recorded for the occupation."""
    SUB_ROLE_NAME = "sub_role_name"
    """The Chinese or English name of one of its work types (``直播销售员``)."""
    FORMER_NAME = "former_name"
    """A name the occupation had before."""
    ALIAS = "alias"
    """A name in ``aliases.json``: colloquial (``外卖小哥``) or an English job title."""

    @property
    def rank(self) -> int:
        """The position in the order above: lower wins a tie."""
        return _RANKS[self]


_RANKS = {kind: number for number, kind in enumerate(LabelKind)}
_PARENTHESIS = re.compile(r"^(.*?)\s*\(([^)]*)\)\s*(.*)$")
_ROLE_SUFFIX = re.compile(r"(?:人员|员|师|工|者)$")


@attrs.frozen
class Label:
    """One normalised name and what it stands for."""

    key: str
    text: str
    kind: LabelKind
    occupation: Occupation
    sub_role: SubRole | None
    order: int
    """The occupation's position in the catalogue: breaks ties."""


def stem(text: str) -> str | None:
    """The Chinese title without its role suffix (人员, 员, 师, 工, 者), if at least two characters remain.

    ``网约配送人员`` and ``网约配送员`` share the stem ``网约配送``.
    """
    found = _ROLE_SUFFIX.search(text)
    if found is None or found.start() < 2:
        return None
    return text[: found.start()]


def bigrams(text: str) -> frozenset[str]:
    """The set of adjacent character pairs (the text itself when shorter than two)."""
    if len(text) < 2:
        return frozenset((text,)) if text else frozenset()
    return frozenset(map(str.__add__, text[:-1], text[1:]))


class LabelIndex:
    """Labels by key, by first two characters, by stem and by bigram.

    A one-character label is found only when it is the whole title.
    """

    __slots__ = ("bigram_sets", "by_bigram", "by_prefix", "by_stem", "exact", "labels", "sizes")

    def __init__(self, labels: tuple[Label, ...]) -> None:
        self.labels = labels
        exact: dict[str, list[Label]] = {}
        by_prefix: dict[str, list[Label]] = {}
        by_bigram: dict[str, list[int]] = {}
        by_stem: dict[str, list[Label]] = {}
        sizes = []
        sets = []
        for number, label in enumerate(labels):
            exact.setdefault(label.key, []).append(label)
            label_stem = stem(label.key)
            if label_stem is not None:
                by_stem.setdefault(label_stem, []).append(label)
            if len(label.key) >= 2:
                by_prefix.setdefault(label.key[:2], []).append(label)
            pairs = bigrams(label.key)
            sets.append(pairs)
            sizes.append(len(pairs))
            for pair in sorted(pairs):
                by_bigram.setdefault(pair, []).append(number)
        self.exact: Mapping[str, tuple[Label, ...]] = MappingProxyType(
            {key: tuple(sorted(found, key=_precedence)) for key, found in exact.items()}
        )
        # Longest first, so a scan meets the most specific label at a position first.
        self.by_prefix: Mapping[str, tuple[Label, ...]] = MappingProxyType(
            {
                char: tuple(sorted(found, key=lambda label: (-len(label.key), *_precedence(label))))
                for char, found in by_prefix.items()
            }
        )
        self.by_stem: Mapping[str, tuple[Label, ...]] = MappingProxyType(
            {key: tuple(found) for key, found in by_stem.items()}
        )
        self.by_bigram: Mapping[str, tuple[int, ...]] = MappingProxyType(
            {pair: tuple(numbers) for pair, numbers in by_bigram.items()}
        )
        self.sizes = tuple(sizes)
        self.bigram_sets = tuple(sets)


def _precedence(label: Label) -> tuple[int, int]:
    return (label.kind.rank, label.order)


def build(catalogue: Catalogue, read: Callable[[str], bytes] = read_data) -> LabelIndex:
    """Index every name of every record in ``catalogue``, and every alias ``read`` gives."""
    pending: list[tuple[str, LabelKind, Occupation, SubRole | None, int]] = []

    def add(text: str, kind: LabelKind, occupation: Occupation, sub_role: SubRole | None, order: int) -> None:
        pending.append((text, kind, occupation, sub_role, order))

    orders = {o.name_zh: n for n, o in enumerate(catalogue.occupations)}
    for order, occupation in enumerate(catalogue.occupations):
        # A host is an ordinary older occupation: only the new work types a
        # batch gave it are labels, so "营销员" alone does not match.
        if occupation.status is not Status.HOST:
            add(occupation.name_zh, LabelKind.OFFICIAL_NAME, occupation, None, order)
            if occupation.name_en is not None:
                for text in _english_variants(occupation.name_en.text):
                    add(text, LabelKind.ENGLISH_NAME, occupation, None, order)
            for former in occupation.former_names:
                add(former.name_zh, LabelKind.FORMER_NAME, occupation, None, order)
        for role in occupation.sub_roles:
            if occupation.status is Status.HOST and role.introduced_in is None:
                continue
            add(role.name_zh, LabelKind.SUB_ROLE_NAME, occupation, role, order)
            if role.name_en:
                add(role.name_en, LabelKind.SUB_ROLE_NAME, occupation, role, order)
    for alias in load_aliases(catalogue, read):
        add(alias.text, LabelKind.ALIAS, alias.occupation, alias.sub_role, orders[alias.occupation.name_zh])
    # Every label must be known before any is normalised: a title's noise is
    # stripped around the labels that contain noise words, and labels too.
    protect(text for text, *_ in pending)
    labels: list[Label] = []
    seen: set[tuple[str, str, str | None]] = set()
    for text, kind, occupation, sub_role, order in pending:
        key = normalise(text)
        ident = (key, occupation.name_zh, sub_role.name_zh if sub_role else None)
        if key and ident not in seen:
            seen.add(ident)
            labels.append(Label(key, text, kind, occupation, sub_role, order))
    return LabelIndex(tuple(sorted(labels, key=_precedence)))


def _english_variants(text: str) -> Iterator[str]:
    """The name, then with a bracketed short form standing for what it abbreviates.

    ``"unmanned aerial vehicle (UAV) pilots"`` gives itself, ``"unmanned aerial
    vehicle pilots"`` and ``"UAV pilots"``.
    """
    yield text
    found = _PARENTHESIS.match(text)
    if found:
        before, short, after = found.groups()
        yield f"{before} {after}".strip()
        yield f"{short} {after}".strip()


_packaged: Lazy[LabelIndex] = Lazy(lambda: build(current()))


def label_index() -> LabelIndex:
    """The index of the packaged catalogue, built on the first call."""
    return _packaged.get()
