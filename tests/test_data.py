"""Smoke tests on named real facts of the packaged data, in the style of tzdata's tests.

The invariants (unique codes, sourced facts, salary bounds, ...) are checked by
the loader on every load; tests/test_invariants.py breaks each one and watches
the load fail.  Here: facts a reader could check against the sources, so a
data release that loses or garbles one fails by name.
"""

from __future__ import annotations

import datetime as dt

import pytest

import newocc
from newocc import Sector, Status

RELEASES = [
    # (batch, released, official count, notice)
    (1, dt.date(2019, 4, 1), 13, "人社厅发〔2019〕48号"),
    (2, dt.date(2020, 2, 25), 16, "人社厅发〔2020〕17号"),
    (3, dt.date(2020, 7, 6), 9, None),
    (4, dt.date(2021, 3, 18), 18, "人社厅发〔2021〕17号"),
    (5, dt.date(2022, 9, 28), 18, None),
    (6, dt.date(2024, 7, 31), 19, None),
    (7, dt.date(2025, 7, 22), 17, None),
]


@pytest.mark.parametrize(("number", "released", "official", "notice"), RELEASES)
def test_each_release_has_its_date_count_and_notice(
    number: int, released: dt.date, official: int, notice: str | None
) -> None:
    batch = newocc.batches()[number - 1]
    assert (batch.number, batch.released, batch.official_count, batch.notice_number) == (
        number,
        released,
        official,
        notice,
    )
    assert batch.complete
    assert len(newocc.find(batch=number)) == official


def test_there_are_110_new_occupations_in_seven_releases() -> None:
    assert len(newocc.batches()) == 7
    assert len(newocc.occupations()) == 110


OCCUPATIONS = [
    # (code, name, English name, batch, sector)
    ("4-01-06-02", "互联网营销师", "internet marketer", 3, Sector.CONSUMER_SERVICES),
    ("2-02-38-08", "区块链工程技术人员", "blockchain engineering technician", 3, Sector.DIGITAL),
    ("4-09-07-04", "碳排放管理员", "carbon emission manager", 4, Sector.GREEN),
    ("4-13-04-04", "研学旅游指导师", "study tour mentor", 5, Sector.CONSUMER_SERVICES),
    ("4-14-01-04", "呼吸治疗师", "respiratory therapists", 2, Sector.HEALTH_CARE),
    ("4-14-01-03", "健康照护师", "health carers", 2, Sector.HEALTH_CARE),
    ("4-10-08-01", "网约配送员", "delivery personnel for online orders", 2, Sector.CONSUMER_SERVICES),
    ("4-02-04-06", "无人机驾驶员", "unmanned aerial vehicle (UAV) pilots", 1, Sector.CONSTRUCTION_TRANSPORT),
    ("4-04-05-05", "人工智能训练师", "artificial intelligence trainers", 2, Sector.DIGITAL),
]


@pytest.mark.parametrize(("code", "name", "english", "batch", "sector"), OCCUPATIONS)
def test_named_occupations_have_their_code_batch_and_sector(
    code: str, name: str, english: str, batch: int, sector: Sector
) -> None:
    occupation = newocc.get(code)
    assert occupation is newocc.get(name) is newocc.get(english)
    assert (occupation.name_zh, occupation.batch, occupation.sector) == (name, batch, sector)
    assert occupation.status is Status.NEW


def test_the_internet_marketer_in_full() -> None:
    marketer = newocc.get("互联网营销师")
    assert [f.code for f in marketer.former_codes] == ["4-01-02-07"]
    assert [(r.name_zh, r.introduced_in) for r in marketer.sub_roles] == [
        ("选品员", None),
        ("直播销售员", 3),
        ("视频创推员", None),
        ("平台管理员", None),
        ("生活服务体验员", 6),
    ]
    hosts = marketer.salaries[0]
    assert (hosts.low, hosts.high, hosts.period.value, hosts.year, hosts.sub_role) == (
        11220,
        11220,
        "month",
        2020,
        "直播销售员",
    )
    assert hosts.source.publisher == "BOSS直聘研究院"
    assert marketer.digital is True


def test_salary_figures_reports_give() -> None:
    assert [(s.low, s.high, s.period.value, s.year) for s in newocc.get("碳排放管理员").salaries] == [
        (255500, 255500, "year", 2021)
    ]
    assert any((s.low, s.high) == (5000, 20000) for s in newocc.get("全媒体运营师").salaries)
    blockchain = newocc.get("区块链工程技术人员")
    assert (blockchain.salaries[0].low, blockchain.salaries[0].high) == (34732, 54312)
    # "above 14,000 a month": a lower bound only
    assert any(s.low == 14000 and s.high is None for s in newocc.get("人工智能训练师").salaries)


def test_batch_three_raised_three_work_types_and_added_five() -> None:
    raised = [o.name_zh for o in newocc.occupations(related=True) if o.status is Status.RAISED]
    assert raised == ["防疫员", "消毒员", "公共场所卫生管理员"]
    assert all(newocc.get(name).raised_in == 3 for name in raised)
    third = newocc.batches()[2]
    assert (third.official_work_types, third.listed_work_types) == (5, 5)
    assert [r.name_zh for r in third.unplaced_work_types] == ["劳务派遣管理员", "泥板画创作员"]


def test_older_occupations_host_the_work_types_of_2024() -> None:
    carer = newocc.get("养老护理员")
    assert (carer.code, carer.status, carer.batch) == ("4-10-01-05", Status.HOST, None)
    # The 2024 release's work types; the dictionary lists others with no release year.
    assert [(r.name_zh, r.introduced_in) for r in carer.sub_roles if r.introduced_in] == [
        ("老年助浴员", 6),
        ("社区助老员", 6),
    ]
    assert newocc.find(sub_role="老年助浴员", related=True) == (carer,)
    assert newocc.get("人工智能训练师").sub_roles[-1].name_zh == "人工智能数字人训练师"


def test_older_occupations_host_the_work_types_of_2025() -> None:
    firefighter, wind = newocc.get("消防员"), newocc.get("风力发电运维值班员")
    assert (firefighter.code, firefighter.status, wind.code, wind.status) == (
        "3-02-03-01",
        Status.HOST,
        "6-28-01-12",
        Status.HOST,
    )
    assert [(r.name_zh, r.introduced_in) for r in firefighter.sub_roles if r.introduced_in] == [
        ("森林灭火员", 7),
        ("特种救援员", 7),
    ]
    blade = next(r for r in wind.sub_roles if r.introduced_in)
    assert (blade.name_zh, blade.introduced_in) == ("风电场叶片维修工", 7)
    # The year comes from Xinhua's report; the parent from a training site's page.
    assert {s.id for s in blade.sources} >= {"relay-senqingzn-green", "kaokuan-blade-repair"}
    assert newocc.find(sub_role="特种救援员", related=True) == (firefighter,)
    assert newocc.batches()[6].listed_work_types == 15


def test_one_figure_two_framings_keeps_both() -> None:
    fitter = newocc.get("无人机装调检修工").talent_gaps
    assert [(e.kind.value, e.people_low, e.year_made) for e in fitter] == [
        ("demand", 3_500_000, 2023),
        ("gap", 3_500_000, 2024),
    ]
    anchors = newocc.get("网络主播").talent_gaps[0]
    assert (anchors.people_low, anchors.horizon_year, anchors.proxy) == (19_415_000, 2025, True)


def test_history_resolves_old_names_and_codes() -> None:
    assert newocc.get("研学旅行指导师").name_zh == "研学旅游指导师"
    cipher = newocc.get("密码技术应用员")
    assert cipher.code == "4-04-04-06"
    assert {"4-07-05-06", "4-04-04-07"} <= {f.code for f in cipher.former_codes}
    # A code printed before 2022 that the 2022 dictionary gave to another occupation.
    assert newocc.get("4-14-01-04").name_zh == "呼吸治疗师"
    assert "4-14-01-04" in [f.code for f in newocc.get("社群健康助理员").former_codes]
    assert [f.code for f in newocc.get("无人机驾驶员").former_codes] == ["4-99-00-00"]


def test_the_marks_the_2022_dictionary_gives() -> None:
    assert len(newocc.find(digital=True)) == 46
    assert len(newocc.find(green=True)) == 16
    assert newocc.get("碳排放管理员").green is True
    assert newocc.get("区块链工程技术人员").digital is True


def test_facts_about_new_occupations_as_a_whole() -> None:
    values = {fact.topic: fact.value for fact in newocc.facts()}
    assert values["WeChat ecosystem job opportunities"] == 36_840_000
    facts = list(newocc.facts()) + [f for o in newocc.occupations(related=True) for f in o.facts]
    assert any(f.value == 20_970_000 for f in facts)  # Douyin earners, Aug 2019 - Aug 2020


def test_the_numbers_people_come_for_are_there() -> None:
    new = newocc.occupations()
    assert sum(1 for o in new if o.salaries) >= 15
    assert sum(1 for o in new if o.talent_gaps) >= 30
    ai_gap = newocc.get("人工智能工程技术人员").talent_gaps[0]
    assert (ai_gap.people_low, ai_gap.kind.value, ai_gap.year_made) == (5_000_000, "gap", 2019)


ARTICLE = "chinadaily-cn-2021-12-08-new-occupations"


def test_the_founding_article_s_figures_are_on_their_records() -> None:
    marketer, operator = newocc.get("互联网营销师"), newocc.get("全媒体运营师")
    gap = next(e for e in marketer.talent_gaps if e.source.id == ARTICLE)
    assert (gap.kind, gap.people_low, gap.people_high, gap.horizon_year) == (
        newocc.EstimateKind.GAP,
        30_000_000,
        40_000_000,
        2025,
    )
    assert gap.attribution[0].startswith("人力资源社会保障部")
    assert any(s.source.id == ARTICLE and s.low == 11220 for s in marketer.salaries)
    assert any(s.source.id == ARTICLE and (s.low, s.high) == (5000, 20000) for s in operator.salaries)
    kinds = {(f.kind, f.source.id) for f in marketer.facts + operator.facts}
    for kind in ("demographic", "pay", "skills", "training"):
        assert (newocc.FactKind(kind), ARTICLE) in kinds
    skills = next(f for f in operator.facts if f.kind is newocc.FactKind.SKILLS)
    assert skills.items == ("user operation", "event operation", "community operation")
    consumer_internet = next(f for f in newocc.facts() if f.source.id == ARTICLE)
    assert consumer_internet.value == 10_000_000
    for record in (gap, skills, consumer_internet):
        assert record.attribution[-1] == "中国日报网"
