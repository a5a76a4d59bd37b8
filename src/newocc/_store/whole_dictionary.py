"""The whole 2022 dictionary: the catalogue's records and every established occupation.

A :class:`Dictionary` is built from the loaded :class:`~newocc._store.Catalogue`
and ``dictionary.json`` (one row per detailed occupation that is not already
a record of the catalogue) with ``groups.json``.  One code is one record: a
new occupation is the same object here as in the catalogue.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

import attrs

from newocc._store.catalogue import (
    Catalogue,
    _folded_names,
    _folded_sub_roles,
    _index,
    _positions,
    aligned,
    group_positions,
    monthly_pay,
    searchable,
)
from newocc._text import fold
from newocc.model import CODE_PATTERN, Occupation, Sector, Source, facts
from newocc.model.groups import Group

__all__ = ["DICTIONARY_FILE", "GROUPS_FILE", "CodeNote", "Dictionary"]

DICTIONARY_FILE = "dictionary.json"
"""The file under ``newocc/data/`` with the established occupations."""

GROUPS_FILE = "groups.json"
"""The file under ``newocc/data/`` with the names of the dictionary's groups."""


@attrs.frozen(repr=False)
class CodeNote:
    """A code a source prints that no record holds, and why (e.g. a draft's code the edition dropped)."""

    code: str = attrs.field(metadata=facts(pattern=CODE_PATTERN, shape="a dashed code like 4-01-06-02"))
    note: str = attrs.field()
    sources: tuple[Source, ...] = attrs.field()

    def __repr__(self) -> str:
        return f"CodeNote({self.code!r})"


class Dictionary:
    """Every detailed occupation of the 2022 dictionary and its additions, with lookup tables.

    ``occupations`` holds every record in code order: the catalogue's new and
    related records (the very objects :func:`newocc._store.current` holds)
    and the ``Status.ESTABLISHED`` ones.  ``by_code`` maps a dashed code,
    ``by_name`` a folded name (official, English, former, or the dictionary's
    own name for a record that keeps its release's name) to its record;
    ``by_former_code`` maps codes printed before (the catalogue's first);
    ``by_sub_role`` a folded work-type name to its occupation.  ``groups``
    are the named groups (the 8 major groups at least) and ``unresolved`` the
    codes a source prints that no record holds, each with why.
    """

    __slots__ = (
        "by_code",
        "by_former_code",
        "by_name",
        "by_sub_role",
        "catalogue",
        "established",
        "group_by_code",
        "groups",
        "names_of",
        "occupations",
        "pay_at",
        "pay_of",
        "positions_by_batch",
        "positions_by_group",
        "positions_by_sector",
        "sub_role_names",
        "sub_roles_at",
        "sub_roles_of",
        "text_at",
        "text_of",
        "uncited",
        "unresolved",
    )

    def __init__(
        self,
        *,
        catalogue: Catalogue,
        established: tuple[Occupation, ...],
        groups: tuple[Group, ...],
        unresolved: tuple[CodeNote, ...],
    ) -> None:
        self.catalogue = catalogue
        self.established = established
        self.occupations: tuple[Occupation, ...] = tuple(
            sorted((*catalogue.occupations, *established), key=_code_order)
        )
        self.groups = groups
        self.group_by_code: Mapping[str, Group] = MappingProxyType({g.code: g for g in groups})
        self.unresolved: Mapping[str, CodeNote] = MappingProxyType({n.code: n for n in unresolved})
        self.by_code: Mapping[str, Occupation] = MappingProxyType(
            {**catalogue.by_code, **{o.code: o for o in established if o.code is not None}}
        )
        self.by_former_code: Mapping[str, Occupation] = _merged(
            catalogue.by_former_code, ((f.code, o) for o in established for f in o.former_codes)
        )
        # Each name is folded once: its folded forms feed every table below.
        names_of: dict[str, tuple[str, ...]] = {}
        sub_roles_of: dict[str, frozenset[str]] = {}
        name_pairs = [(fold(o.dictionary_name_zh), o) for o in catalogue.occupations if o.dictionary_name_zh]
        role_pairs: list[tuple[str, Occupation]] = []
        for o in established:
            roles = _folded_sub_roles(o)
            names = _folded_names(o, roles)
            sub_roles_of[o.name_zh] = roles
            names_of[o.name_zh] = names
            # _folded_names lists the name, former names and English name before the work types.
            own = 1 + len(o.former_names) + (o.name_en is not None)
            name_pairs += [(name, o) for name in names[:own]]
            role_pairs += [(role, o) for role in roles]
        self.by_name: Mapping[str, Occupation] = _merged(catalogue.by_name, name_pairs)
        self.by_sub_role: Mapping[str, Occupation] = _merged(catalogue.by_sub_role, role_pairs)
        self.sub_roles_of: Mapping[str, frozenset[str]] = MappingProxyType(
            {**catalogue.sub_roles_of, **sub_roles_of}
        )
        self.names_of: Mapping[str, tuple[str, ...]] = MappingProxyType(
            {
                **{
                    o.name_zh: (*catalogue.names_of[o.name_zh], fold(o.dictionary_name_zh))
                    if o.dictionary_name_zh
                    else catalogue.names_of[o.name_zh]
                    for o in catalogue.occupations
                },
                **names_of,
            }
        )
        self.text_of: Mapping[str, str] = searchable(self.names_of)
        self.pay_of: Mapping[str, tuple[tuple[float, float], ...]] = MappingProxyType(
            {**catalogue.pay_of, **monthly_pay(established)}
        )
        self.sub_roles_at, self.text_at, self.pay_at = aligned(
            self.occupations, self.sub_roles_of, self.text_of, self.pay_of
        )
        self.sub_role_names: frozenset[str] = catalogue.sub_role_names | frozenset(self.by_sub_role)
        # Positions in ``occupations`` per batch, sector and group code: a query of
        # the whole dictionary intersects these sets instead of testing codes.
        self.positions_by_batch: Mapping[int | None, frozenset[int]] = _positions(
            self.occupations, lambda o: o.batch
        )
        self.positions_by_sector: Mapping[Sector | None, frozenset[int]] = _positions(
            self.occupations, lambda o: o.sector
        )
        self.positions_by_group: Mapping[str, frozenset[int]] = group_positions(self.occupations)
        # Ids of sources neither the catalogue nor the dictionary cites: the
        # vocabulary's files must cite them (its loader checks).
        self.uncited: frozenset[str] = catalogue.uncited


def _code_order(occupation: Occupation) -> tuple[bool, str]:
    return (occupation.code is None, occupation.code or "")


def _merged(
    first: Mapping[str, Occupation], more: Iterable[tuple[str, Occupation]]
) -> Mapping[str, Occupation]:
    """``first`` and then ``more``: on a shared key the catalogue's record wins."""
    return _index([*first.items(), *more])
