"""Run the ``>>>`` examples in README.md and docs/*.md as doctests.

Markdown code fences would otherwise be read as part of an example's expected
output, so fence lines are blanked (keeping line numbers) before parsing.
"""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

_FENCE = re.compile(r"^[ \t]*```.*$", re.MULTILINE)
_FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
_ROOT = Path(__file__).parent


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.suffix == ".md" and (
        file_path == _ROOT / "README.md" or (_ROOT / "docs") in file_path.parents
    ):
        return MarkdownFile.from_parent(parent, path=file_path)
    return None


class MarkdownFile(pytest.File):
    """One Markdown file: all its examples share one namespace, like a REPL session."""

    def collect(self) -> list[pytest.Item]:
        text = _FENCE.sub("", self.path.read_text(encoding="utf-8"))
        test = doctest.DocTestParser().get_doctest(
            text, globs={}, name=self.path.name, filename=str(self.path), lineno=0
        )
        return [MarkdownExamples.from_parent(self, name=self.path.name, dtest=test)] if test.examples else []


class MarkdownExamples(pytest.Item):
    """The examples of one Markdown file, run in order."""

    def __init__(self, *, dtest: doctest.DocTest, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.dtest = dtest

    def runtest(self) -> None:
        report: list[str] = []
        runner = doctest.DocTestRunner(optionflags=_FLAGS)
        runner.run(self.dtest, out=report.append, clear_globs=True)
        if runner.failures:
            raise MarkdownDoctestError("".join(report))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: object = None) -> str:
        if isinstance(excinfo.value, MarkdownDoctestError):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"[doctest] {self.name}"


class MarkdownDoctestError(AssertionError):
    """An example's output differed from the Markdown."""
