"""The shipped JSON Schema is what the model generates, and the data files validate."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest

from newocc import _schema
from newocc._store.resources import DATA_FILES, DICTIONARY_FILES, read_data

# Every data file the loader reads (the aliases and the coder's lexicon among them).
ALL_FILES = (*DATA_FILES, *DICTIONARY_FILES)
SCHEMA_NAMES = [f"{name.removesuffix('.json')}.schema.json" for name in ALL_FILES]


def test_shipped_schema_is_exactly_the_generated_one() -> None:
    shipped = {p.name: p.read_text(encoding="utf-8") for p in _schema.SCHEMA_DIR.glob("*.json")}
    assert shipped == _schema.render(), "run `python -m newocc._schema` and commit the result"


def test_every_data_file_has_a_schema() -> None:
    assert sorted(SCHEMA_NAMES) == sorted(_schema.render())


def _validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((_schema.SCHEMA_DIR / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


@pytest.mark.parametrize("data_file", ALL_FILES)
def test_data_file_validates(data_file: str) -> None:
    validator = _validator(f"{data_file.removesuffix('.json')}.schema.json")
    errors = [
        f"{list(e.absolute_path)}: {e.message}"
        for e in validator.iter_errors(json.loads(read_data(data_file)))
    ]
    assert errors == []


def _first_occupation() -> dict[str, Any]:
    rows: list[dict[str, Any]] = json.loads(read_data("occupations.json"))
    return rows[0]


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"code": "4010602"}, "is not valid under any"),
        ({"colour": "red"}, "Additional properties"),
        ({"status": "old"}, "is not one of"),
        ({"sources": [{"id": "x"}]}, "is not of type 'string'"),
    ],
)
def test_schema_rejects_broken_records(change: dict[str, Any], reason: str) -> None:
    record = {**_first_occupation(), **change}
    messages = [e.message for e in _validator("occupations.schema.json").iter_errors([record])]
    assert any(reason in m for m in messages), messages


def test_schema_rejects_computed_listed_count() -> None:
    rows = json.loads(read_data("batches.json"))
    rows[0]["listed_count"] = 13
    assert not _validator("batches.schema.json").is_valid(rows)


def _first_dictionary_row() -> dict[str, Any]:
    rows: list[dict[str, Any]] = json.loads(read_data("dictionary.json"))["occupations"]
    return rows[0]


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"status": "new"}, "was expected"),
        ({"sector": "digital"}, "is not of type 'null'"),
        ({"code": "4-02-07"}, "is not valid under any"),
        ({"colour": "red"}, "Additional properties"),
    ],
)
def test_dictionary_schema_rejects_broken_rows(change: dict[str, Any], reason: str) -> None:
    content = {"occupations": [{**_first_dictionary_row(), **change}], "unresolved": []}
    messages = [e.message for e in _validator("dictionary.schema.json").iter_errors(content)]
    assert any(reason in m for m in messages), messages


def test_dictionary_schema_lets_rows_leave_out_what_every_established_occupation_shares() -> None:
    row = _first_dictionary_row()
    assert "status" not in row
    assert "sector" not in row
    assert _validator("dictionary.schema.json").is_valid({"occupations": [row], "unresolved": []})
