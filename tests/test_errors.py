"""The exception classes: what they subclass, their messages, and that they survive pickling."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newocc.errors import MAX_SHOWN, CatalogueError, InvalidArgument, InvalidArgumentType, NotFound, shown

EXAMPLES = [
    NotFound("4-99-99-99", ("快递员",)),
    NotFound("直播销售员", hint="直播销售员 is a work type of 互联网营销师"),
    CatalogueError("occupations.json", "互联网营销师", "code", "not a dashed code"),
    InvalidArgument("limit", 0, "must be at least 1"),
    InvalidArgument("sector", "dig", "is not a Sector", ("digital", "green")),
    InvalidArgumentType("text", 3, "a str"),
]


@pytest.mark.parametrize("error", EXAMPLES, ids=lambda e: type(e).__name__)
def test_every_exception_survives_pickling_with_its_fields(error: Exception) -> None:
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert copy.__dict__ == error.__dict__


def test_each_kind_subclasses_the_builtin_a_caller_catches() -> None:
    assert issubclass(InvalidArgument, ValueError)
    assert issubclass(InvalidArgumentType, TypeError)
    assert issubclass(NotFound, LookupError)
    assert issubclass(CatalogueError, ValueError)
    assert not issubclass(CatalogueError, InvalidArgument)


def test_messages_name_the_value_and_the_choices() -> None:
    error = InvalidArgument("sector", "dig", "is not a Sector", ("digital", "green"))
    assert str(error) == "sector='dig': is not a Sector; choices are digital, green"
    assert str(InvalidArgumentType("text", 3, "a str")) == "text must be a str, not int 3"


@given(st.text(min_size=MAX_SHOWN + 1, max_size=5 * MAX_SHOWN))
def test_a_long_value_is_cut_in_messages(value: str) -> None:
    assert len(shown(value)) <= MAX_SHOWN
    assert len(str(InvalidArgument("text", value, "is too odd"))) < 2 * MAX_SHOWN
    assert len(str(NotFound(value))) < 2 * MAX_SHOWN


def test_a_broken_repr_does_not_hide_the_error() -> None:
    class Broken:
        def __repr__(self) -> str:
            raise RuntimeError("no repr")

    assert "Broken" in str(InvalidArgumentType("value", Broken(), "a str"))
