"""The coverage table in the docs is the one the data generates."""

from __future__ import annotations

from pathlib import Path

import pytest

import newocc
from newocc._coverage import (
    PAGE_TABLES,
    coverage_table,
    dictionary_table,
    refresh,
    source_kind_coverage_table,
    work_type_table,
)
from newocc.model import SourceKind

DOC = Path(__file__).parent.parent / "docs" / "coverage.md"


def test_docs_show_the_generated_coverage_table() -> None:
    assert coverage_table() in DOC.read_text(encoding="utf-8"), (
        "docs/coverage.md is stale: run python -m newocc._coverage docs/coverage.md"
    )


def test_every_table_of_the_page_is_the_one_the_data_generates() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert refresh(text) == text, "docs/coverage.md is stale: run python -m newocc._coverage docs/coverage.md"
    for table in PAGE_TABLES.values():
        assert table() in text


def test_a_page_without_a_table_s_markers_is_refused() -> None:
    with pytest.raises(ValueError, match="source kind coverage"):
        refresh("<!-- begin: coverage table -->\n<!-- end: coverage table -->")


def test_source_kind_rows_add_up_to_the_totals() -> None:
    rows = [
        [c.strip() for c in row.strip("|").split("|")]
        for row in source_kind_coverage_table().splitlines()[2:]
    ]
    assert [row[0] for row in rows[:-1]] == [f"`{kind.value}`" for kind in SourceKind]
    figures = sum(len(o.salaries) for o in newocc.occupations(related=True))
    assert sum(int(row[1]) for row in rows[:-1]) == int(rows[-1][1]) == figures
    with_pay = sum(1 for o in newocc.occupations() if o.salaries)
    assert rows[-1][2] == f"{with_pay} of {len(newocc.occupations())}"


def test_work_type_rows_match_the_batches() -> None:
    rows = [[c.strip() for c in row.strip("|").split("|")] for row in work_type_table().splitlines()[2:]]
    announced = [b for b in newocc.batches() if b.official_work_types is not None]
    assert [row[0] for row in rows] == [str(b.number) for b in announced]
    for row, batch in zip(rows, announced, strict=True):
        assert int(row[3]) == batch.listed_work_types == int(row[4]) + int(row[5])
        assert int(row[3]) <= int(row[2])


def test_table_has_a_row_per_batch_with_listed_and_official_counts() -> None:
    rows = coverage_table().splitlines()[2:]
    assert len(rows) == len(newocc.batches())
    for row, batch in zip(rows, newocc.batches(), strict=True):
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert cells[0] == str(batch.number)
        assert cells[2] == f"{batch.listed_count} / {batch.official_count}"


def test_docs_show_the_generated_dictionary_table() -> None:
    assert dictionary_table() in DOC.read_text(encoding="utf-8"), (
        "docs/coverage.md is stale: paste in newocc._coverage.dictionary_table()"
    )


def test_dictionary_table_adds_up_per_major_group() -> None:
    *groups, total = dictionary_table().splitlines()[2:]
    cells = [[c.strip() for c in row.strip("|").split("|")] for row in groups]
    assert [row[0] for row in cells] == [str(n) for n in range(1, 9)]
    for row in cells:
        occupations, new, related, established = (int(c) for c in row[2:6])
        assert occupations == new + related + established
    totals = [c.strip() for c in total.strip("|").split("|")]
    assert int(totals[2]) == len(newocc.occupations(scope="dictionary"))
    assert [int(t) for t in totals[2:]] == [sum(int(row[i]) for row in cells) for i in range(2, len(totals))]
    assert int(totals[3]) == len(newocc.occupations())
