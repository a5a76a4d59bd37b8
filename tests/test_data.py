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
        assert 0 < figure.low <= figure.high
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
