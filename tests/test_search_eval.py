"""Search quality on the labelled titles of ``tests/eval/titles.csv`` (see docs/search.md).

The floors are the levels reached when the evaluation was written, so a change
that makes search worse fails here.
"""

from __future__ import annotations

from tests.eval.evaluate import evaluate, rows


def test_the_evaluation_set_is_large_and_varied() -> None:
    loaded = list(rows())
    assert len(loaded) >= 500
    assert {r.style for r in loaded} >= {"plain", "noise", "traditional", "fullwidth", "held-out"}
    assert {r.group for r in loaded} == {"positive", "negative"}


def test_search_quality_holds() -> None:
    scores = evaluate()
    assert scores.top1 >= 0.99, scores.misses
    assert scores.sub_role_accuracy >= 0.99, scores.misses
    assert scores.rejected >= 0.99, scores.false_matches
    assert scores.precision >= 0.99, scores.false_matches


def test_held_out_titles_meet_the_bar() -> None:
    scores = evaluate(style="held-out")
    assert scores.top1 >= 0.95, scores.misses
    assert scores.rejected >= 0.90, scores.false_matches
