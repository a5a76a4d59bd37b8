"""newocc.testing: the strategies produce values that keep the catalogue's invariants."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newocc
from newocc import Batch, Estimate, Fact, FactKind, Occupation, SalaryRange, Source, Statistic
from newocc._store.validate import (
    _check_batches,
    _check_estimate,
    _check_fact,
    _check_occupations,
    _check_salary,
    _check_work_types,
)
from newocc.errors import InvalidArgument, InvalidArgumentType
from newocc.model import CODE_PATTERN
from newocc.testing import (
    batches,
    codes,
    estimates,
    facts,
    find_arguments,
    occupations,
    salary_ranges,
    sources,
    sub_roles,
)


@given(occupations())
def test_generated_occupations_pass_the_loaders_validation(occupation: Occupation) -> None:
    used: set[str] = set()
    # Established occupations are the dictionary's rows; the others the catalogue's.
    file = "dictionary.json" if occupation.status is newocc.Status.ESTABLISHED else "occupations.json"
    _check_occupations((occupation,), {1, 2, 3, 4}, used, file=file)
    _check_work_types((), (occupation,), file=file)
    assert used


@given(occupations())
def test_only_established_occupations_lack_a_sector(occupation: Occupation) -> None:
    assert (occupation.sector is None) is (occupation.status is newocc.Status.ESTABLISHED)


@given(st.lists(occupations(batch_numbers=(7,)), max_size=3))
def test_batch_numbers_are_respected(records: list[Occupation]) -> None:
    for record in records:
        assert record.batch in (7, None)
        assert record.raised_in in (7, None)


@given(salary_ranges())
def test_salaries_are_positive_ranges(salary: SalaryRange) -> None:
    assert salary.low > 0
    assert salary.high is None or salary.low <= salary.high


@given(salary_ranges())
def test_salaries_fit_their_statistic(salary: SalaryRange) -> None:
    _check_salary("occupations.json", salary, "record", "salaries[0]", set(), set())
    assert bool(salary.percentiles) is (salary.statistic is Statistic.PERCENTILES)


@given(estimates())
def test_generated_estimates_pass_the_loaders_validation(estimate: Estimate) -> None:
    used: set[str] = set()
    _check_estimate("occupations.json", estimate, "record", "talent_gaps[0]", used)
    assert used == {estimate.source.id}


@given(facts())
def test_generated_facts_pass_the_loaders_validation(fact: Fact) -> None:
    _check_fact("facts.json", "record", "source", fact, set())
    assert fact.items or fact.kind is not FactKind.SKILLS


@given(sources())
def test_sources_name_a_page_or_document(source: Source) -> None:
    assert source.id
    assert source.publisher
    assert source.url or source.title


@given(codes())
def test_codes_are_dashed(code: str) -> None:
    assert re.fullmatch(CODE_PATTERN, code)
    assert newocc._text.as_code(code.replace("-", "")) == code


@given(batches(number=1))
def test_generated_batches_pass_the_loaders_validation(batch: Batch) -> None:
    assert _check_batches((batch,), set()) == {1}


@given(find_arguments())
def test_find_accepts_every_generated_argument_set(kwargs: dict[str, Any]) -> None:
    found = newocc.find(**kwargs)
    assert set(found) <= set(newocc.occupations(scope="dictionary"))
    if kwargs.get("scope", "new") != "dictionary" and kwargs.get("scope") is not newocc.Scope.DICTIONARY:
        assert set(found) <= set(newocc.occupations(related=True))


@given(occupations())
def test_generated_occupations_export(occupation: Occupation) -> None:
    record = newocc.to_records([occupation])[0]
    assert record["name_zh"] == occupation.name_zh
    assert newocc.to_csv([occupation]).count("\n") >= 2


@pytest.mark.parametrize(
    ("build", "error", "message"),
    [
        (
            lambda: occupations(batch_numbers=("x",)),  # type: ignore[arg-type]
            InvalidArgumentType,
            "batch_numbers[0] must be a positive int",
        ),
        (
            lambda: occupations(batch_numbers=(0,)),
            InvalidArgument,
            "batch_numbers[0]=0: must be an int of at least 1",
        ),
        (lambda: occupations(batch_numbers=()), InvalidArgument, "must name at least one batch"),
        (lambda: occupations(batch_numbers="12"), InvalidArgumentType, "batch_numbers must be a tuple"),  # type: ignore[arg-type]
        (lambda: batches(number=True), InvalidArgumentType, "number must be a positive int"),
        (lambda: sub_roles(batch=-1), InvalidArgument, "batch=-1: must be an int of at least 1"),
        (lambda: salary_ranges(role_names=("ok", 3)), InvalidArgumentType, "role_names[1] must be a str"),  # type: ignore[arg-type]
    ],
)
def test_bad_strategy_arguments_fail_when_the_strategy_is_made(
    build: Callable[[], object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as caught:
        build()
    assert message in str(caught.value)
