"""The whole 2022 dictionary as package data: ``newocc._store.dictionary()``.

Its interface (``occupations``, ``by_code``, ``by_name``) is what the title
coder builds on; the invariants below hold for every record, whichever file
it comes from.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newocc
from newocc._store import current, dictionary
from newocc._store.resources import read_data
from newocc._text import fold
from newocc.model import CODE_PATTERN, Occupation, Status

RECORDS = dictionary().occupations
ROWS = json.loads(read_data("dictionary.json"))["occupations"]


def test_every_record_is_there_once_in_code_order() -> None:
    catalogue = current().occupations
    assert len(RECORDS) == len(catalogue) + len(ROWS)
    codes = [o.code or "" for o in RECORDS]
    assert codes == sorted(codes)
    assert len(set(codes)) == len(codes)
    assert Counter(o.status for o in RECORDS)[Status.ESTABLISHED] == len(ROWS)
    # One code is one record: the catalogue's records are the very same objects.
    by_identity = {id(o) for o in RECORDS}
    assert all(id(o) in by_identity for o in catalogue)


def test_the_dictionary_spans_the_2022_edition_and_its_additions() -> None:
    # The edition counts 1,639 occupations; 2024 added 19 and 2025 17 (all in the
    # catalogue).  The online copy holds one more code than that sum; see docs.
    established = [o for o in RECORDS if o.status is Status.ESTABLISHED]
    new_since_2022 = [o for o in RECORDS if o.batch in (6, 7)]
    assert len(new_since_2022) == 36
    assert 1_639 <= len(RECORDS) - len(new_since_2022) <= 1_641
    assert len(established) > 1_500


def test_the_lookup_tables_resolve_codes_and_names() -> None:
    table = dictionary()
    courier = table.by_code["4-02-07-08"]
    assert (courier.name_zh, courier.status, courier.sector) == ("快递员", Status.ESTABLISHED, None)
    assert table.by_name[fold("快递员")] is courier
    assert [r.name_zh for r in courier.sub_roles] == ["快件揽收员", "快件派送员"]
    assert all(r.introduced_in is None for r in courier.sub_roles)
    assert table.by_code["4-01-06-02"] is current().by_code["4-01-06-02"]
    # The name the dictionary prints for a code the catalogue keeps under its release name.
    assert table.by_name[fold("电子电气产品检验员")].code == "4-08-05-07"


def test_group_codes_follow_from_the_code() -> None:
    courier = dictionary().by_code["4-02-07-08"]
    assert (courier.major_group, courier.middle_group, courier.small_group) == ("4", "4-02", "4-02-07")
    assert dictionary().group_by_code["4"].name_zh == "社会生产服务和生活服务人员"


def test_the_eight_major_groups_are_named_and_sourced() -> None:
    groups = dictionary().groups
    assert [g.code for g in groups if g.level == 1] == [str(n) for n in range(1, 9)]
    assert all(g.sources for g in groups)
    assert {o.major_group for o in RECORDS} == {g.code for g in groups if g.level == 1}


@given(st.sampled_from(RECORDS))
@settings(max_examples=300)
def test_every_record_keeps_the_invariants(occupation: Occupation) -> None:
    assert occupation.code is not None
    assert re.fullmatch(CODE_PATTERN, occupation.code)
    assert (occupation.sector is None) is (occupation.status is Status.ESTABLISHED)
    assert occupation.sources
    assert occupation.code_sources
    assert dictionary().by_code[occupation.code] is occupation
    assert dictionary().by_name[fold(occupation.name_zh)] is occupation
    if occupation.status is Status.ESTABLISHED:
        assert occupation.batch is None
        assert occupation.raised_in is None
        assert occupation.definition_zh
        assert occupation.definition_sources
        assert all(role.introduced_in is None for role in occupation.sub_roles)
    for former in occupation.former_names:
        assert dictionary().by_name[fold(former.name_zh)] is occupation
    for role in occupation.sub_roles:
        assert role.name_zh.strip() == role.name_zh
        assert "\n" not in role.name_zh


def test_names_and_work_types_have_one_owner_each() -> None:
    names = [o.name_zh for o in RECORDS] + [o.dictionary_name_zh for o in RECORDS if o.dictionary_name_zh]
    names += [f.name_zh for o in RECORDS for f in o.former_names]
    assert len(names) == len(set(names))
    roles = [r.name_zh for o in RECORDS for r in o.sub_roles]
    assert len(roles) == len(set(roles))
    assert not set(roles) & set(names)


def test_definitions_carry_no_extraction_artefacts() -> None:
    for occupation in RECORDS:
        if occupation.status is Status.ESTABLISHED:
            assert occupation.definition_zh is not None
            assert "\n" not in occupation.definition_zh, occupation
            assert not occupation.definition_zh.startswith("定义"), occupation


def test_draft_disagreements_are_recorded_with_their_edition() -> None:
    edition = "2022 dictionary public-comment draft"
    table = dictionary()
    # The draft printed 心理治疗技师 at 2-05-07-13; the edition moved it one place on.
    therapist = table.by_name[fold("心理治疗技师")]
    assert therapist.code == "2-05-07-14"
    assert [(f.code, f.edition) for f in therapist.former_codes] == [("2-05-07-13", edition)]
    # A draft name that the edition changed.
    fundraiser = table.by_code["3-01-01-05"]
    assert [(f.name_zh, f.edition) for f in fundraiser.former_names] == [("劝募员", edition)]
    # A draft code the edition does not have, with its reason.
    assert "康复治疗师" in table.unresolved["4-14-03-07"].note


def test_unresolved_codes_are_no_record_s_code() -> None:
    table = dictionary()
    for code, note in table.unresolved.items():
        assert code not in table.by_code
        assert code not in table.by_former_code
        assert note.note
        assert note.sources


def test_the_tables_cannot_be_changed() -> None:
    table = dictionary()
    with pytest.raises(TypeError):
        table.by_code["x"] = RECORDS[0]  # type: ignore[index]
    assert isinstance(table.occupations, tuple)


def _fresh(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=True
    )
    return result.stdout.strip().splitlines()[-1]


def test_the_dictionary_loads_only_when_asked_for() -> None:
    output = _fresh(
        """
        import json, sys
        import newocc
        newocc.find(batch=3)
        newocc.get("互联网营销师")
        before = "newocc._store.whole_dictionary" in sys.modules
        import newocc._store as store
        table = store.dictionary()
        again = store.dictionary() is table
        print(json.dumps({"before": before, "again": again, "n": len(table.occupations)}))
        """
    )
    assert json.loads(output) == {"before": False, "again": True, "n": len(RECORDS)}


def test_many_threads_build_the_dictionary_once() -> None:
    output = _fresh(
        """
        import json, threading
        import newocc._store.dictionary_snapshot as snapshot
        import newocc._store.loader as loader
        calls = []
        def counting(real):
            def call(*args, **kwargs):
                calls.append(1)
                return real(*args, **kwargs)
            return call
        # Built from the snapshot, or by the full load when the snapshot does not match.
        snapshot.packaged = counting(snapshot.packaged)
        loader.load_dictionary = counting(loader.load_dictionary)
        import newocc._store as store
        barrier = threading.Barrier(16)
        seen = []
        def ask():
            barrier.wait()
            seen.append(store.dictionary())
        threads = [threading.Thread(target=ask) for _ in range(16)]
        for t in threads: t.start()
        for t in threads: t.join()
        print(json.dumps({"loads": len(calls), "same": all(s is seen[0] for s in seen)}))
        """
    )
    assert json.loads(output) == {"loads": 1, "same": True}


def test_data_version_names_the_release() -> None:
    assert current().data_version == newocc.DATA_VERSION
