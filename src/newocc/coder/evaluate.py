"""The evaluation harness: score any matcher on labelled titles.

A *matcher* is anything with ``match(text)`` and ``search(text, limit=...)``
returning :class:`~newocc.coder.Match` results (a :class:`~newocc.coder.Matcher`,
or a wrapper around another coder).  Labelled rows are tab-separated with the
columns ``title``, ``expected_occupation`` (official names joined by ``|``;
``NONE`` for "none of the new occupations"), ``expected_work_type``, ``kind``
(``positive``, ``negative`` or ``ambiguous``) and ``note``.

>>> from newocc.coder import Matcher
>>> rows = [Row("外卖小哥", frozenset({"网约配送员"}), "", "positive", ""),
...         Row("会计", frozenset({"NONE"}), "", "negative", "")]
>>> report = evaluate(Matcher(), rows)
>>> report.top1, report.rejected
(1.0, 1.0)

A result counts as an answer of "none" when it is None or is not one of the
new occupations themselves (the labels follow the official list: a new work
type of an older occupation, such as 直播招聘师, is labelled NONE).
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Protocol

import attrs

from newocc.coder.result import Match
from newocc.model import Status

__all__ = [
    "BINS",
    "POINTS",
    "Coverage",
    "HeldOut",
    "Miss",
    "Report",
    "Row",
    "SupportsMatch",
    "cross_validate",
    "evaluate",
    "fold_of",
    "held_out",
    "read_rows",
]

NONE = "NONE"
BINS = 10
"""Reliability bins: confidence 0–0.1, 0.1–0.2, … 0.9–1."""


class SupportsMatch(Protocol):
    """What the harness needs of a matcher."""

    def match(self, text: str) -> Match | None: ...  # noqa: D102

    def search(self, text: str, *, limit: int = ...) -> tuple[Match, ...]: ...  # noqa: D102


@attrs.frozen
class Row:
    """One labelled title."""

    title: str
    expected: frozenset[str]
    """Acceptable answers: official names, and ``NONE`` when none of the new occupations is."""
    work_type: str
    kind: str
    note: str


@attrs.frozen
class Miss:
    """A title the matcher got wrong, with what it answered."""

    title: str
    kind: str
    expected: str
    answered: str
    confidence: float


@attrs.frozen
class Coverage:
    """How one occupation's positive titles fared."""

    occupation: str
    positives: int
    right: int


@attrs.frozen
class Report:
    """Every figure the search page shows, for one set of rows."""

    rows: int
    positives: int
    negatives: int
    ambiguous: int
    top1: float
    """Share of positives whose match is the expected occupation."""
    work_type: float
    """Share of positives with an expected work type whose match has it (and the occupation)."""
    work_types: int
    extra_work_type: float
    """Share of right positives without an expected work type that were given one anyway."""
    rejected: float
    """Share of negatives with no match among the new occupations."""
    ambiguous_right: float
    """Share of ambiguous rows answered with one of their acceptable answers (NONE included)."""
    reliability: tuple[tuple[float, float, int, float], ...]
    """Per confidence bin: low edge, mean confidence, rows, accuracy of search()'s first result."""
    ece: float
    """Expected calibration error: the row-weighted mean gap between confidence and accuracy."""
    coverage: tuple[Coverage, ...]
    misses: tuple[Miss, ...]
    """Wrong answers, the most confident first."""
    operating_points: tuple[tuple[float, float, float], ...] = ()
    """Per point of :data:`POINTS`: the point, and top-1 and negatives rejected had
    :meth:`match` required that confidence (from the first result of ``search()``)."""


def read_rows(path: Path | str) -> list[Row]:
    """The labelled rows of a TSV file."""
    with Path(path).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [
            Row(
                record["title"],
                frozenset(filter(None, (record["expected_occupation"] or NONE).split("|"))),
                record.get("expected_work_type") or "",
                record["kind"],
                record.get("note") or "",
            )
            for record in reader
        ]


@attrs.frozen
class HeldOut:
    """The test rows that are really held out, and how many were not."""

    rows: tuple[Row, ...]
    dropped: int
    """Test rows whose normalised title is also a development title's."""


def held_out(test: Iterable[Row], development: Iterable[Row], normalise: Callable[[str], str]) -> HeldOut:
    """The test rows whose title, normalised, is no development title (the split is by exact title)."""
    seen = {normalise(row.title) for row in development}
    rows = tuple(test)
    kept = tuple(row for row in rows if normalise(row.title) not in seen)
    return HeldOut(kept, len(rows) - len(kept))


def _answer(found: Match | None) -> str:
    if found is None or found.occupation.status is not Status.NEW:
        return NONE
    return found.occupation.name_zh


def evaluate(matcher: SupportsMatch, rows: Iterable[Row]) -> Report:
    """Match every row and compute the figures."""
    return _evaluate((matcher, row) for row in rows)


def fold_of(key: str, folds: int) -> int:
    """The fold (``0 … folds - 1``) of a row whose (normalised) title is ``key``.

    A digest of the text, not ``hash()``: the same title falls in the same fold in
    every process, and titles that normalise alike share a fold, so no title is
    both fitted on and measured.
    """
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % folds


def cross_validate(
    rows: Sequence[Row],
    fit: Callable[[Sequence[Row]], SupportsMatch],
    *,
    folds: int = 5,
    key: Callable[[str], str] = str,
) -> Report:
    """The figures of rows each measured by a matcher fitted without them.

    The rows are split into ``folds`` parts by a digest of ``key(title)`` (see
    :func:`fold_of`); ``fit`` is given all but one part and returns a matcher,
    which answers the part left out.  The report pools those answers: an
    estimate of how a matcher fitted on all the rows does on titles it has not
    seen, where measuring on the rows it was fitted on flatters it.

    >>> from newocc.coder import Matcher
    >>> rows = [Row("外卖小哥", frozenset({"网约配送员"}), "", "positive", ""),
    ...         Row("会计", frozenset({"NONE"}), "", "negative", "")]
    >>> cross_validate(rows, lambda fitted_on: Matcher(), folds=2).rows
    2
    """
    if folds < 2:
        raise ValueError(f"cross-validation needs at least 2 folds, not {folds}")
    parts: list[list[Row]] = [[] for _ in range(folds)]
    for row in rows:
        parts[fold_of(key(row.title), folds)].append(row)
    pairs: list[tuple[SupportsMatch, Row]] = []
    for number, part in enumerate(parts):
        if not part:
            continue
        matcher = fit([row for other, rest in enumerate(parts) if other != number for row in rest])
        pairs.extend((matcher, row) for row in part)
    return _evaluate(pairs)


def _evaluate(pairs: Iterable[tuple[SupportsMatch, Row]]) -> Report:
    """The figures of rows, each answered by the matcher it is paired with."""
    counts = {"positive": 0, "negative": 0, "ambiguous": 0}
    right = {"positive": 0, "negative": 0, "ambiguous": 0}
    typed = typed_right = untyped = untyped_given = 0
    per_occupation: dict[str, list[int]] = {}
    calibration: list[tuple[float, bool]] = []
    firsts: list[tuple[str, float, bool]] = []
    """Per positive or negative row: its kind, and its first result's confidence and whether
    that result would be right as the answer (0 and False when there is none)."""
    misses: list[Miss] = []
    total = 0
    for matcher, row in pairs:
        total += 1
        found = matcher.match(row.title)
        answer = _answer(found)
        ok = answer in row.expected
        counts[row.kind] = counts.get(row.kind, 0) + 1
        right[row.kind] = right.get(row.kind, 0) + ok
        if row.kind == "positive":
            (occupation,) = row.expected
            tally = per_occupation.setdefault(occupation, [0, 0])
            tally[0] += 1
            tally[1] += ok
            given = found.sub_role.name_zh if found is not None and found.sub_role is not None else ""
            if row.work_type:
                typed += 1
                typed_right += ok and given == row.work_type
            elif ok:
                untyped += 1
                untyped_given += bool(given)
        first = matcher.search(row.title, limit=1)
        if first:
            calibration.append((first[0].confidence, _answer(first[0]) in row.expected))
        if row.kind in ("positive", "negative"):
            first_new = bool(first) and _answer(first[0]) != NONE
            firsts.append(
                (
                    row.kind,
                    first[0].confidence if first_new else 0.0,
                    first_new and _answer(first[0]) in row.expected,
                )
            )
        if not ok:
            misses.append(
                Miss(
                    row.title,
                    row.kind,
                    "|".join(sorted(row.expected)),
                    answer if found is None or answer != NONE else f"NONE ({found.occupation.name_zh})",
                    found.confidence if found is not None else (first[0].confidence if first else 0.0),
                )
            )
    table, ece = _reliability(calibration)
    return Report(
        rows=total,
        positives=counts["positive"],
        negatives=counts["negative"],
        ambiguous=counts["ambiguous"],
        top1=_share(right["positive"], counts["positive"]),
        work_type=_share(typed_right, typed),
        work_types=typed,
        extra_work_type=_share(untyped_given, untyped, empty=0.0),
        rejected=_share(right["negative"], counts["negative"]),
        ambiguous_right=_share(right["ambiguous"], counts["ambiguous"]),
        reliability=table,
        ece=ece,
        coverage=tuple(
            Coverage(name, tally[0], tally[1])
            for name, tally in sorted(per_occupation.items(), key=lambda item: (-item[1][0], item[0]))
        ),
        misses=tuple(sorted(misses, key=lambda m: (-m.confidence, m.title))),
        operating_points=_operating_points(firsts),
    )


def _operating_points(firsts: Sequence[tuple[str, float, bool]]) -> tuple[tuple[float, float, float], ...]:
    table = []
    for point in POINTS:
        positives = [ok and confidence >= point for kind, confidence, ok in firsts if kind == "positive"]
        negatives = [confidence < point for kind, confidence, _ in firsts if kind == "negative"]
        table.append((point, _share(sum(positives), len(positives)), _share(sum(negatives), len(negatives))))
    return tuple(table)


def _share(part: int, whole: int, *, empty: float = 1.0) -> float:
    return part / whole if whole else empty


def _reliability(
    pairs: Sequence[tuple[float, bool]],
) -> tuple[tuple[tuple[float, float, int, float], ...], float]:
    bins: list[list[tuple[float, bool]]] = [[] for _ in range(BINS)]
    for confidence, ok in pairs:
        bins[min(int(confidence * BINS), BINS - 1)].append((confidence, ok))
    table = []
    ece = 0.0
    for number, members in enumerate(bins):
        if not members:
            continue
        mean = sum(c for c, _ in members) / len(members)
        accuracy = sum(ok for _, ok in members) / len(members)
        table.append((number / BINS, mean, len(members), accuracy))
        ece += len(members) / len(pairs) * abs(mean - accuracy)
    return tuple(table), ece


POINTS = tuple(round(0.05 * step, 2) for step in range(8, 17))
"""The operating points a report measures: 0.40, 0.45, … 0.80."""

TARGETS = {"top1": 0.90, "rejected": 0.95, "work_type": 0.85, "ece": 0.05}
"""The targets the coder is measured against (on the frozen test half)."""


def _pct(value: float) -> str:
    return f"{value:.1%}"


def render(
    test: Report,
    development: Report,
    *,
    cross_validated: Report | None = None,
    dropped: int = 0,
    misses: int = 20,
) -> str:
    """The evaluation as Markdown: figures, reliability, coverage and worst misses (for the search page).

    ``cross_validated`` adds a column: the development rows each answered by a
    fit that did not see them (see :func:`cross_validate`).
    """
    reports = [test, development] if cross_validated is None else [test, development, cross_validated]

    def row(name: str, target: str, cell: Callable[[Report], str]) -> str:
        return f"| {name} | {target} | " + " | ".join(cell(r) for r in reports) + " |"

    header = "| figure | target | test (frozen) | development |"
    if cross_validated is not None:
        header += " development, cross-validated |"
    lines = [
        header,
        "|---|---|" + "---|" * len(reports),
        row("rows", "", lambda r: str(r.rows)),
        row("top-1 on positives", f"≥ {_pct(TARGETS['top1'])}", lambda r: f"{_pct(r.top1)} ({r.positives})"),
        row(
            "negatives rejected",
            f"≥ {_pct(TARGETS['rejected'])}",
            lambda r: f"{_pct(r.rejected)} ({r.negatives})",
        ),
        row(
            "work type right, where one applies",
            f"≥ {_pct(TARGETS['work_type'])}",
            lambda r: f"{_pct(r.work_type)} ({r.work_types})",
        ),
        row("a work type given where none applies", "", lambda r: _pct(r.extra_work_type)),
        row(
            "ambiguous rows answered acceptably",
            "",
            lambda r: f"{_pct(r.ambiguous_right)} ({r.ambiguous})",
        ),
        row("expected calibration error", f"≤ {TARGETS['ece']:.2f}", lambda r: f"{r.ece:.3f}"),
        "",
    ]
    if dropped:
        lines += [
            f"{dropped} test rows are left out: their titles normalise to a development title "
            "(the split is by exact title), so they are not held out.",
            "",
        ]
    if cross_validated is not None:
        lines += [
            "### Operating points (development, cross-validated)",
            "",
            "What `match()` would do at each confidence it could require: the default is chosen "
            "from this table, never from the test half.",
            "",
            "| operating point | top-1 on positives | negatives rejected |",
            "|---|---|---|",
        ]
        lines += [
            f"| {point:.2f} | {_pct(top1)} | {_pct(rejected)} |"
            for point, top1, rejected in cross_validated.operating_points
        ]
        lines.append("")
    lines += [
        "### Reliability (test)",
        "",
        "| confidence | rows | mean confidence | observed accuracy |",
        "|---|---|---|---|",
    ]
    for low, mean, count, accuracy in test.reliability:
        lines.append(f"| {low:.1f}–{low + 1 / BINS:.1f} | {count} | {mean:.2f} | {accuracy:.2f} |")
    lines += [
        "",
        "### Per occupation (test positives)",
        "",
        "| occupation | positives | right |",
        "|---|---|---|",
    ]
    lines += [f"| {c.occupation} | {c.positives} | {c.right} |" for c in test.coverage]
    lines += [
        "",
        f"### Worst misses (test: the {misses} most confident wrong answers)",
        "",
        "| title | kind | expected | answered | confidence |",
        "|---|---|---|---|---|",
    ]
    for miss in test.misses[:misses]:
        title = miss.title.replace("|", "/")
        lines.append(f"| {title} | {miss.kind} | {miss.expected} | {miss.answered} | {miss.confidence:.2f} |")
    return "\n".join(lines) + "\n"
