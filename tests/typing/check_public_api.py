"""Checked by ``mypy --strict`` (never run): the public API's types.

Lines marked ``type: ignore[code]`` must be errors: strict mode reports an
ignore that is not needed, so a loosened annotation fails the check.
"""

from __future__ import annotations

from collections.abc import Iterator

from typing_extensions import assert_type

import newocc
from newocc import Batch, LabelKind, Match, Occupation, Sector, SubRole


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
    found = newocc.match("外卖小哥")
    if found is not None:
        assert_type(found.occupation, Occupation)
        assert_type(found.sub_role, SubRole | None)
        assert_type(found.score, float)
        assert_type(found.label, str)
        assert_type(found.kind, LabelKind)


def check_search_mistakes_are_rejected() -> None:
    newocc.search("x", 3)  # type: ignore[call-arg]
    newocc.search(b"x")  # type: ignore[arg-type]
    newocc.match(None)  # type: ignore[arg-type]
    newocc.match_many(5)  # type: ignore[arg-type]
    found = newocc.match("外卖小哥")
    if found is not None:
        found.score = 1.0  # type: ignore[misc]


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
