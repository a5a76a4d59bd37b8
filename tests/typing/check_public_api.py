"""Checked by ``mypy --strict`` (never run): the public API's types.

Lines marked ``type: ignore[code]`` must be errors: strict mode reports an
ignore that is not needed, so a loosened annotation fails the check.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hypothesis.strategies import SearchStrategy
from typing_extensions import assert_type

import newocc
from newocc import Batch, LabelKind, Match, Matcher, Occupation, SalaryRange, Sector, Source, SubRole, testing
from newocc.coder import Evidence


def check_types() -> None:
    assert_type(newocc.find(), tuple[Occupation, ...])
    assert_type(newocc.find(batch=[1, 2], sector=Sector.DIGITAL, salary=(5000, 9000)), tuple[Occupation, ...])
    assert_type(newocc.get("4010602"), Occupation)
    assert_type(newocc.batches(), tuple[Batch, ...])
    assert_type(newocc.sectors(), tuple[Sector, ...])
    assert_type(newocc.get("x").sub_roles, tuple[SubRole, ...])
    assert_type(newocc.get("x").code, str | None)
    assert_type(newocc.__version__, str)
    assert_type(newocc.DATA_VERSION, str)


def check_mistakes_are_rejected() -> None:
    occupation = newocc.get("互联网营销师")
    print(occupation.nmae_zh)  # type: ignore[attr-defined]
    occupation.name_zh = "x"  # type: ignore[misc]
    newocc.find(batch="3")  # type: ignore[arg-type]
    newocc.find(3)  # type: ignore[call-arg]
    newocc.find(salary=5000)  # type: ignore[arg-type]
    newocc.find(sub_role=["直播销售员"])  # type: ignore[arg-type]
    newocc.get(4010602)  # type: ignore[arg-type]


def check_search_types() -> None:
    assert_type(newocc.search("外卖小哥"), tuple[Match, ...])
    assert_type(newocc.search("外卖小哥", limit=3), tuple[Match, ...])
    assert_type(newocc.match("外卖小哥"), Match | None)
    assert_type(newocc.match_many(["外卖小哥"]), Iterator[Match | None])
    assert_type(newocc.classify("快递员"), Match | None)
    assert_type(newocc.coder.OPERATING_POINT, float)
    mine = Matcher(extra_aliases=[("车商顾问", "二手车经纪人")], labelled_titles=[("x", "4-02-07-08", None)])
    assert_type(mine.search("外卖小哥", limit=2), tuple[Match, ...])
    found = newocc.match("外卖小哥")
    if found is not None:
        assert_type(found.occupation, Occupation)
        assert_type(found.sub_role, SubRole | None)
        assert_type(found.confidence, float)
        assert_type(found.score, float)
        assert_type(found.is_new, bool)
        assert_type(found.evidence, Evidence)
        assert_type(found.label, str)
        assert_type(found.kind, LabelKind)


def check_search_mistakes_are_rejected() -> None:
    newocc.search("x", 3)  # type: ignore[call-arg]
    newocc.search(b"x")  # type: ignore[arg-type]
    newocc.match(None)  # type: ignore[arg-type]
    newocc.match_many(5)  # type: ignore[arg-type]
    newocc.classify(3)  # type: ignore[arg-type]
    Matcher(extra_aliases=[3])  # type: ignore[list-item]
    found = newocc.match("外卖小哥")
    if found is not None:
        found.confidence = 1.0  # type: ignore[misc]


def check_export_types() -> None:
    found = newocc.find(batch=3)
    assert_type(newocc.to_records(found), list[dict[str, Any]])
    assert_type(newocc.to_json(found), str)
    assert_type(newocc.to_json(newocc.batches(), indent=None), str)
    assert_type(newocc.to_jsonl(found), str)
    assert_type(newocc.to_csv(found), str)
    assert_type(newocc.to_csv(newocc.search("外卖小哥")), str)  # any record type exports
    assert_type(newocc.to_records([newocc.get("x").sub_roles[0]]), list[dict[str, Any]])


def check_export_mistakes_are_rejected() -> None:
    newocc.to_records(["互联网营销师"])  # type: ignore[list-item]
    newocc.to_csv(3)  # type: ignore[arg-type]
    newocc.to_jsonl([{"name_zh": "互联网营销师"}])  # type: ignore[list-item]
    newocc.to_json(newocc.find(), indent="2")  # type: ignore[arg-type]
    newocc.to_json(newocc.find(), 2)  # type: ignore[call-arg]


def check_error_fields() -> None:
    try:
        newocc.get("x")
    except newocc.NotFound as error:
        assert_type(error.key, str)
        assert_type(error.suggestions, tuple[str, ...])
    except newocc.InvalidArgumentType as error:
        assert_type(error.name, str)
        assert_type(error.expected, str)
    try:
        newocc.find(batch=9)
    except newocc.InvalidArgument as error:
        assert_type(error.name, str)
        assert_type(error.choices, tuple[str, ...])
    except newocc.CatalogueError as error:
        assert_type(error.file, str)


def check_testing_types() -> None:
    assert_type(testing.occupations(), SearchStrategy[Occupation])
    assert_type(testing.occupations(batch_numbers=(5, 6)), SearchStrategy[Occupation])
    assert_type(testing.batches(number=1), SearchStrategy[Batch])
    assert_type(testing.sub_roles(batch=3), SearchStrategy[SubRole])
    assert_type(testing.sources(), SearchStrategy[Source])
    assert_type(testing.salary_ranges(("直播销售员",)), SearchStrategy[SalaryRange])
    assert_type(testing.codes(), SearchStrategy[str])
    assert_type(testing.find_arguments(), SearchStrategy[dict[str, Any]])


def check_testing_mistakes_are_rejected() -> None:
    testing.occupations(batch_numbers=[1, 2])  # type: ignore[arg-type]
    testing.occupations((1,), 2)  # type: ignore[call-arg]
    testing.batches(number="1")  # type: ignore[arg-type]
    testing.salary_ranges(["直播销售员"])  # type: ignore[arg-type]


def check_frame_types() -> None:
    import pandas
    import pyarrow

    from newocc.frames import SCHEMA, Column

    assert_type(newocc.match_frame(["外卖小哥", None]), pandas.DataFrame)
    assert_type(newocc.match_frame(pandas.Series(["外卖小哥"])), pandas.DataFrame)
    assert_type(newocc.match_frame(title for title in ("外卖小哥",)), pandas.DataFrame)
    assert_type(newocc.match_table(["外卖小哥"]), pyarrow.Table)
    assert_type(SCHEMA, tuple[Column, ...])
    assert_type(SCHEMA[0].name, str)


def check_frame_mistakes_are_rejected() -> None:
    newocc.match_frame(5)  # type: ignore[arg-type]
    newocc.match_frame([1, 2])  # type: ignore[list-item]
    newocc.match_frame(["x"], prefix="tag_")  # type: ignore[call-arg]
    newocc.match_table(None)  # type: ignore[arg-type]
