"""Tagging throughput: match_frame on one core, with Dask on all cores, and `newocc tag` on a CSV.

The stream is the real posting titles of ../shared/postings/titles.tsv, each
repeated as many times as it was posted (518,414 rows, 198,474 distinct),
shuffled with a fixed seed, then repeated to reach ``--rows`` (10 M).

- One core: ``match_frame`` over chunks of ``--chunk`` rows, in this process.
- Dask: the same chunks as partitions, ``map_partitions(newocc.match_frame)``
  on a pool of ``--workers`` processes (default: every core).  Each worker
  reads the titles itself, so the driver never holds the 10 M rows.
- ``newocc tag``: the 518,414 rows as a GB18030 CSV, tagged by the command.

Each run is done twice: "cold" starts with empty caches (every distinct title
is matched once per process), "warm" runs the same stream again in the same
processes.  Peak memory is the peak resident set of this process (one core)
or of the largest worker (Dask); "added" is its growth while tagging.  CPU
seconds are summed over the processes that tag, so "rows per CPU s" does not
depend on what else the machine runs; the speed-up compares wall-clock time
with the one-core run.  Results print as a Markdown table.

    python benchmarks/bench_tag.py                       # ~3 minutes on 2 cores
    python benchmarks/bench_tag.py --rows 2000000 --skip-cli
"""

from __future__ import annotations

import argparse
import concurrent.futures
import csv
import functools
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The shared folder beside the repository's folder.
TITLES = Path(__file__).resolve().parents[2] / "shared" / "postings" / "titles.tsv"
SEED = 20250722


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
def _base(size: int, path: str) -> object:
    import pandas

    titles = stream(path)
    # The stream and its first chunk again, so a chunk that wraps around is one slice.
    return pandas.Series(titles + titles[:size], dtype="str")


def chunk(number: int, size: int, path: str) -> object:
    """Rows ``number * size`` to ``(number + 1) * size`` of the repeated stream: a slice of a Series."""
    start = (number * size) % len(stream(path))
    return _base(size, path).iloc[start : start + size]  # type: ignore[attr-defined]


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


Result = dict[str, float | str]


def one_core(rows: int, size: int, path: str) -> list[Result]:
    import newocc

    newocc.match("warm the index")  # the catalogue and label index load once, outside the timing
    chunk(0, size, path)
    before = peak_rss_mib()
    results: list[Result] = []
    for run in ("cold", "warm"):
        started, cpu = time.perf_counter(), time.process_time()
        matched = 0
        for number in range(rows // size):
            matched += int(newocc.match_frame(chunk(number, size, path))["code"].notna().sum())
        elapsed = time.perf_counter() - started
        results.append(
            {
                "run": run,
                "seconds": elapsed,
                "cpu": time.process_time() - cpu,
                "matched": matched,
                "rss": peak_rss_mib(),
                "added": peak_rss_mib() - before,
            }
        )
    return results


def _worker_usage(_: object) -> tuple[int, float, float]:
    """This worker's process id, CPU seconds so far and peak RSS."""
    time.sleep(0.05)  # so that every worker takes some of the probes
    return os.getpid(), time.process_time(), peak_rss_mib()


def _usage(pool: concurrent.futures.Executor, workers: int) -> dict[int, tuple[float, float]]:
    return {pid: (cpu, rss) for pid, cpu, rss in pool.map(_worker_usage, range(workers * 8))}


def _start_worker(size: int, path: str) -> None:
    import newocc

    newocc.match("warm the index")
    chunk(0, size, path)


def with_dask(rows: int, size: int, workers: int, path: str) -> list[Result]:
    import multiprocessing

    import dask.dataframe as dd
    import pandas

    import newocc

    meta = newocc.match_frame([])
    results: list[Result] = []
    # Spawned, not forked: a worker must not inherit this process's warm caches.
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start_worker, initargs=(size, path)
    ) as pool:
        usage = _usage(pool, workers)  # every worker started before timing
        before = max(rss for _, rss in usage.values())
        for run in ("cold", "warm"):
            titles = dd.from_map(
                chunk, range(rows // size), size=size, path=path, meta=pandas.Series([], dtype="str")
            )
            # The recipe: one frame of tags per partition (here counted rather than collected).
            tags = titles.map_partitions(newocc.match_frame, meta=meta)
            started, driver = time.perf_counter(), time.process_time()
            matched = int(tags["code"].count().compute(scheduler="processes", pool=pool))
            elapsed, driver = time.perf_counter() - started, time.process_time() - driver
            after = _usage(pool, workers)
            cpu = sum(cpu - usage.get(pid, (0.0, 0.0))[0] for pid, (cpu, _) in after.items())
            peak = max(rss for _, rss in after.values())
            usage = after
            results.append(
                {
                    "run": run,
                    "seconds": elapsed,
                    "cpu": cpu,
                    "driver": driver,
                    "matched": matched,
                    "rss": peak,
                    "added": peak - before,
                }
            )
    return results


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
    titles = stream(path)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "postings.csv"
        with source.open("w", encoding="gb18030", errors="replace", newline="") as file:
            writer = csv.writer(file, lineterminator="\n")
            writer.writerow(["id", "职位名称", "城市"])
            writer.writerows((n, title, "深圳") for n, title in enumerate(titles))
        started = time.perf_counter()
        command = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "newocc",
                "tag",
                str(source),
                "-c",
                "职位名称",
                "-q",
                "-o",
                f"{folder}/out.csv",
            ]
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
    return {"run": "cold", "seconds": elapsed, "cpu": cpu, "matched": "", "rss": peak}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000, help="rows per run (default: 10 M)")
    parser.add_argument("--chunk", type=int, default=100_000, help="rows per match_frame call / partition")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="Dask worker processes")
    parser.add_argument("--titles", type=Path, default=TITLES, help=f"the posting titles (default: {TITLES})")
    parser.add_argument("--skip-cli", action="store_true", help="leave out the newocc tag run")
    args = parser.parse_args()
    if not args.titles.exists():
        sys.exit(f"{args.titles} is missing: give the shared postings' titles.tsv with --titles")
    path = str(args.titles)

    import newocc

    rows = args.rows - args.rows % args.chunk
    print(
        f"Python {platform.python_version()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; "
        f"newocc {newocc.__version__}, data {newocc.DATA_VERSION}; {len(stream(path)):,} posted titles "
        f"({len(set(stream(path))):,} distinct), {rows:,} rows per run in chunks of {args.chunk:,}\n",
        flush=True,
    )
    single = one_core(rows, args.chunk, path)
    parallel = with_dask(rows, args.chunk, args.workers, path)
    print(
        "| how | run | rows | seconds | rows/s | CPU s | rows/CPU s | peak RSS MiB | added MiB | speed-up |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, results in (("`match_frame`, one core", single), (f"Dask, {args.workers} processes", parallel)):
        for result, base in zip(results, single, strict=True):
            rate = rows / float(result["seconds"])
            speed_up = float(base["seconds"]) / float(result["seconds"])
            print(
                f"| {name} | {result['run']} | {rows:,} | {result['seconds']:.1f} | {rate:,.0f} "
                f"| {result['cpu']:.1f} | {rows / float(result['cpu']):,.0f} "
                f"| {result['rss']:.0f} | {result['added']:.0f} | {speed_up:.2f}× |"
            )
    if not args.skip_cli:
        count = len(stream(path))
        result = command_line(path)
        print(
            f"| `newocc tag`, GB18030 CSV | cold | {count:,} | {result['seconds']:.1f} "
            f"| {count / float(result['seconds']):,.0f} | {result['cpu']:.1f} "
            f"| {count / float(result['cpu']):,.0f} | {result['rss']:.0f} | — | — |"
        )
    matched = single[0]["matched"]
    driver = ", ".join(f"{result['run']} {result['driver']:.1f} s" for result in parallel)
    print(f"\nmatched: {matched:,} of {rows:,} rows; Dask's scheduler (this process) used CPU: {driver}")
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    # Run as the importable module bench_tag, so the worker processes unpickle its
    # functions by reference (cloudpickle copies a __main__ function with fresh globals
    # for every task, which would reread the titles each time).
    sys.path.insert(0, str(Path(__file__).parent))
    import bench_tag

    bench_tag.main()
