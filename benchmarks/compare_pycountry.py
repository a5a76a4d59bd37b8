"""Side-by-side timings of newocc, pycountry and a bare interpreter.

Run from a checkout with the ``bench`` extra installed::

    pip install -e '.[bench]'
    python benchmarks/compare_pycountry.py            # about 30 s
    python benchmarks/compare_pycountry.py --rounds 41

Cold measurements start a fresh interpreter per sample and interleave the
programs, so every ratio compares samples taken in the same run under the same
machine load.  Medians are reported; ratios are ratios of medians.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import os
import statistics
import subprocess
import sys
import time
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

PYTHON = sys.executable

# Each cold program prints its peak resident set (KiB) so memory comes from the same samples.
_RSS = "import resource as _r; print(_r.getrusage(_r.RUSAGE_SELF).ru_maxrss)"
COLD = {
    "bare": "pass",
    "import newocc": "import newocc",
    "import pycountry": "import pycountry",
    "newocc first find()": "import newocc; newocc.find(batch=3, sector='digital', text='工程')",
    # The first answer as issue 13 states it, beside pycountry's first get() below.
    "newocc first find(batch=3)": "import newocc; newocc.find(batch=3)",
    "newocc first get()": "import newocc; newocc.get('4-01-06-02')",
    # A code outside the new occupations: the first get() reads the whole dictionary.
    "newocc first get(), established code": "import newocc; newocc.get('4-02-07-08')",
    "newocc first find(scope=dictionary)": (
        "import newocc; newocc.find(scope='dictionary', group='4-02', text='快递')"
    ),
    "pycountry first get()": "import pycountry; pycountry.countries.get(alpha_2='DE')",
    "pycountry first get(alpha_2='CN')": "import pycountry; pycountry.countries.get(alpha_2='CN')",
}

# In a fresh interpreter, after a first find(): how long the dictionary's own load takes.
_DICTIONARY_LOAD = (
    "import time, newocc, newocc._store as s; newocc.find(); t = time.perf_counter(); s.dictionary(); "
    "print((time.perf_counter() - t) * 1000)"
)

# Modules whose cumulative import cost (-X importtime) the report breaks out.
# (importlib.import_module, used by the package's lazy attributes, is not
# instrumented by -X importtime, so newocc.query has no row of its own.)
PIECES = (
    "typing",
    "inspect",
    "attrs",
    "newocc.model",
    "newocc._store",
    "json",
    "newocc._store.structurers",
    "newocc._store.validate",
    "newocc._store.loader",
    "cattrs",
    "importlib.resources",
    "difflib",
)

TARGETS = {
    "import": 0.25,
    "first answer": 1.0,
    "find3_us": 20.0,
    "get_us": 2.0,
    "search_us": 200.0,
    "match_many_per_s": 100_000.0,
}


def cold(code: str) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one fresh interpreter running ``code``."""
    start = time.perf_counter()
    out = subprocess.run(
        [PYTHON, "-c", f"{code}\n{_RSS}"], capture_output=True, text=True, check=True, env=_env()
    ).stdout
    elapsed = time.perf_counter() - start
    return elapsed, int(out.split()[-1])


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    return env


def import_pieces(rounds: int) -> dict[str, float]:
    """Median cumulative import time (ms) of each module in PIECES on a first find()."""
    samples: dict[str, list[float]] = {name: [] for name in PIECES}
    for _ in range(rounds):
        err = subprocess.run(
            [PYTHON, "-X", "importtime", "-c", COLD["newocc first find()"]],
            capture_output=True,
            text=True,
            check=True,
        ).stderr
        seen: dict[str, float] = {}
        for line in err.splitlines():
            if not line.startswith("import time:") or "|" not in line:
                continue
            _, cumulative, name = (part.strip() for part in line.split(":", 1)[1].split("|"))
            if name in samples and cumulative.isdigit():
                seen[name] = int(cumulative) / 1000
        for name in PIECES:
            samples[name].append(seen.get(name, 0.0))
    return {name: statistics.median(values) for name, values in samples.items()}


def dictionary_load_ms(rounds: int) -> float:
    """Median ms of the dictionary's first load, measured inside fresh interpreters."""
    samples = []
    for _ in range(rounds):
        out = subprocess.run(
            [PYTHON, "-c", _DICTIONARY_LOAD], capture_output=True, text=True, check=True, env=_env()
        ).stdout
        samples.append(float(out.split()[-1]))
    return statistics.median(samples)


def warm(statement: Callable[[], object], seconds: float = 0.3) -> float:
    """Median microseconds per call over several timed repeats."""
    timer = timeit.Timer(statement)
    number, _ = timer.autorange()
    number = max(1, int(number * seconds / 0.2))
    return statistics.median(t / number * 1e6 for t in timer.repeat(repeat=7, number=number))


def newocc_spec_origin() -> str:
    """Where the newocc being measured lives (its __init__.py)."""
    spec = importlib.util.find_spec("newocc")
    if spec is None or spec.origin is None:
        sys.exit("newocc is not importable: pip install -e '.[bench]'")
    return spec.origin


def main() -> None:
    """Run every measurement and print a Markdown report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=21, help="fresh interpreters per program")
    args = parser.parse_args()
    if importlib.util.find_spec("pycountry") is None:  # fail now, not after a minute of cold runs
        sys.exit("pycountry is missing: pip install -e '.[bench]'")

    times: dict[str, list[float]] = {name: [] for name in COLD}
    rss: dict[str, list[int]] = {name: [] for name in COLD}
    # Byte code, as a wheel install leaves it: pip compiles every module it
    # installs (pycountry's, attrs'), but an editable checkout run with
    # PYTHONDONTWRITEBYTECODE=1 would recompile newocc's modules every time.
    compileall.compile_dir(str(Path(newocc_spec_origin()).parent), quiet=1)
    for code in COLD.values():  # warm the file-system caches too
        cold(code)
    for _ in range(args.rounds):
        for name, code in COLD.items():
            elapsed, peak = cold(code)
            times[name].append(elapsed * 1000)
            rss[name].append(peak)
    wall = {name: statistics.median(values) for name, values in times.items()}
    memory = {name: statistics.median(values) / 1024 for name, values in rss.items()}
    bare = wall["bare"]

    import pycountry

    import newocc

    newocc.find()  # load once; the warm figures exclude it
    warm_us = {
        "newocc find(batch, sector, text)": warm(lambda: newocc.find(batch=3, sector="digital", text="工程")),
        "newocc find(batch=(1, 2, 3), salary, text)": warm(
            lambda: newocc.find(batch=(1, 2, 3), salary=(5000, 20000), text="师")
        ),
        "newocc find(batch, sector, salary)": warm(
            lambda: newocc.find(batch=3, sector="digital", salary=(5000, 20000))
        ),
        "newocc get(code)": warm(lambda: newocc.get("4-01-06-02")),
        "newocc get(name)": warm(lambda: newocc.get("互联网营销师")),
        "newocc get(established code)": warm(lambda: newocc.get("4-02-07-08")),
        "newocc find(scope=dictionary, group, text)": warm(
            lambda: newocc.find(scope="dictionary", group="4-02", text="快递")
        ),
        "pycountry countries.get(alpha_2)": warm(lambda: pycountry.countries.get(alpha_2="DE")),
        "newocc search(text), repeated title": warm(lambda: newocc.search("深圳／植保無人機飛手／12-18K")),
        "pycountry search_fuzzy": warm(lambda: pycountry.countries.search_fuzzy("germany"), 0.5),
    }
    search_us, match_many_rate = search_speeds(newocc)
    dictionary_ms = dictionary_load_ms(max(5, args.rounds // 3))
    pieces = import_pieces(max(5, args.rounds // 3))

    def above(name: str) -> float:
        return wall[name] - bare

    import_ratio = above("import newocc") / above("import pycountry")
    first_ratio = above("newocc first find(batch=3)") / above("pycountry first get(alpha_2='CN')")
    find3 = warm_us["newocc find(batch=(1, 2, 3), salary, text)"]
    get_us = warm_us["newocc get(code)"]

    print(f"Python {sys.version.split()[0]} on {sys.platform}; {args.rounds} rounds; medians.\n")
    print("| cold program | wall ms | ms above bare | peak RSS MiB |")
    print("|---|---:|---:|---:|")
    for name in COLD:
        print(f"| `{name}` | {wall[name]:.1f} | {above(name):.1f} | {memory[name]:.1f} |")
    print("\n| in process, after a first find() | ms |\n|---|---:|")
    print(f"| the dictionary's own first load | {dictionary_ms:.1f} |")
    print("\n| warm call | µs per call |")
    print("|---|---:|")
    for name, value in warm_us.items():
        print(f"| {name} | {value:.2f} |")
    print("\n| module (cumulative import, on a first find(); 0 = not imported) | ms |")
    print("|---|---:|")
    for name, value in pieces.items():
        print(f"| `{name}` | {value:.1f} |")

    def verdict(ok: bool) -> str:
        return "met" if ok else "MISSED"

    print("\n| target | measured | verdict |")
    print("|---|---:|---|")
    print(
        f"| `import newocc` ≤ {TARGETS['import']}× `import pycountry` (above bare) "
        f"| {import_ratio:.2f}× | {verdict(import_ratio <= TARGETS['import'])} |"
    )
    print(
        f"| first find(batch=3) ≤ {TARGETS['first answer']}× pycountry import + first get (above bare) "
        f"| {first_ratio:.2f}× | {verdict(first_ratio <= TARGETS['first answer'])} |"
    )
    print(
        f"| warm find() with three criteria ≤ {TARGETS['find3_us']:.0f} µs "
        f"| {find3:.1f} µs | {verdict(find3 <= TARGETS['find3_us'])} |"
    )
    print(
        f"| warm get(code) ≤ {TARGETS['get_us']:.0f} µs | {get_us:.2f} µs "
        f"| {verdict(get_us <= TARGETS['get_us'])} |"
    )
    print(
        f"| search() ≤ {TARGETS['search_us']:.0f} µs (unique titles) | {search_us:.1f} µs "
        f"| {verdict(search_us <= TARGETS['search_us'])} |"
    )
    print(
        f"| match_many ≥ {TARGETS['match_many_per_s']:,.0f} titles/s (unique titles) "
        f"| {match_many_rate:,.0f} | {verdict(match_many_rate >= TARGETS['match_many_per_s'])} |"
    )
    print(
        f"| resident memory after first find(), above bare | "
        f"{memory['newocc first find()'] - memory['bare']:.1f} MiB "
        f"(pycountry: {memory['pycountry first get()'] - memory['bare']:.1f} MiB) | — |"
    )


def search_speeds(newocc: Any) -> tuple[float, float]:
    """search() µs per title and match_many titles per second, every title unique (nothing cached).

    The titles are real posting titles (see ``bench_search.py``), each matcher new.
    """
    sys.path.insert(0, str(Path(__file__).parent))
    from bench_search import titles as real_titles

    titles = [title for title, _ in real_titles(10_000)]
    matcher = newocc.coder.Matcher()
    start = time.perf_counter()
    for title in titles[:2_000]:
        matcher.search(title)
    search_us = (time.perf_counter() - start) / 2_000 * 1e6
    matcher = newocc.coder.Matcher()
    start = time.perf_counter()
    for _ in matcher.match_many(titles):
        pass
    return search_us, len(titles) / (time.perf_counter() - start)


if __name__ == "__main__":
    main()
