"""search, match, match_many and classify on arbitrary input: results or documented errors, nothing else."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import newocc
from newocc import LabelKind, Match
from newocc.coder import OPERATING_POINT

# Text that reaches the awkward corners: NUL, lone surrogates, every plane, huge strings.
titles = (
    st.text()
    | st.text(alphabet=st.characters() | st.characters(categories=["Cs", "Cc"]), max_size=50)
    | st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=5), st.integers(1, 200_000))
    | st.sampled_from(["\x00", "\ud800", "外卖\udfff小哥", "\x00外卖小哥\x00", "ﷺ" * 500, "12-18K", "\ufeff"])
)
anything = st.none() | st.integers() | st.floats() | st.binary(max_size=8) | st.lists(st.text(), max_size=2)


def _valid(result: Match) -> bool:
    role_ok = result.sub_role is None or result.sub_role in result.occupation.sub_roles
    return (
        0 <= result.confidence <= 1 and isinstance(result.kind, LabelKind) and role_ok and bool(result.label)
    )


@given(titles, st.integers(1, 20))
def test_search_returns_ranked_valid_new_results(text: str, limit: int) -> None:
    results = newocc.search(text, limit=limit)
    assert len(results) <= limit
    assert all(_valid(r) and r.is_new for r in results)
    assert [r.score for r in results] == sorted((r.score for r in results), reverse=True)


@given(titles)
def test_match_is_the_first_search_result_at_the_operating_point(text: str) -> None:
    found = newocc.match(text)
    best = newocc.search(text, limit=1)
    if found is None:
        assert not best or best[0].confidence < OPERATING_POINT
    else:
        assert _valid(found)
        assert found.confidence >= OPERATING_POINT
        assert best[0] == found


@given(titles)
def test_classify_agrees_with_match(text: str) -> None:
    found = newocc.classify(text)
    matched = newocc.match(text)
    if matched is not None:
        assert found == matched
    elif found is not None:
        assert _valid(found)


@given(st.lists(titles, max_size=5))
def test_match_many_agrees_with_match(texts: list[str]) -> None:
    assert list(newocc.match_many(texts)) == [newocc.match(t) for t in texts]


@given(anything | titles, anything)
def test_bad_arguments_raise_type_or_value_errors(text: Any, limit: Any) -> None:
    try:
        newocc.search(text, limit=limit)
    except (TypeError, ValueError) as error:
        assert str(error)


@given(anything)
def test_match_and_match_many_reject_what_is_not_text(value: Any) -> None:
    try:
        newocc.match(value)
    except TypeError as error:
        assert str(error)
    else:
        raise AssertionError(f"match accepted {value!r}")
    try:
        list(newocc.match_many(value if isinstance(value, list) else [value]))
    except TypeError as error:
        assert str(error)
