"""The groups of the 2022 dictionary's hierarchy (``data/groups.json``) as records.

Types only, like :mod:`newocc.model`, which gives :class:`Group` too.  A module
of its own so that a first query of the new occupations, which never reads the
groups, does not pay for building the class: :mod:`newocc.model` imports this
module when ``Group`` is first asked for.
"""

import attrs

from newocc.model import GROUP_PATTERN, Sources, facts

__all__ = ["Group"]


def __dir__() -> list[str]:
    return list(__all__)


@attrs.frozen(repr=False)
class Group:
    """A group of the 2022 dictionary's hierarchy: major (大类), middle (中类) or small (小类).

    ``code`` is the prefix of the occupation codes it holds: ``"4"`` for a
    major group, ``"4-02"`` for a middle one, ``"4-02-07"`` for a small one.
    """

    code: str = attrs.field(
        metadata=facts(pattern=GROUP_PATTERN, shape="a group code like 4, 4-02 or 4-02-07")
    )
    name_zh: str = attrs.field()
    sources: Sources = attrs.field()

    @property
    def level(self) -> int:
        """1 for a major group, 2 for a middle group, 3 for a small group."""
        return self.code.count("-") + 1

    def __repr__(self) -> str:
        return f"Group({self.code!r}, {self.name_zh!r})"
