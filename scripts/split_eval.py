"""Split labelled real posting titles into a development part and a frozen test part.

Run once per batch of new labels:

    python scripts/split_eval.py LABELS.tsv [LABELS.tsv ...]
    python scripts/split_eval.py --dev-only LABELS.tsv [LABELS.tsv ...]
    python scripts/split_eval.py --test-only LABELS.tsv [LABELS.tsv ...]

Rows are grouped by (kind, expected occupation); inside a group they are
ordered by the SHA-256 of the title and dealt alternately (one running count
per kind) to test and dev, so
the split is reproducible, balanced per occupation and independent of the
coder.  Titles already in either part keep their place: the test part only
ever grows, and a title never moves between parts.  The test part is never
used to tune anything (tests/test_eval_split.py checks it shares no title
with the development part, the aliases or the lexicon).

``--dev-only`` puts every new row in the development part: for a batch drawn
by what the coder answers (titles it accepts, or nearly does), which would
tilt the frozen test towards the coder's own choices if it were dealt there.
Its titles must not normalise to a test title (the evaluation test checks).

``--test-only`` puts every new row in the frozen test part: for a batch drawn
independently of the coder and labelled blind, kept whole as held-out titles.
Dealt as usual, its development half would join the coder's memory (every
development title does), which costs speed on every title; a batch whose
memory did not move the cross-validated development figures is worth more
as test titles.  Its titles must not normalise to a development title.
"""

from __future__ import annotations

import csv
import hashlib
import io
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent / "tests" / "eval" / "real"
DEV = HERE / "dev.tsv"
TEST = HERE / "test.tsv"
COLUMNS = ("title", "expected_occupation", "expected_work_type", "kind", "note", "origin", "dictionary_code")


def _read(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    rows = sorted(rows, key=lambda r: (r["kind"], r["expected_occupation"], r["title"]))
    rows = [{key: row.get(key, "") for key in COLUMNS} for row in rows]
    # Rendered whole before the file is opened: a row the format cannot hold
    # fails here, not halfway through rewriting the part.
    text = io.StringIO()
    writer = csv.DictWriter(
        text,
        COLUMNS,
        delimiter="\t",
        quoting=csv.QUOTE_NONE,
        lineterminator="\n",
        extrasaction="ignore",
    )
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(text.getvalue(), encoding="utf-8")


def main(paths: list[str], *, only: str | None = None) -> None:
    """Add the rows of ``paths`` that neither part has yet, and rewrite both parts.

    ``only`` is ``"dev"`` or ``"test"`` to put every new row in that part.
    """
    if only not in (None, "dev", "test"):
        raise ValueError(f"only must be 'dev', 'test' or None, not {only!r}")
    dev, test = _read(DEV), _read(TEST)
    placed = {row["title"] for row in dev + test}
    groups: dict[tuple[str, str], list[dict[str, str]]] = {}
    for path in paths:
        for row in _read(Path(path)):
            if row["title"] in placed:
                continue
            placed.add(row["title"])
            row.setdefault("origin", "")
            row["origin"] = row["origin"] or Path(path).name.replace(".reviewed", "")
            row = {key: (row.get(key) or "").strip() if key != "title" else row["title"] for key in COLUMNS}
            if row["dictionary_code"] == "-":  # the labeller's "says nothing about the work"
                row["dictionary_code"] = ""
            groups.setdefault((row["kind"], row["expected_occupation"]), []).append(row)
    # One running count per kind, so groups of one title alternate too.
    dealt: dict[str, int] = {}
    for key in sorted(groups):
        members = sorted(groups[key], key=lambda r: hashlib.sha256(r["title"].encode()).hexdigest())
        for row in members:
            position = dealt.get(row["kind"], 0)
            dealt[row["kind"]] = position + 1
            dealt_to_test = position % 2 == 0 if only is None else only == "test"
            (test if dealt_to_test else dev).append(row)
    _write(DEV, dev)
    _write(TEST, test)
    print(f"dev: {len(dev)} rows, test: {len(test)} rows")


if __name__ == "__main__":
    arguments = sys.argv[1:]
    flags = {"--dev-only": "dev", "--test-only": "test"}
    chosen = [flags[a] for a in arguments if a in flags]
    if len(chosen) > 1:
        sys.exit("give at most one of --dev-only and --test-only")
    main([a for a in arguments if a not in flags], only=chosen[0] if chosen else None)
