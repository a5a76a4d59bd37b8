"""Cross-validation answers each labelled title with a fit that never saw it."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from newocc.coder import Match, Matcher, calibrate, default
from newocc.coder.evaluate import Row, cross_validate, evaluate, fold_of
from newocc.coder.scorers import SCORERS

ROWS = [
    Row("外卖小哥", frozenset({"网约配送员"}), "", "positive", ""),
    Row("美团骑手", frozenset({"网约配送员"}), "", "positive", ""),
    Row("大数据开发工程师", frozenset({"大数据工程技术人员"}), "", "positive", ""),
    Row("无人机飞手", frozenset({"无人机驾驶员"}), "", "positive", ""),
    Row("AI训练师", frozenset({"人工智能训练师"}), "", "positive", ""),
    Row("会计", frozenset({"NONE"}), "", "negative", ""),
    Row("快递员", frozenset({"NONE"}), "", "negative", ""),
    Row("Java开发", frozenset({"NONE"}), "", "negative", ""),
]


class _Memory:
    """A "fit" that only knows the titles it was fitted on: perfect on them, blind elsewhere."""

    def __init__(self, seen: Sequence[Row]) -> None:
        self.seen = {row.title for row in seen}

    def match(self, text: str) -> Match | None:
        return default().match(text) if text in self.seen else None

    def search(self, text: str, *, limit: int = 5) -> tuple[Match, ...]:
        return default().search(text, limit=limit) if text in self.seen else ()


def test_folds_are_stable_and_in_range() -> None:
    assert [fold_of(row.title, 5) for row in ROWS] == [fold_of(row.title, 5) for row in ROWS]
    assert all(0 <= fold_of(row.title, 3) < 3 for row in ROWS)
    assert len({fold_of(row.title, 2) for row in ROWS}) == 2


def test_every_row_is_answered_once_by_a_fit_without_it() -> None:
    fitted: list[set[str]] = []
    answered: list[str] = []

    class Recording(_Memory):
        def match(self, text: str) -> Match | None:
            assert text not in self.seen, f"{text} was answered by a fit that saw it"
            answered.append(text)
            return None

    def fit(training: Sequence[Row]) -> Recording:
        fitted.append({row.title for row in training})
        return Recording(training)

    report = cross_validate(ROWS, fit, folds=3)
    assert sorted(answered) == sorted(row.title for row in ROWS)
    assert report.rows == len(ROWS)
    assert 2 <= len(fitted) <= 3
    # Every title is fitted on in all folds but its own.
    assert all(sum(row.title in seen for seen in fitted) == len(fitted) - 1 for row in ROWS)


def test_a_fit_that_memorises_its_rows_is_found_out() -> None:
    assert evaluate(_Memory(ROWS), ROWS).top1 == 1.0
    assert cross_validate(ROWS, _Memory, folds=4).top1 == 0.0


def test_titles_that_share_a_key_share_a_fold() -> None:
    twins = [*ROWS, Row("外卖小哥!!", frozenset({"网约配送员"}), "", "positive", "")]
    normalise = default().normalise
    assert normalise("外卖小哥!!") == normalise("外卖小哥")
    # Were the twins split, the memoriser would answer one from the other's fit.
    report = cross_validate(twins, _Memory, folds=4, key=normalise)
    assert report.top1 == 0.0


def test_one_fold_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 2 folds"):
        cross_validate(ROWS, _Memory, folds=1)


def test_the_calibration_is_cross_validated_by_fitting_on_the_other_folds() -> None:
    fitted: list[str] = []
    remembered: list[set[str]] = []

    def build(calibration: calibrate.Calibration, training: Sequence[Row]) -> Matcher:
        fitted.append(calibration.fitted_on)
        remembered.append({row.title for row in training})
        return Matcher(calibration=calibration)

    names = list(SCORERS)
    matcher = Matcher(coded_titles=False, calibration=calibrate.neutral(names))
    listed = {row.title: calibrate.examples(matcher, [(row.title, row.expected)]) for row in ROWS}
    report = calibrate.cross_validated(listed, ROWS, names, build, folds=2)
    assert report.rows == len(ROWS)
    expected = [{r.title for r in ROWS if fold_of(r.title, 2) != part} for part in range(2)]
    assert sorted(fitted) == sorted(f"{len(titles)} rows" for titles in expected)
    assert sorted(map(sorted, remembered)) == sorted(map(sorted, expected))


def test_cross_fitted_examples_come_from_a_matcher_that_did_not_remember_their_fold() -> None:
    remembered: dict[str, set[str]] = {}
    names = list(SCORERS)

    def ranks(others: Sequence[Row]) -> Matcher:
        seen = {row.title for row in others}
        matcher = Matcher(
            coded_titles=False,
            labelled_titles=[
                (row.title, next(iter(row.expected))) for row in others if "NONE" not in row.expected
            ],
            calibration=calibrate.neutral(names),
        )
        for row in ROWS:
            if row.title not in seen:
                remembered[row.title] = seen
        return matcher

    listed = calibrate.cross_fitted(ROWS, ranks, folds=3)
    assert sorted(listed) == sorted(row.title for row in ROWS)
    for title, seen in remembered.items():
        assert title not in seen
    # Remembering a title changes its evidence: a matcher that remembers every
    # row sees the remembered ones otherwise than the cross-fitted examples do.
    everything = ranks(ROWS)
    whole = {row.title: calibrate.examples(everything, [(row.title, row.expected)]) for row in ROWS}
    assert any(whole[title] != listed[title] for title in listed)
