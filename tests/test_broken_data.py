"""Corrupt copies of each data file fail to load, naming file, record and field.

Hypothesis picks the record, the field and the corruption from the real data,
so every file and every required field is covered as the data grows; after
each failure the packaged catalogue must still load in the same process.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newocc import CatalogueError, model
from newocc._store import loader as _loader
from newocc._store.resources import DATA_FILES, read_data
from newocc._store.words import Vocabulary
from newocc.model import Batch, Occupation, Source

ORIGINAL: dict[str, Any] = {name: json.loads(read_data(name)) for name in DATA_FILES}
RECORD_TYPES: dict[str, type] = {
    "occupations.json": Occupation,
    "batches.json": Batch,
    "sources.json": Source,
}
# Fields the loader computes (the model's field facts say which): files never store them.
COMPUTED = {
    file: {f.name for f in attrs.fields(cls) if f.metadata.get(model.COMPUTED)}
    for file, cls in RECORD_TYPES.items()
}
# Values no field of any record type accepts (no field is a float, a list of
# floats or a free-form object).
WRONG_TYPES = (12.5, [12.5], {"unexpected": 12.5})


def required_fields(file: str) -> list[str]:
    """The fields a record of this file must have (derived from the model)."""
    fields = attrs.fields(RECORD_TYPES[file])
    return [f.name for f in fields if f.default is attrs.NOTHING and f.name not in COMPUTED.get(file, ())]


def all_fields(file: str) -> list[str]:
    return [f.name for f in attrs.fields(RECORD_TYPES[file]) if f.name not in COMPUTED.get(file, ())]


def load_with(file: str, content: Any) -> CatalogueError:
    """Load the packaged data with one file replaced; return the error it must raise."""
    files = {name: json.dumps(value, ensure_ascii=False).encode() for name, value in ORIGINAL.items()}
    files[file] = content if isinstance(content, bytes) else json.dumps(content, ensure_ascii=False).encode()

    def read(name: str) -> bytes:
        return files[name] if name in files else read_data(name)

    # Every stage is loaded: some checks (a source nothing cites) can only be
    # made once every record that may cite is known.
    with pytest.raises(CatalogueError) as caught:
        load_all(read)
    return caught.value


def load_all(read: Callable[[str], bytes] = read_data) -> Vocabulary:
    """Load the three stages (catalogue, dictionary, vocabulary) from ``read``."""
    return _loader.load_vocabulary(_loader.load_dictionary(_loader.load(read), read), read)


def names_record(error: CatalogueError, file: str, index: int) -> bool:
    """The error's record is this record: by position, name, id or batch number."""
    row = ORIGINAL[file][index]
    marks = [f"record {index}"]
    for key in ("name_zh", "id"):
        if isinstance(row.get(key), str):
            marks.append(repr(row[key]))
    if isinstance(row.get("number"), int):
        marks += [f"batch {row['number']}", f"({row['number']})"]
    return any(mark in error.record for mark in marks)


def still_loads() -> None:
    assert len(_loader.load().occupations) == len(ORIGINAL["occupations.json"])


def rows_of(file: str) -> st.SearchStrategy[int]:
    return st.integers(0, len(ORIGINAL[file]) - 1)


FILES = sorted(RECORD_TYPES)
# Each example loads the whole catalogue; a few dozen per file and kind cover
# the records and fields well within the CI time budget.
few = settings(max_examples=30)


@pytest.fixture(autouse=True)
def _good_data_loads_afterwards() -> Iterator[None]:
    yield
    still_loads()


@pytest.mark.parametrize("file", FILES)
@given(data=st.data())
@few
def test_a_missing_field_is_named(file: str, data: st.DataObject) -> None:
    index = data.draw(rows_of(file), "record")
    field = data.draw(st.sampled_from(required_fields(file)), "field")
    rows = copy.deepcopy(ORIGINAL[file])
    del rows[index][field]
    error = load_with(file, rows)
    assert error.file == file
    assert field in error.field or field in error.problem
    assert names_record(error, file, index), error


@pytest.mark.parametrize("file", FILES)
@given(data=st.data())
@few
def test_a_wrong_type_is_named(file: str, data: st.DataObject) -> None:
    index = data.draw(rows_of(file), "record")
    field = data.draw(st.sampled_from(all_fields(file)), "field")
    rows = copy.deepcopy(ORIGINAL[file])
    rows[index][field] = data.draw(st.sampled_from(WRONG_TYPES), "value")
    error = load_with(file, rows)
    assert error.file == file
    assert error.field.startswith(field), error
    assert names_record(error, file, index), error


@pytest.mark.parametrize("file", FILES)
@given(data=st.data())
@few
def test_an_unknown_field_is_named(file: str, data: st.DataObject) -> None:
    index = data.draw(rows_of(file), "record")
    rows = copy.deepcopy(ORIGINAL[file])
    rows[index]["colour"] = "red"
    error = load_with(file, rows)
    assert (error.file, error.field) == (file, "colour")
    assert names_record(error, file, index), error


@pytest.mark.parametrize("file", DATA_FILES)
@given(data=st.data())
@few
def test_invalid_utf8_is_located(file: str, data: st.DataObject) -> None:
    raw = read_data(file)
    at = data.draw(st.integers(0, len(raw)), "byte")
    error = load_with(file, raw[:at] + b"\xff" + raw[at:])
    assert error.file == file
    # The first bad byte is ours, or the lead byte of the character it split.
    assert error.record in {f"byte {n}" for n in range(max(0, at - 3), at + 1)}, error


@pytest.mark.parametrize("file", DATA_FILES)
@given(data=st.data())
@few
def test_truncated_json_is_located(file: str, data: st.DataObject) -> None:
    raw = read_data(file).decode()
    cut = data.draw(st.integers(0, len(raw.rstrip()) - 1), "cut")
    error = load_with(file, raw[:cut].encode())
    assert error.file == file
    assert error.record.startswith(("line ", "top level")), error


def _duplicate(file: str, key: str, data: st.DataObject) -> tuple[list[dict[str, Any]], int]:
    rows = copy.deepcopy(ORIGINAL[file])
    candidates = [i for i, row in enumerate(rows) if row.get(key) is not None]
    first, second = data.draw(st.lists(st.sampled_from(candidates), min_size=2, max_size=2, unique=True))
    rows[second][key] = rows[first][key]
    return rows, max(first, second)


@pytest.mark.parametrize(
    ("file", "key", "problem"),
    [
        ("occupations.json", "code", "is also used by"),
        ("occupations.json", "name_zh", "is also used by"),
        ("sources.json", "id", "duplicate source id"),
        ("batches.json", "number", "numbered 1, 2"),
    ],
)
@given(data=st.data())
@few
def test_a_duplicate_key_is_named(file: str, key: str, problem: str, data: st.DataObject) -> None:
    rows, later = _duplicate(file, key, data)
    error = load_with(file, rows)
    assert error.file == file
    assert error.field == key
    assert problem in error.problem
    if file != "batches.json":  # batch numbering is checked on the whole list
        assert names_record(error, file, later) or repr(rows[later][key]) in error.record, error


def _occupation_where(test: Callable[[dict[str, Any]], bool]) -> tuple[list[dict[str, Any]], int]:
    rows = copy.deepcopy(ORIGINAL["occupations.json"])
    return rows, next(i for i, row in enumerate(rows) if test(row))


def test_salary_low_above_high_is_named() -> None:
    rows, index = _occupation_where(lambda row: bool(row["salaries"]))
    salary = rows[index]["salaries"][0]
    salary["low"], salary["high"] = salary["high"] + 1, salary["high"]
    error = load_with("occupations.json", rows)
    assert (error.field, names_record(error, "occupations.json", index)) == ("salaries[0].high", True)


@pytest.mark.parametrize(
    ("statistic", "high_from_low"),
    [("range", lambda low: low), ("figure", lambda low: low + 1), ("lower_bound", lambda low: low)],
)
def test_a_span_that_does_not_fit_its_statistic_is_named(
    statistic: str, high_from_low: Callable[[int], int]
) -> None:
    rows, index = _occupation_where(lambda row: bool(row["salaries"]))
    salary = rows[index]["salaries"][0]
    salary.update(statistic=statistic, high=high_from_low(salary["low"]), percentiles=[])
    error = load_with("occupations.json", rows)
    assert (error.field, names_record(error, "occupations.json", index)) == ("salaries[0].statistic", True)
    assert statistic in error.problem


def test_percentiles_that_fall_or_miss_the_span_are_named() -> None:
    rows, index = _occupation_where(lambda row: any(s["statistic"] == "percentiles" for s in row["salaries"]))
    position = next(i for i, s in enumerate(rows[index]["salaries"]) if s["statistic"] == "percentiles")
    salary = rows[index]["salaries"][position]
    salary["percentiles"] = list(reversed(salary["percentiles"]))
    error = load_with("occupations.json", rows)
    assert error.field == f"salaries[{position}].percentiles"
    salary["percentiles"] = list(reversed(salary["percentiles"]))
    salary["low"] += 1
    assert load_with("occupations.json", rows).field == f"salaries[{position}].low"


def test_a_skills_fact_without_skills_is_named() -> None:
    rows, index = _occupation_where(lambda row: True)
    source = ORIGINAL["sources.json"][0]["id"]
    skills = {"kind": "skills", "topic": "t", "text": "t", "period": "p", "population": "p", "source": source}
    rows[index]["facts"] = [*rows[index].get("facts", []), {**skills, "items": []}]
    error = load_with("occupations.json", rows)
    assert error.field == f"facts[{len(rows[index]['facts']) - 1}].items"


def test_a_blank_attribution_is_named() -> None:
    rows, index = _occupation_where(lambda row: bool(row.get("talent_gaps")))
    rows[index]["talent_gaps"][0]["attribution"] = ["人力资源社会保障部", " "]
    error = load_with("occupations.json", rows)
    assert error.field == "talent_gaps[0].attribution[1]"


def test_a_dangling_salary_sub_role_is_named() -> None:
    rows, index = _occupation_where(lambda row: bool(row["salaries"]))
    rows[index]["salaries"][0]["sub_role"] = "没有这个工种"
    error = load_with("occupations.json", rows)
    assert error.field == "salaries[0].sub_role"
    assert "没有这个工种" in error.problem


def test_a_sub_role_from_an_unknown_batch_is_named() -> None:
    rows, index = _occupation_where(lambda row: bool(row["sub_roles"]))
    rows[index]["sub_roles"][0]["introduced_in"] = 99
    error = load_with("occupations.json", rows)
    assert error.field == "sub_roles[0].introduced_in"
    assert names_record(error, "occupations.json", index)


@pytest.mark.parametrize("file", ["occupations.json", "batches.json"])
@given(data=st.data())
@few
def test_a_dangling_source_id_is_named(file: str, data: st.DataObject) -> None:
    index = data.draw(rows_of(file), "record")
    rows = copy.deepcopy(ORIGINAL[file])
    rows[index]["sources"] = [*rows[index]["sources"], "no-such-source"]
    error = load_with(file, rows)
    assert error.file == file
    assert error.field.startswith("sources"), error
    assert "no-such-source" in error.problem
    assert names_record(error, file, index), error


@pytest.mark.parametrize("date", ["2019-13-01", "2019-02-30", "yesterday", "", "2019/04/01"])
def test_a_bad_batch_date_is_named(date: str) -> None:
    rows = copy.deepcopy(ORIGINAL["batches.json"])
    rows[1]["dates"][0]["date"] = date
    error = load_with("batches.json", rows)
    assert error.field == "dates[0].date", error
    assert repr(date) in error.problem
    assert names_record(error, "batches.json", 1), error


def test_a_bad_publication_date_is_named() -> None:
    rows = copy.deepcopy(ORIGINAL["sources.json"])
    rows[3]["published"] = "2020-02-31"
    error = load_with("sources.json", rows)
    assert (error.field, names_record(error, "sources.json", 3)) == ("published", True), error
    assert "'2020-02-31'" in error.problem


@pytest.mark.parametrize("field", ["data_version", "schema_version"])
@pytest.mark.parametrize("change", ["drop", "wrong type"])
def test_a_broken_release_file_is_named(field: str, change: str) -> None:
    release = dict(ORIGINAL["release.json"])
    if change == "drop":
        del release[field]
    else:
        release[field] = 12.5
    error = load_with("release.json", release)
    assert (error.file, error.record, error.field) == ("release.json", "release", field)


# -- the dictionary's files: broken rows fail its load, never half a dictionary ----

DICTIONARY: dict[str, Any] = json.loads(read_data("dictionary.json"))
GROUPS: list[dict[str, Any]] = json.loads(read_data("groups.json"))
ROW_DEFAULTS = set(_loader._DICTIONARY_DEFAULTS)


def load_dictionary_with(file: str, content: Any) -> CatalogueError:
    """Load catalogue and dictionary with one file replaced; return the error the dictionary raises."""
    files = {name: json.dumps(value, ensure_ascii=False).encode() for name, value in ORIGINAL.items()}
    files["dictionary.json"] = json.dumps(DICTIONARY, ensure_ascii=False).encode()
    files["groups.json"] = json.dumps(GROUPS, ensure_ascii=False).encode()
    files[file] = content if isinstance(content, bytes) else json.dumps(content, ensure_ascii=False).encode()
    catalogue = _loader.load(files.__getitem__)
    with pytest.raises(CatalogueError) as caught:
        _loader.load_dictionary(catalogue, files.__getitem__)
    return caught.value


def with_row(index: int, change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    content = copy.deepcopy(DICTIONARY)
    change(content["occupations"][index])
    return content


def names_row(error: CatalogueError, index: int) -> bool:
    row = DICTIONARY["occupations"][index]
    return f"record {index}" in error.record or repr(row["name_zh"]) in error.record


def dictionary_rows() -> st.SearchStrategy[int]:
    return st.integers(0, len(DICTIONARY["occupations"]) - 1)


ROW_REQUIRED = [
    f.name for f in attrs.fields(Occupation) if f.default is attrs.NOTHING and f.name not in ROW_DEFAULTS
]


@pytest.fixture
def _dictionary_loads_afterwards() -> Iterator[None]:
    yield
    assert len(_loader.load_dictionary(_loader.load()).occupations) > len(ORIGINAL["occupations.json"])


@pytest.mark.usefixtures("_dictionary_loads_afterwards")
@given(data=st.data())
@few
def test_a_dictionary_row_missing_a_field_is_named(data: st.DataObject) -> None:
    index = data.draw(dictionary_rows(), "row")
    field = data.draw(st.sampled_from(ROW_REQUIRED), "field")
    error = load_dictionary_with("dictionary.json", with_row(index, lambda row: row.pop(field)))
    assert error.file == "dictionary.json"
    assert field in error.field or field in error.problem
    assert f"record {index}" in error.record, error


@pytest.mark.usefixtures("_dictionary_loads_afterwards")
@given(data=st.data())
@few
def test_a_wrong_type_in_a_dictionary_row_is_named(data: st.DataObject) -> None:
    index = data.draw(dictionary_rows(), "row")
    field = data.draw(st.sampled_from(sorted(DICTIONARY["occupations"][index])), "field")
    value = data.draw(st.sampled_from(WRONG_TYPES), "value")
    error = load_dictionary_with("dictionary.json", with_row(index, lambda row: row.update({field: value})))
    assert error.file == "dictionary.json"
    assert error.field.startswith(field), error
    assert names_row(error, index), error


@given(data=st.data())
@few
def test_an_unknown_field_in_a_dictionary_row_is_named(data: st.DataObject) -> None:
    index = data.draw(dictionary_rows(), "row")
    error = load_dictionary_with("dictionary.json", with_row(index, lambda row: row.update(colour="red")))
    assert (error.file, error.field) == ("dictionary.json", "colour")
    assert names_row(error, index), error


@pytest.mark.parametrize(
    ("change", "field", "problem"),
    [
        ({"status": "new"}, "status", "must be 'established'"),
        ({"status": "host"}, "status", "must be 'established'"),
        ({"sector": "digital"}, "sector", "must be null"),
        ({"batch": 3}, "batch", "must be null"),
        ({"code": "4-01-06-02"}, "code", "is also used by"),  # a catalogue record's code
        ({"name_zh": "互联网营销师"}, "name_zh", "is also used by"),  # a catalogue record's name
        ({"code": "4-02-07"}, "code", "is not a dashed code"),
        ({"definition_zh": " "}, "definition_zh", "is blank"),
        ({"sources": []}, "sources", "has no source"),
        ({"sources": ["no-such-source"]}, "sources", "no-such-source"),
        ({"dictionary_name_zh": "别的名字"}, "dictionary_name_zh", "use null"),
        ({"digital": False, "mark_sources": ["airs-osta-csv"]}, "digital", "true where sourced"),
    ],
)
def test_a_bad_dictionary_value_is_named(change: dict[str, Any], field: str, problem: str) -> None:
    index = next(i for i, row in enumerate(DICTIONARY["occupations"]) if row["code"] == "4-02-07-08")
    error = load_dictionary_with("dictionary.json", with_row(index, lambda row: row.update(change)))
    assert error.file == "dictionary.json"
    assert error.field.startswith(field), error
    assert problem in error.problem, error
    # The row is named by position or by its name (the changed one, if the name changed).
    assert names_row(error, index) or repr(change.get("name_zh")) in error.record, error


def test_a_work_type_a_batch_introduced_does_not_belong_in_the_dictionary() -> None:
    index = next(i for i, row in enumerate(DICTIONARY["occupations"]) if row["code"] == "4-02-07-08")

    def change(row: dict[str, Any]) -> None:
        row["sub_roles"][0]["introduced_in"] = 3

    error = load_dictionary_with("dictionary.json", with_row(index, change))
    assert (error.field, "host record" in error.problem) == ("sub_roles[0].introduced_in", True), error


def test_a_work_type_with_two_owners_is_named() -> None:
    content = copy.deepcopy(DICTIONARY)
    rows = content["occupations"]
    with_roles = [i for i, row in enumerate(rows) if row.get("sub_roles")]
    first, second = with_roles[0], with_roles[1]
    rows[second]["sub_roles"].append(copy.deepcopy(rows[first]["sub_roles"][0]))
    error = load_dictionary_with("dictionary.json", content)
    assert error.field == "sub_roles"
    assert rows[first]["sub_roles"][0]["name_zh"] in error.problem
    assert repr(rows[first]["name_zh"]) in error.problem


def test_two_dictionary_rows_with_one_code_are_named() -> None:
    content = copy.deepcopy(DICTIONARY)
    rows = content["occupations"]
    rows[1]["code"] = rows[0]["code"]
    error = load_dictionary_with("dictionary.json", content)
    assert (error.field, "is also used by" in error.problem) == ("code", True)
    assert repr(rows[1]["name_zh"]) in error.record


def test_an_unresolved_code_that_resolves_is_named() -> None:
    content = copy.deepcopy(DICTIONARY)
    content["unresolved"].append({"code": "4-02-07-08", "note": "lost", "sources": ["airs-osta-csv"]})
    error = load_dictionary_with("dictionary.json", content)
    assert (error.record, error.field) == ("unresolved '4-02-07-08'", "code")
    assert "resolves" in error.problem


@pytest.mark.parametrize("key", ["occupations", "unresolved"])
def test_a_missing_part_of_the_dictionary_is_named(key: str) -> None:
    content = copy.deepcopy(DICTIONARY)
    del content[key]
    error = load_dictionary_with("dictionary.json", content)
    assert (error.file, error.record, error.field) == ("dictionary.json", "top level", key)


def test_a_major_group_without_a_name_is_named() -> None:
    groups = [g for g in GROUPS if g["code"] != "4"]
    error = load_dictionary_with("groups.json", groups)
    assert (error.file, error.record, error.field) == ("groups.json", "group '4'", "code")


@pytest.mark.parametrize(
    ("change", "field"),
    [({"code": "4-2"}, "code"), ({"name_zh": ""}, "name_zh"), ({"sources": []}, "sources")],
)
def test_a_bad_group_is_named(change: dict[str, Any], field: str) -> None:
    groups = copy.deepcopy(GROUPS)
    groups[3].update(change)
    error = load_dictionary_with("groups.json", groups)
    assert (error.file, error.field) == ("groups.json", field), error


def _files_with(changes: dict[str, Any]) -> Callable[[str], bytes]:
    files = {name: json.dumps(value, ensure_ascii=False).encode() for name, value in ORIGINAL.items()}
    files.update({name: json.dumps(value, ensure_ascii=False).encode() for name, value in changes.items()})
    return lambda name: files[name] if name in files else read_data(name)


def _extra_source(source_id: str) -> list[dict[str, Any]]:
    return [*copy.deepcopy(ORIGINAL["sources.json"]), {**ORIGINAL["sources.json"][0], "id": source_id}]


def test_a_source_no_file_cites_fails_the_last_stage_only() -> None:
    read = _files_with({"sources.json": _extra_source("nobody-cites-me")})
    # Neither the catalogue nor the dictionary can tell: a later file might cite it.
    whole = _loader.load_dictionary(_loader.load(read), read)
    assert "nobody-cites-me" in whole.uncited
    with pytest.raises(CatalogueError) as caught:
        _loader.load_vocabulary(whole, read)
    error = caught.value
    assert (error.file, error.record, error.field) == ("sources.json", "'nobody-cites-me'", "id")
    assert "never cited" in error.problem


@pytest.mark.parametrize("citer", ["aliases.json", "coded_titles.json", "lexicon_terms.json"])
def test_a_source_cited_only_by_the_vocabulary_breaks_no_stage(citer: str) -> None:
    rows = copy.deepcopy(ORIGINAL[citer])
    rows[0]["sources"] = [*rows[0]["sources"], "only-the-vocabulary-cites-me"]
    read = _files_with({"sources.json": _extra_source("only-the-vocabulary-cites-me"), citer: rows})
    catalogue = _loader.load(read)
    assert "only-the-vocabulary-cites-me" in catalogue.uncited
    words = _loader.load_vocabulary(_loader.load_dictionary(catalogue, read), read)
    cited: Any = {
        "aliases.json": words.aliases,
        "coded_titles.json": words.coded_titles,
        "lexicon_terms.json": words.lexicon.terms,
    }[citer][0]
    assert "only-the-vocabulary-cites-me" in [source.id for source in cited.sources]


@pytest.mark.parametrize(
    "file", ["aliases.json", "coded_titles.json", "lexicon_roles.json", "lexicon_anchors.json"]
)
def test_a_broken_vocabulary_file_fails_its_stage_not_the_catalogue(file: str) -> None:
    rows = copy.deepcopy(ORIGINAL[file])
    rows[1]["colour"] = "red"
    read = _files_with({file: rows})
    whole = _loader.load_dictionary(_loader.load(read), read)
    assert len(whole.catalogue.occupations) == len(ORIGINAL["occupations.json"])
    with pytest.raises(CatalogueError) as caught:
        _loader.load_vocabulary(whole, read)
    assert (caught.value.file, caught.value.field) == (file, "colour"), caught.value


@pytest.mark.parametrize("file", ["dictionary.json", "groups.json"])
@given(data=st.data())
@few
def test_a_broken_dictionary_file_is_located(file: str, data: st.DataObject) -> None:
    raw = read_data(file)
    at = data.draw(st.integers(0, len(raw.rstrip()) - 1), "byte")
    if data.draw(st.booleans(), "truncate"):
        error = load_dictionary_with(file, raw[:at].decode("utf-8", "ignore").encode())
        assert error.record.startswith(("line ", "top level")), error
    else:
        error = load_dictionary_with(file, raw[:at] + b"\xff" + raw[at:])
        assert error.record.startswith("byte "), error
    assert error.file == file


@pytest.mark.parametrize(
    ("change", "field", "problem"),
    [
        ({"occupation": "没有这个职业"}, "occupation", "no occupation is named"),
        ({"sub_role": "没有这个工种"}, "sub_role", "has no work type"),
        ({"sources": [], "common_usage": False}, "sources", "cite a source"),
        ({"text": " "}, "text", "is blank"),
        ({"text": ""}, "text", "is empty"),
    ],
)
def test_an_alias_that_points_at_nothing_fails_the_vocabulary_stage(
    change: dict[str, Any], field: str, problem: str
) -> None:
    rows = copy.deepcopy(ORIGINAL["aliases.json"])
    rows[3].update(change)
    read = _files_with({"aliases.json": rows})
    whole = _loader.load_dictionary(_loader.load(read), read)
    with pytest.raises(CatalogueError) as caught:
        _loader.load_vocabulary(whole, read)
    assert (caught.value.file, caught.value.field) == ("aliases.json", field), caught.value
    assert problem in caught.value.problem


@pytest.mark.parametrize(
    ("change", "field", "problem"),
    [
        ({"code": "9-99-99-99"}, "code", "has no code '9-99-99-99'"),
        ({"code": "2-02-10"}, "code", ""),
        ({"occupation": "会计专业人员"}, "occupation", "not '会计专业人员'"),
        ({"work_type": "没有这个工种"}, "work_type", "has no work type"),
        ({"sources": []}, "sources", "cite where the title was seen"),
        ({"sources": ["no-such-source"]}, "sources", ""),
        ({"title": " "}, "title", "is blank"),
        ({"title": ""}, "title", "is empty"),
    ],
)
def test_a_coded_title_that_points_at_nothing_fails_the_vocabulary_stage(
    change: dict[str, Any], field: str, problem: str
) -> None:
    rows = copy.deepcopy(ORIGINAL["coded_titles.json"])
    rows[3].update(change)
    read = _files_with({"coded_titles.json": rows})
    whole = _loader.load_dictionary(_loader.load(read), read)
    with pytest.raises(CatalogueError) as caught:
        _loader.load_vocabulary(whole, read)
    assert caught.value.file == "coded_titles.json", caught.value
    assert caught.value.field.startswith(field), caught.value
    record = caught.value.record
    assert record == repr(rows[3]["title"]) or record.startswith("record 3"), caught.value
    assert problem in caught.value.problem


@pytest.mark.parametrize(
    ("change", "field", "problem"),
    [
        ({"code": "9-99-99-99"}, "code", "has no code '9-99-99-99'"),
        ({"occupation": "会计专业人员"}, "occupation", "not '会计专业人员'"),
    ],
)
def test_an_anchor_that_points_at_nothing_fails_the_vocabulary_stage(
    change: dict[str, Any], field: str, problem: str
) -> None:
    # Checked with the rest of the data when it is loaded, as the coded titles are,
    # not first when a coder is built from it.
    rows = copy.deepcopy(ORIGINAL["lexicon_anchors.json"])
    rows[3].update(change)
    read = _files_with({"lexicon_anchors.json": rows})
    whole = _loader.load_dictionary(_loader.load(read), read)
    with pytest.raises(CatalogueError) as caught:
        _loader.load_vocabulary(whole, read)
    error = caught.value
    assert (error.file, error.record, error.field) == ("lexicon_anchors.json", repr(rows[3]["text"]), field)
    assert problem in error.problem


def test_a_coded_title_given_twice_fails_the_vocabulary_stage() -> None:
    rows = copy.deepcopy(ORIGINAL["coded_titles.json"])
    rows.append(dict(rows[0]))
    read = _files_with({"coded_titles.json": rows})
    whole = _loader.load_dictionary(_loader.load(read), read)
    with pytest.raises(CatalogueError) as caught:
        _loader.load_vocabulary(whole, read)
    assert (caught.value.file, caught.value.record, caught.value.field) == (
        "coded_titles.json",
        repr(rows[0]["title"]),
        "title",
    )
    assert "duplicate" in caught.value.problem


def test_a_posting_source_with_the_id_of_a_catalogue_source_fails_the_vocabulary_stage() -> None:
    rows = copy.deepcopy(ORIGINAL["posting_sources.json"])
    rows[2]["id"] = ORIGINAL["sources.json"][0]["id"]
    read = _files_with({"posting_sources.json": rows})
    whole = _loader.load_dictionary(_loader.load(read), read)
    with pytest.raises(CatalogueError) as caught:
        _loader.load_vocabulary(whole, read)
    error = caught.value
    assert (error.file, error.record, error.field) == ("posting_sources.json", repr(rows[2]["id"]), "id")
    assert "duplicate" in error.problem


def test_a_posting_source_no_coded_title_cites_fails_the_vocabulary_stage() -> None:
    extra = {**ORIGINAL["posting_sources.json"][0], "id": "postings-nobody"}
    read = _files_with({"posting_sources.json": [*ORIGINAL["posting_sources.json"], extra]})
    whole = _loader.load_dictionary(_loader.load(read), read)
    with pytest.raises(CatalogueError) as caught:
        _loader.load_vocabulary(whole, read)
    error = caught.value
    assert (error.file, error.record, error.field) == ("posting_sources.json", "'postings-nobody'", "id")
    assert "never cited" in error.problem


def test_the_catalogue_does_not_read_the_posting_sources() -> None:
    # A first find() reads sources.json; the postings' sources only the coder needs.
    read = _files_with({"posting_sources.json": "not even a list"})
    catalogue = _loader.load(read)
    assert not any(source.id.startswith("postings-") for source in catalogue.sources)
    with pytest.raises(CatalogueError) as caught:
        _loader.load_vocabulary(_loader.load_dictionary(catalogue, read), read)
    assert caught.value.file == "posting_sources.json"
