"""Exports: plain records, JSON envelope, JSON Lines, CSV and the optional DataFrame."""

from __future__ import annotations

import csv
import io
import itertools
import json
import sys
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import given

import newocc
from newocc import Occupation
from newocc._store.layout import SCHEMA_VERSION
from newocc.errors import InvalidArgument, InvalidArgumentType
from newocc.export import LIST_SEPARATOR
from newocc.testing import find_arguments

ALL = newocc.occupations(related=True)


def test_records_are_plain_json_values_with_sources_expanded() -> None:
    record = newocc.to_records([newocc.get("4-01-06-02")])[0]
    assert record["code"] == "4-01-06-02"
    assert record["status"] == "new"
    assert record["sub_roles"][1]["name_zh"] == "直播销售员"
    source = record["salaries"][0]["source"]
    assert set(source) == {f.name for f in attrs.fields(newocc.Source)}
    assert json.loads(json.dumps(record)) == record
    # Plain values, not the str-based enum members.
    assert type(record["status"]) is str
    assert type(source["kind"]) is str


def test_dates_are_iso_strings() -> None:
    record = newocc.to_records(newocc.batches()[:1])[0]
    assert record["dates"][0]["date"] == "2019-04-01"


@given(find_arguments())
def test_json_envelope_round_trips_the_selection(kwargs: dict[str, object]) -> None:
    found = newocc.find(**kwargs)  # type: ignore[arg-type]
    envelope = json.loads(newocc.to_json(found))
    assert envelope["data_version"] == newocc.DATA_VERSION
    assert envelope["schema_version"] == SCHEMA_VERSION
    assert [r["name_zh"] for r in envelope["records"]] == [o.name_zh for o in found]


def test_jsonl_has_one_versioned_record_a_line() -> None:
    lines = newocc.to_jsonl(ALL).splitlines()
    assert len(lines) == len(ALL)
    first = json.loads(lines[0])
    assert (first["data_version"], first["schema_version"]) == (newocc.DATA_VERSION, SCHEMA_VERSION)
    assert first["name_zh"] == ALL[0].name_zh


def test_csv_has_version_columns_and_one_row_per_record() -> None:
    rows = list(csv.DictReader(io.StringIO(newocc.to_csv(ALL))))
    assert len(rows) == len(ALL)
    assert list(rows[0])[:2] == ["data_version", "schema_version"]
    assert list(rows[0])[2:] == [f.name for f in attrs.fields(Occupation)]
    marketer = next(r for r in rows if r["code"] == "4-01-06-02")
    assert marketer["sub_roles"].split(LIST_SEPARATOR) == [
        r.name_zh for r in newocc.get("互联网营销师").sub_roles
    ]
    assert marketer["name_en"] == "internet marketer"
    expected = [
        f"{s.statistic.value} {s.low}-{'' if s.high is None else s.high} "
        f"{s.currency.value}/{s.period.value} {s.year}"
        for s in newocc.get("互联网营销师").salaries
    ]
    assert marketer["salaries"].split(LIST_SEPARATOR) == expected
    assert expected[0] == "mean 11220-11220 CNY/month 2020"
    assert marketer["raised_in"] == ""


def test_empty_csv_still_has_a_header() -> None:
    assert newocc.to_csv([]).splitlines()[0].startswith("data_version,schema_version,code,")


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("互联网营销师", "records must be an iterable of newocc records such as Occupation, not str"),
        (3, "records must be an iterable of newocc records such as Occupation, not int 3"),
        ([ALL[0], object()], "records[1] must be a newocc record such as Occupation, not object"),
    ],
)
def test_exports_reject_what_is_not_records(bad: object, message: str) -> None:
    with pytest.raises(InvalidArgumentType) as caught:
        newocc.to_records(bad)  # type: ignore[arg-type]
    assert message in str(caught.value)


def test_flat_exports_reject_mixed_records() -> None:
    with pytest.raises(
        InvalidArgumentType,
        match=r"records\[1\] must be an Occupation like records\[0\]: .*one kind of record",
    ):
        newocc.to_csv([ALL[0], newocc.batches()[0]])


@pytest.mark.parametrize("export", [newocc.to_records, newocc.to_json, newocc.to_jsonl, newocc.to_csv])
def test_a_huge_iterable_is_checked_item_by_item(export: Callable[[Any], object]) -> None:
    # Not materialised first: a list of 10**18 items would be a MemoryError.
    with pytest.raises(InvalidArgumentType, match=r"records\[0\] must be a newocc record"):
        export(range(10**18))
    with pytest.raises(InvalidArgumentType, match=r"records\[1\] must be a newocc record"):
        export(itertools.chain([ALL[0]], range(10**18)))


@pytest.mark.parametrize(
    ("indent", "error"), [(17, InvalidArgument), (-1, InvalidArgument), ("2", InvalidArgumentType)]
)
def test_a_bad_indent_is_named(indent: object, error: type[Exception]) -> None:
    with pytest.raises(error, match=f"indent={indent!r}|indent must be"):
        newocc.to_json(ALL, indent=indent)  # type: ignore[arg-type]


def test_to_frame_matches_the_csv_columns() -> None:
    pytest.importorskip("pandas")
    frame = newocc.to_frame(ALL)
    assert len(frame) == len(ALL)
    assert list(frame.columns)[2:] == [f.name for f in attrs.fields(Occupation)]
    assert frame.attrs["data_version"] == newocc.DATA_VERSION


def test_to_frame_without_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"newocc\[pandas\]"):
        newocc.to_frame(ALL)


def test_the_whole_dictionary_exports_and_comes_back_as_the_same_records() -> None:
    import datetime as dt

    import cattrs

    every = newocc.occupations(scope="dictionary")
    lines = newocc.to_jsonl(every).splitlines()
    assert len(lines) == len(every)
    converter = cattrs.Converter()
    converter.register_structure_hook(dt.date, lambda value, _: dt.date.fromisoformat(value))
    for line, occupation in zip(lines, every, strict=True):
        record = json.loads(line)
        del record["data_version"], record["schema_version"]
        assert converter.structure(record, Occupation) == occupation
    established = json.loads(lines[[o.code for o in every].index("4-02-07-08")])
    assert (established["status"], established["sector"], established["batch"]) == ("established", None, None)
