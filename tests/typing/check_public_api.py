"""Checked by ``mypy --strict`` (never run): the public API's types.

Lines marked ``type: ignore[code]`` must be errors: strict mode reports an
ignore that is not needed, so a loosened annotation fails the check.
"""

from __future__ import annotations

from collections.abc import Iterator

from typing_extensions import assert_type

import newocc
from newocc import Batch, LabelKind, Match, Matcher, Occupation, Sector, SubRole
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
