"""Each invariant of the catalogue, broken once in a copy of the real data, fails the load.

The loader checks these on every load, so re-asserting them on the loaded
catalogue proves nothing; breaking each one and watching the load fail with
the file, record and field proves that it is checked.  (test_broken_data.py
covers malformed files: missing fields, wrong types, bad bytes, duplicates.)
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from newocc import CatalogueError
from tests.test_broken_data import ORIGINAL, load_with

Rows = list[dict[str, Any]]


def first(rows: Rows, test: Callable[[dict[str, Any]], bool]) -> int:
    return next(i for i, row in enumerate(rows) if test(row))


def names(error: CatalogueError, file: str, index: int) -> bool:
    """The error's record is exactly this one (``record 1`` must not pass for ``record 10``)."""
    row = ORIGINAL[file][index]
    marks = {
        f"record {index}",
        f"record {index} ({row.get('name_zh') or row.get('id') or row.get('number')!r})",
    }
    marks |= {repr(row.get("name_zh")), repr(row.get("id")), f"batch {row.get('number')}"}
    return error.record in marks or error.record.startswith(f"record {index} (")


def status(value: str) -> Callable[[dict[str, Any]], bool]:
    return lambda row: row["status"] == value


def _set(path: str, value: Any, where: Callable[[dict[str, Any]], bool]) -> Callable[[Rows], int]:
    """A mutation: in the first row ``where`` accepts, set the dotted ``path`` to ``value``."""

    def mutate(rows: Rows) -> int:
        index = first(rows, where)
        holder: Any = rows[index]
        *steps, last = path.split(".")
        for step in steps:
            holder = holder[int(step)] if step.isdigit() else holder[step]
        holder[int(last) if last.isdigit() else last] = value(rows[index]) if callable(value) else value
        return index

    return mutate


def has(key: str) -> Callable[[dict[str, Any]], bool]:
    return lambda row: bool(row.get(key))


def _work_type_of_another(rows: Rows) -> int:
    owner = first(rows, has("sub_roles"))
    other = first(rows, lambda row: row is not rows[owner] and row["status"] == "new")
    rows[other]["sub_roles"] = [*rows[other]["sub_roles"], copy.deepcopy(rows[owner]["sub_roles"][0])]
    return max(owner, other)


def _work_type_named_like_an_occupation(rows: Rows) -> int:
    index = first(
        rows,
        lambda row: bool(row["sub_roles"]) and all(s.get("sub_role") is None for s in row["salaries"]),
    )
    rows[index]["sub_roles"][0]["name_zh"] = next(r["name_zh"] for r in rows if r is not rows[index])
    return index


def _english_name_of_another_in_capitals(rows: Rows) -> int:
    named = [i for i, row in enumerate(rows) if row.get("name_en")]
    rows[named[1]]["name_en"]["text"] = rows[named[0]]["name_en"]["text"].upper()
    return named[1]


def _former_code_of_another(rows: Rows) -> int:
    named = [i for i, row in enumerate(rows) if row["former_codes"]]
    rows[named[1]]["former_codes"][0]["code"] = rows[named[0]]["former_codes"][0]["code"]
    return named[1]


def _former_name_of_another(rows: Rows) -> int:
    index = first(rows, has("former_names"))
    rows[index]["former_names"][0]["name_zh"] = next(r["name_zh"] for r in rows if r is not rows[index])
    return index


def _incomplete_without_a_note(rows: Rows) -> int:
    rows[0]["official_count"] += 1
    rows[0]["note"] = None
    return 0


def _source_without_url_or_title(rows: Rows) -> int:
    rows[0]["url"] = rows[0]["title"] = None
    return 0


def _an_uncited_source(rows: Rows) -> int:
    rows.append({"id": "never-cited", "publisher": "nobody", "kind": "secondary_copy", "title": "t"})
    return len(rows) - 1


CASES: list[tuple[str, str, Callable[[Rows], int], str, str]] = [
    # (what is broken, file, mutation returning the record it broke, field, problem)
    (
        "a new occupation without a batch",
        "occupations.json",
        _set("batch", None, status("new")),
        "batch",
        "needs a known batch",
    ),
    (
        "a new occupation in an unknown batch",
        "occupations.json",
        _set("batch", 99, status("new")),
        "batch",
        "got 99",
    ),
    (
        "a host record in a batch",
        "occupations.json",
        _set("batch", 3, status("host")),
        "batch",
        "must be null",
    ),
    (
        "a raised record without its batch",
        "occupations.json",
        _set("raised_in", None, status("raised")),
        "raised_in",
        "needs a known batch",
    ),
    (
        "a new occupation raised",
        "occupations.json",
        _set("raised_in", 3, status("new")),
        "raised_in",
        "must be null",
    ),
    (
        "a host record without work types",
        "occupations.json",
        _set("sub_roles", [], status("host")),
        "sub_roles",
        "only for its work types",
    ),
    (
        "an occupation without sources",
        "occupations.json",
        _set("sources", [], status("new")),
        "sources",
        "has no source",
    ),
    (
        "a code without sources",
        "occupations.json",
        _set("code_sources", [], has("code")),
        "code_sources",
        "has no source",
    ),
    (
        "sources for a missing code",
        "occupations.json",
        _set("code", None, has("code_sources")),
        "code_sources",
        "missing code",
    ),
    (
        "an undashed code",
        "occupations.json",
        _set("code", "4010602", has("code")),
        "code",
        "not a dashed code",
    ),
    (
        "an English name without sources",
        "occupations.json",
        _set("name_en.sources", [], has("name_en")),
        "name_en.sources",
        "has no source",
    ),
    (
        "an English name of another, in capitals",
        "occupations.json",
        _english_name_of_another_in_capitals,
        "name_en",
        "is also used by",
    ),
    (
        "a former code equal to the code",
        "occupations.json",
        _set("former_codes.0.code", lambda row: row["code"], lambda r: bool(r["former_codes"] and r["code"])),
        "former_codes[0].code",
        "repeats the current code",
    ),
    (
        "an undashed former code",
        "occupations.json",
        _set("former_codes.0.code", "4010207", has("former_codes")),
        "former_codes[0].code",
        "not a dashed code",
    ),
    (
        "a former code without sources",
        "occupations.json",
        _set("former_codes.0.sources", [], has("former_codes")),
        "former_codes[0].sources",
        "has no source",
    ),
    (
        "a former code of another occupation",
        "occupations.json",
        _former_code_of_another,
        "former_codes",
        "is also used by",
    ),
    (
        "a work type without sources",
        "occupations.json",
        _set("sub_roles.0.sources", [], has("sub_roles")),
        "sub_roles[0].sources",
        "has no source",
    ),
    (
        "a blank work type",
        "occupations.json",
        _set("sub_roles.0.name_zh", " ", has("sub_roles")),
        "sub_roles[0].name_zh",
        "is blank",
    ),
    (
        "a work type of two occupations",
        "occupations.json",
        _work_type_of_another,
        "sub_roles",
        "also belongs to",
    ),
    (
        "a work type named like an occupation",
        "occupations.json",
        _work_type_named_like_an_occupation,
        "sub_roles",
        "also belongs to an occupation",
    ),
    (
        "a salary of nothing",
        "occupations.json",
        _set("salaries.0.low", 0, has("salaries")),
        "salaries[0].low",
        "must be positive",
    ),
    (
        "a salary from 1999",
        "occupations.json",
        _set("salaries.0.year", 1999, has("salaries")),
        "salaries[0].year",
        "must be at least 2000",
    ),
    (
        "a blank definition",
        "occupations.json",
        _set("definition_zh", " ", has("definition_zh")),
        "definition_zh",
        "is blank",
    ),
    (
        "a definition without sources",
        "occupations.json",
        _set("definition_sources", [], has("definition_zh")),
        "definition_sources",
        "go together",
    ),
    (
        "a definition without its edition",
        "occupations.json",
        _set("definition_edition", None, has("definition_zh")),
        "definition_edition",
        "names the edition",
    ),
    (
        "a former definition equal to the current",
        "occupations.json",
        _set("former_definitions.0.text", lambda row: row["definition_zh"], has("former_definitions")),
        "former_definitions[0].text",
        "repeats the current",
    ),
    (
        "a former definition without sources",
        "occupations.json",
        _set("former_definitions.0.sources", [], has("former_definitions")),
        "former_definitions[0].sources",
        "has no source",
    ),
    (
        "a former name without sources",
        "occupations.json",
        _set("former_names.0.sources", [], has("former_names")),
        "former_names[0].sources",
        "has no source",
    ),
    (
        "a former name of another occupation",
        "occupations.json",
        _former_name_of_another,
        "former_names[0]",
        "is also used by",
    ),
    (
        "a digital mark set to false",
        "occupations.json",
        _set("digital", False, has("digital")),
        "digital",
        "true where sourced, else null",
    ),
    (
        "a mark without sources",
        "occupations.json",
        _set("mark_sources", [], has("digital")),
        "mark_sources",
        "needs a source",
    ),
    (
        "a skill standard without sources",
        "occupations.json",
        _set("standards.0.sources", [], has("standards")),
        "standards[0].sources",
        "has no source",
    ),
    (
        "an estimate of nobody",
        "occupations.json",
        _set("talent_gaps.0.people_low", 0, has("talent_gaps")),
        "talent_gaps[0].people_low",
        "must be positive",
    ),
    (
        "an estimate low above high",
        "occupations.json",
        _set(
            "talent_gaps.0.people_low",
            lambda row: row["talent_gaps"][0]["people_high"] + 1,
            has("talent_gaps"),
        ),
        "talent_gaps[0].people_low",
        "need low <= high",
    ),
    (
        "an estimate made in 1999",
        "occupations.json",
        _set("talent_gaps.0.year_made", 1999, has("talent_gaps")),
        "talent_gaps[0].year_made",
        "must be at least 2000",
    ),
    (
        "an estimate looking back",
        "occupations.json",
        _set(
            "talent_gaps.0.horizon_year",
            lambda row: row["talent_gaps"][0]["year_made"] - 1,
            has("talent_gaps"),
        ),
        "talent_gaps[0].horizon_year",
        "looks back",
    ),
    (
        "an occupation's fact without text",
        "occupations.json",
        _set("facts.0.text", " ", has("facts")),
        "facts[0].text",
        "is blank",
    ),
    (
        "an occupation's fact of nothing",
        "occupations.json",
        _set("facts.0.value", 0, has("facts")),
        "facts[0].value",
        "must be positive",
    ),
    (
        "a batch with more listed than official",
        "batches.json",
        _set("official_count", 1, lambda row: row["number"] == 1),
        "official_count",
        "more than the official",
    ),
    (
        "a batch of no occupations",
        "batches.json",
        _set("official_count", 0, lambda row: row["number"] == 2),
        "official_count",
        "must be positive",
    ),
    (
        "an incomplete batch without a note",
        "batches.json",
        _incomplete_without_a_note,
        "note",
        "say why in a note",
    ),
    (
        "a batch without dates",
        "batches.json",
        _set("dates", [], lambda row: row["number"] == 4),
        "dates",
        "has no date",
    ),
    (
        "a batch date without sources",
        "batches.json",
        _set("dates.0.sources", [], lambda row: row["number"] == 5),
        "dates[0].sources",
        "has no source",
    ),
    (
        "a batch without sources",
        "batches.json",
        _set("sources", [], lambda row: row["number"] == 6),
        "sources",
        "has no source",
    ),
    (
        "an unplaced work type of another batch",
        "batches.json",
        _set("unplaced_work_types.0.introduced_in", 2, has("unplaced_work_types")),
        "unplaced_work_types",
        "must have introduced_in",
    ),
    (
        "a stored listed count",
        "batches.json",
        _set("listed_count", 13, lambda row: row["number"] == 1),
        "listed_count",
        "is computed",
    ),
    (
        "fewer official work types than listed",
        "batches.json",
        _set("official_work_types", 1, has("official_work_types")),
        "official_work_types",
        "more than the official",
    ),
    (
        "a source without url or title",
        "sources.json",
        _source_without_url_or_title,
        "url",
        "needs a url or a title",
    ),
    (
        "a source without a publisher",
        "sources.json",
        _set("publisher", " ", lambda row: True),
        "publisher",
        "is blank",
    ),
    ("a source nothing cites", "sources.json", _an_uncited_source, "id", "never cited"),
    ("a fact without text", "facts.json", _set("text", "", lambda row: True), "text", "is blank"),
    ("a fact of nothing", "facts.json", _set("value", -5, has("value")), "value", "must be positive"),
]


@pytest.mark.parametrize(
    ("file", "mutate", "field", "problem"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_breaking_an_invariant_fails_the_load(
    file: str, mutate: Callable[[Rows], int], field: str, problem: str
) -> None:
    rows = copy.deepcopy(ORIGINAL[file])
    index = mutate(rows)
    error = load_with(file, rows)
    assert (error.file, error.field) == (file, field), error
    assert problem in error.problem, error
    if index < len(ORIGINAL[file]):
        assert names(error, file, index), error
