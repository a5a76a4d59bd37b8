"""The catalogue's snapshot: current, equal to a full validated load, and read only when it matches.

A first query builds the catalogue from ``data/catalogue_snapshot.json`` when
the catalogue's data files are those it was built from; any other data runs
the full load, so a broken file still fails naming its file, record and field.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import textwrap
from pathlib import Path
from types import ModuleType
from typing import cast

import attrs
import pytest

from newocc._store import dictionary_snapshot, resources, snapshot
from newocc._store import loader as _loader
from newocc._store import structurers_dictionary_snapshot as dictionary_readers
from newocc._store import structurers_snapshot as readers
from newocc._store.layout import SCHEMA_VERSION
from newocc._store.resources import CATALOGUE_FILES

ROOT = Path(__file__).resolve().parent.parent


def _fresh(code: str) -> object:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build", ROOT / "scripts" / "build_catalogue_snapshot.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_shipped_snapshot_is_current() -> None:
    shipped = (ROOT / "src" / "newocc" / "data" / snapshot.SNAPSHOT_FILE).read_text(encoding="utf-8")
    built = _script().built()
    assert shipped == built, "run `python scripts/build_catalogue_snapshot.py` and commit the result"


def _same(left: object, right: object) -> bool:
    """Equal, and of the same types all the way down (``1 == True``, ``0 == 0.0`` do not pass)."""
    if type(left) is not type(right):
        return False
    if attrs.has(type(left)):
        fields = attrs.fields(cast("type[attrs.AttrsInstance]", type(left)))
        return all(_same(getattr(left, f.name), getattr(right, f.name)) for f in fields)
    if isinstance(left, tuple):
        assert isinstance(right, tuple)
        return len(left) == len(right) and all(_same(a, b) for a, b in zip(left, right, strict=True))
    return left == right


def test_the_snapshot_reads_back_as_the_full_load() -> None:
    full = _loader.load()
    fast = snapshot.packaged()
    assert fast is not None
    for table in ("occupations", "batches", "sources", "facts"):
        assert _same(getattr(fast, table), getattr(full, table)), table
    assert fast.uncited == full.uncited
    assert fast.data_version == full.data_version
    # Every record cites the sources table's own objects, as the full load's do.
    own = {id(source) for source in fast.sources}
    cited = [s for o in fast.occupations for s in (*o.sources, *o.code_sources, *o.definition_sources)]
    cited += [r.source for o in fast.occupations for r in o.salaries]
    cited += [s for b in fast.batches for d in b.dates for s in d.sources]
    assert cited
    assert all(id(source) in own for source in cited)


def test_a_snapshot_of_other_data_or_another_layout_is_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    real = resources.read_data
    assert snapshot.packaged() is not None
    monkeypatch.setattr(readers, "LAYOUT", "other")
    assert snapshot.packaged() is None
    monkeypatch.undo()
    monkeypatch.setattr(snapshot, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    assert snapshot.packaged() is None
    monkeypatch.undo()
    edited = real("facts.json").replace(b"[", b"[ ", 1)
    monkeypatch.setattr(resources, "read_data", lambda name: edited if name == "facts.json" else real(name))
    assert snapshot.packaged() is None
    monkeypatch.setattr(
        resources, "read_data", lambda name: b"{" if name == snapshot.SNAPSHOT_FILE else real(name)
    )
    assert snapshot.packaged() is None
    # A snapshot damaged after it was written (here one name) is not read either.
    shipped = real(snapshot.SNAPSHOT_FILE)
    name = json.loads(real("occupations.json"))[0]["name_zh"].encode()
    damaged = shipped.replace(name, name + "甲".encode(), 1)
    assert damaged != shipped
    monkeypatch.setattr(resources, "read_data", lambda n: damaged if n == snapshot.SNAPSHOT_FILE else real(n))
    assert snapshot.packaged() is None
    assert snapshot.fingerprint(real).split()[0].startswith(f"{CATALOGUE_FILES[0]}:")


def test_a_broken_catalogue_file_still_fails_naming_file_record_and_field() -> None:
    report = _fresh(
        """
        import json
        from newocc._store import resources
        real = resources.read_data
        def read(name):
            data = real(name)
            if name == "occupations.json":
                rows = json.loads(data)
                rows[3]["batch"] = "three"
                return json.dumps(rows, ensure_ascii=False).encode()
            return data
        resources.read_data = read
        import newocc
        try:
            newocc.find(batch=3)
        except newocc.CatalogueError as error:
            print(json.dumps([error.file, error.record, error.field]))
        """
    )
    name = json.loads(resources.read_data("occupations.json"))[3]["name_zh"]
    assert report == ["occupations.json", f"record 3 ({name!r})", "batch"]


def test_a_first_query_from_the_snapshot_structures_and_validates_nothing() -> None:
    report = _fresh(
        """
        import json, sys, newocc
        newocc.find(batch=3); newocc.get("4-01-06-02")
        print(json.dumps(sorted(m for m in sys.modules if m.startswith("newocc._store."))))
        """
    )
    assert isinstance(report, list)
    assert "newocc._store.structurers_snapshot" in report
    for module in ("loader", "structurers", "structuring", "validate", "whole_dictionary"):
        assert f"newocc._store.{module}" not in report


# The dictionary's snapshot (data/dictionary_snapshot.json), on top of the catalogue.


def test_the_shipped_dictionary_snapshot_is_current() -> None:
    shipped = (ROOT / "src" / "newocc" / "data" / dictionary_snapshot.DICTIONARY_SNAPSHOT_FILE).read_text(
        encoding="utf-8"
    )
    assert shipped == _script().built_dictionary(), (
        "run `python scripts/build_catalogue_snapshot.py` and commit the result"
    )


def test_the_dictionary_snapshot_reads_back_as_the_full_load() -> None:
    catalogue = _loader.load()
    full = _loader.load_dictionary(catalogue)
    fast = dictionary_snapshot.packaged(catalogue)
    assert fast is not None
    assert _same(fast.established, full.established)
    assert _same(fast.groups, full.groups)
    assert _same(tuple(fast.unresolved.values()), tuple(full.unresolved.values()))
    assert fast.uncited == full.uncited
    assert [o.code for o in fast.occupations] == [o.code for o in full.occupations]
    # The catalogue's own records and source objects, as the full load's.
    assert all(a is b for a, b in zip(fast.catalogue.occupations, catalogue.occupations, strict=True))
    own = {id(source) for source in catalogue.sources}
    cited = [s for o in fast.established for s in (*o.sources, *o.code_sources, *o.definition_sources)]
    cited += [s for g in fast.groups for s in g.sources]
    assert cited
    assert all(id(source) in own for source in cited)


def test_a_dictionary_snapshot_of_other_data_or_another_layout_is_not_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = resources.read_data
    catalogue = _loader.load()
    assert dictionary_snapshot.packaged(catalogue) is not None
    monkeypatch.setattr(dictionary_readers, "LAYOUT", "other")
    assert dictionary_snapshot.packaged(catalogue) is None
    monkeypatch.undo()
    monkeypatch.setattr(readers, "LAYOUT", "other")
    assert dictionary_snapshot.packaged(catalogue) is None
    monkeypatch.undo()
    for file in ("dictionary.json", "groups.json", "sources.json"):
        edited = real(file).replace(b"[", b"[ ", 1)
        monkeypatch.setattr(
            resources, "read_data", lambda name, f=file, e=edited: e if name == f else real(name)
        )
        assert dictionary_snapshot.packaged(catalogue) is None, file
        monkeypatch.undo()
    target = dictionary_snapshot.DICTIONARY_SNAPSHOT_FILE
    monkeypatch.setattr(resources, "read_data", lambda name: b"{" if name == target else real(name))
    assert dictionary_snapshot.packaged(catalogue) is None
    # Damaged after it was written (here one definition): not read either.
    shipped = real(target)
    definition = json.loads(real("dictionary.json"))["occupations"][0]["definition_zh"].encode()
    damaged = shipped.replace(definition, definition + "甲".encode(), 1)
    assert damaged != shipped
    monkeypatch.setattr(resources, "read_data", lambda name: damaged if name == target else real(name))
    assert dictionary_snapshot.packaged(catalogue) is None


def test_a_broken_dictionary_file_still_fails_naming_file_record_and_field() -> None:
    report = _fresh(
        """
        import json
        from newocc._store import resources
        real = resources.read_data
        def read(name):
            data = real(name)
            if name == "dictionary.json":
                content = json.loads(data)
                content["occupations"][5]["definition_zh"] = 5
                return json.dumps(content, ensure_ascii=False).encode()
            return data
        resources.read_data = read
        import newocc
        try:
            newocc.classify("快递员")
        except newocc.CatalogueError as error:
            print(json.dumps([error.file, error.record, error.field]))
        """
    )
    row = json.loads(resources.read_data("dictionary.json"))["occupations"][5]
    assert report == ["dictionary.json", f"record 5 ({row['name_zh']!r})", "definition_zh"]


def test_a_first_dictionary_query_from_the_snapshot_structures_and_validates_nothing() -> None:
    report = _fresh(
        """
        import json, sys, newocc
        newocc.get("2-10-02-05"); newocc.match("快递员")
        print(json.dumps(sorted(m for m in sys.modules if m.startswith("newocc._store."))))
        """
    )
    assert isinstance(report, list)
    assert "newocc._store.structurers_dictionary_snapshot" in report
    for module in ("loader", "structurers", "structurers_dictionary", "structuring", "validate"):
        assert f"newocc._store.{module}" not in report
