"""The occupations the coder chooses among, and how a pickled result finds its records again.

The universe is every record of the 2022 dictionary: the catalogue's records
(new occupations and the older records related to them) and every other
(``Status.ESTABLISHED``) occupation.
"""

from __future__ import annotations

from newocc._store import dictionary
from newocc.errors import CatalogueError
from newocc.model import Occupation, SubRole

__all__ = ["resolve", "universe"]


def universe() -> tuple[Occupation, ...]:
    """The packaged candidates: every occupation the coder can answer with."""
    return dictionary().occupations


def resolve(key: str, name: str, sub_role: str | None) -> tuple[Occupation, SubRole | None]:
    """The packaged occupation with code (or name) ``key`` and its work type named ``sub_role``.

    ``name`` is the occupation's name when the result was made: a code the
    packaged data no longer has is looked up by it.
    """
    whole = dictionary()
    found = whole.by_code.get(key)
    if found is None:
        found = next((o for o in whole.occupations if o.name_zh in (key, name)), None)
    if found is None:
        raise CatalogueError(
            "-", repr(key), "code", f"no packaged occupation has code or name {key!r} ({name})"
        )
    role = None
    if sub_role is not None:
        role = next((r for r in found.sub_roles if r.name_zh == sub_role), None)
        if role is None:
            raise CatalogueError("-", repr(key), "sub_role", f"{found.name_zh} has no work type {sub_role!r}")
    return found, role
