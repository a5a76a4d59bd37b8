"""Tagging throughput: match_frame on one core, with Dask on all cores, and `newocc tag` on a CSV.

The stream is the real posting titles of ../shared/postings/titles.tsv, each
repeated as many times as it was posted (518,414 rows, 198,474 distinct),
shuffled with a fixed seed, then repeated to reach ``--rows`` (10 M).

- One core: ``match_frame`` over chunks of ``--chunk`` rows, in this process.
- Dask: the same chunks as partitions, tagged by the recipe of
  docs/howto/tagging.md (``map_partitions(newocc.match_frame)``, then
  ``optimize()`` so that each partition is one task) with the process
  scheduler, on a pool of ``--workers`` spawned processes (default: every
  core) that outlives the runs, one partition handed out at a time
  (``chunksize=1``).  Each worker reads the titles itself, so this process
  never holds the 10 M rows; the tags are counted where they are made.
- Dask, ``compute()`` alone: the same without ``optimize()``, warm only.
  Dask's ``compute()`` does not fuse a partition's steps, so every step's
  result (a partition of titles, then of tags) is pickled back to this
  process and out again: the cost the recipe's ``optimize()`` removes.
- ``newocc tag``: the 518,414 rows as a GB18030 CSV, tagged by the command.

The first run of each kind is "cold": its processes start with empty caches,
so every distinct title is matched once per process.  Then ``--rounds`` warm
rounds run the same stream again in the same processes, one core and Dask in
turn, and the table shows each one's median.  Peak memory is the peak resident
set of this process (one core) or of the largest worker (Dask); "added" is its
growth while tagging.  CPU seconds are summed over the processes that tag
(for Dask, this process's scheduling too), so "rows per CPU s" does not
depend on what else the machine runs.  "Speed-up" compares wall-clock time
with the one-core run of the same kind, on a machine that other jobs may
share; "on free cores" is ``workers`` × Dask's rows per CPU s ÷ one core's:
the speed-up when every worker has a core to itself (the scheduler keeps
them all busy while partitions remain).  Results print as a Markdown table.

    python benchmarks/bench_tag.py                       # ~15 minutes on 2 cores
    python benchmarks/bench_tag.py --rows 2000000 --skip-cli --rounds 1
"""

from __future__ import annotations

import argparse
import concurrent.futures
import csv
import functools
import multiprocessing
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

# The shared folder beside the repository's folder.
TITLES = Path(__file__).resolve().parents[2] / "shared" / "postings" / "titles.tsv"
SEED = 20250722
HEADER = ("id", "职位名称", "城市")


@functools.lru_cache(maxsize=1)
def stream(path: str) -> list[str]:
    """The posting titles, each as often as it was posted, shuffled with a fixed seed."""
    with Path(path).open(encoding="utf-8", newline="") as file:
        rows = csv.reader(file, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(rows)
        titles = [title for title, count, _ in rows for _ in range(int(count))]
    random.Random(SEED).shuffle(titles)
    return titles


@functools.lru_cache(maxsize=1)
def _base(size: int, path: str) -> Any:
    import pandas

    titles = stream(path)
    # The stream repeated far enough that a chunk starting anywhere in it is one slice.
    return pandas.Series(titles * (1 + -(-size // len(titles))), dtype="str")


def chunk(number: int, size: int, path: str) -> Any:
    """Rows ``number * size`` to ``(number + 1) * size`` of the repeated stream: a slice of a Series."""
    start = (number * size) % len(stream(path))
    return _base(size, path).iloc[start : start + size]


def write_postings(path: Path, titles: Iterable[str], encoding: str = "gb18030") -> None:
    """A CSV of postings as a spreadsheet exports them: an id, the title (职位名称), a city."""
    with path.open("w", encoding=encoding, errors="replace", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows((n, title, "深圳") for n, title in enumerate(titles))


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


Result = dict[str, Any]


def one_core(rows: int, size: int, path: str, start_rss: float) -> Result:
    """One run of ``match_frame`` over the stream's chunks, in this process."""
    import newocc

    started, cpu = time.perf_counter(), time.process_time()
    matched = 0
    for number in range(rows // size):
        matched += int(newocc.match_frame(chunk(number, size, path))["code"].notna().sum())
    return {
        "seconds": time.perf_counter() - started,
        "cpu": time.process_time() - cpu,
        "matched": matched,
        "rss": peak_rss_mib(),
        "added": peak_rss_mib() - start_rss,
    }


def _start_worker(size: int, path: str) -> None:
    """Each worker loads the coder and its share of the stream before any timing."""
    import newocc

    newocc.match("warm the index")
    chunk(0, size, path)


def _worker_usage(barrier: Any) -> tuple[int, float, float]:
    """This worker's process id, CPU seconds so far and peak RSS.

    Every worker waits at the barrier, so each of the pool's workers answers exactly once.
    """
    barrier.wait(timeout=600)
    return os.getpid(), time.process_time(), peak_rss_mib()


class Workers:
    """A pool of spawned worker processes that outlives the runs, and their CPU and memory."""

    def __init__(self, workers: int, size: int, path: str) -> None:
        # Spawned, not forked: a worker must not inherit this process's warm caches.
        context = multiprocessing.get_context("spawn")
        self.manager = context.Manager()
        self.barrier = self.manager.Barrier(workers)
        self.workers = workers
        self.pool = concurrent.futures.ProcessPoolExecutor(
            workers, mp_context=context, initializer=_start_worker, initargs=(size, path)
        )
        self.usage = self._usage()  # every worker started and loaded before timing
        self.start_rss = max(rss for _, rss in self.usage.values())

    def _usage(self) -> dict[int, tuple[float, float]]:
        answers = self.pool.map(_worker_usage, [self.barrier] * self.workers)
        return {pid: (cpu, rss) for pid, cpu, rss in answers}

    def since(self) -> tuple[float, float]:
        """The workers' CPU seconds since the last call, and the largest worker's peak RSS."""
        usage = self._usage()
        assert usage.keys() == self.usage.keys(), "a worker was replaced"
        cpu = sum(cpu - self.usage[pid][0] for pid, (cpu, _) in usage.items())
        self.usage = usage
        return cpu, max(rss for _, rss in usage.values())

    def close(self) -> None:
        self.pool.shutdown()
        self.manager.shutdown()


def with_dask(rows: int, size: int, path: str, workers: Workers, *, fuse: bool = True) -> Result:
    """One run of the Dask recipe over the same partitions, on the pool's workers."""
    import dask.dataframe as dd
    import pandas

    import newocc

    titles = dd.from_map(
        chunk, range(rows // size), size=size, path=path, meta=pandas.Series([], dtype="str")
    )
    # The recipe: one frame of tags per partition (here counted rather than collected).
    tags = titles.map_partitions(newocc.match_frame, meta=newocc.match_frame([]))
    matched = tags["code"].count()
    if fuse:
        matched = matched.optimize()
    workers.since()
    started, driver = time.perf_counter(), time.process_time()
    count = int(matched.compute(scheduler="processes", pool=workers.pool, chunksize=1))
    elapsed, driver = time.perf_counter() - started, time.process_time() - driver
    cpu, peak = workers.since()
    return {
        "seconds": elapsed,
        "cpu": cpu + driver,
        "driver": driver,
        "matched": count,
        "rss": peak,
        "added": peak - workers.start_rss,
    }


def _high_water_mib(pid: int) -> float:
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return 0.0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def command_line(path: str) -> Result:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_before = children.ru_utime + children.ru_stime
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "postings.csv"
        write_postings(source, stream(path))
        started = time.perf_counter()
        output = f"{folder}/out.csv"
        command = subprocess.Popen(
            [sys.executable, "-m", "newocc", "tag", str(source), "-c", HEADER[1], "-qo", output]
        )
        # The child's own high-water mark, read while it runs: getrusage would report the
        # memory of this (forked) process too.
        peak = 0.0
        while command.poll() is None:
            peak = max(peak, _high_water_mib(command.pid))
            time.sleep(0.05)
        elapsed = time.perf_counter() - started
        if command.returncode:
            sys.exit(f"newocc tag failed with exit code {command.returncode}")
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = children.ru_utime + children.ru_stime - cpu_before
    return {"seconds": elapsed, "cpu": cpu, "rss": peak}


def median(results: list[Result]) -> Result:
    """Each figure's median over the rounds."""
    return {key: statistics.median(result[key] for result in results) for key in results[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000, help="rows per run (default: 10 M)")
    parser.add_argument(
        "--chunk", type=int, default=100_000, help="rows per match_frame call / partition (default: 100,000)"
    )
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="Dask worker processes")
    parser.add_argument("--rounds", type=int, default=3, help="warm rounds, one core and Dask in turn")
    parser.add_argument("--titles", type=Path, default=TITLES, help=f"the posting titles (default: {TITLES})")
    parser.add_argument("--skip-cli", action="store_true", help="leave out the newocc tag run")
    parser.add_argument("--skip-unfused", action="store_true", help="leave out Dask's compute() alone")
    args = parser.parse_args()
    if not args.titles.exists():
        sys.exit(f"{args.titles} is missing: give the shared postings' titles.tsv with --titles")
    path, size, workers = str(args.titles), args.chunk, args.workers
    rows = args.rows - args.rows % size

    import dask
    import pandas

    import newocc

    print(
        f"{platform.system()}, Python {platform.python_version()}, {os.cpu_count()} cores, pandas "
        f"{pandas.__version__}, Dask {dask.__version__}; newocc {newocc.__version__}, data "
        f"{newocc.DATA_VERSION}; {len(stream(path)):,} posted titles ({len(set(stream(path))):,} "
        f"distinct), {rows:,} rows per run in chunks of {size:,}; load {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    newocc.match("warm the index")  # the catalogue and label index load once, outside the timing
    chunk(0, size, path)
    start_rss = peak_rss_mib()
    pool = Workers(workers, size, path)
    loads = [os.getloadavg()[0]]
    try:
        single_cold = one_core(rows, size, path, start_rss)
        print(f"one core, cold: {single_cold['seconds']:.1f} s", file=sys.stderr, flush=True)
        dask_cold = with_dask(rows, size, path, pool)
        print(f"Dask, cold: {dask_cold['seconds']:.1f} s", file=sys.stderr, flush=True)
        singles, dasks, unfused = [], [], []
        for number in range(args.rounds):
            loads.append(os.getloadavg()[0])
            singles.append(one_core(rows, size, path, start_rss))
            dasks.append(with_dask(rows, size, path, pool))
            seconds = singles[-1]["seconds"], dasks[-1]["seconds"]
            print(
                f"round {number + 1}: one core {seconds[0]:.1f} s, Dask {seconds[1]:.1f} s", file=sys.stderr
            )
        loads.append(os.getloadavg()[0])
        if not args.skip_unfused:  # last: it passes every partition through this process
            unfused.append(with_dask(rows, size, path, pool, fuse=False))
            print(f"Dask, compute() alone: {unfused[0]['seconds']:.1f} s", file=sys.stderr)
    finally:
        pool.close()
    single_warm, dask_warm = median(singles), median(dasks)

    print(
        "\n| how | run | rows | seconds | rows/s | CPU s | rows/CPU s | peak RSS MiB | added MiB "
        "| speed-up | on free cores |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    dask_name = f"Dask, {workers} processes"
    table = [
        ("`match_frame`, one core", "cold", single_cold, single_cold, 1),
        ("`match_frame`, one core", f"warm ×{len(singles)}", single_warm, single_warm, 1),
        (dask_name, "cold", dask_cold, single_cold, workers),
        (dask_name, f"warm ×{len(dasks)}", dask_warm, single_warm, workers),
    ]
    if unfused:
        table.append((f"{dask_name}, `compute()` alone", "warm", unfused[0], single_warm, workers))
    for name, run, result, base, cores in table:
        free = cores * float(base["cpu"]) / float(result["cpu"])
        print(
            f"| {name} | {run} | {rows:,} | {result['seconds']:.1f} | {rows / result['seconds']:,.0f} "
            f"| {result['cpu']:.1f} | {rows / result['cpu']:,.0f} | {result['rss']:.0f} "
            f"| {result['added']:.0f} "
            f"| {base['seconds'] / result['seconds']:.2f}× | {free:.2f}× |"
        )
    if not args.skip_cli:
        count = len(stream(path))
        result = command_line(path)
        print(
            f"| `newocc tag`, GB18030 CSV | cold | {count:,} | {result['seconds']:.1f} "
            f"| {count / result['seconds']:,.0f} | {result['cpu']:.1f} "
            f"| {count / result['cpu']:,.0f} | {result['rss']:.0f} | — | — | — |"
        )
    matched = {result["matched"] for result in [single_cold, *singles, dask_cold, *dasks, *unfused]}
    assert len(matched) == 1, f"the runs disagree on the rows matched: {matched}"
    print(f"\nmatched: {matched.pop():,} of {rows:,} rows in every run")
    scheduling = [("cold", dask_cold), ("warm", dask_warm), *(("compute() alone", r) for r in unfused)]
    print(
        "Dask's scheduling (this process) used CPU: "
        + ", ".join(f"{run} {r['driver']:.2f} s" for run, r in scheduling)
    )
    print(
        "load average (1 min) before, between rounds and after:", ", ".join(f"{load:.1f}" for load in loads)
    )
    print(f"date: {time.strftime('%Y-%m-%d %H:%M %Z')}")


if __name__ == "__main__":
    # Run as the importable module bench_tag, so the worker processes unpickle its
    # functions by reference (cloudpickle copies a __main__ function with fresh globals
    # for every task, which would reread the titles each time).
    sys.path.insert(0, str(Path(__file__).parent))
    import bench_tag

    bench_tag.main()
