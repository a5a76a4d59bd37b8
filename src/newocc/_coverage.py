"""Markdown tables of what the data covers, for the documentation site.

The docs build calls these (through ``docs/hooks.py``), so the published
tables always match the packaged data.
"""

from __future__ import annotations

from collections import Counter

from newocc.model import SourceKind

__all__ = ["batch_table", "source_kind_table"]


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
    from newocc._catalogue import current

    counts = Counter(source.kind for source in current().sources)
    lines = ["| kind | sources |", "| --- | ---: |"]
    lines += [f"| `{kind.value}` | {counts.get(kind, 0)} |" for kind in SourceKind]
    return "\n".join(lines)
