"""Free-text search: the documented behaviour of search, match and match_many."""

from __future__ import annotations

import itertools
import json
from typing import Any

import pytest

import newocc
from newocc import CatalogueError, LabelKind, Match
from newocc._index import build, label_index
from newocc._normalise import MAX_CHARS, normalise
from newocc._store import current
from newocc._store.aliases import ALIASES_FILE, load_aliases
from newocc._store.resources import read_data
from newocc.matching import THRESHOLD


def test_the_examples_the_feature_was_asked_for() -> None:
    delivery = newocc.match("外卖小哥")
    assert delivery is not None
    assert delivery.occupation.name_zh == "网约配送员"
    host = newocc.match("抖音带货主播")
    assert host is not None
    assert host.occupation.name_zh == "互联网营销师"
    assert host.sub_role is not None
    assert host.sub_role.name_zh == "直播销售员"
    assert newocc.match("会计") is None


@pytest.mark.parametrize(
    ("title", "occupation", "sub_role"),
    [
        ("抖音直播带货主播（底薪+提成）", "互联网营销师", "直播销售员"),
        ("電競選手", "电子竞技员", None),
        ("ＢＩＭ建模员", "建筑信息模型技术员", None),
        ("深圳／植保无人机飞手／12-18K", "无人机驾驶员", None),
        ("AI trainer", "人工智能训练师", None),
        ("drone pilot", "无人机驾驶员", None),
        ("UAV pilots", "无人机驾驶员", None),
        ("民航碳排放管理员", "碳排放管理员", "民航碳排放管理员"),
        ("网约配送人员", "网约配送员", None),
        ("人工智能训练员", "人工智能训练师", None),
    ],
)
def test_titles_as_people_write_them(title: str, occupation: str, sub_role: str | None) -> None:
    found = newocc.match(title)
    assert found is not None, title
    assert found.occupation.name_zh == occupation
    assert (found.sub_role.name_zh if found.sub_role else None) == sub_role
    assert THRESHOLD <= found.score <= 1


@pytest.mark.parametrize(
    "title",
    ["快递员", "调酒师", "导游", "会计", "出租车司机", "厨师", "保安", "营销员", "数据录入员", "测试工程师"],
)
def test_ordinary_occupations_do_not_match(title: str) -> None:
    assert newocc.match(title) is None
    assert all(result.score < THRESHOLD for result in newocc.search(title))


def test_a_code_or_official_name_scores_one_and_says_so() -> None:
    by_code = newocc.match("4010602")
    assert by_code is not None
    assert (by_code.occupation.name_zh, by_code.kind, by_code.score) == ("互联网营销师", LabelKind.CODE, 1.0)
    for occupation in newocc.occupations(related=True):
        if occupation.status is newocc.Status.HOST:
            continue
        found = newocc.match(occupation.name_zh)
        assert found is not None
        assert found.occupation is occupation
        assert (found.kind, found.score, found.label) == (LabelKind.OFFICIAL_NAME, 1.0, occupation.name_zh)


def test_a_host_is_reached_only_through_its_new_work_types() -> None:
    hosts = [o for o in newocc.occupations(related=True) if o.status is newocc.Status.HOST]
    assert hosts
    for host in hosts:
        by_name = newocc.match(host.name_zh)
        assert by_name is None or by_name.occupation is not host
        # Only the work types a batch released: a host's older work types (the
        # dictionary's 工种示例) are not new, so search does not offer them.
        for role in host.sub_roles:
            if role.introduced_in is None:
                continue
            found = newocc.match(role.name_zh)
            assert found is not None
            assert (found.occupation, found.sub_role) == (host, role)


def test_every_work_type_name_finds_its_occupation_and_work_type() -> None:
    for occupation in newocc.occupations(related=True):
        for role in occupation.sub_roles:
            if occupation.status is newocc.Status.HOST and role.introduced_in is None:
                continue  # a host's older work type: see the test above
            found = newocc.match(role.name_zh)
            assert found is not None
            assert (found.occupation, found.sub_role, found.kind) == (
                occupation,
                role,
                LabelKind.SUB_ROLE_NAME,
            )


def test_every_alias_finds_its_target() -> None:
    for alias in load_aliases(current()):
        found = newocc.match(alias.text)
        assert found is not None
        assert (found.occupation, found.sub_role) == (alias.occupation, alias.sub_role), alias.text
        assert found.kind is LabelKind.ALIAS
        assert found.score == 0.95


def test_an_official_name_beats_an_alias_with_the_same_text() -> None:
    extra = {"text": "网约配送员", "occupation": "互联网营销师", "sources": [], "common_usage": True}
    index = build(current(), _aliases_reader(lambda rows: rows.append(extra)))
    first, second = index.exact["网约配送员"]
    assert (first.kind, first.occupation.name_zh) == (LabelKind.OFFICIAL_NAME, "网约配送员")
    assert (second.kind, second.occupation.name_zh) == (LabelKind.ALIAS, "互联网营销师")


def test_bands_order_exact_then_alias_then_contained_then_similar() -> None:
    exact = newocc.search("网约配送员")[0]
    alias = newocc.search("外卖小哥")[0]
    contained = newocc.search("美团外卖小哥")[0]
    similar = newocc.search("人工智能训练员")[0]
    assert exact.score > alias.score > contained.score >= similar.score
    assert similar.kind is LabelKind.OFFICIAL_NAME


def test_search_ranks_best_first_one_result_per_occupation() -> None:
    results = newocc.search("无人机", limit=10)
    assert len(results) >= 2
    assert [r.score for r in results] == sorted((r.score for r in results), reverse=True)
    assert len({r.occupation.name_zh for r in results}) == len(results)
    assert len(newocc.search("无人机", limit=1)) == 1


def test_search_is_deterministic_and_ties_follow_catalogue_order() -> None:
    results = newocc.search("管理师", limit=10)
    assert results == newocc.search("管理师", limit=10)
    order = {o.name_zh: n for n, o in enumerate(newocc.occupations(related=True))}
    for first, second in itertools.pairwise(results):
        if first.score == second.score and first.kind is second.kind:
            assert order[first.occupation.name_zh] < order[second.occupation.name_zh]


def test_match_many_streams_in_order() -> None:
    titles = ["外卖小哥", "会计", "drone pilot"]
    stream = newocc.match_many(iter(titles))
    assert not isinstance(stream, (list, tuple))
    assert list(stream) == [newocc.match(t) for t in titles]


def test_a_match_is_immutable() -> None:
    found = newocc.match("外卖小哥")
    assert isinstance(found, Match)
    with pytest.raises(AttributeError):
        found.score = 0.1  # type: ignore[misc]
    assert "网约配送员" in repr(found)


@pytest.mark.parametrize("title", ["", "   ", "急招 12-18K 日结", "（）！"])
def test_titles_that_normalise_to_nothing_match_nothing(title: str) -> None:
    assert newocc.search(title) == ()
    assert newocc.match(title) is None


# The public functions without their annotations, to pass what mypy would refuse.
untyped: Any = newocc


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: untyped.search(3), "int 3"),
        (lambda: untyped.search(b"x"), "bytes"),
        (lambda: untyped.search("x", limit=0), "0"),
        (lambda: untyped.search("x", limit=True), "True"),
        (lambda: untyped.search("x", limit=2.0), "2.0"),
        (lambda: untyped.match(None), "None"),
        (lambda: untyped.match_many("外卖小哥"), "single str"),
        (lambda: untyped.match_many(5), "int 5"),
        (lambda: list(untyped.match_many(["外卖小哥", 7])), "title 1 is int 7"),
    ],
)
def test_bad_input_is_named(call: Any, message: str) -> None:
    with pytest.raises((TypeError, ValueError), match=message):
        call()
    with pytest.raises(ValueError, match="limit"):
        newocc.search("x", limit=-1)


@pytest.mark.parametrize(
    ("title", "normalised"),
    [
        ("電競選手", "电竞选手"),
        ("ＢＩＭ建模員", "bim建模员"),
        ("AI 训练师", "ai训练师"),
        ("Drone  Pilots!", "drone pilot"),
        ("深圳／植保无人机飞手／12-18K", "植保无人机飞手"),
        ("外卖骑手 8000+", "外卖骑手"),
        ("外卖骑手（底薪+提成）日结", "外卖骑手"),
        ("急招：网格员 200元/天 兼职", "网格员"),
        ("上海市 数据标注员 1-3年经验 12k·13薪", "数据标注员"),
        ("高级 BIM工程师 6千-1万", "bim工程师"),
        ("3D打印技术员", "3d打印技术员"),
        ("technologies", "technology"),
    ],
)
def test_normalisation(title: str, normalised: str) -> None:
    assert normalise(title) == normalised


def test_noise_removal_never_changes_a_label() -> None:
    for label in label_index().labels:
        # Every Chinese character of a label survives, and a key is its own normal form.
        chinese = [c for c in normalise(label.text) if "\u3400" <= c <= "\u9fff"]
        assert len(chinese) == sum(1 for c in label.text if "\u3400" <= c <= "\u9fff"), label.text
        assert normalise(label.key) == label.key, label.text


def test_huge_titles_are_read_only_so_far() -> None:
    assert normalise("外卖小哥" + "啊" * 10**6) == normalise("外卖小哥" + "啊" * (MAX_CHARS - 4))


def _aliases_reader(change: Any) -> Any:
    rows: list[dict[str, Any]] = json.loads(read_data(ALIASES_FILE))
    change(rows)
    encoded = json.dumps(rows, ensure_ascii=False).encode()
    return lambda name: encoded if name == ALIASES_FILE else read_data(name)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda rows: rows[0].update(occupation="快递员"), "occupation"),
        (lambda rows: rows[0].update(sub_role="主播"), "sub_role"),
        (lambda rows: rows[0].update(sources=["nope"]), "sources"),
        (lambda rows: rows[0].update(sources=[], common_usage=False), "sources"),
        (lambda rows: rows[0].update(common_usage="yes"), "common_usage"),
        (lambda rows: rows[0].update(text=""), "text"),
        (lambda rows: rows[0].update(colour="red"), "colour"),
        (lambda rows: rows.append(dict(rows[1])), "text"),
    ],
)
def test_broken_aliases_name_file_record_and_field(change: Any, field: str) -> None:
    with pytest.raises(CatalogueError) as caught:
        load_aliases(current(), _aliases_reader(change))
    assert (caught.value.file, caught.value.field) == (ALIASES_FILE, field)
    assert caught.value.record


def test_aliases_cite_real_sources_or_say_common_usage() -> None:
    for alias in load_aliases(current()):
        assert alias.sources or alias.common_usage


def test_the_index_is_built_once_from_the_catalogue() -> None:
    assert label_index() is label_index()
    rebuilt = build(current())
    assert [label.key for label in rebuilt.labels] == [label.key for label in label_index().labels]


def test_match_reads_a_huge_title_like_its_start() -> None:
    huge = "外卖小哥" + "啊" * 10**6
    assert newocc.match(huge) == newocc.match(huge[:MAX_CHARS])
    assert list(newocc.match_many([huge])) == [newocc.match(huge)]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("南京区块链工程师", "区块链工程技术人员"),
        ("北京区块链应用操作员", "区块链应用操作员"),
        ("深圳市直播销售员", "互联网营销师"),
        ("高级直播招聘师 急招", "招聘师"),
        ("长期照护师", "健康照护师"),
    ],
)
def test_noise_is_never_cut_out_of_a_name(title: str, expected: str) -> None:
    found = newocc.match(title)
    assert found is not None
    assert found.occupation.name_zh == expected


@pytest.mark.parametrize("title", ["直播师", "诚聘直播师", "照护师", "居家照护师", "上海市场营销"])
def test_a_name_with_its_noise_word_cut_out_does_not_match(title: str) -> None:
    found = newocc.match(title)
    assert found is None or found.score < 1.0
