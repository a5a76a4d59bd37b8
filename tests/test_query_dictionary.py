"""Queries over the whole 2022 dictionary: ``get()`` everywhere, ``find(scope=..., group=...)``."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newocc
from newocc import Scope, Status
from newocc._store import dictionary
from newocc._store.resources import CATALOGUE_FILES
from newocc._store.snapshot import SNAPSHOT_FILE

EVERY = newocc.occupations(scope="dictionary")
NEW = newocc.occupations()
GROUP_CODES = sorted(dictionary().positions_by_group)


def test_done_when_the_courier_is_found_and_known_to_be_old() -> None:
    courier = newocc.get("4-02-07-08")
    assert courier.name_zh == "快递员"
    assert courier.status is Status.ESTABLISHED
    assert courier is newocc.get("4020708") is newocc.get("快递员")
    assert courier not in newocc.find()
    assert len(newocc.find()) == 110
    assert newocc.find() == newocc.occupations() == newocc.find(scope=Scope.NEW)


def test_every_code_and_name_of_the_dictionary_resolves_to_its_record() -> None:
    for occupation in EVERY:
        assert occupation.code is not None
        assert newocc.get(occupation.code) is occupation
        assert newocc.get(occupation.code.replace("-", "")) is occupation
        assert newocc.get(occupation.name_zh) is occupation
        if occupation.dictionary_name_zh:
            assert newocc.get(occupation.dictionary_name_zh) is occupation


def test_a_former_code_never_hides_a_current_one() -> None:
    # 数字化管理师's 2021 standard printed 2-02-30-11, which the 2022 dictionary gives
    # to 供应链工程技术人员: the current code wins, as documented.
    digital_manager = newocc.get("数字化管理师")
    assert "2-02-30-11" in [f.code for f in digital_manager.former_codes]
    assert newocc.get("2-02-30-11").name_zh == "供应链工程技术人员"
    for occupation in EVERY:
        for former in occupation.former_codes:
            holder = newocc.get(former.code)
            assert holder is occupation or holder.code == former.code


def test_a_draft_code_or_name_leads_to_the_edition_s_record() -> None:
    assert newocc.get("2-02-32-00").name_zh == "制药工程技术人员"  # the draft's code
    assert newocc.get("劝募员").name_zh == "劝募师"  # the draft's name
    assert newocc.get("电子电气产品检验员").code == "4-08-05-07"  # the dictionary's name


def test_a_code_no_record_holds_says_why() -> None:
    with pytest.raises(newocc.NotFound, match="康复治疗师 at 4-14-03-07") as caught:
        newocc.get("4-14-03-07")
    assert caught.value.key == "4-14-03-07"


def test_a_work_type_of_an_established_occupation_points_to_the_dictionary_scope() -> None:
    with pytest.raises(
        newocc.NotFound, match=r"work type of 快递员; find\(sub_role='快件揽收员', scope='dictionary'\)"
    ):
        newocc.get("快件揽收员")
    assert newocc.find(sub_role="快件揽收员", scope="dictionary") == (newocc.get("快递员"),)


def test_scopes_nest_and_keep_their_order() -> None:
    related = newocc.occupations(scope="related")
    assert related == newocc.occupations(related=True) == newocc.find(related=True)
    assert set(NEW) < set(related) < set(EVERY)
    assert [o.code for o in EVERY] == sorted(o.code or "" for o in EVERY)
    assert newocc.find(scope="dictionary") == EVERY
    assert newocc.find(scope=" Dictionary ") == EVERY
    assert {o.status for o in EVERY} == set(Status)


def test_group_codes_are_accepted_dashed_compact_or_as_groups() -> None:
    postal = newocc.find(scope="dictionary", group="4-02-07")
    assert newocc.get("快递员") in postal
    assert postal == newocc.find(scope="dictionary", group="40207")
    assert all(o.small_group == "4-02-07" for o in postal)
    services = newocc.groups()[3]
    assert services.code == "4"
    assert newocc.find(scope="dictionary", group=services) == newocc.find(scope="dictionary", group="4")
    assert newocc.find(group="4-01") == tuple(o for o in NEW if o.middle_group == "4-01")


@given(st.sampled_from(GROUP_CODES), st.sampled_from(list(Scope)))
def test_a_group_holds_exactly_the_records_whose_code_it_prefixes(code: str, scope: Scope) -> None:
    found = newocc.find(scope=scope, group=code)
    universe = newocc.occupations(scope=scope)
    assert found == tuple(o for o in universe if (o.code or "").startswith(code))


@given(
    st.fixed_dictionaries(
        {},
        optional={
            "group": st.sampled_from(GROUP_CODES),
            "digital": st.booleans(),
            "green": st.booleans(),
            "text": st.sampled_from(["工程", "员", "快递", "AI", "管理师"]),
            "batch": st.sampled_from([1, 3, 7]),
        },
    )
)
def test_the_dictionary_scope_is_the_union_of_the_others(kwargs: dict[str, Any]) -> None:
    everywhere = newocc.find(scope="dictionary", **kwargs)
    assert set(newocc.find(**kwargs)) <= set(newocc.find(related=True, **kwargs)) <= set(everywhere)
    established = [o for o in everywhere if o.status is Status.ESTABLISHED]
    if "batch" in kwargs:
        assert established == []
    assert list(everywhere) == sorted(everywhere, key=lambda o: o.code or "")


def test_marks_reach_the_established_occupations() -> None:
    digital = newocc.find(scope="dictionary", digital=True)
    assert {o.status for o in digital} >= {Status.NEW, Status.ESTABLISHED}
    assert all(o.mark_sources for o in digital)
    assert newocc.get("网络与信息安全管理员") in digital  # a host record, marked in the draft


def test_text_searches_the_established_names_and_work_types() -> None:
    found = newocc.find(scope="dictionary", text="快件")
    assert newocc.get("快递员") in found  # through its work type 快件揽收员
    assert newocc.find(text="快件") == ()


def test_sector_leaves_the_established_occupations_out() -> None:
    for sector in newocc.sectors():
        assert all(o.status is not Status.ESTABLISHED for o in newocc.find(scope="dictionary", sector=sector))


def test_the_first_query_of_the_new_occupations_reads_no_dictionary_file() -> None:
    code = (
        "import json, sys, newocc\n"
        "from newocc._store import resources\n"
        "read = []\n"
        "real = resources.read_data\n"
        "resources.read_data = lambda name: read.append(name) or real(name)\n"
        "newocc.find(batch=3, sector='digital', text='工程'); newocc.get('4-01-06-02')\n"
        "newocc.get('互联网营销师')\n"
        "newocc.find(sub_role='直播销售员'); newocc.occupations(related=True)\n"
        "loaded = 'newocc._store.whole_dictionary' in sys.modules\n"
        "print(json.dumps({'read': read, 'loaded': loaded, 'dataclasses': 'dataclasses' in sys.modules}))\n"
    )
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    report = json.loads(output.strip().splitlines()[-1])
    assert report["loaded"] is False
    # The catalogue's files (for the snapshot's digest) and its snapshot only:
    # neither the dictionary's nor the aliases and lexicon.
    assert sorted(report["read"]) == sorted([*CATALOGUE_FILES, SNAPSHOT_FILE])
    # Nothing the dictionary needs (its validation once used a dataclass) costs the first query.
    assert report["dataclasses"] is False
