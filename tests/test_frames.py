"""Columnar tagging: match_frame and match_table give a loop's tags in a fixed schema."""

from __future__ import annotations

import csv
import math
import pickle
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import newocc
from newocc import frames
from newocc.errors import InvalidArgumentType
from newocc.frames import SCHEMA, match_frame

pandas = pytest.importorskip("pandas")

EVAL_TITLES = Path(__file__).parent / "eval" / "titles.csv"


def eval_titles() -> list[str]:
    with EVAL_TITLES.open(encoding="utf-8", newline="") as file:
        return [row["title"] for row in csv.DictReader(file)]


def loop_tags(titles: list[Any]) -> list[tuple[object, ...]]:
    """The reference: one match() per title, read into the schema's columns by hand."""
    version = newocc.DATA_VERSION
    tags: list[tuple[object, ...]] = []
    for title in titles:
        found = newocc.match(title) if isinstance(title, str) else None
        if found is None:
            tags.append((None,) * 7 + (version,))
            continue
        tags.append(
            (
                found.occupation.code,
                found.occupation.name_zh,
                found.sub_role.name_zh if found.sub_role else None,
                found.is_new,
                found.confidence,
                found.evidence.kind.value,
                found.evidence.label,
                version,
            )
        )
    return tags


def frame_tags(frame: Any) -> list[tuple[object, ...]]:
    return [
        tuple(None if value is pandas.NA else value for value in row) for row in frame.itertuples(index=False)
    ]


def test_the_columns_and_dtypes_are_the_documented_schema() -> None:
    frame = match_frame(["外卖小哥", "前台接待"])
    assert list(frame.columns) == [column.name for column in SCHEMA]
    assert [str(dtype) for dtype in frame.dtypes] == [column.pandas for column in SCHEMA]
    assert isinstance(frame.dtypes["code"], pandas.StringDtype)
    assert frame.dtypes["code"].storage == "python"
    empty = match_frame([])
    assert len(empty) == 0
    assert empty.dtypes.equals(frame.dtypes)


def test_a_frame_gives_the_tags_of_a_plain_loop_in_input_order() -> None:
    titles = eval_titles()
    # Repeats and missing cells, shuffled among the titles.
    mixed: list[Any] = [*titles, *titles[::3], None, math.nan, pandas.NA, "", "前台接待"]
    mixed = mixed[::2] + mixed[1::2]
    expected = loop_tags(mixed)
    assert frame_tags(match_frame(mixed)) == expected
    assert frame_tags(match_frame(pandas.Series(mixed, dtype=object))) == expected
    assert sum(tag[0] is not None for tag in expected) > len(titles) // 2


@pytest.mark.parametrize("dtype", [object, "string", "str"])
def test_a_series_keeps_its_index_whatever_its_string_storage(dtype: object) -> None:
    series = pandas.Series(["抖音带货主播", None, "外卖小哥"], index=[30, 10, 20], dtype=dtype)
    frame = match_frame(series)
    assert list(frame.index) == [30, 10, 20]
    assert frame["occupation"].tolist() == ["互联网营销师", pandas.NA, "网约配送员"]
    assert frame["work_type"].tolist() == ["直播销售员", pandas.NA, pandas.NA]
    assert frame["data_version"].tolist() == [newocc.DATA_VERSION] * 3


def test_a_missing_title_is_a_row_of_nulls_with_the_data_version() -> None:
    missing: list[Any] = [None, math.nan, pandas.NA]
    frame = match_frame(missing)
    assert frame.drop(columns="data_version").isna().all().all()
    assert frame["data_version"].notna().all()


@pytest.mark.parametrize(
    ("titles", "name"),
    [(["外卖小哥", 5], "titles[1]"), (["a", "b", b"c"], "titles[2]"), ("外卖小哥", "titles"), (5, "titles")],
)
def test_a_title_that_is_not_a_str_is_named(titles: Any, name: str) -> None:
    with pytest.raises(InvalidArgumentType, match=rf"^{re.escape(name)} must be") as raised:
        match_frame(titles)
    assert raised.value.name == name


def test_a_data_frame_is_refused_with_a_hint() -> None:
    with pytest.raises(TypeError, match="not a DataFrame"):
        match_frame(pandas.DataFrame({"title": ["外卖小哥"]}))


def test_a_long_title_is_tagged_as_match_reads_it() -> None:
    long = "外卖小哥" + "x" * 5_000
    assert frame_tags(match_frame([long, long])) == loop_tags([long, long])


def test_the_frame_holds_plain_values_only() -> None:
    frame = match_frame(eval_titles())
    numpy = pytest.importorskip("numpy")
    for name in frame.columns:
        assert all(isinstance(value, (str, float, numpy.bool_)) for value in frame[name].dropna())
    pickled = pickle.dumps(frame)
    assert b"Occupation" not in pickled
    assert b"LabelIndex" not in pickled
    assert b"newocc" not in pickled


def test_the_cache_is_bounded_and_its_clearing_changes_no_tag(monkeypatch: pytest.MonkeyPatch) -> None:
    titles = eval_titles()
    monkeypatch.setattr(frames, "CACHE_SIZE", 50)
    tags = [frame_tags(match_frame(titles[start : start + 40])) for start in range(0, 400, 40)]
    assert len(frames._cache.titles) <= 50 + 40
    assert [tag for batch in tags for tag in batch] == loop_tags(titles[:400])


def test_threads_tagging_at_once_get_their_own_tags(monkeypatch: pytest.MonkeyPatch) -> None:
    titles = eval_titles()
    expected = loop_tags(titles)
    # A small cache, so it fills and starts afresh while other threads are mid-batch.
    monkeypatch.setattr(frames, "CACHE_SIZE", 64)
    slices = [(start, start + 37) for start in range(0, len(titles), 37)]

    def tag(bounds: tuple[int, int]) -> bool:
        start, end = bounds
        return frame_tags(match_frame(titles[start:end])) == expected[start:end]

    with ThreadPoolExecutor(8) as pool:
        assert all(pool.map(tag, slices * 4))


def test_the_adapter_reads_the_coders_confidence_and_evidence() -> None:
    found = newocc.match("外卖小哥")
    assert found is not None
    row = frames._row(found)
    assert row == ("4-10-08-01", "网约配送员", None, True, found.confidence, "alias", "外卖小哥")


def test_match_table_has_the_frames_values_and_an_arrow_schema() -> None:
    pyarrow = pytest.importorskip("pyarrow")
    titles: list[Any] = [*eval_titles()[:200], None, "外卖小哥"]
    table = newocc.match_table(titles)
    assert table.schema == frames.arrow_schema()
    assert table.column_names == [column.name for column in SCHEMA]
    expected = loop_tags(titles)
    assert [tuple(row.values()) for row in table.to_pylist()] == expected
    chunked = pyarrow.chunked_array([titles[:100], titles[100:]], type=pyarrow.string())
    assert newocc.match_table(chunked).equals(table)
    assert newocc.match_table([]).schema == table.schema
    assert frame_tags(match_frame(pyarrow.array(titles))) == expected


def test_an_arrow_array_of_numbers_is_refused() -> None:
    pyarrow = pytest.importorskip("pyarrow")
    with pytest.raises(InvalidArgumentType, match="Arrow array of strings"):
        newocc.match_table(pyarrow.array([1, 2]))
