"""How complete the data is, per batch: generated from the data, never typed by hand."""

from __future__ import annotations

from collections.abc import Callable

from newocc._catalogue import current
from newocc.model import Occupation

__all__ = ["coverage_table"]

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
