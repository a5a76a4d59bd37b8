"""The loader's one structurer: generated from the model, current, strict, and agreeing with the schema.

The JSON Schemas (``newocc._schema``) and the generated structurers
(``newocc._store.codegen``) read the same field facts from the model, so for a
real row with one value changed, the shipped schema accepts the row exactly
when the structurer does.
"""

from __future__ import annotations

import copy
import datetime as dt
import enum
import json
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newocc import testing
from newocc._schema import SCHEMA_DIR
from newocc._store import codegen, current, dictionary
from newocc._store import structurers as _catalogue
from newocc._store import structurers_dictionary as _dictionary
from newocc._store import structurers_vocabulary as _vocabulary
from newocc._store.resources import read_data
from newocc._store.structuring import Fault
from newocc.model import COMPUTED, Percentile, SalaryRange, Source

SOURCES = {source.id: source for source in current().sources}
ROWS: dict[str, list[dict[str, Any]]] = {
    name: json.loads(read_data(name))
    for name in ("occupations.json", "batches.json", "facts.json", "sources.json", "groups.json")
}
ROWS["lexicon_anchors.json"] = json.loads(read_data("lexicon_anchors.json"))
ROWS["aliases.json"] = json.loads(read_data("aliases.json"))
STRUCTURE: dict[str, Callable[[dict[str, Any]], object]] = {
    "occupations.json": lambda row: _catalogue.structure_Occupation(row, None, SOURCES),
    "batches.json": lambda row: _catalogue.structure_Batch(row, None, SOURCES, 1, 0),
    "facts.json": lambda row: _catalogue.structure_Fact(row, None, SOURCES),
    "sources.json": lambda row: _catalogue.structure_Source(row, None),
    "groups.json": lambda row: _dictionary.structure_Group(row, None, SOURCES),
    "lexicon_anchors.json": lambda row: _vocabulary.structure_Anchor(row, None, SOURCES),
    "aliases.json": lambda row: _vocabulary.structure_AliasRow(row, None, SOURCES),
}


def test_the_generated_structurers_are_current() -> None:
    for name, text in codegen.render().items():
        shipped = (codegen.DIRECTORY / name).read_text(encoding="utf-8")
        assert shipped == text, f"{name} is stale: run python -m newocc._store.codegen"


def test_loading_the_packaged_data_never_imports_cattrs() -> None:
    code = "import sys, newocc; newocc.find(); newocc.search('直播带货'); print('cattrs' in sys.modules)"
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert output.stdout.strip().splitlines()[-1] == "False"


def test_every_packaged_row_structures_to_the_loaded_record() -> None:
    loaded = {o.name_zh: o for o in dictionary().occupations}
    for row in ROWS["occupations.json"]:
        assert STRUCTURE["occupations.json"](row) == loaded[row["name_zh"]]


def _first_salary(change: dict[str, Any]) -> dict[str, Any]:
    row = copy.deepcopy(next(r for r in ROWS["occupations.json"] if r["salaries"]))
    row["salaries"][0].update(change)
    return row


@pytest.mark.parametrize(
    ("change", "path", "problem"),
    [
        ({"year": "2020"}, "salaries[0].year", "expected an integer, got str '2020'"),
        ({"year": 2020.0}, "salaries[0].year", "expected an integer, got float"),
        ({"year": True}, "salaries[0].year", "expected an integer, got bool"),
        ({"low": 0}, "salaries[0].low", "must be positive, got 0"),
        ({"high": 10**9 + 1}, "salaries[0].high", "must be at most 1,000,000,000"),
        ({"year": 1999}, "salaries[0].year", "must be at least 2000, got 1999"),
        ({"period": "week"}, "salaries[0].period", "'week' is not a valid Period"),
        ({"source": "no-such-source"}, "salaries[0].source", "unknown source id 'no-such-source'"),
        ({"colour": "red"}, "salaries[0].colour", "extra fields found ('colour')"),
    ],
)
def test_a_nested_fault_names_its_path_and_problem(change: dict[str, Any], path: str, problem: str) -> None:
    with pytest.raises(Fault) as caught:
        STRUCTURE["occupations.json"](_first_salary(change))
    assert caught.value.path == path
    assert problem in caught.value.problem


def test_a_missing_field_and_a_stored_computed_field_are_faults() -> None:
    row = copy.deepcopy(ROWS["occupations.json"][0])
    del row["sub_roles"]
    with pytest.raises(Fault, match="required field missing") as caught:
        STRUCTURE["occupations.json"](row)
    assert caught.value.path == "sub_roles"
    batch = {**ROWS["batches.json"][0], "listed_count": 3}
    with pytest.raises(Fault, match="is computed, not stored"):
        STRUCTURE["batches.json"](batch)


def test_codes_are_ascii_digits_in_the_structurer_as_in_the_schema() -> None:
    row = copy.deepcopy(next(r for r in ROWS["occupations.json"] if r.get("code")))
    row["code"] = "٤-٠١-٠٦-٠٢"  # Arabic-Indic digits: Python's \\d matches them, JSON Schema's does not
    with pytest.raises(Fault, match="is not a dashed code"):
        STRUCTURE["occupations.json"](row)


def test_the_schema_carries_the_loaders_bounds() -> None:
    schema = json.loads((SCHEMA_DIR / "occupations.schema.json").read_text(encoding="utf-8"))
    estimate = schema["$defs"]["Estimate"]["properties"]
    assert estimate["people_low"]["minimum"] == 1
    salary = schema["$defs"]["SalaryRange"]["properties"]
    facts = attrs.fields_dict(SalaryRange)["low"].metadata
    assert salary["low"]["maximum"] == facts["newocc.maximum"] == 10**9
    assert schema["$defs"]["Percentile"]["properties"]["rank"]["maximum"] == 99
    assert attrs.fields_dict(Percentile)["rank"].metadata["newocc.maximum"] == 99


# -- schema-valid ⇔ structurer-accepts, on real rows with one value changed -----------------

SCHEMAS = {
    file: json.loads((SCHEMA_DIR / f"{file.removesuffix('.json')}.schema.json").read_text(encoding="utf-8"))
    for file in STRUCTURE
}
VALIDATORS = {
    file: jsonschema.Draft202012Validator({"$defs": schema.get("$defs", {}), **schema["items"]})
    for file, schema in SCHEMAS.items()
}
SOURCE_ID = next(iter(SOURCES))
# Values around every bound and pattern the model states, and of every JSON type.  Not 1.0:
# JSON Schema counts a float with no fraction as an integer, where the loader (strict on
# types, as JSON itself does not distinguish them) asks data to write 1.
VALUES = st.sampled_from(
    [
        -1,
        0,
        1,
        2,
        99,
        100,
        1999,
        2000,
        2024,
        10**9,
        10**9 + 1,
        12.5,
        True,
        False,
        None,
        "",
        "x",
        "new",
        "4-01-06-02",
        "4010602",
        "4-01-06",
        "4",
        "4-02",
        "٤-٠١-٠٦-٠٢",
        "2020-01-01",
        [],
        ["x"],
        [1],
        {},
        {"unexpected": 1},
    ]
)


def _faceted() -> frozenset[str]:
    """The names of the fields that state bounds or a pattern, across the record types."""
    names: set[str] = set()
    for module in (_catalogue, _dictionary, _vocabulary):
        for value in vars(module).values():
            if isinstance(value, type) and attrs.has(value):
                names.update(f.name for f in attrs.fields(value) if set(f.metadata) - {"newocc.computed"})
    return frozenset(names)


FACETED = _faceted()


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = []
    if isinstance(value, dict):
        for key, inner in value.items():
            found.append((*prefix, key))
            found += _paths(inner, (*prefix, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value[:2]):
            found.append((*prefix, index))
            found += _paths(inner, (*prefix, index))
    return found


def _cites(path: tuple[Any, ...]) -> bool:
    names = [step for step in path if isinstance(step, str)]
    return bool(names) and names[-1] in (
        "sources",
        "source",
        "code_sources",
        "definition_sources",
        "mark_sources",
    )


def _accepted(file: str, row: dict[str, Any]) -> bool:
    try:
        STRUCTURE[file](row)
    except Fault:
        return False
    return True


@pytest.mark.parametrize("file", sorted(STRUCTURE))
@given(data=st.data())
@settings(max_examples=200, deadline=None)
def test_the_schema_accepts_a_changed_row_exactly_when_the_structurer_does(
    file: str, data: st.DataObject
) -> None:
    rows = ROWS[file]
    row = copy.deepcopy(rows[data.draw(st.integers(0, len(rows) - 1), "row")])
    paths = _paths(row)
    # Half the changes hit a field with bounds or a pattern, where schema and loader could part.
    faceted = [p for p in paths if isinstance(p[-1], str) and p[-1] in FACETED] or paths
    path = data.draw(st.sampled_from(faceted) | st.sampled_from(paths), "path")
    value: Any = data.draw(VALUES, "value")
    if _cites(path) and file != "sources.json":
        # A source id: the schema knows only that it is a string, the loader which ids exist.
        if isinstance(value, str):
            value = SOURCE_ID
        elif isinstance(value, list):
            value = [SOURCE_ID if isinstance(item, str) else item for item in value]
    holder: Any = row
    for step in path[:-1]:
        holder = holder[step]
    holder[path[-1]] = value
    schema_valid = VALIDATORS[file].is_valid(row)
    assert schema_valid == _accepted(file, row), (path, value)


# -- the strategies draw what the structurer accepts ------------------------------------------


def _row(value: Any, table: dict[str, Source]) -> Any:
    """``value`` written as a data file writes it: sources by id, computed fields left out."""
    if isinstance(value, Source):
        table[value.id] = value
        return value.id
    if attrs.has(type(value)):
        fields = attrs.fields(type(value))
        return {f.name: _row(getattr(value, f.name), table) for f in fields if not f.metadata.get(COMPUTED)}
    if isinstance(value, tuple):
        return [_row(item, table) for item in value]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@given(testing.occupations())
@settings(max_examples=50, deadline=None)
def test_generated_occupations_are_what_the_structurer_builds(occupation: Any) -> None:
    # Compared as rows: the strategies may draw two sources with one id, which a file cannot hold.
    table: dict[str, Source] = {}
    row = _row(occupation, table)
    assert _row(_catalogue.structure_Occupation(row, None, table), {}) == row


@given(testing.batches(), testing.facts())
@settings(max_examples=50, deadline=None)
def test_generated_batches_and_facts_are_what_the_structurer_builds(batch: Any, fact: Any) -> None:
    table: dict[str, Source] = {}
    row = _row(batch, table)
    built = _catalogue.structure_Batch(row, None, table, batch.listed_count, batch.listed_work_types)
    assert (_row(built, {}), built.listed_count) == (row, batch.listed_count)
    row = _row(fact, table)
    assert _row(_catalogue.structure_Fact(row, None, table), {}) == row
