"""Benchmark the title coder on real posting titles: first call, unique titles, a repeating stream.

Run: ``python benchmarks/bench_search.py [N] [--rounds R] [--against SRC]``
(N unique titles, default 20,000; R rounds, default 3).  With ``--against``,
every measurement is also made with the sources under SRC (another checkout's
``src``, for example the commit before a change), the two interleaved round by
round so both see the same machine load; the report gives both medians and
their ratio (this tree's ÷ the other's).

Titles are ``../shared/postings/titles.tsv`` (198,474 distinct real posting titles
with their counts), or the file named by ``NEWOCC_TITLES``.

- first call: ``import newocc; newocc.match(...)`` in a fresh interpreter,
  median of five per round, split into the store's part (the catalogue and the
  dictionary, loaded for any first query) and the coder's (its index snapshot,
  its lexicon, the first ranking).  Modules are compiled to byte code first, as a
  wheel install leaves them;
- unique titles: ``match_many`` over the first N distinct titles of the file (its
  most frequent first), every one normalised and ranked from scratch, in a fresh
  process;
- stream: the same N titles expanded by their posting counts and shuffled with a
  fixed seed, as postings repeat in a real feed, through the same warm matcher
  (the repeats are answered from its caches), the median of five passes (one
  pass is a fraction of a second, at the mercy of a moment's load);
- memory: that process's peak resident set size after both runs.

Each timed run starts after a full garbage collection: a collection falling due
would cost the stream (a few hundred thousand cached look-ups, a fraction of a
second) more than anything else in it.  The collections during a run are part
of its time.

Wall-clock and CPU time are both given: on a shared machine CPU time depends
less on the load.
"""

from __future__ import annotations

import argparse
import compileall
import csv
import gc
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TITLES = Path(os.environ.get("NEWOCC_TITLES", ROOT.parent / "shared" / "postings" / "titles.tsv"))
FIRST_CALLS = 5
STREAM_PASSES = 5


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


def _clocks() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _since(began: tuple[float, float]) -> tuple[float, float]:
    wall, cpu = _clocks()
    return wall - began[0], cpu - began[1]


def first_call() -> dict[str, float]:
    """In a fresh interpreter: milliseconds of the store's and the coder's parts of a first match()."""
    began = _clocks()
    import newocc
    from newocc._store import current, dictionary

    current()
    dictionary()
    store = _since(began)
    newocc.match("直播招聘师")
    whole = _since(began)
    return {
        "wall": whole[0] * 1e3,
        "cpu": whole[1] * 1e3,
        "store wall": store[0] * 1e3,
        "store cpu": store[1] * 1e3,
        "coder wall": (whole[0] - store[0]) * 1e3,
        "coder cpu": (whole[1] - store[1]) * 1e3,
    }


def throughput(count: int) -> dict[str, float]:
    """In a fresh interpreter: a matcher's construction, unique titles and the stream."""
    from newocc import coder
    from newocc._store import current, dictionary

    current()
    dictionary()
    began = _clocks()
    matcher = coder.Matcher()
    built = _since(began)
    sample = titles(count)
    unique = [title for title, _ in sample]
    gc.collect()
    began = _clocks()
    matched = sum(found is not None for found in matcher.match_many(unique))
    wall, cpu = _since(began)
    stream = [title for title, times in sample for _ in range(times)]
    random.Random(0).shuffle(stream)
    gc.collect()  # a full collection the unique titles left due would be most of this short run
    passes = []
    for _ in range(STREAM_PASSES):
        began = _clocks()
        for _ in matcher.match_many(stream):
            pass
        passes.append(_since(began))
    stream_wall = statistics.median(wall for wall, _ in passes)
    stream_cpu = statistics.median(cpu for _, cpu in passes)
    return {
        "Matcher() ms": built[0] * 1e3,
        "unique/s": len(unique) / wall,
        "unique/CPU s": len(unique) / cpu,
        "µs per unique title": wall / len(unique) * 1e6,
        "matched": matched,
        "stream postings": len(stream),
        "stream/s": len(stream) / stream_wall,
        "stream/CPU s": len(stream) / stream_cpu,
        "peak RSS MiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _run(source: Path, *args: str) -> dict[str, float]:
    environment = {**os.environ, "PYTHONPATH": str(source)}
    environment.pop("PYTHONDONTWRITEBYTECODE", None)  # read the byte code compiled below
    output = subprocess.run(
        [sys.executable, __file__, "--worker", *args],
        capture_output=True,
        text=True,
        check=True,
        env=environment,
    ).stdout
    result: dict[str, float] = json.loads(output)
    return result


def _report(label: str, runs: dict[str, list[dict[str, float]]], keys: list[str], fmt: str) -> None:
    names = list(runs)
    header = " | ".join(names)
    ratio = " | this ÷ other" if len(names) == 2 else ""
    print(f"\n| {label} | {header}{ratio} |")
    print("|---" * (len(names) + 1 + (1 if ratio else 0)) + "|")
    for key in keys:
        medians = [statistics.median(run[key] for run in runs[name]) for name in names]
        cells = " | ".join(format(value, fmt) for value in medians)
        extra = f" | {medians[0] / medians[1]:.2f}×" if ratio and medians[1] else ""
        print(f"| {key} | {cells}{extra} |")


def main() -> None:
    """Interleave the measurements of each source tree and print Markdown tables of medians."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("count", nargs="?", type=int, default=20_000, help="unique titles")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--against", type=Path, help="another tree of sources (a checkout's src) to compare")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        kind, *rest = args.worker
        result = first_call() if kind == "first" else throughput(int(rest[0]))
        print(json.dumps(result))
        return
    trees = {"this tree": ROOT / "src"}
    if args.against is not None:
        trees[f"{args.against}"] = args.against.resolve()
    for tree in trees.values():
        compileall.compile_dir(str(tree / "newocc"), quiet=1)
        _run(tree, "first")  # warm the file-system caches and the byte code
    first: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
    speed: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
    for number in range(args.rounds):
        order = list(trees.items()) if number % 2 == 0 else list(reversed(trees.items()))
        for name, tree in order:
            first[name].extend(_run(tree, "first") for _ in range(FIRST_CALLS))
            speed[name].append(_run(tree, "throughput", str(args.count)))
        print(f"round {number + 1} of {args.rounds} done", file=sys.stderr)
    print(f"{args.count:,} unique titles, {args.rounds} rounds; load average {os.getloadavg()[0]:.1f}")
    _report(
        "first match(), ms (median)",
        first,
        ["wall", "cpu", "store wall", "store cpu", "coder wall", "coder cpu"],
        ".0f",
    )
    _report(
        "match_many (median)",
        speed,
        ["Matcher() ms", "unique/s", "unique/CPU s", "µs per unique title", "stream/s", "stream/CPU s"],
        ",.0f",
    )
    _report("memory (median)", speed, ["peak RSS MiB"], ".0f")


if __name__ == "__main__":
    main()
