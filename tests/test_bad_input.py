"""Arbitrary input raises only the documented exceptions, naming the bad value.

``CONTRACTS`` lists every public callable with the ways to feed it a value and
what it may raise; a public callable missing from it fails the suite, so a new
function or command is covered by adding one entry.
"""

from __future__ import annotations

import contextlib
import enum
import math
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newocc
from newocc.errors import InvalidArgument, InvalidArgumentType, shown

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


FIND_KEYWORDS = (
    "batch",
    "sector",
    "salary",
    "sub_role",
    "text",
    "digital",
    "green",
    "group",
    "related",
    "scope",
)

CONTRACTS: dict[str, Contract] = {
    "find": Contract(
        shapes={
            **{name: _keyword(newocc.find, name) for name in FIND_KEYWORDS},
            # The same values over the whole dictionary, where sub-roles and groups have more names.
            **{
                f"{name}, scope='dictionary'": (
                    lambda key: lambda value: newocc.find(scope="dictionary", **{key: value})
                )(name)
                for name in FIND_KEYWORDS
                if name not in ("related", "scope")
            },
        },
        raises=(InvalidArgumentType, InvalidArgument),
        returns=_tuple_of(newocc.Occupation),
    ),
    "get": Contract(
        shapes={"key": newocc.get},
        raises=(InvalidArgumentType, newocc.NotFound),
        returns=_is(newocc.Occupation),
    ),
    "occupations": Contract(
        shapes={name: _keyword(newocc.occupations, name) for name in ("related", "scope")},
        raises=(InvalidArgumentType, InvalidArgument),
        returns=_tuple_of(newocc.Occupation),
    ),
    "groups": Contract(shapes={"": lambda _: newocc.groups()}, raises=(), returns=_tuple_of(newocc.Group)),
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
    "classify": Contract(
        shapes={"text": newocc.classify},
        raises=(InvalidArgumentType,),
        returns=lambda result: result is None or isinstance(result, newocc.Match),
    ),
    "to_records": Contract(
        shapes={"records": newocc.to_records}, raises=(InvalidArgumentType,), returns=_is(list)
    ),
    "to_json": Contract(
        shapes={"records": newocc.to_json, "indent": lambda v: newocc.to_json([], indent=v)},
        raises=(InvalidArgumentType, InvalidArgument),
        returns=_is(str),
    ),
    "to_jsonl": Contract(
        shapes={"records": newocc.to_jsonl}, raises=(InvalidArgumentType,), returns=_is(str)
    ),
    "to_csv": Contract(shapes={"records": newocc.to_csv}, raises=(InvalidArgumentType,), returns=_is(str)),
    "to_frame": Contract(
        shapes={"records": newocc.to_frame},
        raises=(InvalidArgumentType, ImportError),
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
    # data, and callers read them; hand-built records convert their enum
    # fields (tests/test_model.py).
    name
    for name in newocc.__all__
    if isinstance(getattr(newocc, name), type)
    and (issubclass(getattr(newocc, name), Exception) or hasattr(getattr(newocc, name), "__attrs_attrs__"))
} | {
    # Building a matcher indexes the whole dictionary: its arguments are
    # checked in tests/test_coder.py, not once per Hypothesis example.
    "Matcher",
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
    """The message shows the bad value (cut when long), or the part of it at fault, or its type."""
    return any(
        repr(part) in message or shown(part) in message or type(part).__name__ in message
        for part in _parts(value)
    )


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
        ({"batch": 9}, InvalidArgument, "batch=9: is not a batch; choices are 1, 2, 3, 4, 5, 6, 7"),
        ({"batch": "3"}, InvalidArgumentType, "batch must be an int or a collection of ints, not str '3'"),
        ({"batch": True}, InvalidArgumentType, "not bool True"),
        ({"batch": []}, InvalidArgument, "batch=[]: is an empty collection"),
        ({"batch": [1, 99]}, InvalidArgument, "batch[1]=99: is not a batch"),
        ({"batch": [1, "2"]}, InvalidArgumentType, "batch[1] must be an int, not str '2'"),
        ({"salary": (20000, 5000)}, InvalidArgument, "salary=(20000, 5000): has low above high"),
        ({"salary": (float("nan"), 5)}, InvalidArgument, "salary[0]=nan: must be finite"),
        ({"salary": 5000}, InvalidArgumentType, "not int 5000"),
        ({"sector": "tech"}, InvalidArgument, "sector='tech': is not a Sector; choices are digital, "),
        ({"sector": 3}, InvalidArgumentType, "sector must be a Sector or one of digital, "),
        (
            {"sub_role": "直播销售"},
            InvalidArgument,
            "sub_role='直播销售': is not the name of a work type; did you mean 直播销售员",
        ),
        ({"text": "  "}, InvalidArgument, "text='  ': is blank"),
        ({"related": "yes"}, InvalidArgumentType, "related must be True or False, not str 'yes'"),
        (
            {"scope": "everything"},
            InvalidArgument,
            "scope='everything': is not a Scope; choices are new, related, dictionary",
        ),
        ({"scope": 2}, InvalidArgumentType, "not int 2"),
        ({"scope": "dictionary", "related": True}, InvalidArgument, "contradicts related=True"),
        (
            {"group": "9"},
            InvalidArgument,
            "group='9': is not a group; a group is a major group (1, 2, 3, 4, 5, 6, 7, 8)",
        ),
        ({"group": "4-99-99"}, InvalidArgument, "group='4-99-99': is not a group"),
        ({"group": "4-2"}, InvalidArgument, "group='4-2': is not a group"),
        ({"group": 4}, InvalidArgumentType, "not int 4"),
        ({"sub_role": "快件揽收员"}, InvalidArgument, "belongs to 快递员"),
    ],
)
def test_mistakes_name_the_bad_value_and_the_choices(
    kwargs: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as caught:
        newocc.find(**kwargs)
    assert type(caught.value) is error
    assert message in str(caught.value)
    assert caught.value.name.startswith(next(iter(kwargs)))  # type: ignore[attr-defined]


def test_not_found_suggests_the_closest_names() -> None:
    with pytest.raises(newocc.NotFound, match="did you mean 互联网营销师") as caught:
        newocc.get("互联网营销")
    assert caught.value.suggestions[0] == "互联网营销师"
    assert isinstance(caught.value, LookupError)


def test_a_salary_bound_too_large_for_a_float_is_a_value_error() -> None:
    with pytest.raises(InvalidArgument, match="below 1e308"):
        newocc.find(salary=(0, 10**400))


HUGE = {"latin": "x" * 10_000_000, "chinese": "职" * 10_000_000}
BOUNDED: dict[str, Callable[[str], object]] = {
    "find(text=)": lambda value: newocc.find(text=value),
    "find(sub_role=)": lambda value: newocc.find(sub_role=value),
    "get()": newocc.get,
}


@pytest.mark.parametrize("script", sorted(HUGE))
@pytest.mark.parametrize("call", sorted(BOUNDED))
def test_a_huge_str_argument_costs_no_more_than_a_short_one(call: str, script: str) -> None:
    newocc.find()  # the catalogue is loaded before measuring
    value = HUGE[script]
    tracemalloc.start()
    try:
        with contextlib.suppress(InvalidArgument, newocc.NotFound):
            BOUNDED[call](value)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000, f"{call} on 10 M characters allocated {peak:,} bytes"


@pytest.mark.parametrize("call", ["find(sub_role=)", "get()"])
def test_messages_quote_a_huge_argument_cut(call: str) -> None:
    with pytest.raises((InvalidArgument, newocc.NotFound)) as caught:
        BOUNDED[call](HUGE["chinese"] + "!")
    assert len(str(caught.value)) < 300


@pytest.mark.parametrize(
    ("batch", "message"),
    [(range(10**18), "batch[0]=0: is not a batch"), (range(1, 10**18), "batch[7]=8: is not a batch")],
)
def test_a_huge_batch_collection_is_checked_item_by_item(batch: range, message: str) -> None:
    with pytest.raises(InvalidArgument, match=message.replace("[", r"\[").replace("]", r"\]")):
        newocc.find(batch=batch)
