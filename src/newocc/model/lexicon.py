"""The coder's lexicon as records: role classes, role heads, terms and anchors (``data/lexicon_*.json``).

Types only, like :mod:`newocc.model`, which gives each of these names too.
They are a module of their own so that a first query, which never reads the
lexicon, does not pay for building their classes: :mod:`newocc.model` imports
this module when one of its names is first asked for.
"""

import enum

import attrs

from newocc.model import _CODE, Sources

__all__ = ["Anchor", "RoleClass", "RoleHead", "Term", "TermKind"]


def __dir__() -> list[str]:
    return list(__all__)


class TermKind(str, enum.Enum):
    """What a lexicon term is."""

    BRAND = "brand"
    """A company or product name (饿了么, 阿里云, 大疆)."""
    PLATFORM = "platform"
    """A website or app people work on or for (抖音, 亚马逊, 小红书)."""
    ABBREVIATION = "abbreviation"
    """A short form (等保, BIM, AIGC, OCR, SRE)."""
    TECHNOLOGY = "technology"
    """A technical or trade term that names a field (机器学习, 数仓, 奶茶)."""
    ENGLISH = "english"
    """An English word or phrase, read as the Chinese words it means."""


def _term_kind(value: TermKind | str) -> TermKind:
    return value if value.__class__ is TermKind else TermKind(value)


@attrs.frozen(repr=False)
class RoleClass:
    """A class of role words job titles are written with (开发, 研发, 程序员 → ``developer``).

    ``neutral`` classes (经理, 专员, 助理 …) say how senior a job is, not what
    it is: they never contradict an occupation.  A class that ``decides`` is a
    job of its own whatever field a title names (a teacher, a seller, a
    recruiter: 区块链讲师, 物联网销售): an occupation it contradicts is not the
    title's.  ``words`` are matched in normalised titles, longest first.
    """

    id: str
    neutral: bool
    words: tuple[str, ...]
    sources: Sources
    common_usage: bool
    decides: bool = False

    def __repr__(self) -> str:
        return f"RoleClass({self.id!r}, {len(self.words)} words)"


@attrs.frozen(repr=False)
class RoleHead:
    """The role classes an occupation takes, from the end of its name.

    An occupation takes the roles of the longest ``suffix`` of its name
    (``工程技术人员`` → engineer, developer …) and ``tolerates`` others (a title
    in those roles neither supports nor contradicts it); a head whose suffix
    is a whole name adds that occupation's own roles.
    """

    suffix: str
    roles: tuple[str, ...]
    tolerates: tuple[str, ...]
    sources: Sources
    common_usage: bool

    def __repr__(self) -> str:
        return f"RoleHead({self.suffix!r})"


@attrs.frozen(repr=False)
class Term:
    """A brand, platform, abbreviation or English word, and the Chinese words it stands for.

    ``饿了么`` means ``外卖 网约配送``; the coder reads a title containing the
    term as if it also contained what it means.
    """

    text: str
    means: tuple[str, ...]
    kind: TermKind = attrs.field(converter=_term_kind)
    sources: Sources
    common_usage: bool

    def __repr__(self) -> str:
        return f"Term({self.text!r}, {self.kind.value})"


@attrs.frozen(repr=False)
class Anchor:
    """A word that names an older occupation of the dictionary (``会计`` → 会计专业人员).

    ``code`` and ``occupation`` (its name) identify the occupation; a title
    best explained by an anchor is not taken for a new occupation.
    """

    text: str
    code: str = attrs.field(metadata=_CODE)
    occupation: str = attrs.field()
    sources: Sources
    common_usage: bool

    def __repr__(self) -> str:
        return f"Anchor({self.text!r}, {self.code})"
