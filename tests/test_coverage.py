"""The coverage table in the docs is the one the data generates."""

from __future__ import annotations

from pathlib import Path

import newocc
from newocc._coverage import coverage_table, dictionary_table

DOC = Path(__file__).parent.parent / "docs" / "coverage.md"


def test_docs_show_the_generated_coverage_table() -> None:
    assert coverage_table() in DOC.read_text(encoding="utf-8"), (
        "docs/coverage.md is stale: paste in newocc._coverage.coverage_table()"
    )


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
