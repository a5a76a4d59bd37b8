"""Query the catalogue: ``find``, ``get``, ``occupations``, ``batches``, ``sectors``.

Pure functions over the loaded catalogue.  A mistake in the arguments raises
``TypeError`` or ``ValueError`` naming the bad value and the valid choices;
it never comes back as a silent empty result.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import TypeVar

from newocc._store import Catalogue, current
from newocc._text import as_code, fold
from newocc.errors import NotFound
from newocc.model import Batch, Fact, Occupation, Sector, Status

__all__ = ["batches", "facts", "find", "get", "occupations", "sectors"]

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
      least one salary figure overlapping that range.  Annual figures are
      divided by 12 before comparing.
    - ``sub_role``: the exact name of a work type, Chinese or English.  A work
      type of an older occupation (``Status.HOST``) needs ``related=True``;
      without it, and for a work type whose parent no source names, the
      ``ValueError`` says so rather than returning nothing.
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
    want_digital = _check_flag("digital", digital) if digital is not None else None
    want_green = _check_flag("green", green) if green is not None else None
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
    if not isinstance(key, str):
        raise TypeError(f"get() takes a code or name as str, not {type(key).__name__} {key!r}")
    catalogue = current()
    code = as_code(key)
    if code is not None:
        found = catalogue.by_code.get(code) or catalogue.by_former_code.get(code)
        if found is not None:
            return found
    folded = fold(key)
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


def _check_related(related: object) -> bool:
    return _check_flag("related", related)


def _check_flag(name: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, not {value!r}")
    return value


def _check_batch(batch: object, catalogue: Catalogue) -> frozenset[int]:
    known = catalogue.batch_numbers
    if isinstance(batch, (str, bytes, bool)):
        raise TypeError(f"batch must be an int or a collection of ints, not {type(batch).__name__} {batch!r}")
    if isinstance(batch, int):
        numbers: Iterable[object] = (batch,)
    elif isinstance(batch, Collection):
        numbers = tuple(batch)
        if not numbers:
            raise ValueError(f"batch is an empty collection, {batch!r}; {_span(known)}")
    else:
        raise TypeError(f"batch must be an int or a collection of ints, not {type(batch).__name__} {batch!r}")
    wanted = set()
    for number in numbers:
        if isinstance(number, bool) or not isinstance(number, int):
            raise TypeError(f"batch numbers must be ints, not {type(number).__name__} {number!r}")
        if number not in known:
            raise ValueError(f"unknown batch {number}; {_span(known)}")
        wanted.add(number)
    return frozenset(wanted)


def _span(known: tuple[int, ...]) -> str:
    return f"batches are {known[0]}–{known[-1]}"


def _check_sector(sector: object) -> Sector:
    if isinstance(sector, Sector):
        return sector
    if isinstance(sector, str):
        try:
            return Sector(sector.strip().lower())
        except ValueError:
            pass
    choices = ", ".join(s.value for s in Sector)
    if not isinstance(sector, str):
        raise TypeError(
            f"sector must be a Sector or one of {choices}; not {type(sector).__name__} {sector!r}"
        )
    raise ValueError(f"unknown sector {sector!r}; sectors are {choices}")


def _check_salary(salary: object) -> tuple[float, float]:
    if not isinstance(salary, (tuple, list)) or len(salary) != 2:
        raise TypeError(f"salary must be a (low, high) pair in CNY per month, not {salary!r}")
    for bound in salary:
        if isinstance(bound, bool) or not isinstance(bound, (int, float)):
            raise TypeError(f"salary bounds must be numbers, not {type(bound).__name__} {bound!r}")
        if bound < 0 or (isinstance(bound, float) and not math.isfinite(bound)):
            raise ValueError(f"salary bounds must be finite and not negative, got {bound!r}")
    try:
        low, high = float(salary[0]), float(salary[1])
    except OverflowError:
        # An int too large for a float: no salary figure comes near it.
        raise ValueError(f"salary bounds must be below 1e308, got {tuple(salary)!r}") from None
    if low > high:
        raise ValueError(f"salary range {tuple(salary)!r} has low above high")
    return low, high


def _check_sub_role(sub_role: object, catalogue: Catalogue, related: bool) -> str:
    if not isinstance(sub_role, str):
        raise TypeError(
            f"sub_role must be a work type's name as str, not {type(sub_role).__name__} {sub_role!r}"
        )
    folded = fold(sub_role)
    if folded not in catalogue.sub_role_names:
        import difflib  # only for the hint: it costs ~1.5 ms to import on a first query

        close = difflib.get_close_matches(folded, catalogue.sub_role_names, n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(close)}?" if close else "; see each occupation's sub_roles"
        raise ValueError(f"unknown sub-role {sub_role!r}{hint}")
    owner = catalogue.by_sub_role.get(folded)
    if owner is None:
        number = next(
            b.number
            for b in catalogue.batches
            for r in b.unplaced_work_types
            if folded == fold(r.name_zh) or (r.name_en and folded == fold(r.name_en))
        )
        raise ValueError(
            f"sub-role {sub_role!r} was released by batch {number} under a parent occupation no source "
            f"names, so no occupation has it; see newocc.batches()[{number - 1}].unplaced_work_types"
        )
    if not related and owner.status is not Status.NEW:
        # A valid name whose occupation lies outside the default universe: say so, not ().
        raise ValueError(
            f"sub-role {sub_role!r} belongs to {owner.name_zh}, which is not a new occupation "
            f"(status {owner.status.value!r}); pass related=True to include it"
        )
    return folded


def _check_text(text: object) -> str:
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__} {text!r}")
    folded = fold(text)
    if not folded:
        raise ValueError(f"text {text!r} is blank; leave it out to match everything")
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
    for figure in occupation.salaries:
        figure_low, figure_high = figure.monthly()
        if figure_low <= high and low <= figure_high:
            return True
    return False


def _closest(key: str, candidates: Iterable[str], catalogue: Catalogue) -> tuple[str, ...]:
    import difflib  # only on the way to NotFound

    close = difflib.get_close_matches(key, list(candidates), n=3, cutoff=0.4)
    return tuple(dict.fromkeys(catalogue.by_name[name].name_zh for name in close))
