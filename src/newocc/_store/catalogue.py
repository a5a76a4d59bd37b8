"""The loaded catalogue: immutable records plus the indexes queries need."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import TypeVar

from newocc._text import fold
from newocc.model import Batch, Fact, Occupation, Sector, Source, Status

__all__ = ["Catalogue"]

K = TypeVar("K")


class Catalogue:
    """Every record of one data release, with lookup tables built once."""

    __slots__ = (
        "batch_number_set",
        "batch_numbers",
        "batches",
        "by_code",
        "by_former_code",
        "by_name",
        "by_sub_role",
        "data_version",
        "facts",
        "names_of",
        "new",
        "new_by_batch",
        "new_positions",
        "occupations",
        "pay_at",
        "pay_of",
        "positions_by_batch",
        "positions_by_group",
        "positions_by_sector",
        "sources",
        "sub_role_names",
        "sub_roles_at",
        "sub_roles_of",
        "text_at",
        "text_of",
        "uncited",
    )

    def __init__(
        self,
        *,
        occupations: tuple[Occupation, ...],
        batches: tuple[Batch, ...],
        sources: tuple[Source, ...],
        facts: tuple[Fact, ...],
        data_version: str,
    ) -> None:
        self.occupations = occupations
        self.new = tuple(o for o in occupations if o.status is Status.NEW)
        self.batches = batches
        self.sources = sources
        self.facts = facts
        self.data_version = data_version
        self.by_code: Mapping[str, Occupation] = _index(
            (o.code, o) for o in occupations if o.code is not None
        )
        self.by_former_code: Mapping[str, Occupation] = _index(
            (former.code, o) for o in occupations for former in o.former_codes
        )
        # Positions in ``occupations`` per batch (per sector and group below): a warm find()
        # intersects these small sets instead of testing every record.
        self.batch_numbers: tuple[int, ...] = tuple(b.number for b in batches)
        self.batch_number_set: frozenset[int] = frozenset(self.batch_numbers)
        self.new_positions: frozenset[int] = frozenset(
            i for i, o in enumerate(occupations) if o.status is Status.NEW
        )
        self.positions_by_batch: Mapping[int | None, frozenset[int]] = _positions(
            occupations, lambda o: o.batch
        )
        # Each batch's new occupations as sorted positions: find(batch=...) of
        # the new occupations reads them without building a set.
        self.new_by_batch: Mapping[int | None, tuple[int, ...]] = MappingProxyType(
            {
                number: tuple(sorted(positions & self.new_positions))
                for number, positions in self.positions_by_batch.items()
            }
        )
        # Ids of sources no catalogue file cites: a later stage's files must
        # cite them (the last stage, the vocabulary, checks that they do).
        self.uncited: frozenset[str] = frozenset()

    # Tables a first find() or get() by code does not read, built on first use:
    # ``__getattr__`` runs only while their slots are empty, so once built they
    # cost a plain attribute read.  Two threads may both build them; the
    # tables are equal and immutable, so either's are fine.
    by_name: Mapping[str, Occupation]
    by_sub_role: Mapping[str, Occupation]
    sub_roles_of: Mapping[str, frozenset[str]]
    names_of: Mapping[str, tuple[str, ...]]
    text_of: Mapping[str, str]
    pay_of: Mapping[str, tuple[tuple[float, float], ...]]
    sub_roles_at: tuple[frozenset[str], ...]
    text_at: tuple[str, ...]
    pay_at: tuple[tuple[tuple[float, float], ...], ...]
    positions_by_sector: Mapping[Sector | None, frozenset[int]]
    positions_by_group: Mapping[str, frozenset[int]]
    sub_role_names: frozenset[str]

    def __getattr__(self, name: str) -> object:
        if name not in _LAZY:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        self._build_tables()
        return object.__getattribute__(self, name)

    def _build_tables(self) -> None:
        occupations, batches = self.occupations, self.batches
        self.by_name = _index(
            [(fold(o.name_zh), o) for o in occupations]
            + [(fold(o.name_en.text), o) for o in occupations if o.name_en is not None]
            + [(fold(f.name_zh), o) for o in occupations for f in o.former_names]
        )
        self.by_sub_role = _index(
            [(fold(r.name_zh), o) for o in occupations for r in o.sub_roles]
            + [(fold(r.name_en), o) for o in occupations for r in o.sub_roles if r.name_en]
        )
        # Folded names per record (keyed by the unique name_zh), so queries
        # compare strings instead of normalising them on every call.
        self.sub_roles_of = MappingProxyType({o.name_zh: _folded_sub_roles(o) for o in occupations})
        self.names_of = MappingProxyType(
            {o.name_zh: _folded_names(o, self.sub_roles_of[o.name_zh]) for o in occupations}
        )
        self.text_of = searchable(self.names_of)
        self.pay_of = monthly_pay(occupations)
        self.sub_roles_at, self.text_at, self.pay_at = aligned(
            occupations, self.sub_roles_of, self.text_of, self.pay_of
        )
        self.positions_by_sector = _positions(occupations, lambda o: o.sector)
        self.positions_by_group = group_positions(occupations)
        self.sub_role_names = frozenset(
            [fold(r.name_zh) for b in batches for r in b.unplaced_work_types]
            + [fold(r.name_en) for b in batches for r in b.unplaced_work_types if r.name_en]
        ) | frozenset(self.by_sub_role)


# The lazy tables are the class's annotations above (declared, never assigned on
# the class): one list, so a new table cannot be declared and forgotten here.
_LAZY = frozenset(Catalogue.__annotations__)

SEPARATOR = "\x00"
"""Joins a record's folded names in ``text_of``: no name holds it, so no match spans two names."""


def searchable(names_of: Mapping[str, tuple[str, ...]]) -> Mapping[str, str]:
    """Each record's folded names joined by :data:`SEPARATOR`: ``find(text=)`` searches one string."""
    return MappingProxyType({name: SEPARATOR.join(names) for name, names in names_of.items()})


def aligned(
    occupations: tuple[Occupation, ...],
    sub_roles_of: Mapping[str, frozenset[str]],
    text_of: Mapping[str, str],
    pay_of: Mapping[str, tuple[tuple[float, float], ...]],
) -> tuple[tuple[frozenset[str], ...], tuple[str, ...], tuple[tuple[tuple[float, float], ...], ...]]:
    """The per-name tables as tuples aligned with ``occupations``: ``find`` filters positions by them."""
    names = [o.name_zh for o in occupations]
    return (
        tuple([sub_roles_of[name] for name in names]),
        tuple([text_of[name] for name in names]),
        tuple([pay_of.get(name, ()) for name in names]),
    )


def monthly_pay(occupations: Iterable[Occupation]) -> Mapping[str, tuple[tuple[float, float], ...]]:
    """Each paid record's salary figures as monthly spans (``SalaryRange.monthly``), for ``find(salary=)``."""
    return MappingProxyType(
        {o.name_zh: tuple(figure.monthly() for figure in o.salaries) for o in occupations if o.salaries}
    )


def group_positions(occupations: tuple[Occupation, ...]) -> Mapping[str, frozenset[int]]:
    """Positions in ``occupations`` under each major, middle and small group code."""
    groups: dict[str, set[int]] = {}
    for position, occupation in enumerate(occupations):
        code = occupation.code
        if code is None:
            continue
        # The prefixes Occupation.major_group, middle_group and small_group give,
        # sliced here directly: this runs for every record of the dictionary.
        for prefix in (code[:1], code[:4], code[:7]):
            groups.setdefault(prefix, set()).add(position)
    return MappingProxyType({code: frozenset(members) for code, members in sorted(groups.items())})


def _positions(
    occupations: tuple[Occupation, ...], key: Callable[[Occupation], K]
) -> Mapping[K, frozenset[int]]:
    groups: dict[K, set[int]] = {}
    for position, occupation in enumerate(occupations):
        groups.setdefault(key(occupation), set()).add(position)
    return MappingProxyType({value: frozenset(members) for value, members in groups.items()})


def _folded_sub_roles(occupation: Occupation) -> frozenset[str]:
    names = {fold(r.name_zh) for r in occupation.sub_roles}
    names.update(fold(r.name_en) for r in occupation.sub_roles if r.name_en)
    return frozenset(names)


def _folded_names(occupation: Occupation, sub_roles: frozenset[str]) -> tuple[str, ...]:
    names = [fold(occupation.name_zh), *(fold(f.name_zh) for f in occupation.former_names)]
    if occupation.name_en is not None:
        names.append(fold(occupation.name_en.text))
    return (*names, *sorted(sub_roles))


def _index(pairs: Iterable[tuple[str, Occupation]]) -> Mapping[str, Occupation]:
    table: dict[str, Occupation] = {}
    for key, occupation in pairs:
        # First wins: records are in catalogue order, so new occupations
        # shadow related records that share a name.
        table.setdefault(key, occupation)
    return MappingProxyType(table)
