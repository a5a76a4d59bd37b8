"""Loading: lazy, cached, thread-safe, and loud about broken data."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Callable
from typing import Any

import pytest

import newocc
from newocc import CatalogueError
from newocc import _store as _catalogue
from newocc._lazy import Lazy
from newocc._store import loader as _loader
from newocc._store.resources import DATA_FILES, read_data

ORIGINAL = {name: json.loads(read_data(name)) for name in DATA_FILES}


def reader(**changed: Any) -> Callable[[str], bytes]:
    """A data reader that serves the packaged files with some replaced."""
    files = {name: json.dumps(value, ensure_ascii=False).encode() for name, value in ORIGINAL.items()}
    for key, value in changed.items():
        files[key.replace("_json", ".json")] = (
            value if isinstance(value, bytes) else json.dumps(value).encode()
        )
    return files.__getitem__


def occupations_with(**fields: Any) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(json.dumps(ORIGINAL["occupations.json"]))
    marketer = next(r for r in rows if r["name_zh"] == "互联网营销师")
    marketer.update(fields)
    return rows


def test_the_packaged_data_loads_and_names_its_release() -> None:
    catalogue = _loader.load()
    assert catalogue.data_version == newocc.DATA_VERSION
    assert ORIGINAL["release.json"]["data_version"] == newocc.DATA_VERSION
    assert ORIGINAL["release.json"]["schema_version"] == _loader.SCHEMA_VERSION


@pytest.mark.parametrize(
    ("changes", "file", "record", "field"),
    [
        ({"occupations_json": occupations_with(batch="3")}, "occupations.json", "互联网营销师", "batch"),
        (
            {"occupations_json": occupations_with(code="4-02-04-06")},
            "occupations.json",
            "'互联网营销师'",
            "code",
        ),
        ({"occupations_json": occupations_with(code="40106")}, "occupations.json", "'互联网营销师'", "code"),
        ({"occupations_json": occupations_with(sector="tech")}, "occupations.json", "互联网营销师", "sector"),
        ({"occupations_json": occupations_with(sources=[])}, "occupations.json", "'互联网营销师'", "sources"),
        (
            {"occupations_json": occupations_with(sources=["nope"])},
            "occupations.json",
            "互联网营销师",
            "sources",
        ),
        ({"occupations_json": occupations_with(colour="red")}, "occupations.json", "互联网营销师", "colour"),
        ({"occupations_json": b"\xff\xfe"}, "occupations.json", "byte 0", "-"),
        ({"occupations_json": b"[{"}, "occupations.json", "line 1", "column 3"),
        (
            {"release_json": {"data_version": "x", "schema_version": 99}},
            "release.json",
            "release",
            "schema_version",
        ),
    ],
)
def test_broken_data_names_file_record_and_field(
    changes: dict[str, Any], file: str, record: str, field: str
) -> None:
    with pytest.raises(CatalogueError) as caught:
        _loader.load(reader(**changes))
    error = caught.value
    assert error.file == file
    assert error.field.startswith(field)
    assert record in error.record
    assert str(error).startswith(f"{file}: ")


def test_duplicate_codes_are_rejected() -> None:
    rows = occupations_with()
    rows[1]["code"] = rows[0]["code"]
    with pytest.raises(CatalogueError, match="is also used by"):
        _loader.load(reader(occupations_json=rows))


def test_salary_low_above_high_is_rejected() -> None:
    marketer = next(r for r in ORIGINAL["occupations.json"] if r["name_zh"] == "互联网营销师")
    salary = {**marketer["salaries"][0], "low": 20000, "high": 100}
    with pytest.raises(CatalogueError, match="salaries") as caught:
        _loader.load(reader(occupations_json=occupations_with(salaries=[salary])))
    assert "above high" in caught.value.problem


def test_batch_counts_must_agree_with_the_data() -> None:
    batches = json.loads(json.dumps(ORIGINAL["batches.json"]))
    batches[2]["official_count"] = 8
    with pytest.raises(CatalogueError, match="batch 3: official_count"):
        _loader.load(reader(batches_json=batches))


def test_a_good_catalogue_loads_after_a_broken_one() -> None:
    with pytest.raises(CatalogueError):
        _loader.load(reader(occupations_json=b"[]x"))
    assert len(_loader.load().new) == len(newocc.occupations())


def test_import_is_cheap_and_loads_nothing() -> None:
    code = (
        "import sys, newocc; "
        "heavy = [m for m in ('attrs', 'attr', 'cattrs', 'json', 'newocc.model', 'newocc._store.loader') "
        "if m in sys.modules]; print(heavy, newocc.__version__, newocc.DATA_VERSION)"
    )
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert output.stdout.split()[0] == "[]"


def test_first_load_happens_once_across_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real_load = _loader.load

    def counting_load() -> _catalogue.Catalogue:
        calls.append(1)
        return real_load()

    monkeypatch.setattr(_loader, "load", counting_load)
    monkeypatch.setattr(_catalogue, "_packaged", Lazy(counting_load))
    barrier = threading.Barrier(32)
    results: list[tuple[newocc.Occupation, ...]] = []

    def first_query() -> None:
        barrier.wait()
        results.append(newocc.find(batch=3))

    threads = [threading.Thread(target=first_query) for _ in range(32)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1
    assert len(results) == 32
    assert all(result is results[0] or result == results[0] for result in results)
