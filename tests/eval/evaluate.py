"""Score ``newocc.match`` on the self-written titles in ``titles.csv``: a regression check only.

The real evaluation is on posting titles (``tests/eval/real``, see docs/search.md).
These titles were written by the same hand as the first aliases, so held-out rows
that are leaks are not scored: a held-out title that is, normalised, an alias or a
title of the tuned part.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import attrs

import newocc

TITLES = Path(__file__).with_name("titles.csv")


@attrs.frozen
class Row:
    title: str
    occupation: str
    sub_role: str
    group: str
    style: str


@attrs.frozen
class Scores:
    positives: int
    negatives: int
    top1: float
    """Share of positives whose best match is the expected occupation (and clears the threshold)."""
    sub_role_accuracy: float
    """Share of correctly matched positives whose work type is also right (None when expected None)."""
    rejected: float
    """Share of negatives with no match."""
    precision: float
    """Share of matches returned that are right."""
    misses: tuple[str, ...]
    false_matches: tuple[str, ...]


def _all_rows() -> list[Row]:
    with TITLES.open(encoding="utf-8", newline="") as handle:
        return [Row(**record) for record in csv.DictReader(handle)]


def leaks() -> set[str]:
    """Held-out titles that are aliases or tuned titles, normalised."""
    from newocc._store import vocabulary
    from newocc.coder import default

    normalise = default().normalise
    loaded = _all_rows()
    seen = {normalise(alias.text) for alias in vocabulary().aliases}
    seen.update(normalise(row.title) for row in loaded if row.style != "held-out")
    return {row.title for row in loaded if row.style == "held-out" and normalise(row.title) in seen}


def rows() -> Iterator[Row]:
    """The scored rows: every row but the leaked held-out ones."""
    leaked = leaks()
    for row in _all_rows():
        if row.title not in leaked:
            yield row


def evaluate(style: str | None = None) -> Scores:
    """Match every row (or only the rows of one ``style``) and score the answers."""
    positives = negatives = right = right_role = rejected = returned = 0
    misses: list[str] = []
    false_matches: list[str] = []
    for row in rows():
        if style is not None and row.style != style:
            continue
        found = newocc.match(row.title)
        if found is not None:
            returned += 1
        if row.group == "negative":
            negatives += 1
            if found is None:
                rejected += 1
            else:
                false_matches.append(f"{row.title} -> {found!r}")
            continue
        positives += 1
        if found is not None and found.occupation.name_zh == row.occupation:
            right += 1
            role = found.sub_role.name_zh if found.sub_role else ""
            right_role += role == row.sub_role
            if role != row.sub_role:
                misses.append(f"{row.title} -> {found!r} (work type {row.sub_role or None})")
        else:
            misses.append(f"{row.title} -> {found!r} (want {row.occupation})")
    return Scores(
        positives=positives,
        negatives=negatives,
        top1=right / positives if positives else 1.0,
        sub_role_accuracy=right_role / right if right else 1.0,
        rejected=rejected / negatives if negatives else 1.0,
        precision=right / returned if returned else 1.0,
        misses=tuple(misses),
        false_matches=tuple(false_matches),
    )


def report() -> None:
    """Print the scores per style and overall, then every miss."""
    styles = sorted({row.style for row in rows()})
    print("| titles | positives | negatives | top-1 | work type | negatives rejected | precision |")
    print("|---|---|---|---|---|---|---|")
    for style in (*styles, None):
        s = evaluate(style)
        print(
            f"| {style or 'all'} | {s.positives} | {s.negatives} | {s.top1:.1%} | {s.sub_role_accuracy:.1%} "
            f"| {s.rejected:.1%} | {s.precision:.1%} |"
        )
    overall = evaluate()
    for line in (*overall.misses, *overall.false_matches):
        print(line)


if __name__ == "__main__":
    report()
