"""Invariants of the packaged data, checked on the loaded catalogue."""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

import newocc
from newocc import Occupation, Status

ALL = newocc.occupations(related=True)
NEW = newocc.occupations()
CODE = re.compile(r"\d-\d{2}-\d{2}-\d{2}")


def test_every_batch_lists_its_official_count_or_says_why() -> None:
    for batch in newocc.batches():
        listed = newocc.find(batch=batch.number)
        assert len(listed) == batch.listed_count
        assert batch.listed_count <= batch.official_count
        if not batch.complete:
            assert batch.note, f"batch {batch.number} is incomplete without a note"


def test_first_four_batches_match_the_official_release() -> None:
    counts = {b.number: b.official_count for b in newocc.batches()}
    assert [counts[n] for n in (1, 2, 3, 4)] == [13, 16, 9, 18]
    assert [len(newocc.find(batch=n)) for n in (1, 2, 3, 4)] == [13, 16, 9, 18]


def test_batches_are_numbered_in_date_order() -> None:
    batches = newocc.batches()
    assert [b.number for b in batches] == list(range(1, len(batches) + 1))
    released = [b.released for b in batches]
    assert released == sorted(released)


def test_codes_and_names_are_unique() -> None:
    codes = [o.code for o in ALL if o.code is not None]
    assert not [c for c, n in Counter(codes).items() if n > 1]
    names = [o.name_zh for o in ALL]
    assert not [c for c, n in Counter(names).items() if n > 1]
    english = [o.name_en.text.casefold() for o in ALL if o.name_en]
    assert not [c for c, n in Counter(english).items() if n > 1]


def test_every_work_type_has_exactly_one_parent() -> None:
    owners = Counter(r.name_zh for o in ALL for r in o.sub_roles)
    owners.update(r.name_zh for b in newocc.batches() for r in b.unplaced_work_types)
    assert [name for name, n in owners.items() if n != 1] == []
    assert not set(owners) & {o.name_zh for o in ALL}


def test_new_records_belong_to_a_batch_and_others_do_not() -> None:
    numbers = {b.number for b in newocc.batches()}
    for occupation in ALL:
        if occupation.status is Status.NEW:
            assert occupation.batch in numbers
        else:
            assert occupation.batch is None
        assert (occupation.raised_in is not None) == (occupation.status is Status.RAISED)
    assert all(o.status is Status.NEW for o in NEW)


def test_batch_three_raised_three_work_types_and_added_five() -> None:
    raised = [o.name_zh for o in ALL if o.status is Status.RAISED and o.raised_in == 3]
    assert sorted(raised) == sorted(["防疫员", "消毒员", "公共场所卫生管理员"])
    added = [r.name_zh for o in ALL for r in o.sub_roles if r.introduced_in == 3]
    added += [r.name_zh for r in newocc.batches()[2].unplaced_work_types]
    assert len(added) == 5
    assert "直播销售员" in added


@given(st.sampled_from(ALL))
def test_every_record_and_fact_is_sourced(occupation: Occupation) -> None:
    assert occupation.sources
    assert (occupation.code is None) == (not occupation.code_sources)
    if occupation.name_en is not None:
        assert occupation.name_en.sources
    for former in occupation.former_codes:
        assert CODE.fullmatch(former.code)
        assert former.sources
    for role in occupation.sub_roles:
        assert role.sources
    for salary in occupation.salaries:
        assert salary.source.url or salary.source.title


@given(st.sampled_from(ALL))
def test_codes_are_dashed_dictionary_codes(occupation: Occupation) -> None:
    if occupation.code is not None:
        assert CODE.fullmatch(occupation.code)
        assert occupation.code not in [f.code for f in occupation.former_codes]


def test_salary_figures_hold_their_invariants() -> None:
    figures = [s for o in ALL for s in o.salaries]
    assert figures, "the data should carry salary figures"
    for figure in figures:
        assert figure.low > 0
        assert figure.high is None or figure.low <= figure.high
        assert figure.currency is newocc.Currency.CNY
        assert figure.period in set(newocc.Period)
        assert figure.population


def test_the_article_figures_are_present() -> None:
    marketer = newocc.get("互联网营销师")
    assert any(s.low == s.high == 11220 and s.sub_role == "直播销售员" for s in marketer.salaries)
    operators = newocc.get("全媒体运营师")
    assert any((s.low, s.high) == (5000, 20000) for s in operators.salaries)


def test_sources_have_a_publisher_and_an_address() -> None:
    cited = {s.id: s for o in ALL for s in o.sources}
    assert cited
    for source in cited.values():
        assert source.publisher
        assert source.url or source.title


def test_every_release_since_2019_is_complete() -> None:
    assert [b.official_count for b in newocc.batches()] == [13, 16, 9, 18, 18, 19, 17]
    for batch in newocc.batches():
        assert len(newocc.find(batch=batch.number)) == batch.official_count
        assert batch.complete
    assert len(NEW) == 110


def test_the_numbers_people_come_for_are_there() -> None:
    assert sum(1 for o in NEW if o.salaries) >= 15
    assert sum(1 for o in NEW if o.talent_gaps) >= 10


def test_estimates_hold_their_invariants() -> None:
    estimates = [e for o in ALL for e in o.talent_gaps]
    assert estimates
    for estimate in estimates:
        assert 0 < estimate.people_low <= estimate.people_high
        assert estimate.horizon_year is None or estimate.horizon_year >= estimate.year_made
        assert estimate.kind in set(newocc.EstimateKind)
        assert estimate.source.url or estimate.source.title


def test_facts_are_sourced_and_typed() -> None:
    facts = list(newocc.facts()) + [f for o in ALL for f in o.facts]
    assert any(f.value == 36_840_000 for f in facts)  # WeChat ecosystem, 2020
    assert any(f.value == 20_970_000 for f in facts)  # Douyin earners, Aug 2019 - Aug 2020
    for fact in facts:
        assert fact.text
        assert fact.source.publisher
        assert fact.value is None or fact.value > 0


def test_history_resolves_old_names_and_codes() -> None:
    study_tour = newocc.get("研学旅行指导师")
    assert study_tour.name_zh == "研学旅游指导师"
    assert study_tour.former_names[0].sources
    cipher = newocc.get("密码技术应用员")
    assert cipher.code == "4-04-04-06"
    assert {"4-07-05-06", "4-04-04-07"} <= {f.code for f in cipher.former_codes}


def test_work_types_of_later_batches_reach_their_parents() -> None:
    assert newocc.find(sub_role="生活服务体验员") == (newocc.get("互联网营销师"),)
    introduced = {r.introduced_in for o in ALL for r in o.sub_roles}
    assert {3, 6, 7} <= introduced
    hosts = [o for o in ALL if o.status is Status.HOST]
    assert hosts
    for host in hosts:
        assert host.sub_roles
        assert any(r.introduced_in is not None for r in host.sub_roles)


def test_digital_and_green_marks_are_sourced() -> None:
    marked = [o for o in ALL if o.digital or o.green]
    assert len(newocc.find(digital=True)) >= 40
    assert len(newocc.find(green=True)) >= 10
    for occupation in marked:
        assert occupation.mark_sources
    assert all(o.digital is not False and o.green is not False for o in ALL)


def test_every_definition_names_its_edition_and_sources() -> None:
    for occupation in ALL:
        if occupation.definition_zh is not None:
            assert occupation.definition_sources
            assert occupation.definition_edition
        for wording in occupation.former_definitions:
            assert wording.sources
            assert wording.text != occupation.definition_zh


def test_source_ids_are_unique_and_every_kind_is_known() -> None:
    cited = [s for o in ALL for s in o.sources]
    assert {s.kind for s in cited} <= set(newocc.SourceKind)


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
