"""Benchmark the title coder on real posting titles: first call, unique titles, a repeating stream.

Run: ``python benchmarks/bench_search.py [N]`` (N unique titles, default 20,000).

Titles are ``../shared/postings/titles.tsv`` (198,474 distinct real posting titles
with their counts), or the file named by ``NEWOCC_TITLES``.

- first call: ``import newocc; newocc.match(...)`` in a fresh interpreter (the
  catalogue, the dictionary and the coder's index snapshot are loaded), median of 3;
- unique titles: ``match_many`` over the first N distinct titles of the file (its
  most frequent first), every one normalised and ranked from scratch;
- stream: the same N titles expanded by their posting counts and shuffled with a
  fixed seed, as postings repeat in a real feed, through one warm matcher (the
  repeats are answered from its caches);
- memory: the process's peak resident set size after the runs.
"""

from __future__ import annotations

import csv
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

from newocc.coder import Matcher

ROOT = Path(__file__).resolve().parents[1]
TITLES = Path(os.environ.get("NEWOCC_TITLES", ROOT.parent.parent / "shared" / "postings" / "titles.tsv"))
FIRST_CALL = (
    "import time; t = time.perf_counter(); import newocc; newocc.match('直播招聘师'); "
    "print((time.perf_counter() - t) * 1e3)"
)


def titles(count: int) -> list[tuple[str, int]]:
    """The first ``count`` distinct titles of the file, with their posting counts."""
    found: list[tuple[str, int]] = []
    with TITLES.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader)
        for row in reader:
            found.append((row[0], int(row[1])))
            if len(found) >= count:
                break
    return found


def first_call() -> float:
    """Median milliseconds of a first match() in a fresh interpreter."""
    runs = []
    for _ in range(3):
        output = subprocess.run(
            [sys.executable, "-c", FIRST_CALL], capture_output=True, text=True, check=True
        ).stdout
        runs.append(float(output))
    return sorted(runs)[1]


def main(count: int) -> None:
    print(f"first match() in a fresh process: {first_call():.0f} ms (median of 3)")
    began = time.perf_counter()
    matcher = Matcher()
    print(f"Matcher() from the packaged snapshot: {(time.perf_counter() - began) * 1e3:.0f} ms")
    sample = titles(count)
    unique = [title for title, _ in sample]
    began = time.perf_counter()
    matched = sum(found is not None for found in matcher.match_many(unique))
    elapsed = time.perf_counter() - began
    print(
        f"match_many, {len(unique):,} unique titles: {len(unique) / elapsed:,.0f} titles/s "
        f"({elapsed / len(unique) * 1e6:.0f} µs each; {matched:,} matched)"
    )
    stream = [title for title, times in sample for _ in range(times)]
    random.Random(0).shuffle(stream)
    began = time.perf_counter()
    for _ in matcher.match_many(stream):
        pass
    elapsed = time.perf_counter() - began
    print(
        f"match_many, stream of {len(stream):,} postings (warm caches): {len(stream) / elapsed:,.0f} titles/s"
    )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {rss:.0f} MB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
