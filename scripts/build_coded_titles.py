"""Write ``src/newocc/data/coded_titles.json``: the development titles as the coder's memory.

Coders that merge the official list with previously coded titles do best.
The titles are the development half of the labelled real posting titles
(``tests/eval/real/dev.tsv``) — never the frozen test half.  A positive row is
coded with its new occupation (and work type); a negative row with the older
occupation its ``dictionary_code`` gives, when it has one; ambiguous rows and
negatives without a code are left out (they say no single answer).

Each title cites the repository file of scraped postings it was seen in: the
``source`` column of ``../shared/postings/titles.tsv`` and that file's commit
in ``files.tsv``.  Those files are the sources of ``posting_sources.json``
(ids ``postings-…``), apart from ``sources.json`` because only the title coder
reads them.  Run after any
change to the development titles, then ``scripts/build_coder_index.py`` and
``scripts/calibrate.py``::

    python scripts/build_coded_titles.py

``tests/test_coded_titles.py`` checks the file codes exactly the development
rows :func:`coded_rows` selects.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "tests" / "eval" / "real" / "dev.tsv"
DATA = ROOT / "src" / "newocc" / "data"
POSTINGS = ROOT.parent / "shared" / "postings"
PREFIX = "postings-"
"""The ids of the sources this script writes."""


def _records(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)


def coded_rows(dev: Path = DEV) -> list[tuple[str, str, str, str | None]]:
    """``(title, code, occupation name, work type)`` of each development row the memory holds, in order."""
    from newocc._store import dictionary
    from newocc.model import Status

    whole = dictionary()
    by_name = {o.name_zh: o for o in whole.occupations if o.status is Status.NEW}
    rows = []
    for record in _records(dev):
        title, kind = record["title"], record["kind"]
        if kind == "positive":
            (name,) = record["expected_occupation"].split("|")
            occupation = by_name[name]
            assert occupation.code is not None, name
            rows.append((title, occupation.code, name, record["expected_work_type"] or None))
        elif kind == "negative" and record["dictionary_code"]:
            older = whole.by_code[record["dictionary_code"]]
            if older.status is Status.NEW:
                raise SystemExit(f"{title!r}: a negative coded with the new occupation {older.name_zh}")
            rows.append((title, record["dictionary_code"], older.name_zh, None))
    return rows


def _source_id(file: str) -> str:
    return PREFIX + hashlib.blake2b(file.encode("utf-8"), digest_size=5).hexdigest()


def _sources(files: set[str]) -> list[dict[str, object]]:
    """A source for each ``owner/repo:path``, at the commit of its version with the most rows."""
    best: dict[str, dict[str, str]] = {}
    for record in _records(POSTINGS / "files.tsv"):
        file = f"{record['repo']}:{record['path']}"
        if file not in files:
            continue
        held = best.get(file)
        key = (int(record["rows_kept"]), record["commit_date"], record["commit"])
        if held is None or key > (int(held["rows_kept"]), held["commit_date"], held["commit"]):
            best[file] = record
    missing = files - best.keys()
    if missing:
        raise SystemExit(f"files.tsv has no row for {sorted(missing)[:3]}")
    return [
        {
            "id": _source_id(file),
            "publisher": f"{record['repo']} (GitHub)",
            "kind": "secondary_copy",
            "title": f"{record['path']}: scraped job postings, commit {record['commit'][:7]} "
            f"(column {record['column']}); the title as posted, coded by newocc",
            "url": f"https://github.com/{record['repo']}/blob/{record['commit']}/{record['path']}",
            "published": record["commit_date"],
        }
        for file, record in sorted(best.items(), key=lambda item: _source_id(item[0]))
    ]


def main() -> None:
    """Write ``coded_titles.json`` and ``posting_sources.json``."""
    seen_in = {record["title"]: record["source"] for record in _records(POSTINGS / "titles.tsv")}
    rows = coded_rows()
    absent = [title for title, *_ in rows if title not in seen_in]
    if absent:
        raise SystemExit(f"not in titles.tsv: {absent[:3]}")
    coded = [
        {
            "title": title,
            "code": code,
            "occupation": name,
            "work_type": work_type,
            "sources": [_source_id(seen_in[title])],
        }
        for title, code, name, work_type in rows
    ]
    sources = _sources({seen_in[title] for title, *_ in rows})
    lines = ",\n".join("  " + json.dumps(row, ensure_ascii=False) for row in coded)
    texts = {
        DATA / "coded_titles.json": f"[\n{lines}\n]\n",
        DATA / "posting_sources.json": json.dumps(sources, ensure_ascii=False, indent=2) + "\n",
    }
    for path, text in texts.items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
