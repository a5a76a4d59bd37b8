"""Fit the coder's ranking weights and confidence model; write ``src/newocc/data/calibration.json``.

Run after any change to the lexicon, the aliases, the scorers or the
development titles::

    python scripts/calibrate.py

Only the development half of the labelled real titles (``tests/eval/real/dev.tsv``)
is read; the frozen test half never is.  The fit is deterministic (fixed
starting point and schedule; parameters rounded to four decimals), and
``tests/test_coder_eval.py`` checks the shipped file is what this script writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from newocc.coder import calibrate
from newocc.coder.evaluate import Report, read_rows
from newocc.coder.matcher import Matcher
from newocc.coder.scorers import SCORERS

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "tests" / "eval" / "real" / "dev.tsv"
TARGET = ROOT / "src" / "newocc" / "data" / calibrate.CALIBRATION_FILE


def fitted() -> calibrate.Calibration:
    """The calibration the development titles give for the packaged data."""
    rows = read_rows(DEV)
    matcher = Matcher(calibration=calibrate.neutral(list(SCORERS)))
    return calibrate.fit(
        matcher,
        ((row.title, row.expected) for row in rows),
        list(SCORERS),
        fitted_on=f"tests/eval/real/dev.tsv ({len(rows)} rows)",
    )


FOLDS = 5
"""Cross-validation folds: each fifth of the development titles is answered by a
matcher fitted on the other four fifths."""


def cross_validated() -> Report:
    """The development figures out of fold: what the fit does on titles it was not fitted on.

    Titles are put in folds by a digest of their normalised text, so the same
    title (or two that normalise alike) is never both fitted on and measured.
    """
    rows = read_rows(DEV)
    matcher = Matcher(calibration=calibrate.neutral(list(SCORERS)))
    return calibrate.cross_validated(
        matcher,
        rows,
        list(SCORERS),
        lambda calibration: Matcher(calibration=calibration),
        folds=FOLDS,
        key=matcher.normalise,
    )


def main() -> None:
    """Write the calibration file."""
    TARGET.write_text(fitted().to_json(), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
