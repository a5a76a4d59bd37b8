"""Data faults an adversarial run found escaping CatalogueError, each now named on load."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from newocc import CatalogueError
from newocc._store import loader as _loader
from newocc._store.resources import read_data
from tests.test_broken_data import ORIGINAL, load_with, names_record


def _ascii(rows: Any) -> bytes:
    # ensure_ascii writes a lone surrogate as the \u escape a real file would hold.
    return json.dumps(rows).encode()


def _first_salaried() -> tuple[list[dict[str, Any]], int]:
    rows = copy.deepcopy(ORIGINAL["occupations.json"])
    return rows, next(i for i, row in enumerate(rows) if row["salaries"])


@pytest.mark.parametrize("bound", ["low", "high"])
def test_a_salary_too_large_for_a_float_is_named_on_load(bound: str) -> None:
    # It loaded, and find(salary=...) then raised OverflowError on every call.
    rows, index = _first_salaried()
    rows[index]["salaries"][0]["high"] = 10**400
    if bound == "low":
        rows[index]["salaries"][0]["low"] = 10**400
    error = load_with("occupations.json", rows)
    assert error.field == f"salaries[0].{bound}"
    assert names_record(error, "occupations.json", index)
    assert "must be at most 1,000,000,000" in error.problem
    assert len(error.problem) < 200


def test_an_int_with_too_many_digits_for_python_is_named() -> None:
    raw = read_data("occupations.json").replace(b'"low": ', b'"low": ' + b"9" * 5000, 1)
    if raw == read_data("occupations.json"):  # the file's own spacing
        raw = read_data("occupations.json").replace(b'"low":', b'"low":' + b"9" * 5000, 1)
    error = load_with("occupations.json", raw)
    assert error.file == "occupations.json"
    assert "cannot be read as JSON" in error.problem


@pytest.mark.parametrize("file", ["occupations.json", "sources.json", "release.json"])
def test_json_nested_100_000_deep_is_named_not_a_recursion_error(file: str) -> None:
    error = load_with(file, b"[" * 100_000 + b"]" * 100_000)
    assert (error.file, error.problem) == (file, "is nested too deeply to be a data file")


def test_a_deeply_nested_field_value_is_named() -> None:
    rows = copy.deepcopy(ORIGINAL["occupations.json"])
    value: Any = "x"
    for _ in range(500):
        value = [value]
    rows[2]["name_zh"] = value
    error = load_with("occupations.json", rows)
    assert error.field == "name_zh"
    assert names_record(error, "occupations.json", 2)
    assert len(str(error)) < 400


def test_a_huge_wrong_value_is_quoted_cut() -> None:
    rows = copy.deepcopy(ORIGINAL["occupations.json"])
    rows[1]["batch"] = "3" * 1_000_000
    error = load_with("occupations.json", rows)
    assert error.field == "batch"
    assert len(str(error)) < 400


@pytest.mark.parametrize(
    ("file", "where"),
    [
        ("occupations.json", ("name_zh",)),
        ("occupations.json", ("sub_roles", 0, "name_zh")),
        ("sources.json", ("publisher",)),
        ("batches.json", ("note",)),
    ],
)
def test_a_lone_surrogate_is_named_on_load(file: str, where: tuple[str | int, ...]) -> None:
    # It passed validation, and then every text, JSON or CSV output raised UnicodeEncodeError.
    rows = copy.deepcopy(ORIGINAL[file])
    index = next(
        i for i, row in enumerate(rows) if isinstance(row.get(where[0]), (str, list)) and row[where[0]]
    )
    holder: Any = rows[index]
    for step in where[:-1]:
        holder = holder[step]
    holder[where[-1]] = "互联网\ud800营销师"
    error = load_with(file, _ascii(rows))
    assert error.file == file
    assert names_record(error, file, index), error
    assert error.field == ".".join(f"[{s}]" if isinstance(s, int) else s for s in where).replace(".[", "[")
    assert "lone surrogate" in error.problem


def test_a_surrogate_pair_is_text_and_loads() -> None:
    rows = copy.deepcopy(ORIGINAL["occupations.json"])
    rows[0]["note"] = "emoji \U0001f600"
    files = {name: json.dumps(value, ensure_ascii=False).encode() for name, value in ORIGINAL.items()}
    files["occupations.json"] = _ascii(rows)  # written as the pair \ud83d\ude00
    assert b"\\ud83d\\ude00" in files["occupations.json"]
    assert _loader.load(files.__getitem__).occupations[0].note == "emoji \U0001f600"


def test_a_missing_data_file_is_a_catalogue_error() -> None:
    # It was a FileNotFoundError, which the command line reported as "cannot write the output".
    with pytest.raises(CatalogueError) as caught:
        read_data("no-such-file.json")
    assert caught.value.file == "no-such-file.json"
    assert "cannot be read" in caught.value.problem


@pytest.mark.parametrize(
    ("field", "problem"), [("name_zh", "is also used by"), ("code", "not a dashed code")]
)
def test_a_huge_value_at_fault_is_quoted_cut(field: str, problem: str) -> None:
    rows = copy.deepcopy(ORIGINAL["occupations.json"])
    huge = "职" * 1_000_000
    rows[3]["name_zh"] = huge  # names the record in every message about it
    rows[4][field] = huge
    error = load_with("occupations.json", rows)
    assert (error.field, problem in error.problem) == (field, True), str(error)[:300]
    assert len(str(error)) < 600
