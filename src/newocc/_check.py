"""Argument checks shared by every public function: the one place argument errors are raised.

A leaf module (it imports only :mod:`newocc.errors`), so the query layer, the
coder and the exports check arguments alike without importing each other.
"""

from __future__ import annotations

import enum
from typing import TypeVar

from newocc.errors import InvalidArgument, InvalidArgumentType

__all__ = [
    "MAX_ARGUMENT_CHARS",
    "check_bool",
    "check_choice",
    "check_positive_int",
    "check_probability",
    "check_str",
]

MAX_ARGUMENT_CHARS = 1_000
"""Longer str arguments are cut to this many characters before any work: no
name, code or title comes near it, and the cut bounds time and memory."""

E = TypeVar("E", bound=enum.Enum)


def check_str(name: str, value: object, *, max_chars: int = MAX_ARGUMENT_CHARS) -> str:
    """``value`` if it is a str, cut to ``max_chars``; else :class:`InvalidArgumentType`."""
    if not isinstance(value, str):
        raise InvalidArgumentType(name, value, "a str")
    return value[:max_chars]


def check_bool(name: str, value: object) -> bool:
    """``value`` if it is True or False (not 0, 1 or None)."""
    if not isinstance(value, bool):
        raise InvalidArgumentType(name, value, "True or False")
    return value


def check_positive_int(name: str, value: object) -> int:
    """``value`` if it is an int of at least 1 (a bool is refused)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidArgumentType(name, value, "a positive int")
    if value < 1:
        raise InvalidArgument(name, value, "must be an int of at least 1")
    return value


def check_probability(name: str, value: object) -> float:
    """``value`` as a float if it is a number in (0, 1] (a bool, 0 and NaN are refused)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidArgumentType(name, value, "a float in (0, 1]")
    if not 0.0 < value <= 1.0:
        raise InvalidArgument(name, value, "must be in (0, 1]")
    return float(value)


def check_choice(name: str, value: object, choices: type[E]) -> E:
    """``value`` as a member of the str enum ``choices``: a member, or its value in any case."""
    if isinstance(value, choices):
        return value
    listed = tuple(str(member.value) for member in choices)
    if not isinstance(value, str):
        raise InvalidArgumentType(name, value, f"a {choices.__name__} or one of {', '.join(listed)}")
    try:
        return choices(value.strip().lower())
    except ValueError:
        raise InvalidArgument(name, value, f"is not a {choices.__name__}", listed) from None
