"""newocc.testing: the strategies produce values that keep the catalogue's invariants."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import newocc
from newocc import Batch, Occupation, SalaryRange, Source
from newocc._store.validate import CODE_PATTERN, _check_batches, _check_occupations, _check_work_types
from newocc.testing import batches, codes, find_arguments, occupations, salary_ranges, sources


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


@given(sources())
def test_sources_name_a_page_or_document(source: Source) -> None:
    assert source.id
    assert source.publisher
    assert source.url or source.title


@given(codes())
def test_codes_are_dashed(code: str) -> None:
    assert CODE_PATTERN.fullmatch(code)
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
