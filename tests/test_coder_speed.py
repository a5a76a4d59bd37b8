"""The coder's shortcuts give exactly the answers of the long way round.

The ranking bounds each candidate's score before it looks for the candidate's
best label, and scores in full only the candidates that can reach the top
(see ``LABEL_FREE`` and ``label_bound`` in :mod:`newocc.coder.scorers`).  These
tests run a bounded and an unbounded matcher side by side on real titles: every
search, classification and candidate list must be the same, to the last bit.
A scorer that breaks the bound's contract fails here.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterator
from pathlib import Path

import pytest

from newocc.coder import Match, Matcher
from newocc.coder.calibrate import Calibration, load_calibration
from newocc.coder.evaluate import read_rows

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "tests" / "eval" / "real" / "dev.tsv"
OWN = ROOT / "tests" / "eval" / "titles.csv"
POSTINGS = ROOT.parent.parent / "shared" / "postings" / "titles.tsv"
"""More real titles when the shared postings are at hand (they are not shipped)."""


def _titles() -> list[str]:
    found: dict[str, None] = {}
    if DEV.exists():
        found.update(dict.fromkeys(row.title for row in read_rows(DEV)))
    with OWN.open(encoding="utf-8", newline="") as handle:
        found.update(dict.fromkeys(row["title"] for row in csv.DictReader(handle)))
    if POSTINGS.exists():
        with POSTINGS.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            next(reader)
            for number, row in enumerate(reader):
                if number >= 1500:
                    break
                found.setdefault(row[0])
    return list(found)


def _unbounded(calibration: Calibration | None = None) -> Matcher:
    matcher = Matcher(calibration=calibration)
    matcher._bounded = False
    return matcher


def _row(found: Match | None) -> tuple[object, ...] | None:
    if found is None:
        return None
    return (found.occupation.name_zh, found.sub_role, found.confidence, found.score, found.evidence)


def _answers(matcher: Matcher, titles: list[str]) -> Iterator[tuple[object, ...]]:
    for title in titles:
        yield (
            title,
            tuple(map(_row, matcher.search(title, limit=5))),
            _row(matcher.classify(title)),
            _row(matcher.match(title)),
        )


@functools.cache
def _real_titles() -> list[str]:
    return _titles()


def test_bounded_ranking_answers_as_scoring_every_candidate() -> None:
    titles = _real_titles()
    assert len(titles) > 1000
    bounded = list(_answers(Matcher(), titles))
    assert bounded == list(_answers(_unbounded(), titles))


def test_bounded_ranking_gives_every_candidate_as_scoring_every_candidate() -> None:
    """What fitting the weights reads: every candidate, its features and score, in order."""
    bounded, unbounded = Matcher(), _unbounded()

    def listed(matcher: Matcher, title: str) -> list[tuple[object, ...]]:
        return [(c.document.number, c.features, c.score, c.label) for c in matcher._candidates(title)]

    for title in _real_titles()[:600]:
        assert listed(bounded, title) == listed(unbounded, title)


def test_a_search_read_deeper_later_extends_the_same_ranking() -> None:
    """A title's ranking is cached half-scored: a later, longer search must see the same order."""
    bounded, unbounded = Matcher(), _unbounded()
    for title in _real_titles()[:300]:
        bounded.match(title)
        assert bounded.search(title, limit=10) == unbounded.search(title, limit=10)


@pytest.mark.parametrize("sign", [1.0, -1.0])
def test_the_bound_holds_whatever_the_weights(sign: float) -> None:
    """Other weights (a negative one too) make the ranking bound the label scorers by running them."""
    packaged = load_calibration()
    weights = dict(packaged.weights)
    weights["name_precision"] = sign * 0.7
    weights["explained"] = 0.3
    calibration = Calibration(
        weights=weights,
        nothing=packaged.nothing,
        intercept=packaged.intercept,
        coefficients=packaged.coefficients,
    )
    titles = _real_titles()[:400]
    bounded = list(_answers(Matcher(calibration=calibration), titles))
    assert bounded == list(_answers(_unbounded(calibration=calibration), titles))
