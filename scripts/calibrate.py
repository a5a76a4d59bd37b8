"""Fit the coder's ranking weights and confidence model; write ``src/newocc/data/calibration.json``.

Run after any change to the lexicon, the aliases, the scorers or the
development titles::

    python scripts/calibrate.py

Only the development half of the labelled real titles (``tests/eval/real/dev.tsv``)
is read; the frozen test half never is.  The packaged coder remembers the
development titles (``data/coded_titles.json``), so each is seen for the fit
by a matcher that remembers only the other folds' titles: the evidence a title
it has never seen gets.  The fit is deterministic (fixed
starting point and schedule; parameters rounded to four decimals), and
``tests/test_coder_eval.py`` checks the shipped file is what this script writes.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from newocc._store import vocabulary
from newocc.coder import calibrate
from newocc.coder.evaluate import Report, Row, read_rows
from newocc.coder.matcher import Matcher
from newocc.coder.scorers import SCORERS

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "tests" / "eval" / "real" / "dev.tsv"
TARGET = ROOT / "src" / "newocc" / "data" / calibrate.CALIBRATION_FILE


def fitted() -> calibrate.Calibration:
    """The calibration the development titles give for the packaged data."""
    rows = read_rows(DEV)
    listed = _cross_fitted(rows)
    return calibrate.fit_examples(
        [example for row in rows for example in listed[row.title]],
        list(SCORERS),
        fitted_on=f"tests/eval/real/dev.tsv ({len(rows)} rows, each seen without its fold's coded titles)",
    )


FOLDS = 5
"""Folds: each fifth of the development titles is seen by a matcher that remembers
only the other four fifths' coded titles (for the fit), and answered by one fitted
on the other four fifths (for the cross-validated figures)."""


def _remembering(rows: Sequence[Row], calibration: calibrate.Calibration) -> Matcher:
    """A matcher that remembers only the coded titles of ``rows`` (packaged: the development titles)."""
    titles = {row.title for row in rows}
    memory = [
        (coded.title, coded.occupation, coded.work_type.name_zh if coded.work_type else None)
        for coded in vocabulary().coded_titles
        if coded.title in titles
    ]
    return Matcher(coded_titles=False, labelled_titles=memory, calibration=calibration)


@functools.cache
def _key() -> Callable[[str], str]:
    """The fold key: a normalised title (one matcher built for it, not one per use).

    Its calibration is the neutral one: a normalised title does not depend on
    it, and the shipped file may be of another model (the one being replaced).
    """
    return Matcher(coded_titles=False, calibration=calibrate.neutral(list(SCORERS))).normalise


def _cross_fitted(rows: Sequence[Row]) -> dict[str, list[calibrate.Example]]:
    neutral = calibrate.neutral(list(SCORERS))
    return calibrate.cross_fitted(rows, lambda others: _remembering(others, neutral), folds=FOLDS, key=_key())


def cross_validated() -> Report:
    """The development figures out of fold: the coder on titles it neither remembers nor was fitted on.

    Titles are put in folds by a digest of their normalised text, so the same
    title (or two that normalise alike) is never both remembered (or fitted on)
    and measured.
    """
    rows = read_rows(DEV)
    return calibrate.cross_validated(
        _cross_fitted(rows),
        rows,
        list(SCORERS),
        lambda calibration, training: _remembering(training, calibration),
        folds=FOLDS,
        key=_key(),
    )


def main() -> None:
    """Write the calibration file."""
    TARGET.write_text(fitted().to_json(), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
