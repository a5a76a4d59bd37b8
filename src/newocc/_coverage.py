"""Markdown tables of what the data covers, for the documentation site.

The docs build calls some of these (through ``docs/hooks.py``); the tables of
``docs/coverage.md`` are written into the page between ``<!-- begin: name -->``
and ``<!-- end: name -->`` markers by::

    python -m newocc._coverage docs/coverage.md

and a test checks that the page holds exactly what the data generates, so the
published tables always match the packaged data.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from newocc._store import current, dictionary
from newocc.model import Occupation, SourceKind, Status

__all__ = [
    "PAGE_TABLES",
    "batch_table",
    "coverage_table",
    "dictionary_table",
    "refresh",
    "source_kind_coverage_table",
    "source_kind_table",
    "work_type_table",
]


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def batch_table() -> str:
    """One row per batch: release date, notice, official and listed counts, and its note.

    >>> print(batch_table().splitlines()[2])
    | 1 | 2019-04-01 | 人社厅发〔2019〕48号 | 13 | 13 | yes | The notice number is ... |
    """
    lines = [
        "| batch | released | notice | official count | listed | complete | note |",
        "| ---: | --- | --- | ---: | ---: | --- | --- |",
    ]
    for batch in current().batches:
        cells = [
            str(batch.number),
            batch.released.isoformat(),
            batch.notice_number or "—",
            str(batch.official_count),
            str(batch.listed_count),
            "yes" if batch.complete else "no",
            _escape(batch.note or ""),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def source_kind_table() -> str:
    """How many sources of each kind the data cites, strongest kind first.

    >>> print(source_kind_table().splitlines()[0])
    | kind | sources |
    """
    counts = Counter(source.kind for source in current().sources)
    lines = ["| kind | sources |", "| --- | ---: |"]
    lines += [f"| `{kind.value}` | {counts.get(kind, 0)} |" for kind in SourceKind]
    return "\n".join(lines)


_COLUMNS: tuple[tuple[str, Callable[[Occupation], object]], ...] = (
    ("code", lambda o: o.code),
    ("English name", lambda o: o.name_en),
    ("definition", lambda o: o.definition_zh),
    ("salary", lambda o: o.salaries),
    ("salary, not proxy", lambda o: [s for s in o.salaries if not s.proxy]),
    ("gap or demand estimate", lambda o: o.talent_gaps),
    ("estimate, not proxy", lambda o: [e for e in o.talent_gaps if not e.proxy]),
    ("facts", lambda o: o.facts),
    ("work types", lambda o: o.sub_roles),
)


def coverage_table() -> str:
    """A Markdown table of what the data holds, one row per batch.

    Each row gives the occupations listed against the official count and, for
    each kind of fact, how many of them carry it.
    """
    catalogue = current()
    header = ["batch", "released", "listed / official", *(name for name, _ in _COLUMNS)]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for batch in catalogue.batches:
        members = [o for o in catalogue.new if o.batch == batch.number]
        cells = [str(batch.number), batch.released.isoformat(), f"{len(members)} / {batch.official_count}"]
        cells += [_share(members, has) for _, has in _COLUMNS]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _share(members: list[Occupation], has: Callable[[Occupation], object]) -> str:
    if not members:
        return "—"
    count = sum(1 for o in members if has(o))
    return f"{count}/{len(members)}"


def source_kind_coverage_table() -> str:
    """Per source kind: the pay figures, estimates and facts it backs, and how many new occupations.

    "occupations" counts the new occupations with at least one figure (or
    estimate) from a source of that kind; a total row counts each once.
    """
    catalogue = current()
    new = catalogue.new
    header = [
        "source kind",
        "pay figures",
        "occupations with pay",
        "estimates",
        "occupations with an estimate",
        "facts",
    ]
    lines = ["| " + " | ".join(header) + " |", "| --- |" + " ---: |" * (len(header) - 1)]
    facts = list(catalogue.facts) + [f for o in catalogue.occupations for f in o.facts]
    for kind in SourceKind:
        figures = [s for o in catalogue.occupations for s in o.salaries if s.source.kind is kind]
        estimates = [e for o in catalogue.occupations for e in o.talent_gaps if e.source.kind is kind]
        cells = [
            f"`{kind.value}`",
            str(len(figures)),
            str(sum(1 for o in new if any(s.source.kind is kind for s in o.salaries))),
            str(len(estimates)),
            str(sum(1 for o in new if any(e.source.kind is kind for e in o.talent_gaps))),
            str(sum(1 for f in facts if f.source.kind is kind)),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    totals = [
        "all kinds",
        str(sum(len(o.salaries) for o in catalogue.occupations)),
        f"{sum(1 for o in new if o.salaries)} of {len(new)}",
        str(sum(len(o.talent_gaps) for o in catalogue.occupations)),
        f"{sum(1 for o in new if o.talent_gaps)} of {len(new)}",
        str(len(facts)),
    ]
    lines.append("| " + " | ".join(totals) + " |")
    return "\n".join(lines) + "\n"


def work_type_table() -> str:
    """Per batch that announced new work types: how many, and how many the data names.

    "under a parent" counts work types attached to an occupation's record;
    "parent unknown" those in the batch's ``unplaced_work_types``.
    """
    catalogue = current()
    lines = [
        "| batch | released | announced | listed | under a parent | parent unknown |",
        "| ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    for batch in catalogue.batches:
        if batch.official_work_types is None:
            continue
        placed = sum(1 for o in catalogue.occupations for r in o.sub_roles if r.introduced_in == batch.number)
        cells = [
            str(batch.number),
            batch.released.isoformat(),
            str(batch.official_work_types),
            str(batch.listed_work_types),
            str(placed),
            str(len(batch.unplaced_work_types)),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


_DICTIONARY_COLUMNS: tuple[tuple[str, Callable[[Occupation], object]], ...] = (
    ("new", lambda o: o.status is Status.NEW),
    ("related", lambda o: o.status in (Status.RAISED, Status.HOST)),
    ("established", lambda o: o.status is Status.ESTABLISHED),
    ("definition", lambda o: o.definition_zh),
    ("work types", lambda o: o.sub_roles),
    ("S (digital)", lambda o: o.digital),
    ("L (green)", lambda o: o.green),
)


def dictionary_table() -> str:
    """A Markdown table of the whole 2022 dictionary, one row per major group, then the totals.

    Each row counts the group's occupations, how many are new, related or
    established, and how many carry a definition, work types and each mark.
    """
    table = dictionary()
    header = ["major group", "name", "occupations", *(name for name, _ in _DICTIONARY_COLUMNS)]
    lines = ["| " + " | ".join(header) + " |", "|---|---|" + "---:|" * (len(header) - 2)]
    majors = [g for g in table.groups if g.level == 1]
    for group in majors:
        members = [table.occupations[i] for i in sorted(table.positions_by_group.get(group.code, ()))]
        lines.append(_dictionary_row(group.code, group.name_zh, members))
    lines.append(_dictionary_row("all", "", list(table.occupations)))
    return "\n".join(lines) + "\n"


def _dictionary_row(code: str, name: str, members: list[Occupation]) -> str:
    counts = [str(sum(1 for o in members if has(o))) for _, has in _DICTIONARY_COLUMNS]
    return "| " + " | ".join([code, _escape(name), str(len(members)), *counts]) + " |"


PAGE_TABLES: dict[str, Callable[[], str]] = {
    "coverage table": coverage_table,
    "source kind coverage": source_kind_coverage_table,
    "work types": work_type_table,
    "dictionary table": dictionary_table,
}
"""The tables of ``docs/coverage.md``, by the name in their markers."""


def _block(name: str) -> re.Pattern[str]:
    return re.compile(
        rf"(<!-- begin: {re.escape(name)} -->\n)(.*?)(<!-- end: {re.escape(name)} -->)", re.DOTALL
    )


def refresh(text: str) -> str:
    """``text`` with every marked table replaced by the one the data generates."""
    for name, table in PAGE_TABLES.items():
        found = _block(name).search(text)
        if found is None:
            raise ValueError(f"no '<!-- begin: {name} -->' … '<!-- end: {name} -->' block in the page")
        text = text[: found.start(2)] + table() + text[found.end(2) :]
    return text


if __name__ == "__main__":
    page = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/coverage.md")
    page.write_text(refresh(page.read_text(encoding="utf-8")), encoding="utf-8")
    print(page)
