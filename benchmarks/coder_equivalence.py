"""Check that a change to the coder's mechanics leaves every answer as it was.

Run ``python benchmarks/coder_equivalence.py record FILE`` on the version to
compare against, then ``python benchmarks/coder_equivalence.py compare FILE``
on the changed one.  It writes (or checks) one JSON line per title: for
``search(title, limit=5)`` each result's code, work type, confidence, score
and evidence, and the same for ``classify(title)``, floats to the last bit
(``repr``).  The titles are the first N distinct titles of
``../shared/postings/titles.tsv`` beside the repository, as the other
benchmarks read it (default 30,000; ``NEWOCC_TITLES`` names another file) and
every title of ``tests/eval/real/dev.tsv``.

A speed-up that only changes how the same scores are computed must compare
with zero differences.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TITLES = Path(os.environ.get("NEWOCC_TITLES", ROOT.parent / "shared" / "postings" / "titles.tsv"))
DEV = ROOT / "tests" / "eval" / "real" / "dev.tsv"


def titles(count: int) -> list[str]:
    """The first ``count`` distinct titles of the postings, then the development titles."""
    found: dict[str, None] = {}
    with TITLES.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader)
        for row in reader:
            found.setdefault(row[0])
            if len(found) >= count:
                break
    with DEV.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader)
        for row in reader:
            found.setdefault(row[0])
    return list(found)


def _row(found: Any) -> list[Any] | None:
    if found is None:
        return None
    occupation, evidence = found.occupation, found.evidence
    return [
        occupation.code or occupation.name_zh,
        found.sub_role.name_zh if found.sub_role is not None else None,
        repr(found.confidence),
        repr(found.score),
        evidence.label,
        evidence.kind.value,
        list(evidence.terms),
        evidence.role,
        evidence.role_agrees,
    ]


def answers(title: str) -> dict[str, Any]:
    """What the coder says about one title."""
    from newocc import coder

    return {
        "title": title,
        "search": [_row(found) for found in coder.search(title, limit=5)],
        "classify": _row(coder.classify(title)),
    }


def record(path: Path, count: int) -> None:
    """Write every title's answers to ``path``."""
    with path.open("w", encoding="utf-8") as handle:
        for title in titles(count):
            handle.write(json.dumps(answers(title), ensure_ascii=False) + "\n")


def compare(path: Path) -> int:
    """The number of titles whose answers differ from those recorded in ``path`` (each printed)."""
    differ = 0
    total = 0
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            was = json.loads(line)
            now = answers(was["title"])
            total += 1
            if now != was:
                differ += 1
                if differ <= 20:
                    print(json.dumps({"was": was, "now": now}, ensure_ascii=False))
    print(f"{total:,} titles compared, {differ:,} differ", file=sys.stderr)
    return differ


def main(argv: list[str]) -> int:
    """``record FILE [N]`` or ``compare FILE``."""
    if len(argv) < 2 or argv[0] not in ("record", "compare"):
        print(__doc__, file=sys.stderr)
        return 2
    path = Path(argv[1])
    if argv[0] == "record":
        record(path, int(argv[2]) if len(argv) > 2 else 30_000)
        return 0
    return 1 if compare(path) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
