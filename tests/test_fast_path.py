"""The loader's fast structuring path agrees with cattrs, and is the one taken.

The fast path may only be stricter than cattrs: whenever it accepts a row,
cattrs must accept it too and build an equal record.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newocc import _store as _catalogue
from newocc._store import fast as _fast
from newocc._store import loader as _loader
from newocc._store.resources import read_data
from newocc.model import Batch, Fact, Occupation, Source

SOURCES = {source.id: source for source in _catalogue.current().sources}
CASES = {
    "sources.json": (Source, {}),
    "occupations.json": (Occupation, SOURCES),
    "batches.json": (Batch, SOURCES),
    "facts.json": (Fact, SOURCES),
}


def rows(file: str) -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = json.loads(read_data(file))
    if file == "batches.json":
        records = _catalogue.current().occupations
        counts = _loader._listed_counts(records)
        loaded = _loader._with_listed_counts(loaded, counts, _loader._listed_work_types(records))
    return loaded


def both(file: str, row: object) -> tuple[object, object]:
    """What the fast path and cattrs make of ``row`` (an exception type on failure)."""
    cls, sources = CASES[file]
    results: list[object] = []
    structurers: list[Callable[[object], object]] = [
        _fast.structurer(cls, sources or None),
        lambda value: _loader._converter(sources).structure(value, cls),
    ]
    for structure in structurers:
        try:
            results.append(structure(row))
        except Exception as error:
            results.append(type(error))
    return results[0], results[1]


@pytest.mark.parametrize("file", sorted(CASES))
def test_the_fast_path_builds_what_cattrs_builds_from_the_real_data(file: str) -> None:
    for row in rows(file):
        fast, slow = both(file, row)
        assert isinstance(fast, CASES[file][0])
        assert fast == slow


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 2**40) | st.floats() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=5,
)


def _paths(value: object, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path] if path else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


@pytest.mark.parametrize("file", sorted(CASES))
@given(data=st.data())
@settings(max_examples=150)
def test_whatever_the_fast_path_accepts_cattrs_accepts_alike(file: str, data: st.DataObject) -> None:
    originals = rows(file)
    row = copy.deepcopy(data.draw(st.sampled_from(originals), "row"))
    for _ in range(data.draw(st.integers(1, 2), "mutations")):
        *parent_path, last = data.draw(st.sampled_from(_paths(row)), "path")
        parent: Any = row
        for step in parent_path:
            parent = parent[step]
        action = data.draw(st.sampled_from(["replace", "delete", "borrow", "add"]), "action")
        if action == "add" and isinstance(parent, dict):
            parent[data.draw(st.sampled_from(["colour", "notes", "id", "low"]), "key")] = None
        elif action == "delete" and isinstance(parent, dict):
            del parent[last]
        elif action == "borrow" and isinstance(parent, dict):
            # A value from another record's same field: often valid, sometimes not.
            donors = [r[last] for r in originals if isinstance(r, dict) and last in r]
            parent[last] = copy.deepcopy(data.draw(st.sampled_from(donors or [None]), "donor"))
        else:
            parent[last] = data.draw(json_values, "value")
        if not _paths(row):
            break
    fast, slow = both(file, row)
    if not isinstance(fast, type):
        assert fast == slow


def test_loading_the_packaged_data_never_imports_cattrs() -> None:
    code = "import sys, newocc; newocc.find(); print('cattrs' in sys.modules)"
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert output.stdout.strip() == "False"


def test_unknown_field_types_make_the_fast_path_decline() -> None:
    @attrs.frozen
    class Odd:
        table: dict[str, int]

    with pytest.raises(_fast.UnsupportedTypeError):
        _fast.structurer(Odd, None)
