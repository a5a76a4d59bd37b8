"""What the generated structurers (:mod:`newocc._store.structurers`) call on a fault.

The generated code checks each value inline and, on the first surprise, calls
one of these, which raises :class:`Fault` naming the field's path and the
problem.  The loader turns a fault into a
:class:`~newocc.errors.CatalogueError` naming the file and the record.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Collection, Iterable, Mapping
from typing import Any, NoReturn

from newocc.errors import shown

__all__ = ["At", "Fault"]

At = tuple[Any, str, int | None] | None
"""Where a value sits: None for a row, else ``(parent, field, index)``, built only as deep as the row."""


class Fault(Exception):  # noqa: N818 (a fault in the data, raised to the loader, never to a caller)
    """A value the structurer refuses: ``path`` names its field (``salaries[0].high``)."""

    def __init__(self, at: At, field: str | None, problem: str) -> None:
        super().__init__(problem)
        self.path = _path(at, field)
        self.problem = problem


def _path(at: At, field: str | None) -> str:
    parts: list[str] = [] if field is None else [field]
    while at is not None:
        at, name, index = at
        parts.append(name if index is None else f"{name}[{index}]")
    return ".".join(reversed(parts))


def wrong(at: At, field: str | None, value: object, expected: str) -> NoReturn:
    """``value`` is not of the field's JSON type."""
    raise Fault(at, field, f"expected {expected}, got {type(value).__name__} {shown(value)}")


def not_an_object(at: At, value: object) -> NoReturn:
    """A record's value is not a JSON object."""
    wrong(at, None, value, "a JSON object")


def unknown(at: At, row: Mapping[str, object], fields: Collection[str]) -> NoReturn:
    """``row`` has keys that are not fields of its record type."""
    extra = sorted(key for key in row if key not in fields)
    listed = ", ".join(map(shown, extra))
    raise Fault(at, extra[0], f"extra fields found ({listed}); fields are {sorted(fields)}")


def missing(at: At, row: Mapping[str, object], required: Iterable[str]) -> NoReturn:
    """``row`` lacks a field its record type requires."""
    absent = next(name for name in required if name not in row)
    raise Fault(at, absent, "required field missing")


def computed(at: At, field: str) -> NoReturn:
    """A row stores a field the loader computes."""
    raise Fault(at, field, "is computed, not stored")


def out_of_bounds(at: At, field: str, value: int, minimum: int | None, maximum: int | None) -> NoReturn:
    """``value`` lies outside the field's bounds."""
    if maximum is not None and value > maximum:
        raise Fault(at, field, f"must be at most {maximum:,}, got {shown(value)}")
    if minimum == 1:
        raise Fault(at, field, f"must be positive, got {shown(value)}")
    raise Fault(at, field, f"must be at least {minimum}, got {shown(value)}")


def too_short(at: At, field: str, value: str, shortest: int) -> NoReturn:
    """``value`` has fewer characters than the field allows."""
    raise Fault(
        at, field, "is empty" if not value else f"{shown(value)} is shorter than {shortest} characters"
    )


def mismatch(at: At, field: str, value: str, shape: str) -> NoReturn:
    """``value`` does not match the field's pattern."""
    raise Fault(at, field, f"{shown(value)} is not {shape}")


def not_a_member(at: At, field: str, value: object, kind: type[enum.Enum]) -> NoReturn:
    """``value`` is not a value of the field's enum."""
    if not isinstance(value, str):
        wrong(at, field, value, "a string")
    values = [member.value for member in kind]
    raise Fault(at, field, f"{shown(value)} is not a valid {kind.__name__}; values are {values}")


def date(at: At, field: str, value: object) -> dt.date:
    """``value``, an ISO date string, as a date."""
    if value.__class__ is not str:
        wrong(at, field, value, "a date as a YYYY-MM-DD string")
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:  # "month must be in 1..12" does not say which date
        raise Fault(at, field, f"{shown(value)} is not a date as YYYY-MM-DD: {exc}") from None


def unknown_source(at: At, field: str, value: object) -> NoReturn:
    """``value`` is not the id of a source."""
    if value.__class__ is not str:
        wrong(at, field, value, "a source id (a string)")
    raise Fault(at, field, f"unknown source id {shown(value)}")


def sources(at: At, field: str, value: object, table: Mapping[str, Any]) -> tuple[Any, ...]:
    """``value``, a list of source ids, as the sources of ``table``."""
    if value.__class__ is not list:
        wrong(at, field, value, "a list of source ids")
    try:
        return tuple([table[item] for item in value])
    except (KeyError, TypeError):
        pass
    for index, item in enumerate(value):
        if item.__class__ is not str or item not in table:
            unknown_source(at, f"{field}[{index}]", item)
    raise AssertionError("unreachable")  # pragma: no cover


def strings(at: At, field: str, value: object) -> tuple[str, ...]:
    """``value``, a list of strings, as a tuple."""
    if value.__class__ is not list:
        wrong(at, field, value, "a list of strings")
    for index, item in enumerate(value):
        if item.__class__ is not str:
            wrong(at, f"{field}[{index}]", item, "a string")
    return tuple(value)
