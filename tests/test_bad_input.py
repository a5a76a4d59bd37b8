"""Arbitrary input raises only the documented exceptions, naming the bad value."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newocc

anything = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text()
    | st.binary(max_size=8)
    | st.sampled_from(list(newocc.Sector)),
    lambda inner: st.lists(inner, max_size=3) | st.tuples(inner, inner) | st.frozensets(st.integers()),
    max_leaves=6,
)


@given(name=st.sampled_from(["batch", "sector", "salary", "sub_role", "text", "related"]), value=anything)
def test_find_raises_only_type_or_value_errors(name: str, value: Any) -> None:
    try:
        result = newocc.find(**{name: value})
    except (TypeError, ValueError) as error:
        assert str(error)
    else:
        assert isinstance(result, tuple)
        assert all(isinstance(o, newocc.Occupation) for o in result)


@given(anything)
def test_get_raises_only_not_found_or_type_error(key: Any) -> None:
    try:
        result = newocc.get(key)
    except newocc.NotFound as error:
        assert error.key == key
    except TypeError as error:
        assert type(key).__name__ in str(error)
    else:
        assert isinstance(result, newocc.Occupation)


@given(st.text())
def test_get_with_any_text_returns_or_raises_not_found(key: str) -> None:
    try:
        newocc.get(key)
    except newocc.NotFound as error:
        assert isinstance(error, LookupError)
        assert repr(key) in str(error)


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
