"""Write the evaluation on the real posting titles into ``docs/search.md``.

    python scripts/search_report.py

Evaluates the default matcher on the frozen test half (``tests/eval/real/test.tsv``,
less the rows whose titles normalise to a development title) and on the
development half, and cross-validates the fit on the development half (see
``scripts/calibrate.py``), and replaces the generated block of the search page.
``tests/test_coder_eval.py`` checks the page is current.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from newocc.coder import default
from newocc.coder.evaluate import evaluate, held_out, read_rows, render

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "eval" / "real"
PAGE = ROOT / "docs" / "search.md"
BEGIN = "<!-- begin generated: evaluation (python scripts/search_report.py) -->\n"
END = "<!-- end generated: evaluation -->\n"


def report() -> str:
    """The generated block's text."""
    matcher = default()
    development = read_rows(REAL / "dev.tsv")
    test = held_out(read_rows(REAL / "test.tsv"), development, matcher.normalise)
    return render(
        evaluate(matcher, test.rows),
        evaluate(matcher, development),
        cross_validated=_calibrate().cross_validated(),
        dropped=test.dropped,
    )


def _calibrate() -> ModuleType:
    """``scripts/calibrate.py``, which owns the fit (a script, not a package module)."""
    spec = importlib.util.spec_from_file_location("_calibrate_script", ROOT / "scripts" / "calibrate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def page(text: str) -> str:
    """The page with its generated block replaced."""
    before, _, rest = text.partition(BEGIN)
    _, _, after = rest.partition(END)
    return before + BEGIN + "\n" + report() + "\n" + END + after


def main() -> None:
    """Rewrite the page."""
    PAGE.write_text(page(PAGE.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote {PAGE.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
