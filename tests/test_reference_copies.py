"""The shipped dictionary against the two stored copies it was made from.

The copies live outside the package, in ``shared/reference/dictionary_2022``
beside (or above) the checkout, as in CI; without them these tests skip.
Every code of the online-edition copy must resolve to a record bearing its
name, and every row of the draft copy must either agree with the shipped data
or be explained by it (a former code or name, a note, an unresolved entry).
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from newocc._store import dictionary
from newocc._store.resources import read_data
from newocc.model import Occupation

ROOT = Path(__file__).resolve().parent.parent


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_dictionary", ROOT / "scripts" / "make_dictionary.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


SCRIPT = _script()
REFERENCE: Path | None = SCRIPT.find_reference()
pytestmark = pytest.mark.skipif(REFERENCE is None, reason="shared/reference/dictionary_2022 is not here")


@pytest.fixture(scope="module")
def online() -> list[Any]:
    assert REFERENCE is not None
    rows: list[Any] = SCRIPT.read_online(REFERENCE / SCRIPT.ONLINE_FILE)
    return rows


@pytest.fixture(scope="module")
def draft() -> list[Any]:
    assert REFERENCE is not None
    rows: list[Any] = SCRIPT.read_draft(REFERENCE / SCRIPT.DRAFT_FILE)
    return rows


def _names(occupation: Occupation) -> set[str]:
    return {occupation.name_zh, *(n for n in (occupation.dictionary_name_zh,) if n)}


def test_every_online_code_resolves_to_its_name(online: list[Any]) -> None:
    table = dictionary()
    unexplained = []
    for row in online:
        code, name = row.code, row.name
        record = table.by_code.get(code)
        if record is None:
            if code not in table.unresolved:
                unexplained.append(f"{code} {name}: no record and no note")
        elif name not in _names(record):
            unexplained.append(f"{code} {name}: shipped as {record.name_zh}")
    assert unexplained == []


def _explained(row: Any, record_at_code: Occupation | None) -> bool:
    """Whether the shipped data accounts for a draft row that differs from it."""
    table = dictionary()
    code, name = row.code, row.name
    named = next((o for o in table.occupations if name in _names(o)), None)
    if named is not None and (named.code == code or code in {f.code for f in named.former_codes}):
        return True  # the same occupation, at its code or having moved from it
    if record_at_code is not None:
        if name in {f.name_zh for f in record_at_code.former_names}:
            return True  # the draft's name for it
        if record_at_code.note and name in record_at_code.note:
            return True  # cut short, or a draft row without a counterpart
    note = table.unresolved.get(code)
    return note is not None and name in note.note


def test_every_draft_row_agrees_or_is_explained(draft: list[Any]) -> None:
    table = dictionary()
    unexplained = []
    for row in draft:
        record = table.by_code.get(row.code)
        if record is not None and row.name in _names(record):
            continue
        if not _explained(row, record):
            unexplained.append(f"{row.code} {row.name}")
    assert unexplained == []


def test_no_shipped_name_keeps_a_glued_mark() -> None:
    for occupation in dictionary().occupations:
        assert not re.search(r"[LS](/[LS])?$", occupation.name_zh), occupation


def test_the_marks_the_draft_shows_are_shipped(draft: list[Any]) -> None:
    table = dictionary()
    missing = []
    for row in draft:
        record = next((o for o in table.occupations if row.name in _names(o)), None)
        if record is None:
            continue
        if (row.digital and not record.digital) or (row.green and not record.green):
            missing.append(f"{record.code} {record.name_zh}")
    assert missing == []


def test_the_online_work_types_are_shipped(online: list[Any]) -> None:
    table = dictionary()
    missing = []
    for row in online:
        record = table.by_code[row.code]
        held = {r.name_zh for r in record.sub_roles}
        for name in row.work_types:
            # A work type may be the record's own name (a new occupation the dictionary
            # lists under a broader one), or a release's name for it that a note records.
            if name not in held and name not in _names(record) and not (record.note and name in record.note):
                missing.append(f"{record.code} {record.name_zh}: {name}")
    assert missing == []


def test_the_committed_file_is_what_the_script_makes(online: list[Any], draft: list[Any]) -> None:
    catalogue = json.loads(read_data("occupations.json"))
    batches = json.loads(read_data("batches.json"))
    content, _ = SCRIPT.build(online, draft, catalogue, batches)
    assert SCRIPT.render(content) == read_data("dictionary.json").decode("utf-8"), (
        "run `python scripts/make_dictionary.py` and commit the result"
    )
