"""The documentation keeps up with the model and the data."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest

from newocc import _coverage, model
from newocc._describe import describe
from newocc.model import groups
from newocc.query import batches, get

DOCS = Path(__file__).parent.parent / "docs"
RECORDS = [
    value
    for module in (model, groups)
    for value in vars(module).values()
    if isinstance(value, type) and attrs.has(value) and value.__module__ == module.__name__
]


def _sections(text: str) -> dict[str, str]:
    parts = re.split(r"^## (\w+)\s*$", text, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


@pytest.mark.parametrize("cls", RECORDS, ids=lambda cls: cls.__name__)
def test_data_dictionary_documents_every_field(cls: type) -> None:
    sections = _sections((DOCS / "data" / "dictionary.md").read_text(encoding="utf-8"))
    assert cls.__name__ in sections, f"add a '## {cls.__name__}' section to docs/data/dictionary.md"
    rows = set(re.findall(r"^\| `(\w+)` \|", sections[cls.__name__], flags=re.MULTILINE))
    assert rows == {field.name for field in attrs.fields(cls)}


def test_batch_table_has_a_row_per_batch() -> None:
    rows = _coverage.batch_table().splitlines()[2:]
    assert [row.split(" | ")[0] for row in rows] == [f"| {b.number}" for b in batches()]


def test_source_kind_table_counts_every_source() -> None:
    rows = _coverage.source_kind_table().splitlines()[2:]
    assert len(rows) == len(model.SourceKind)
    assert sum(int(row.split("|")[2]) for row in rows) > 0


def test_show_text_covers_every_field() -> None:
    text = describe(get("4-01-06-02"))
    for field in attrs.fields(model.Occupation):
        value = getattr(get("4-01-06-02"), field.name)
        if isinstance(value, str):
            assert value in text, field.name
