"""Arbitrary input raises only the documented exceptions, naming the bad value.

``CONTRACTS`` lists every public callable with the ways to feed it a value and
what it may raise; a public callable missing from it fails the suite, so a new
function or command is covered by adding one entry.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newocc

# Values no caller should send, and a few they might: wrong types, empty and
# huge strings, NUL and lone surrogates, negative and huge numbers, NaN,
# nested containers, and the library's own enum members.
scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.sampled_from([-1, 0, 2**63, -(10**100), 10**100])
    | st.floats()
    | st.sampled_from([math.nan, math.inf, -math.inf, -0.0])
    | st.text()
    | st.text(st.characters(codec=None, categories=None), max_size=8)  # lone surrogates included
    | st.sampled_from(["", " ", "\x00", "\ud800", "a\x00b", "x" * 100_000, "工" * 10_000, "4-01-06-02\x00"])
    | st.binary(max_size=8)
    | st.sampled_from([*newocc.Sector, *newocc.Status, object(), type, print, Ellipsis])
)
anything = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.tuples(inner, inner)
        | st.frozensets(st.integers(), max_size=3)
        | st.dictionaries(st.text(max_size=3), inner, max_size=2)
    ),
    max_leaves=6,
)


@dataclass(frozen=True)
class Contract:
    """How to drive one public callable and what it may do."""

    shapes: dict[str, Callable[[Any], Any]]
    """Named ways to pass one arbitrary value (e.g. one per keyword)."""
    raises: tuple[type[Exception], ...]
    """The documented exceptions."""
    returns: Callable[[Any], bool]
    """Whether a result has the documented type."""


def _keyword(function: Callable[..., Any], name: str) -> Callable[[Any], Any]:
    return lambda value: function(**{name: value})


def _is(kind: type) -> Callable[[Any], bool]:
    return lambda result: isinstance(result, kind)


def _tuple_of(kind: type) -> Callable[[Any], bool]:
    return lambda result: isinstance(result, tuple) and all(isinstance(item, kind) for item in result)


FIND_KEYWORDS = ("batch", "sector", "salary", "sub_role", "text", "digital", "green", "related")

CONTRACTS: dict[str, Contract] = {
    "find": Contract(
        shapes={name: _keyword(newocc.find, name) for name in FIND_KEYWORDS},
        raises=(TypeError, ValueError),
        returns=_tuple_of(newocc.Occupation),
    ),
    "get": Contract(
        shapes={"key": newocc.get},
        raises=(TypeError, newocc.NotFound),
        returns=_is(newocc.Occupation),
    ),
    "occupations": Contract(
        shapes={"related": _keyword(newocc.occupations, "related")},
        raises=(TypeError,),
        returns=_tuple_of(newocc.Occupation),
    ),
    "batches": Contract(shapes={"": lambda _: newocc.batches()}, raises=(), returns=_tuple_of(newocc.Batch)),
    "sectors": Contract(shapes={"": lambda _: newocc.sectors()}, raises=(), returns=_tuple_of(newocc.Sector)),
    "facts": Contract(shapes={"": lambda _: newocc.facts()}, raises=(), returns=_tuple_of(newocc.Fact)),
    "search": Contract(
        shapes={"text": newocc.search, "limit": lambda v: newocc.search("外卖小哥", limit=v)},
        raises=(TypeError, ValueError),
        returns=_tuple_of(newocc.Match),
    ),
    "match": Contract(
        shapes={"text": newocc.match},
        raises=(TypeError,),
        returns=lambda result: result is None or isinstance(result, newocc.Match),
    ),
    "match_many": Contract(
        shapes={"titles": lambda v: list(newocc.match_many(v))},
        raises=(TypeError,),
        returns=lambda result: all(r is None or isinstance(r, newocc.Match) for r in result),
    ),
    "to_records": Contract(shapes={"records": newocc.to_records}, raises=(TypeError,), returns=_is(list)),
    "to_json": Contract(
        shapes={"records": newocc.to_json, "indent": lambda v: newocc.to_json([], indent=v)},
        raises=(TypeError, ValueError),
        returns=_is(str),
    ),
    "to_jsonl": Contract(shapes={"records": newocc.to_jsonl}, raises=(TypeError,), returns=_is(str)),
    "to_csv": Contract(shapes={"records": newocc.to_csv}, raises=(TypeError,), returns=_is(str)),
    "to_frame": Contract(
        shapes={"records": newocc.to_frame},
        raises=(TypeError, ImportError),
        returns=lambda result: type(result).__name__ == "DataFrame",
    ),
    "match_frame": Contract(
        shapes={"titles": newocc.match_frame},
        raises=(TypeError, ImportError),
        returns=lambda result: type(result).__name__ == "DataFrame",
    ),
    "match_table": Contract(
        shapes={"titles": newocc.match_table},
        raises=(TypeError, ImportError),
        returns=lambda result: type(result).__name__ == "Table",
    ),
}
# The enums: looking a member up by value takes anything and raises ValueError.
for _name in newocc.__all__:
    _value = getattr(newocc, _name)
    if isinstance(_value, type) and issubclass(_value, enum.Enum):
        CONTRACTS[_name] = Contract(
            shapes={"value": _value},
            raises=(ValueError,),
            returns=_is(_value),
        )

NOT_DRIVEN = {
    # Record types and exceptions: the loader builds the records from checked
    # data, and their constructors are plain attrs ones; callers read them.
    name
    for name in newocc.__all__
    if isinstance(getattr(newocc, name), type)
    and (issubclass(getattr(newocc, name), Exception) or hasattr(getattr(newocc, name), "__attrs_attrs__"))
}

CASES = [(name, shape) for name, contract in CONTRACTS.items() for shape in contract.shapes]


def test_every_public_callable_has_a_contract() -> None:
    public = {name for name in newocc.__all__ if callable(getattr(newocc, name))}
    assert public - set(CONTRACTS) - NOT_DRIVEN == set()
    assert set(CONTRACTS) <= public


def _parts(value: object, depth: int = 0) -> Iterator[object]:
    yield value
    if depth < 4 and isinstance(value, (list, tuple, frozenset, set)):
        for item in value:
            yield from _parts(item, depth + 1)
    if depth < 4 and isinstance(value, dict):
        for pair in value.items():
            yield from _parts(pair, depth + 1)


def _names_the_value(message: str, value: object) -> bool:
    """The message shows the bad value, or the part of it at fault, or its type."""
    return any(repr(part) in message or type(part).__name__ in message for part in _parts(value))


@pytest.mark.parametrize(("name", "shape"), CASES)
@given(value=anything)
def test_arbitrary_values_give_a_result_or_a_documented_error(name: str, shape: str, value: Any) -> None:
    contract = CONTRACTS[name]
    try:
        result = contract.shapes[shape](value)
    except contract.raises as error:
        message = str(error)
        assert message
        if isinstance(error, newocc.NotFound):
            assert error.key == value
        elif not isinstance(error, ValueError) or not isinstance(value, enum.Enum):
            assert _names_the_value(message, value), message[:200]
    else:
        assert contract.returns(result)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"batch": 9}, ValueError, "unknown batch 9; batches are 1–"),
        ({"batch": "3"}, TypeError, "not str '3'"),
        ({"batch": True}, TypeError, "True"),
        ({"batch": []}, ValueError, "empty"),
        ({"batch": [1, 99]}, ValueError, "unknown batch 99"),
        ({"salary": (20000, 5000)}, ValueError, "(20000, 5000)"),
        ({"salary": (float("nan"), 5)}, ValueError, "nan"),
        ({"salary": 5000}, TypeError, "5000"),
        ({"sector": "tech"}, ValueError, "unknown sector 'tech'; sectors are digital"),
        ({"sector": 3}, TypeError, "3"),
        ({"sub_role": "直播销售"}, ValueError, "did you mean 直播销售员"),
        ({"text": "  "}, ValueError, "blank"),
        ({"related": "yes"}, TypeError, "'yes'"),
    ],
)
def test_mistakes_name_the_bad_value_and_the_choices(
    kwargs: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message.replace("(", r"\(").replace(")", r"\)")):
        newocc.find(**kwargs)


def test_not_found_suggests_the_closest_names() -> None:
    with pytest.raises(newocc.NotFound, match="did you mean 互联网营销师") as caught:
        newocc.get("互联网营销")
    assert caught.value.suggestions[0] == "互联网营销师"
    assert isinstance(caught.value, LookupError)


def test_a_salary_bound_too_large_for_a_float_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="below 1e308"):
        newocc.find(salary=(0, 10**400))
