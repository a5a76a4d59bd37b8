"""The package and its data load from a zip archive, by both read paths."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import newocc
from newocc import _store

PACKAGE = Path(newocc.__file__).parent

CHECK = """
import json, newocc, newocc._store
from newocc._store import resources as _resources
files = (*_resources.CATALOGUE_FILES, *_resources.DICTIONARY_FILES, *_resources.VOCABULARY_FILES)
fast = {name: _resources.read_data(name) for name in files}
found = len(newocc.find(batch=3))
records = len(newocc._store.dictionary().occupations)
aliases = len(newocc._store.vocabulary().aliases)
_resources.__spec__.loader.get_data = None  # force the importlib.resources path
slow = {name: _resources.read_data(name) for name in files}
print(json.dumps({
    "file": newocc.__file__,
    "loader": type(newocc.__spec__.loader).__name__,
    "same": fast == slow and all(fast.values()),
    "found": found,
    "records": records,
    "aliases": aliases,
}))
"""


def test_the_package_loads_its_data_from_a_zip(tmp_path: Path) -> None:
    archive = tmp_path / "newocc.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in sorted(PACKAGE.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                zipped.write(path, Path("newocc") / path.relative_to(PACKAGE))
    env = {**os.environ, "PYTHONPATH": str(archive)}
    output = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, check=True, env=env, cwd=tmp_path
    ).stdout
    report = json.loads(output)
    assert report["file"].startswith(str(archive))
    assert report["loader"] == "zipimporter"
    assert report["same"] is True
    assert report["found"] == len(newocc.find(batch=3))
    assert report["records"] == len(_store.dictionary().occupations)
    assert report["aliases"] == len(_store.vocabulary().aliases)
