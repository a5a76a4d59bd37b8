"""Step 2 of the coder: what the words of a title mean.

Job titles are written [domain][role]: ``大数据`` + ``开发工程师``, ``美团`` +
``骑手``.  The lexicon (package data, each entry sourced or marked common
usage) says

- which *role class* the role words belong to (``开发``, ``研发`` → developer;
  ``程序员``, ``java``, ``后端`` → programmer; ``骑手``, ``骑士``, ``送餐员`` →
  delivery …), and which role
  classes each occupation takes, from the head of its name (``工程技术人员``
  takes engineers, developers, researchers …) or, for some, from its own entry;
- what brands, platforms, abbreviations and English words stand for
  (``饿了么`` → 外卖 网约配送, ``等保`` → 网络安全等级保护, ``bim`` → 建筑信息模型);
- *anchors*: words that name an older occupation of the dictionary
  (``会计``, ``java``, ``快递员``), so a title best explained by one is not
  taken for a new occupation.

:class:`Lexicon` turns those records into lookup tables and finds them in a
normalised title.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any

import attrs

from newocc.coder.normalise import Normaliser, trie_pattern
from newocc.model import Occupation, RoleClass, RoleHead, Status, SubRole, Term

__all__ = ["NAME_SUFFIXES", "Lexicon", "RoleFinding", "TitleWords", "stem", "stray", "work_types"]

NAME_SUFFIXES = ("工程技术人员", "技术人员", "专业人员", "人员", "员", "师", "工", "者")
"""Stripped from a name to find its stem (``网约配送员`` → ``网约配送``), longest first."""


def stem(name: str) -> str:
    """The name without its role suffix, if at least two characters remain; else the name."""
    for suffix in NAME_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


@attrs.frozen
class RoleFinding:
    """A role word found in a title: where it is and its class."""

    start: int
    end: int
    word: str
    role: str


@attrs.frozen
class TitleWords:
    """What the lexicon reads in one normalised title."""

    roles: tuple[RoleFinding, ...]
    """Role words, left to right."""
    head: str | None
    """The role the title ends in (a generic head such as 工程师 or 经理 defers to
    the role word just before it: 销售工程师 is sales, 测试开发工程师 a tester)."""
    expansions: tuple[tuple[int, int, tuple[str, ...]], ...]
    """Each lexicon term found: where it starts and ends, and what it stands for."""


_GENERIC = frozenset({"engineer", "manager", "staff"})


def _head(roles: Sequence[RoleFinding]) -> str | None:
    """The role a title ends in; a generic head (工程师, 经理) defers to the role word just before it."""
    if not roles:
        return None
    last = roles[-1]
    if last.role in _GENERIC and len(roles) > 1 and roles[-2].end == last.start:
        return roles[-2].role
    return last.role


def _latin(char: str) -> bool:
    return char.isascii() and char.isalnum()


class Lexicon:
    """Role classes, role heads, terms and anchors, normalised and indexed."""

    __slots__ = (
        "_heads",
        "_name_roles",
        "_role_pattern",
        "_role_words",
        "_term_pattern",
        "_terms",
        "_work_roles",
        "decides",
        "neutral",
    )

    def __init__(
        self,
        normalise: Normaliser,
        roles: Sequence[RoleClass],
        heads: Sequence[RoleHead],
        terms: Sequence[Term],
    ) -> None:
        words: dict[str, str] = {}
        for role in roles:
            for word in role.words:
                key = normalise(word)
                if key:
                    words.setdefault(key, role.id)
        expansions: dict[str, tuple[str, ...]] = {}
        for term in terms:
            key = normalise(term.text)
            if key:
                expansions.setdefault(key, tuple(filter(None, map(normalise, term.means))))
        self._set(
            words,
            frozenset(role.id for role in roles if role.neutral),
            [(head.suffix, head.roles, head.tolerates) for head in heads],
            expansions,
            frozenset(role.id for role in roles if role.decides),
        )

    def _set(
        self,
        words: Mapping[str, str],
        neutral: frozenset[str],
        heads: Iterable[tuple[str, Iterable[str], Iterable[str]]],
        expansions: Mapping[str, tuple[str, ...]],
        decides: frozenset[str],
    ) -> None:
        self.neutral = neutral
        self.decides = decides
        self._role_words: Mapping[str, str] = MappingProxyType(dict(words))
        # Matched from the right: a title ends in its role (素养老师 is 素养 + 老师, not 养老).
        self._role_pattern = _pattern(word[::-1] for word in words)
        # Longest suffix first: 运维管理员 before 管理员.
        ordered = sorted(heads, key=lambda head: (-len(head[0]), head[0]))
        self._heads: tuple[tuple[str, frozenset[str], frozenset[str]], ...] = tuple(
            (suffix, frozenset(takes), frozenset(tolerates)) for suffix, takes, tolerates in ordered
        )
        self._terms: Mapping[str, tuple[str, ...]] = MappingProxyType(dict(expansions))
        self._term_pattern = _pattern(expansions)
        self._name_roles: dict[str, frozenset[str]] = {}
        self._work_roles: dict[tuple[str, bool], frozenset[str]] = {}

    def tables(self) -> dict[str, object]:
        """The normalised tables, as JSON values (for a snapshot; see :meth:`from_tables`)."""
        return {
            "words": dict(sorted(self._role_words.items())),
            "neutral": sorted(self.neutral),
            "decides": sorted(self.decides),
            "heads": [[suffix, sorted(takes), sorted(tolerates)] for suffix, takes, tolerates in self._heads],
            "terms": {key: list(means) for key, means in sorted(self._terms.items())},
        }

    @classmethod
    def from_tables(cls, tables: Mapping[str, Any]) -> Lexicon:
        """A lexicon from :meth:`tables`' output, without normalising anything again."""
        lexicon = cls.__new__(cls)
        lexicon._set(
            tables["words"],
            frozenset(tables["neutral"]),
            [(suffix, takes, tolerates) for suffix, takes, tolerates in tables["heads"]],
            {key: tuple(means) for key, means in tables["terms"].items()},
            frozenset(tables["decides"]),
        )
        return lexicon

    def roles_of(self, name: str) -> tuple[frozenset[str], frozenset[str]]:
        """The role classes an occupation named ``name`` takes, and those it tolerates.

        The longest head that is a proper suffix of the name gives its roles; a
        head that is the whole name adds the occupation's own.
        """
        takes: frozenset[str] = frozenset()
        tolerates: frozenset[str] = frozenset()
        generic = False
        for suffix, roles, tolerated in self._heads:
            if suffix == name or (not generic and name.endswith(suffix)):
                takes |= roles
                tolerates |= tolerated
                generic = generic or suffix != name
        return takes, tolerates - takes

    def name_roles(self, name: str) -> frozenset[str]:
        """The role classes a work type named ``name`` is about: its last role word's, and its own head's.

        数据标注员 is about annotation, 人工智能算法测试员 about testing (their last
        role words); 直播销售员 about live selling and, by the head entry of that
        very name, hosting.  The heads of shorter suffixes are left out: they say
        what a family of occupations takes (训练师: trainers and annotators), not
        what one work type is about.  Remembered: the same few hundred names are
        asked about again and again.
        """
        found = self._name_roles.get(name)
        if found is None:
            head = self.read(name).head
            own = [set(takes) for suffix, takes, _ in self._heads if suffix == name]
            found = frozenset({head} if head is not None else set()).union(*own)
            self._name_roles[name] = found
        return found

    def work_roles(self, occupation: Occupation, new: bool) -> frozenset[str]:
        """The role classes the work types of ``occupation`` are about (its new ones when ``new``).

        A role its own name heads (训练师 of 人工智能训练师) is left out: it names
        the occupation, not a work type.  Remembered per occupation.
        """
        key = (occupation.name_zh, new)
        found = self._work_roles.get(key)
        if found is None:
            own = self.read(occupation.name_zh).head
            found = frozenset().union(
                *(self.name_roles(role.name_zh) for role in work_types(occupation, new))
            ) - {own}
            self._work_roles[key] = found
        return found

    def read(self, title: str, outside: str | None = None) -> TitleWords:
        """The role words and lexicon terms in a normalised title.

        ``outside`` is the title without its bracketed parts, normalised: the
        head role is read there when it has one (``HRBP（即时配送）`` is an HR job
        about delivery, not a delivery job).
        """
        roles = tuple(
            RoleFinding(start, end, title[start:end], self._role_words[title[start:end]])
            for start, end in _from_the_right(self._role_pattern, title)
        )
        head = _head(roles)
        if outside is not None and outside != title:
            outer = _head(
                tuple(
                    RoleFinding(start, end, outside[start:end], self._role_words[outside[start:end]])
                    for start, end in _from_the_right(self._role_pattern, outside)
                )
            )
            head = outer if outer is not None else head
        spans = [(finding.start, finding.end) for finding in roles]
        # A term that straddles a role word is a reading across a word boundary
        # (养老 in 素养老师): it is not in the title.
        expansions = tuple(
            (found.start(), found.end(), self._terms[found.group()])
            for found in _bounded(self._term_pattern, title)
            if not any(stray(found.start(), found.end(), a, b) for a, b in spans)
        )
        return TitleWords(roles, head, expansions)

    def agreement(
        self, words: TitleWords, takes: frozenset[str], tolerates: frozenset[str]
    ) -> tuple[int, str | None]:
        """+1 when the title's head role is one the occupation takes, -1 when it contradicts it, else 0.

        Also the role class that decided.  An occupation with no known roles
        neither agrees nor disagrees.
        """
        head = words.head
        if head is None or not (takes or tolerates) or head in self.neutral or head in tolerates:
            return 0, head
        return (1 if head in takes else -1), head


def work_types(occupation: Occupation, new: bool) -> list[SubRole]:
    """The work types of ``occupation`` answered as new (``new``) or as older ones.

    Every work type of a new occupation is new; an older occupation's are new
    when a release introduced them.
    """
    whole = occupation.status in (Status.NEW, Status.RAISED)
    return [role for role in occupation.sub_roles if new == (whole or role.introduced_in is not None)]


def stray(start: int, end: int, a: int, b: int) -> bool:
    """Whether a term at ``[start, end)`` reaches into the role word at ``[a, b)`` by one character only.

    Such a term is a reading across a word boundary (养老 in 素养老师); one that
    keeps two characters of its own outside (视觉算法 before 算法工程师) is not.
    """
    if not (start < b and a < end) or (a <= start and end <= b) or (start <= a and b <= end):
        return False
    return max(a - start, 0) + max(end - b, 0) < 2


def _pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    listed = sorted(set(words))
    return re.compile(trie_pattern(listed)) if listed else None


def _bounded(pattern: re.Pattern[str] | None, text: str) -> list[re.Match[str]]:
    """Matches of ``pattern`` in ``text``; a Latin word must stand alone (``ai`` is not in ``maid``)."""
    if pattern is None:
        return []
    found = []
    position = 0
    length = len(text)
    while position < length:
        match = pattern.search(text, position)
        if match is None:
            break
        start, end = match.span()
        if end == start:
            position += 1
            continue
        word = match.group()
        if (_latin(word[0]) and start > 0 and _latin(text[start - 1])) or (
            _latin(word[-1]) and end < length and _latin(text[end]) and not _prefix_ok(word, text, end)
        ):
            position = start + 1
            continue
        found.append(match)
        position = end
    return found


def _from_the_right(pattern: re.Pattern[str] | None, text: str) -> list[tuple[int, int]]:
    """Spans of the words of a reversed-word ``pattern`` in ``text``, matched from the right, in order."""
    if pattern is None:
        return []
    backwards = text[::-1]
    length = len(text)
    spans: list[tuple[int, int]] = []
    position = 0
    while position < length:
        match = pattern.search(backwards, position)
        if match is None:
            break
        start, end = length - match.end(), length - match.start()
        if end == start:
            position += 1
            continue
        if (start > 0 and _latin(text[start]) and _latin(text[start - 1])) or (
            end < length and _latin(text[end - 1]) and _latin(text[end])
        ):
            position = match.start() + 1
            continue
        spans.append((start, end))
        position = match.end()
    return spans[::-1]


def _prefix_ok(word: str, text: str, end: int) -> bool:
    """A Latin word of four or more letters may start a longer one (``java`` in ``javaweb``)."""
    return len(word) >= 4 and word.isalpha() and text[end].isalpha()
