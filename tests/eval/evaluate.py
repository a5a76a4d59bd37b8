"""Score ``newocc.match`` on the labelled titles in ``titles.csv``."""

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


def rows() -> Iterator[Row]:
    with TITLES.open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            yield Row(**record)


def evaluate() -> Scores:
    positives = negatives = right = right_role = rejected = returned = 0
    misses: list[str] = []
    false_matches: list[str] = []
    for row in rows():
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
        top1=right / positives,
        sub_role_accuracy=right_role / right,
        rejected=rejected / negatives,
        precision=right / returned,
        misses=tuple(misses),
        false_matches=tuple(false_matches),
    )


if __name__ == "__main__":
    scores = evaluate()
    for line in (*scores.misses, *scores.false_matches):
        print(line)
    print(attrs.evolve(scores, misses=(), false_matches=()))
