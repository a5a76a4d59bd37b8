"""The query API's contract, checked as properties over the real catalogue."""

from __future__ import annotations

import inspect
import math
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newocc
from newocc import Occupation, SalaryRange, Sector, Statistic
from newocc.testing import find_arguments
from newocc.testing import salary_ranges as salary_figures

ALL = newocc.occupations(related=True)
NEW = newocc.occupations()
criteria = find_arguments()


def _starts_a_word(needle: str, name: str) -> bool:
    """Whether ``name`` has ``needle`` at a position no ASCII letter or digit precedes."""
    return any(
        name.startswith(needle, at)
        for at in range(len(name))
        if at == 0 or not name[at - 1].isascii() or not name[at - 1].isalnum()
    )


def satisfies(occupation: Occupation, name: str, value: Any) -> bool:
    """The documented meaning of each criterion, written without the implementation's indexes or regex."""
    if name == "batch":
        return occupation.batch in ({value} if isinstance(value, int) else set(value))
    if name == "sector":
        return bool(occupation.sector == value)  # a member, or its value: Sector is a str enum
    if name == "salary":
        return any(pays_within(s, *value) for s in occupation.salaries)
    if name == "sub_role":
        return any(value in (r.name_zh, r.name_en) for r in occupation.sub_roles)
    if name == "text":
        names = [occupation.name_zh, occupation.name_en.text if occupation.name_en else ""]
        names += [r.name_zh for r in occupation.sub_roles] + [r.name_en or "" for r in occupation.sub_roles]
        names += [f.name_zh for f in occupation.former_names]
        needle = value.casefold()
        if "a" <= needle[0] <= "z" or "0" <= needle[0] <= "9":  # Latin text: at the start of a word
            return any(_starts_a_word(needle, n.casefold()) for n in names)
        return any(needle in n.casefold() for n in names)
    if name == "digital":
        return bool(occupation.digital) is value
    if name == "green":
        return bool(occupation.green) is value
    if name == "group":
        return occupation.code is not None and (occupation.code + "-").startswith(value + "-")
    assert name in ("related", "scope"), name  # they choose the universe, tested apart
    return True


def universe_of(kwargs: dict[str, Any]) -> tuple[Occupation, ...]:
    """The records a call searches, by its documented meaning of ``scope`` and ``related``."""
    if "scope" in kwargs:
        return newocc.occupations(scope=kwargs["scope"])
    return ALL if kwargs.get("related") else NEW


def pays_within(figure: SalaryRange, low: float, high: float) -> bool:
    """The documented rule of ``find(salary=...)``, written out per statistic."""
    months = figure.period.months
    if figure.high is None:  # a lower bound, or a median "above" a number
        return figure.low / months <= high
    if figure.statistic is Statistic.PERCENTILES:
        lowest, highest = figure.percentiles[0].value, figure.percentiles[-1].value
        return lowest / months <= high and low <= highest / months
    if figure.low == figure.high:  # one number: a figure, a mean or a median
        return low <= figure.low / months <= high
    return figure.low / months <= high and low <= figure.high / months  # a range or a span


queries = st.tuples(st.floats(0, 60_000), st.floats(0, 60_000)).map(sorted).map(tuple)


@given(salary_figures(), queries)
def test_each_statistic_is_compared_as_documented(figure: SalaryRange, query: tuple[float, float]) -> None:
    assert figure.overlaps(*query) is pays_within(figure, *query)


@given(queries)
def test_salary_search_draws_on_every_statistic_the_data_holds(query: tuple[float, float]) -> None:
    found = set(newocc.find(salary=query, related=True))
    expected = {o for o in ALL if any(pays_within(s, *query) for s in o.salaries)}
    assert found == expected


def test_every_salary_figure_names_a_statistic_that_fits_it() -> None:
    figures = [s for o in ALL for s in o.salaries]
    assert {s.statistic for s in figures} >= {Statistic.MEAN, Statistic.MEDIAN, Statistic.RANGE}
    for figure in figures:
        if figure.statistic is Statistic.PERCENTILES:
            assert (figure.low, figure.high) == (figure.percentiles[0].value, figure.percentiles[-1].value)
        if figure.statistic is Statistic.LOWER_BOUND:
            assert figure.high is None


def test_the_text_oracle_reads_word_starts_as_documented() -> None:
    assert _starts_a_word("ai", "artificial intelligence (ai) technician")
    assert _starts_a_word("ai", "ai trainer")
    assert not _starts_a_word("ai", "blockchain engineer")
    assert _starts_a_word("chain", "block-chain")
    assert not _starts_a_word("chain", "block2chain")


def test_the_strategy_draws_every_keyword_of_find() -> None:
    drawn: set[str] = set()

    @given(criteria)
    @settings(max_examples=200)
    def collect(kwargs: dict[str, Any]) -> None:
        drawn.update(kwargs)

    collect()
    assert drawn == set(inspect.signature(newocc.find).parameters)


@given(criteria)
def test_every_result_meets_every_criterion(kwargs: dict[str, Any]) -> None:
    for occupation in newocc.find(**kwargs):
        for name, value in kwargs.items():
            assert satisfies(occupation, name, value), (occupation, name, value)


@given(criteria)
def test_nothing_that_meets_the_criteria_is_left_out(kwargs: dict[str, Any]) -> None:
    expected = [o for o in universe_of(kwargs) if all(satisfies(o, n, v) for n, v in kwargs.items())]
    assert list(newocc.find(**kwargs)) == expected


@given(criteria)
def test_combined_criteria_are_the_intersection_of_single_ones(kwargs: dict[str, Any]) -> None:
    related = kwargs.pop("related", False)
    scope = kwargs.pop("scope", None)
    combined = newocc.find(related=related, scope=scope, **kwargs)
    universe = newocc.occupations(related=related, scope=scope)
    singles = [set(map(id, newocc.find(related=related, scope=scope, **{k: v}))) for k, v in kwargs.items()]
    expected = [o for o in universe if all(id(o) in single for single in singles)]
    assert list(combined) == expected


def test_no_criteria_returns_the_catalogue() -> None:
    assert newocc.find() == newocc.occupations()
    assert newocc.find(related=True) == newocc.occupations(related=True)
    assert len(newocc.occupations()) == sum(b.listed_count for b in newocc.batches())


@given(st.sampled_from(ALL))
def test_get_finds_each_record_by_code_and_names(occupation: Occupation) -> None:
    if occupation.code is not None:
        assert newocc.get(occupation.code) is occupation
        assert newocc.get(occupation.code.replace("-", "")) is occupation
    assert newocc.get(occupation.name_zh) is occupation
    if occupation.name_en is not None:
        assert newocc.get(occupation.name_en.text.upper()) is occupation
    for former in occupation.former_names:
        assert newocc.get(former.name_zh) is occupation


@given(st.sampled_from([(o, f.code) for o in ALL for f in o.former_codes]))
def test_former_codes_resolve_unless_a_current_code_is_the_same(pair: tuple[Occupation, str]) -> None:
    occupation, former = pair
    # Current codes of the whole dictionary: a former code another record now holds leads there.
    current = {o.code: o for o in newocc.occupations(scope="dictionary") if o.code}
    assert newocc.get(former) is current.get(former, occupation)


def test_a_current_code_wins_over_a_former_one() -> None:
    assert newocc.get("4-14-01-04").name_zh == "呼吸治疗师"
    health_assistant = newocc.get("社群健康助理员")
    assert "4-14-01-04" in [f.code for f in health_assistant.former_codes]


def test_done_when_examples() -> None:
    assert [o.name_zh for o in newocc.find(batch=3)] == [
        "区块链工程技术人员",
        "城市管理网格员",
        "互联网营销师",
        "信息安全测试员",
        "区块链应用操作员",
        "在线学习服务师",
        "社群健康助理员",
        "老年人能力评估师",
        "增材制造设备操作员",
    ]
    marketer = newocc.get("互联网营销师")
    assert newocc.find(sub_role="直播销售员") == (marketer,)
    assert newocc.get("4010602") is marketer
    assert newocc.get("4-01-02-07") is marketer
    assert [r.name_zh for r in marketer.sub_roles][:4] == ["选品员", "直播销售员", "视频创推员", "平台管理员"]
    trainer = newocc.get("人工智能训练师")
    assert {r.name_zh for r in trainer.sub_roles} >= {"数据标注员", "人工智能算法测试员"}


def test_lookups_ignore_width_case_and_spaces() -> None:
    marketer = newocc.get("互联网营销师")
    assert newocc.get(" ４－０１－０６－０２ ") is marketer
    assert newocc.get("INTERNET MARKETER") is marketer
    assert newocc.find(text="INTERNET") == newocc.find(text="internet")


def test_annual_figures_are_compared_per_month() -> None:
    figures = [(o, s) for o in ALL for s in o.salaries]
    for occupation, figure in figures:
        low, high = figure.monthly()
        bounded = high if figure.high is not None else low  # an open figure overlaps (low, low)
        assert occupation in newocc.find(salary=(low, bounded), related=True)
        assert low == figure.low / figure.period.months
        assert (high == math.inf) is (figure.high is None)


def test_sectors_cover_every_record() -> None:
    assert newocc.sectors() == tuple(Sector)
    assert {o.sector for o in ALL} <= set(newocc.sectors())
    assert sum(len(newocc.find(sector=s)) for s in newocc.sectors()) == len(NEW)


def test_sector_accepts_its_value() -> None:
    assert newocc.find(sector="digital") == newocc.find(sector=Sector.DIGITAL)


def test_returned_objects_are_immutable() -> None:
    occupation = newocc.occupations()[0]
    with pytest.raises(AttributeError):
        occupation.name_zh = "x"  # type: ignore[misc]
    assert isinstance(newocc.find(), tuple)
    assert isinstance(occupation.sub_roles, tuple)


def test_reprs_are_short() -> None:
    marketer = newocc.get("互联网营销师")
    assert repr(marketer) == "Occupation('4-01-06-02', '互联网营销师', batch=3)"
    assert repr(marketer.sub_roles[1]) == "SubRole('直播销售员')"
    assert all(len(repr(o)) < 80 for o in ALL)
    assert repr(newocc.batches()[0]).startswith("Batch(1, released=2019-04-01")


def test_a_work_type_outside_the_new_occupations_is_explained_not_empty() -> None:
    with pytest.raises(ValueError, match=r"belongs to 养老护理员.*related=True"):
        newocc.find(sub_role="老年助浴员")
    assert newocc.find(sub_role="老年助浴员", related=True) == (newocc.get("养老护理员"),)
    # Batch 3's two work types without a parent: the 2022 dictionary lists one under an
    # older occupation and makes the other an occupation; each message says which.
    unplaced = [r.name_zh for b in newocc.batches() for r in b.unplaced_work_types]
    assert unplaced == ["劳务派遣管理员", "泥板画创作员"]
    with pytest.raises(ValueError, match="lists 劳务派遣管理员 as an occupation of its own"):
        newocc.find(sub_role="劳务派遣管理员", related=True)
    with pytest.raises(ValueError, match=r"belongs to 壁画制作工.*scope='dictionary'"):
        newocc.find(sub_role="泥板画创作员", related=True)
    assert newocc.find(sub_role="泥板画创作员", scope="dictionary") == (newocc.get("壁画制作工"),)


def test_get_reads_traditional_characters() -> None:
    assert newocc.get("網約配送員") is newocc.get("网约配送员")
    assert newocc.get("研學旅行指導師") is newocc.get("研学旅游指导师")


def test_get_with_a_work_type_names_its_occupation() -> None:
    with pytest.raises(
        newocc.NotFound, match=re.escape("work type of 互联网营销师; find(sub_role='直播销售员')")
    ) as caught:
        newocc.get("直播銷售員")
    assert caught.value.suggestions == ("互联网营销师",)


def test_latin_text_matches_at_the_start_of_a_word() -> None:
    found = newocc.find(text="AI")
    assert newocc.get("人工智能工程技术人员") in found  # "artificial intelligence (AI) technicians"
    assert newocc.get("区块链工程技术人员") not in found  # "blockchain" holds "ai" mid-word


@pytest.mark.parametrize(
    "key",
    [
        "\ufeff4-01-06-02",  # the first cell of a CSV saved by Excel
        "4010602\u200b",
        "\u200e4-01-02-07",  # a former code behind a direction mark
        "互联网\u200b营销师",
        "\ufeffinternet mar\u00adketer",
    ],
)
def test_codes_and_names_ignore_invisible_characters(key: str) -> None:
    assert newocc.get(key) is newocc.get("互联网营销师")


def test_filters_ignore_invisible_characters() -> None:
    marketer = newocc.get("互联网营销师")
    assert newocc.find(sub_role="直播\u200d销售员") == (marketer,)
    assert newocc.find(text="\ufeff营销") == newocc.find(text="营销")
