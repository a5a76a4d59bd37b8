"""The coverage table in the docs is the one the data generates."""

from __future__ import annotations

from pathlib import Path

import newocc
from newocc._coverage import coverage_table

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
