"""Query the catalogue: ``find``, ``get``, ``occupations``, ``batches``, ``sectors``, ``groups``.

Pure functions over the loaded catalogue.  A mistake in the arguments raises
:class:`~newocc.errors.InvalidArgumentType` (a ``TypeError``) or
:class:`~newocc.errors.InvalidArgument` (a ``ValueError``) naming the bad
value and the valid choices; it never comes back as a silent empty result.
Only the first :data:`~newocc._check.MAX_ARGUMENT_CHARS` characters of a str
argument are read: no code or name comes near that length.

What ``find`` and ``occupations`` search is their :class:`Scope`: the new
occupations by default, the records related to them with ``scope="related"``
(or ``related=True``), or every detailed occupation of the 2022 dictionary
with ``scope="dictionary"``.  Only the last reads the dictionary's files; it
does so once, on first use.
"""

from __future__ import annotations

import enum
import functools
import math
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from itertools import chain
from typing import TypeVar, cast

from newocc._check import MAX_ARGUMENT_CHARS, check_bool, check_choice, check_str
from newocc._store import Catalogue, current, dictionary
from newocc._store.catalogue import SEPARATOR
from newocc._text import as_code, fold
from newocc.errors import InvalidArgument, InvalidArgumentType, NotFound
from newocc.model import Batch, Fact, Occupation, Sector, Status

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: see newocc/__init__.py
if TYPE_CHECKING:
    from newocc._store.whole_dictionary import Dictionary
    from newocc.model.groups import Group

__all__ = ["Scope", "batches", "facts", "find", "get", "groups", "occupations", "sectors"]


def __dir__() -> list[str]:
    return list(__all__)


K = TypeVar("K")


class Scope(str, enum.Enum):
    """Which records :func:`find` and :func:`occupations` search."""

    NEW = "new"
    """The new occupations (新职业) the batches released, in catalogue order; the default."""
    RELATED = "related"
    """The new occupations and the records related to them (``Status.RAISED`` and
    ``Status.HOST``), in catalogue order; the same as ``related=True``."""
    DICTIONARY = "dictionary"
    """Every detailed occupation of the 2022 dictionary and its 2024 and 2025
    additions, the catalogue's records included, in code order."""


def occupations(*, related: bool = False, scope: Scope | str | None = None) -> tuple[Occupation, ...]:
    """Every occupation of the scope: by default the new ones, in catalogue order.

    With ``related=True`` (or ``scope="related"``) the result also holds the
    records that are not new occupations themselves: work types a batch raised
    to occupations (``Status.RAISED``) and older occupations that received new
    work types (``Status.HOST``).  With ``scope="dictionary"`` it is every
    occupation of the 2022 dictionary, in code order (see :class:`Scope`).
    """
    chosen = _check_scope(scope, related)
    if chosen is Scope.DICTIONARY:
        return dictionary().occupations
    catalogue = current()
    return catalogue.occupations if chosen is Scope.RELATED else catalogue.new


def facts() -> tuple[Fact, ...]:
    """Facts about new occupations as a whole: employment counts, who does the work, totals."""
    return current().facts


def batches() -> tuple[Batch, ...]:
    """The releases, oldest first: dates, notice, official and listed counts."""
    return current().batches


def sectors() -> tuple[Sector, ...]:
    """Every sector, in the order of :class:`~newocc.model.Sector`."""
    return tuple(Sector)


def groups() -> tuple[Group, ...]:
    """The named groups of the 2022 dictionary (the 8 major groups, 大类), in code order.

    Middle and small groups are not named (no source the data trusts shows
    them); their codes still work in ``find(group=...)``.
    """
    return dictionary().groups


def find(
    *,
    batch: int | Collection[int] | None = None,
    sector: Sector | str | None = None,
    salary: tuple[float, float] | None = None,
    sub_role: str | None = None,
    text: str | None = None,
    digital: bool | None = None,
    green: bool | None = None,
    group: str | Group | None = None,
    related: bool = False,
    scope: Scope | str | None = None,
) -> tuple[Occupation, ...]:
    """The occupations that meet every criterion given, in the scope's order.

    - ``batch``: a batch number, or a collection of them (any of).
    - ``sector``: a :class:`~newocc.model.Sector` or its value, e.g. ``"digital"``.
    - ``salary``: ``(low, high)`` in CNY per month; keeps occupations with at
      least one salary figure that says pay may lie in that range, whatever
      its statistic (see :meth:`~newocc.model.SalaryRange.overlaps`): a single
      mean, median or figure inside it, a range or percentile span that
      overlaps it, a lower bound at most ``high``.  Annual figures are divided
      by 12 before comparing; proxy figures count too.
    - ``sub_role``: the exact name of a work type, Chinese or English.  A work
      type outside the scope (an older occupation's, a ``Status.HOST`` or
      ``Status.ESTABLISHED`` one) raises an :class:`~newocc.errors.InvalidArgument` that says which scope
      holds it, rather than returning nothing.
    - ``text``: a case-insensitive substring of the Chinese or English name
      of the occupation, a former name, or the name of one of its work types;
      Latin text matches at the start of a word ("ai" finds "AI trainers",
      not "blockchain").
    - ``digital`` / ``green``: True keeps occupations a source shows with the
      2022 dictionary's S (digital) or L (green) mark; False keeps those no
      source shows with it (which is not proof that they lack it).
    - ``group``: a group of the 2022 dictionary by its code, dashed or compact:
      a major group (``"4"``), a middle group (``"4-02"`` or ``"402"``) or a
      small group (``"4-02-07"``), or a :class:`~newocc.model.groups.Group`.
    - ``related``: also search records that are not new occupations; the same
      as ``scope="related"``.
    - ``scope``: a :class:`Scope` or its value: ``"new"`` (the default),
      ``"related"`` or ``"dictionary"`` (every occupation of the 2022
      dictionary, in code order).

    With no criteria the result is :func:`occupations` of the scope.
    """
    chosen = _check_scope(scope, related)
    catalogue = current()
    table = dictionary() if chosen is Scope.DICTIONARY else None
    view: Catalogue | Dictionary = table if table is not None else catalogue
    # Narrow by the precomputed position sets first (no per-record work),
    # then test the few survivors; no closures are built per call.
    numbers = _check_batch(batch, catalogue) if batch is not None else None
    keep = catalogue.new_positions if chosen is Scope.NEW else None
    if sector is not None:
        keep = _narrow(keep, (_check_sector(sector),), view.positions_by_sector)
    if group is not None:
        keep = _narrow(keep, (_check_group(group),), view.positions_by_group)
    candidates: Iterable[int]
    if numbers is not None and keep is catalogue.new_positions:
        # The new occupations of the batches asked for, from runs sorted at
        # load: no set to build, intersect and sort on every call.
        runs = catalogue.new_by_batch
        if len(numbers) == 1:
            candidates = runs.get(next(iter(numbers)), ())
        else:
            candidates = sorted(chain.from_iterable([runs.get(number, ()) for number in numbers]))
    else:
        if numbers is not None:
            keep = _narrow(keep, numbers, view.positions_by_batch)
        candidates = sorted(keep) if keep is not None else range(len(view.occupations))
    low_high = _check_salary(salary) if salary is not None else None
    role = _check_sub_role(sub_role, chosen) if sub_role is not None else None
    found_in = _text_matcher(_check_text(text)) if text is not None else None
    want_digital = check_bool("digital", digital) if digital is not None else None
    want_green = check_bool("green", green) if green is not None else None
    records = view.occupations
    # One filter at a time over the surviving positions, each a comprehension
    # over a table aligned with ``records``: cheaper than testing every
    # criterion record by record.
    if role is not None:
        sub_roles_at = view.sub_roles_at
        candidates = [p for p in candidates if role in sub_roles_at[p]]
    if found_in is not None:
        text_at = view.text_at
        if isinstance(found_in, str):
            candidates = [p for p in candidates if found_in in text_at[p]]
        else:
            candidates = [p for p in candidates if found_in(text_at[p])]
    if low_high is not None:
        low, high = low_high
        pay_at = view.pay_at
        # SalaryRange.overlaps, on the monthly spans the store computed once.
        candidates = [p for p in candidates if pay_at[p] and _pays(pay_at[p], low, high)]
    if want_digital is not None:
        candidates = [p for p in candidates if bool(records[p].digital) is want_digital]
    if want_green is not None:
        candidates = [p for p in candidates if bool(records[p].green) is want_green]
    return tuple([records[p] for p in candidates])


def _pays(spans: tuple[tuple[float, float], ...], low: float, high: float) -> bool:
    """Whether any monthly span overlaps ``low``–``high`` (bounds inclusive)."""
    # A loop, not any() over a generator: this runs per candidate of a warm find().
    for figure_low, figure_high in spans:  # noqa: SIM110
        if figure_low <= high and low <= figure_high:
            return True
    return False


def _narrow(
    keep: frozenset[int] | None, wanted: Iterable[K], index: Mapping[K, frozenset[int]]
) -> frozenset[int]:
    """``keep`` (None: everything) cut down to the records under any of ``wanted`` keys."""
    matching: frozenset[int] = frozenset()
    for key in wanted:
        matching = matching | index.get(key, _NONE) if matching else index.get(key, _NONE)
    return matching if keep is None else keep & matching


_NONE: frozenset[int] = frozenset()


def get(key: str) -> Occupation:
    """The occupation with this code or exact name, in the whole 2022 dictionary.

    ``key`` may be a current code (``"4-01-06-02"`` or ``"4010602"``), a code
    printed before (in an earlier standard, or in the 2022 public-comment
    draft; used only when no current code is the same), or an exact official
    Chinese or English name, current or former (case, width and traditional
    characters are ignored).  The new occupations and their related records
    are looked up first, then the rest of the dictionary; the record's
    ``status`` says which it is (``get("快递员").status`` is
    ``Status.ESTABLISHED``).  Raises :class:`~newocc.errors.NotFound`
    otherwise, suggesting the closest names, naming the occupation whose work
    type ``key`` is, or saying why a code a source prints has no record.
    """
    folded = _exact("key", key)
    if folded is None:
        raise NotFound(key)  # longer than any code or name: nothing to look up or suggest
    catalogue = current()
    code = as_code(folded)
    if code is not None:
        found = catalogue.by_code.get(code)
        if found is not None:
            return found
        # The rest of the dictionary is read only when the catalogue has no answer.
        table = dictionary()
        found = (
            table.by_code.get(code) or catalogue.by_former_code.get(code) or table.by_former_code.get(code)
        )
        if found is not None:
            return found
        note = table.unresolved.get(code)
        if note is not None:
            raise NotFound(key, hint=note.note[:1].lower() + note.note[1:])
    found = catalogue.by_name.get(folded)
    if found is not None:
        return found
    simplified = _simplified(folded)
    found = catalogue.by_name.get(simplified)
    if found is not None:
        return found
    table = dictionary()
    found = table.by_name.get(folded) or table.by_name.get(simplified)
    if found is not None:
        return found
    role_key = folded if folded in table.by_sub_role else simplified
    owner = table.by_sub_role.get(role_key)
    if owner is not None:
        role = next(r for r in owner.sub_roles if role_key in (fold(r.name_zh), fold(r.name_en or "")))
        scope = "" if owner.status is not Status.ESTABLISHED else ", scope='dictionary'"
        raise NotFound(
            key,
            (owner.name_zh,),
            hint=f"it is a work type of {owner.name_zh}; find(sub_role={role.name_zh!r}{scope}) finds it",
        )
    raise NotFound(key, _closest(folded, table))


def _simplified(text: str) -> str:
    """``text`` in simplified characters; only reached when an exact lookup failed."""
    from newocc._store.script import traditional_to_simplified

    return traditional_to_simplified(text)


def _exact(name: str, value: object) -> str | None:
    """``value`` folded for an exact lookup, or None when it is longer than any code or name."""
    text = check_str(name, value, max_chars=MAX_ARGUMENT_CHARS + 1)
    return None if len(text) > MAX_ARGUMENT_CHARS else fold(text)


def _check_scope(scope: object, related: object) -> Scope:
    related = check_bool("related", related)
    if scope is None:
        return Scope.RELATED if related else Scope.NEW
    chosen = check_choice("scope", scope, Scope)
    if related and chosen is not Scope.RELATED:
        raise InvalidArgument(
            "scope", scope, "contradicts related=True, which asks for scope='related'; pass one of them"
        )
    return chosen


@functools.cache
def _group_forms() -> tuple[tuple[re.Pattern[str], Callable[[str], str]], ...]:
    """The forms of a group code, compiled on the first ``find(group=...)``.

    Compiling them on import cost every first query about half a millisecond.
    """
    return (
        (re.compile(r"\d"), lambda c: c),
        (re.compile(r"\d-\d{2}(-\d{2})?"), lambda c: c),
        (re.compile(r"\d{3}"), lambda c: f"{c[0]}-{c[1:3]}"),
        (re.compile(r"\d{5}"), lambda c: f"{c[0]}-{c[1:3]}-{c[3:5]}"),
    )


_DASHES = str.maketrans({"‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-"})


def _check_group(group: object) -> str:
    from newocc.model.groups import Group  # not on import: a first query builds no Group class

    if isinstance(group, Group):
        group = group.code
    if not isinstance(group, str):
        raise InvalidArgumentType("group", group, "a group's code as str (e.g. '4' or '4-02-07') or a Group")
    text = group[:MAX_ARGUMENT_CHARS]
    folded = fold(text).translate(_DASHES)
    code = next((dashed(folded) for pattern, dashed in _group_forms() if pattern.fullmatch(folded)), None)
    # Any code of the form is accepted only if some occupation of the dictionary is in it.
    if code is None or code not in dictionary().positions_by_group:
        majors = ", ".join(g.code for g in dictionary().groups if g.level == 1)
        raise InvalidArgument(
            "group",
            group,
            f"is not a group; a group is a major group ({majors}), or the first "
            "two or three parts of an occupation code, e.g. '4-02' or '4-02-07'",
        )
    return code


# The collections a batch argument usually is: tested by type first, since an
# ``isinstance`` test against the ``Collection`` and ``Sequence`` ABCs costs a
# warm find() more than the rest of the check.
_SEQUENCES = (tuple, list, range)
_SETS = (set, frozenset)


def _check_batch(batch: object, catalogue: Catalogue) -> frozenset[int]:
    known = catalogue.batch_number_set
    kind = type(batch)
    if kind is int:
        if batch not in known:
            raise _not_a_batch("batch", batch, catalogue)
        return frozenset((batch,))
    if kind in _SEQUENCES:
        sequence = True
    elif kind in _SETS:
        sequence = False
    elif isinstance(batch, (str, bytes, bool)) or not isinstance(batch, (int, Collection)):
        raise InvalidArgumentType("batch", batch, "an int or a collection of ints")
    else:
        sequence = isinstance(batch, Sequence)
    numbers: Iterable[object] = (batch,) if isinstance(batch, int) else cast("Iterable[object]", batch)
    wanted = set()
    # Item by item, never copied first: range(10**18) fails at its first unknown number.
    for position, number in enumerate(numbers):
        if number.__class__ is not int and (isinstance(number, bool) or not isinstance(number, int)):
            raise InvalidArgumentType(f"batch[{position}]" if sequence else "batch", number, "an int")
        if number not in known:
            raise _not_a_batch(f"batch[{position}]" if sequence else "batch", number, catalogue)
        wanted.add(number)
    if not wanted:
        raise InvalidArgument("batch", batch, "is an empty collection; leave it out to match every batch")
    return frozenset(wanted)


def _check_sector(sector: object) -> Sector:
    return check_choice("sector", sector, Sector)


_SALARY = "a (low, high) pair of numbers in CNY per month"


def _not_a_batch(name: str, number: object, catalogue: Catalogue) -> InvalidArgument:
    return InvalidArgument(name, number, "is not a batch", tuple(str(n) for n in catalogue.batch_numbers))


def _check_salary(salary: object) -> tuple[float, float]:
    if not isinstance(salary, (tuple, list)) or len(salary) != 2:
        raise InvalidArgumentType("salary", salary, _SALARY)
    for position, bound in enumerate(salary):
        if isinstance(bound, bool) or not isinstance(bound, (int, float)):
            raise InvalidArgumentType(f"salary[{position}]", bound, "a number")
        if bound < 0 or (isinstance(bound, float) and not math.isfinite(bound)):
            raise InvalidArgument(f"salary[{position}]", bound, "must be finite and not negative")
    try:
        low, high = float(salary[0]), float(salary[1])
    except OverflowError:
        # An int too large for a float: no salary figure comes near it.
        raise InvalidArgument("salary", tuple(salary), "bounds must be below 1e308") from None
    if low > high:
        raise InvalidArgument("salary", tuple(salary), "has low above high")
    return low, high


def _check_sub_role(sub_role: object, scope: Scope) -> str:
    folded = _exact("sub_role", sub_role) or ""
    catalogue = current()
    in_catalogue = scope is not Scope.DICTIONARY
    # The catalogue's own names first: a valid query of the new occupations never
    # reads the rest of the dictionary.
    owner = catalogue.by_sub_role.get(folded) if in_catalogue else dictionary().by_sub_role.get(folded)
    if owner is not None and (scope is not Scope.NEW or owner.status is Status.NEW):
        return folded
    table = dictionary()
    if owner is None:
        owner = table.by_sub_role.get(folded)
    if owner is not None:
        # A valid name whose occupation lies outside the scope: say so, not ().
        wider = "related=True" if owner.status is not Status.ESTABLISHED else "scope='dictionary'"
        raise InvalidArgument(
            "sub_role",
            sub_role,
            f"belongs to {owner.name_zh}, which is not a new occupation "
            f"(status {owner.status.value!r}); pass {wider} to include it",
        )
    if folded in catalogue.sub_role_names:
        number = next(
            b.number
            for b in catalogue.batches
            for r in b.unplaced_work_types
            if folded == fold(r.name_zh) or (r.name_en and folded == fold(r.name_en))
        )
        released = f"was released by batch {number} under a parent "
        if folded in table.by_name:
            raise InvalidArgument(
                "sub_role",
                sub_role,
                f"{released}no release names; the 2022 dictionary lists {table.by_name[folded].name_zh} "
                f"as an occupation of its own (newocc.get({sub_role!r})), not as a work type",
            )
        raise InvalidArgument(
            "sub_role",
            sub_role,
            f"{released}no source names, so no occupation has it; "
            f"see newocc.batches()[{number - 1}].unplaced_work_types",
        )
    import difflib  # only for the hint: it costs ~1.5 ms to import on a first query

    names = catalogue.sub_role_names if in_catalogue else table.sub_role_names
    close = difflib.get_close_matches(folded, names, n=3, cutoff=0.5) if len(folded) <= _LONGEST_KEY else []
    hint = f"did you mean {', '.join(close)}?" if close else "see each occupation's sub_roles"
    raise InvalidArgument("sub_role", sub_role, f"is not the name of a work type; {hint}")


def _check_text(text: object) -> str:
    folded = fold(check_str("text", text))
    if not folded:
        raise InvalidArgument("text", text, "is blank; leave it out to match everything")
    return folded


def _text_matcher(needle: str) -> str | Callable[[str], bool]:
    """How ``text`` is found in a record's names: a substring, but Latin text only at a word's start.

    "ai" then finds "AI trainers" but not "blockchain"; Chinese has no word
    breaks, so a Chinese needle is a plain substring.  The matcher reads the
    record's names joined into one string (``text_of``); a needle holding the
    separator would match across two names, and no single name holds it.
    A plain substring test is returned as the needle itself (``find`` tests
    ``needle in name`` inline, without a call per record).
    """
    if SEPARATOR in needle:
        return lambda names: False
    if needle[0].isascii() and needle[0].isalnum():
        pattern = re.compile(rf"(?<![a-z0-9]){re.escape(needle)}")
        return lambda name: pattern.search(name) is not None
    return needle


# No name is longer than this; a longer key has no close match, and difflib
# would compare it with every name for nothing.
_LONGEST_KEY = 64


def _closest(key: str, table: Dictionary) -> tuple[str, ...]:
    if len(key) > _LONGEST_KEY:
        return ()
    import difflib  # only on the way to NotFound

    close = difflib.get_close_matches(key, list(table.by_name), n=3, cutoff=0.4)
    return tuple(dict.fromkeys(table.by_name[name].name_zh for name in close))
