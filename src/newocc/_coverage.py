"""Markdown tables of what the data covers, for the documentation site.

The docs build calls these (through ``docs/hooks.py``), and a test checks the
coverage table in ``docs/coverage.md``, so the published tables always match
the packaged data.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from newocc._store import current, dictionary
from newocc.model import Occupation, SourceKind, Status

__all__ = ["batch_table", "coverage_table", "dictionary_table", "source_kind_table"]


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def batch_table() -> str:
    """One row per batch: release date, notice, official and listed counts, and its note.

    >>> print(batch_table().splitlines()[2])
    | 1 | 2019-04-01 | 人社厅发〔2019〕48号 | 13 | 13 | yes | The notice number is ... |
    """
    from newocc.query import batches

    lines = [
        "| batch | released | notice | official count | listed | complete | note |",
        "| ---: | --- | --- | ---: | ---: | --- | --- |",
    ]
    for batch in batches():
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
    ("gap or demand estimate", lambda o: o.talent_gaps),
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
