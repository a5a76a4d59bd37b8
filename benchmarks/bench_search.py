"""Benchmark free-text search: match() latency and match_many() throughput on one core.

Run: ``python benchmarks/bench_search.py [N]`` (N titles per run, default 100,000).
Throughputs are the best and the median of five runs: the best is the
machine's capacity, the median shows how noisy the machine was.

Titles are the labelled evaluation titles, each made unique with posting noise
(a salary figure), so the uncached runs see no repeated string: every title is
normalised and ranked from scratch.  The cached run streams the evaluation
titles again and again, as postings repeat in real feeds.
"""

from __future__ import annotations

import csv
import statistics
import sys
import time
from pathlib import Path

import newocc
from newocc import _normalise, matching

TITLES = Path(__file__).resolve().parents[1] / "tests/eval/titles.csv"


def base_titles() -> list[str]:
    with TITLES.open(encoding="utf-8", newline="") as handle:
        return [row["title"] for row in csv.DictReader(handle)]


def unique_titles(count: int) -> list[str]:
    bases = base_titles()
    return [f"{bases[n % len(bases)]} {n // len(bases)}元/天" for n in range(count)]


ROUNDS = 5


def describe(rates: list[float]) -> str:
    return f"best {max(rates):,.0f} titles/s, median {statistics.median(rates):,.0f}"


def clear_caches() -> None:
    matching._match.cache_clear()
    _normalise._normalise.cache_clear()


def main(count: int) -> None:
    start = time.perf_counter()
    newocc.match("外卖小哥")
    print(f"first call (load catalogue, aliases, build index): {(time.perf_counter() - start) * 1e3:.1f} ms")

    titles = unique_titles(count)
    clear_caches()
    latencies = []
    for title in titles[:20_000]:
        began = time.perf_counter_ns()
        newocc.match(title)
        latencies.append(time.perf_counter_ns() - began)
    latencies.sort()
    print(
        f"match() uncached latency: median {statistics.median(latencies) / 1e3:.1f} µs, "
        f"p99 {latencies[int(len(latencies) * 0.99)] / 1e3:.1f} µs"
    )

    rates = []
    for _ in range(ROUNDS):
        clear_caches()
        began = time.perf_counter()
        matched = sum(result is not None for result in newocc.match_many(titles))
        rates.append(count / (time.perf_counter() - began))
    print(f"match_many() uncached: {describe(rates)} ({matched:,} of {count:,} matched)")

    repeated = (base_titles() * (count // len(base_titles()) + 1))[:count]
    rates = []
    for _ in range(ROUNDS):
        began = time.perf_counter()
        for _ in newocc.match_many(repeated):
            pass
        rates.append(count / (time.perf_counter() - began))
    print(f"match_many() cached (repeated titles): {describe(rates)}")

    began = time.perf_counter()
    for title in titles[:20_000]:
        newocc.search(title, limit=5)
    elapsed = time.perf_counter() - began
    print(f"search(limit=5), normalisation cached: {20_000 / elapsed:,.0f} titles/s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
