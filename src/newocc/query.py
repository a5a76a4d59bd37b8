"""Query the catalogue: ``find``, ``get``, ``occupations``, ``batches``, ``sectors``.

Pure functions over the loaded catalogue.  A mistake in the arguments raises
:class:`~newocc.errors.InvalidArgumentType` (a ``TypeError``) or
:class:`~newocc.errors.InvalidArgument` (a ``ValueError``) naming the bad
value and the valid choices; it never comes back as a silent empty result.
Only the first :data:`~newocc._check.MAX_ARGUMENT_CHARS` characters of a str
argument are read: no code or name comes near that length.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import TypeVar

from newocc._check import MAX_ARGUMENT_CHARS, check_bool, check_choice, check_str
from newocc._store import Catalogue, current
from newocc._text import as_code, fold
from newocc.errors import InvalidArgument, InvalidArgumentType, NotFound
from newocc.model import Batch, Fact, Occupation, Sector, Status

__all__ = ["batches", "facts", "find", "get", "occupations", "sectors"]


def __dir__() -> list[str]:
    return list(__all__)


K = TypeVar("K")


def occupations(*, related: bool = False) -> tuple[Occupation, ...]:
    """Every new occupation, in catalogue order (by batch, then as the notice lists them).

    With ``related=True`` the result also holds the records that are not new
    occupations themselves: work types a batch raised to occupations
    (``Status.RAISED``) and older occupations that received new work types
    (``Status.HOST``).
    """
    return _universe(current(), _check_related(related))


def facts() -> tuple[Fact, ...]:
    """Facts about new occupations as a whole: employment counts, who does the work, totals."""
    return current().facts


def batches() -> tuple[Batch, ...]:
    """The releases, oldest first: dates, notice, official and listed counts."""
    return current().batches


def sectors() -> tuple[Sector, ...]:
    """Every sector, in the order of :class:`~newocc.model.Sector`."""
    return tuple(Sector)


def find(
    *,
    batch: int | Collection[int] | None = None,
    sector: Sector | str | None = None,
    salary: tuple[float, float] | None = None,
    sub_role: str | None = None,
    text: str | None = None,
    digital: bool | None = None,
    green: bool | None = None,
    related: bool = False,
) -> tuple[Occupation, ...]:
    """The occupations that meet every criterion given, in catalogue order.

    - ``batch``: a batch number, or a collection of them (any of).
    - ``sector``: a :class:`~newocc.model.Sector` or its value, e.g. ``"digital"``.
    - ``salary``: ``(low, high)`` in CNY per month; keeps occupations with at
      least one salary figure that says pay may lie in that range, whatever
      its statistic (see :meth:`~newocc.model.SalaryRange.overlaps`): a single
      mean, median or figure inside it, a range or percentile span that
      overlaps it, a lower bound at most ``high``.  Annual figures are divided
      by 12 before comparing; proxy figures count too.
    - ``sub_role``: the exact name of a work type, Chinese or English.  A work
      type of an older occupation (``Status.HOST``) needs ``related=True``;
      without it, and for a work type whose parent no source names, the
      :class:`~newocc.errors.InvalidArgument` says so rather than returning nothing.
    - ``text``: a case-insensitive substring of the Chinese or English name
      of the occupation, a former name, or the name of one of its work types;
      Latin text matches at the start of a word ("ai" finds "AI trainers",
      not "blockchain").
    - ``digital`` / ``green``: True keeps occupations a source shows with the
      2022 dictionary's S (digital) or L (green) mark; False keeps those no
      source shows with it (which is not proof that they lack it).
    - ``related``: also search records that are not new occupations (see
      :func:`occupations`).

    With no criteria the result is :func:`occupations`.
    """
    catalogue = current()
    # Narrow by the precomputed position sets first (no per-record work),
    # then test the few survivors; no closures are built per call.
    keep = catalogue.new_positions if not _check_related(related) else None
    if batch is not None:
        keep = _narrow(keep, _check_batch(batch, catalogue), catalogue.positions_by_batch)
    if sector is not None:
        keep = _narrow(keep, (_check_sector(sector),), catalogue.positions_by_sector)
    low_high = _check_salary(salary) if salary is not None else None
    role = _check_sub_role(sub_role, catalogue, related) if sub_role is not None else None
    found_in = _text_matcher(_check_text(text)) if text is not None else None
    want_digital = check_bool("digital", digital) if digital is not None else None
    want_green = check_bool("green", green) if green is not None else None
    records = catalogue.occupations
    candidates = sorted(keep) if keep is not None else range(len(records))
    found = []
    for position in candidates:
        occupation = records[position]
        if role is not None and role not in catalogue.sub_roles_of[occupation.name_zh]:
            continue
        if found_in is not None and not any(
            found_in(name) for name in catalogue.names_of[occupation.name_zh]
        ):
            continue
        if low_high is not None and not _pays_within(occupation, *low_high):
            continue
        if want_digital is not None and bool(occupation.digital) is not want_digital:
            continue
        if want_green is not None and bool(occupation.green) is not want_green:
            continue
        found.append(occupation)
    return tuple(found)


def _narrow(
    keep: frozenset[int] | None, wanted: Iterable[K], index: Mapping[K, frozenset[int]]
) -> frozenset[int]:
    """``keep`` (None: everything) cut down to the records under any of ``wanted`` keys."""
    matching: frozenset[int] = frozenset().union(*(index.get(key, frozenset()) for key in wanted))
    return matching if keep is None else keep & matching


def get(key: str) -> Occupation:
    """The occupation with this code or exact name.

    ``key`` may be a current code (``"4-01-06-02"`` or ``"4010602"``), a code
    printed before the 2022 dictionary (used only when no current code is the
    same), or an exact official Chinese or English name, current or former
    (case, width and traditional characters are ignored).  Raises
    :class:`~newocc.errors.NotFound` otherwise, suggesting the closest names,
    or the occupation whose work type ``key`` names.
    """
    folded = _exact("key", key)
    if folded is None:
        raise NotFound(key)  # longer than any code or name: nothing to look up or suggest
    catalogue = current()
    code = as_code(folded)
    if code is not None:
        found = catalogue.by_code.get(code) or catalogue.by_former_code.get(code)
        if found is not None:
            return found
    found = catalogue.by_name.get(folded) or catalogue.by_name.get(_simplified(folded))
    if found is not None:
        return found
    role_key = folded if folded in catalogue.by_sub_role else _simplified(folded)
    owner = catalogue.by_sub_role.get(role_key)
    if owner is not None:
        role = next(r for r in owner.sub_roles if role_key in (fold(r.name_zh), fold(r.name_en or "")))
        raise NotFound(
            key,
            (owner.name_zh,),
            hint=f"it is a work type of {owner.name_zh}; find(sub_role={role.name_zh!r}) finds it",
        )
    raise NotFound(key, _closest(folded, catalogue.by_name.keys(), catalogue))


def _simplified(text: str) -> str:
    """``text`` in simplified characters; only reached when an exact lookup failed."""
    from newocc._store.script import traditional_to_simplified

    return traditional_to_simplified(text)


def _universe(catalogue: Catalogue, related: bool) -> tuple[Occupation, ...]:
    return catalogue.occupations if related else catalogue.new


def _exact(name: str, value: object) -> str | None:
    """``value`` folded for an exact lookup, or None when it is longer than any code or name."""
    text = check_str(name, value, max_chars=MAX_ARGUMENT_CHARS + 1)
    return None if len(text) > MAX_ARGUMENT_CHARS else fold(text)


def _check_related(related: object) -> bool:
    return check_bool("related", related)


def _check_batch(batch: object, catalogue: Catalogue) -> frozenset[int]:
    known = catalogue.batch_numbers
    choices = tuple(str(number) for number in known)
    if isinstance(batch, (str, bytes, bool)) or not isinstance(batch, (int, Collection)):
        raise InvalidArgumentType("batch", batch, "an int or a collection of ints")
    numbers: Iterable[object] = (batch,) if isinstance(batch, int) else batch
    wanted = set()
    # Item by item, never copied first: range(10**18) fails at its first unknown number.
    for position, number in enumerate(numbers):
        name = f"batch[{position}]" if isinstance(batch, Sequence) else "batch"
        if isinstance(number, bool) or not isinstance(number, int):
            raise InvalidArgumentType(name, number, "an int")
        if number not in known:
            raise InvalidArgument(name, number, "is not a batch", choices)
        wanted.add(number)
    if not wanted:
        raise InvalidArgument("batch", batch, "is an empty collection; leave it out to match every batch")
    return frozenset(wanted)


def _check_sector(sector: object) -> Sector:
    return check_choice("sector", sector, Sector)


_SALARY = "a (low, high) pair of numbers in CNY per month"


def _check_salary(salary: object) -> tuple[float, float]:
    if not isinstance(salary, (tuple, list)) or len(salary) != 2:
        raise InvalidArgumentType("salary", salary, _SALARY)
    for position, bound in enumerate(salary):
        name = f"salary[{position}]"
        if isinstance(bound, bool) or not isinstance(bound, (int, float)):
            raise InvalidArgumentType(name, bound, "a number")
        if bound < 0 or (isinstance(bound, float) and not math.isfinite(bound)):
            raise InvalidArgument(name, bound, "must be finite and not negative")
    try:
        low, high = float(salary[0]), float(salary[1])
    except OverflowError:
        # An int too large for a float: no salary figure comes near it.
        raise InvalidArgument("salary", tuple(salary), "bounds must be below 1e308") from None
    if low > high:
        raise InvalidArgument("salary", tuple(salary), "has low above high")
    return low, high


def _check_sub_role(sub_role: object, catalogue: Catalogue, related: bool) -> str:
    folded = _exact("sub_role", sub_role) or ""
    if folded not in catalogue.sub_role_names:
        import difflib  # only for the hint: it costs ~1.5 ms to import on a first query

        close = difflib.get_close_matches(folded, catalogue.sub_role_names, n=3, cutoff=0.5)
        hint = f"did you mean {', '.join(close)}?" if close else "see each occupation's sub_roles"
        raise InvalidArgument("sub_role", sub_role, f"is not the name of a work type; {hint}")
    owner = catalogue.by_sub_role.get(folded)
    if owner is None:
        number = next(
            b.number
            for b in catalogue.batches
            for r in b.unplaced_work_types
            if folded == fold(r.name_zh) or (r.name_en and folded == fold(r.name_en))
        )
        raise InvalidArgument(
            "sub_role",
            sub_role,
            f"was released by batch {number} under a parent occupation no source names, so no "
            f"occupation has it; see newocc.batches()[{number - 1}].unplaced_work_types",
        )
    if not related and owner.status is not Status.NEW:
        # A valid name whose occupation lies outside the default universe: say so, not ().
        raise InvalidArgument(
            "sub_role",
            sub_role,
            f"belongs to {owner.name_zh}, which is not a new occupation "
            f"(status {owner.status.value!r}); pass related=True to include it",
        )
    return folded


def _check_text(text: object) -> str:
    folded = fold(check_str("text", text))
    if not folded:
        raise InvalidArgument("text", text, "is blank; leave it out to match everything")
    return folded


def _text_matcher(needle: str) -> Callable[[str], bool]:
    """How ``text`` is found in a name: a substring, but Latin text only at a word's start.

    "ai" then finds "AI trainers" but not "blockchain"; Chinese has no word
    breaks, so a Chinese needle is a plain substring.
    """
    if needle[0].isascii() and needle[0].isalnum():
        pattern = re.compile(rf"(?<![a-z0-9]){re.escape(needle)}")
        return lambda name: pattern.search(name) is not None
    return lambda name: needle in name


def _pays_within(occupation: Occupation, low: float, high: float) -> bool:
    return any(figure.overlaps(low, high) for figure in occupation.salaries)


def _closest(key: str, candidates: Iterable[str], catalogue: Catalogue) -> tuple[str, ...]:
    import difflib  # only on the way to NotFound

    close = difflib.get_close_matches(key, list(candidates), n=3, cutoff=0.4)
    return tuple(dict.fromkeys(catalogue.by_name[name].name_zh for name in close))
