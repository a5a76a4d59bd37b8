"""The coder remembers the coded development titles, and only them; they do not change its normaliser."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from newocc import InvalidArgumentType
from newocc._store import vocabulary
from newocc.coder import LabelKind, Matcher, default
from newocc.coder.evaluate import read_rows
from tests.test_coder_eval import load_script

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "eval" / "real"
needs_titles = pytest.mark.skipif(
    not (REAL / "dev.tsv").exists(), reason="tests/eval/real is not in the sdist"
)


@functools.cache
def _forgetful() -> Matcher:
    return Matcher(coded_titles=False)


@needs_titles
def test_the_packaged_coded_titles_are_the_development_rows_the_script_selects() -> None:
    shipped = [
        (c.title, c.occupation.code, c.occupation.name_zh, c.work_type.name_zh if c.work_type else None)
        for c in vocabulary().coded_titles
    ]
    assert shipped == load_script("build_coded_titles").coded_rows(), (
        "run `python scripts/build_coded_titles.py` and commit the result"
    )


@needs_titles
def test_no_test_title_is_remembered() -> None:
    test = {row.title for row in read_rows(REAL / "test.tsv")}
    assert not test & {c.title for c in vocabulary().coded_titles}


def test_every_coded_title_cites_where_it_was_seen() -> None:
    for coded in vocabulary().coded_titles:
        assert coded.sources, coded.title
        assert all(source.url and source.url.startswith("https://github.com/") for source in coded.sources)


def test_the_default_matcher_answers_a_remembered_title_with_its_code() -> None:
    coded = vocabulary().coded_titles
    right = sum(
        (found := default().classify(c.title)) is not None and found.occupation == c.occupation for c in coded
    )
    forgetful = sum(
        (found := _forgetful().classify(c.title)) is not None and found.occupation == c.occupation
        for c in coded
    )
    # Not every one: a remembered title is evidence among others (a title coded with an
    # older occupation may still name a new one's label).  But memory must show.
    assert right / len(coded) >= 0.97
    assert right > forgetful


def test_a_remembered_title_is_reported_as_a_title() -> None:
    coded = vocabulary().coded_titles
    kinds = [found.kind for c in coded if (found := default().classify(c.title)) is not None]
    assert kinds.count(LabelKind.TITLE) > len(coded) // 2


def test_coded_titles_do_not_change_how_titles_are_normalised() -> None:
    # A coded title is a posting as written (会计助理（南油地铁口）): were it protected
    # like an official name, titles containing it would keep their noise words.
    for coded in vocabulary().coded_titles:
        for text in (coded.title, f"急招{coded.title}（日结）"):
            assert default().normalise(text) == _forgetful().normalise(text), text


def test_coded_titles_must_be_a_bool() -> None:
    with pytest.raises(InvalidArgumentType, match="coded_titles"):
        Matcher(coded_titles="no")  # type: ignore[arg-type]
