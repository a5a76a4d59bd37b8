"""A full plain-text description of one occupation, for ``newocc show``.

Fields are walked from the attrs model, so a field added to ``Occupation``
shows up without touching this module; the groups the code belongs to follow
the code.  Sources are cited as ``[n]`` and
listed in full at the end, once each.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any, cast

import attrs

from newocc._store import current
from newocc.model import Occupation, SalaryRange, Source

__all__ = ["describe"]

_LABELS = {
    "name_zh": "name",
    "name_en": "English name",
    "definition_zh": "definition",
    "sub_roles": "sub-roles",
    "former_codes": "former codes",
    "code_sources": "code sources",
    "raised_in": "raised in batch",
    "dictionary_name_zh": "dictionary name",
}


class _Citations:
    def __init__(self) -> None:
        self.order: dict[str, tuple[int, Source]] = {}

    def cite(self, sources: tuple[Source, ...]) -> str:
        marks = []
        for source in sources:
            if source.id not in self.order:
                self.order[source.id] = (len(self.order) + 1, source)
            marks.append(f"[{self.order[source.id][0]}]")
        return "".join(marks)

    def lines(self) -> list[str]:
        result = []
        for number, source in self.order.values():
            parts = [f"{source.publisher} ({source.kind.value})"]
            parts += [str(part) for part in (source.title, source.url, source.published) if part]
            result.append(f"  [{number}] " + " — ".join(parts))
        return result


def _scalar(value: object) -> str:
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        # A nested list (percentiles, attribution, items): its entries in one line.
        return "; ".join(repr(item) if attrs.has(type(item)) else _scalar(item) for item in value)
    return str(value)


def _sources_in(value: object) -> tuple[Source, ...] | None:
    if isinstance(value, Source):
        return (value,)
    if isinstance(value, tuple) and value and all(isinstance(item, Source) for item in value):
        return value
    return None


def _salary_head(salary: SalaryRange) -> str:
    amount = (
        f"{salary.low}+"
        if salary.high is None
        else (f"{salary.low}" if salary.low == salary.high else f"{salary.low}–{salary.high}")
    )
    return f"{salary.statistic.value} {amount} {salary.currency.value}/{salary.period.value}, {salary.year}"


# Fields a headline already states, per record type.
_HEADLINES: dict[type, tuple[Callable[[object], str], frozenset[str]]] = {
    SalaryRange: (
        lambda s: _salary_head(s),  # type: ignore[arg-type]
        frozenset({"low", "high", "currency", "period", "year", "statistic"}),
    ),
}


def _inline(record: object, citations: _Citations) -> str:
    """One line for a nested record: its first field, the rest in brackets, then citations."""
    fields = attrs.fields(cast(Any, type(record)))
    headline, used = _HEADLINES.get(type(record), (None, frozenset({fields[0].name})))
    head = headline(record) if headline else _scalar(getattr(record, fields[0].name))
    extras, marks = [], ""
    for field in fields:
        value = getattr(record, field.name)
        cited = _sources_in(value)
        if cited is not None:
            marks += citations.cite(cited)
        elif field.name in used or value is None or value == () or value is False:
            continue
        else:
            extras.append(f"{field.name.replace('_', ' ')}: {_scalar(value)}")
    extra = f" ({'; '.join(extras)})" if extras else ""
    return f"{head}{extra} {marks}".rstrip()


def _value(name: str, value: object, citations: _Citations) -> list[str]:
    cited = _sources_in(value)
    if cited is not None:
        return [citations.cite(cited)]
    if value is None or value == ():
        return ["—"]
    if isinstance(value, tuple):
        return ["", *(f"  - {_value_line(item, citations)}" for item in value)]
    if name == "batch" and isinstance(value, int):
        return [_batch_line(value)]
    return [_value_line(value, citations)]


def _value_line(value: object, citations: _Citations) -> str:
    return _inline(value, citations) if attrs.has(type(value)) else _scalar(value)


def _batch_line(number: int) -> str:
    for batch in current().batches:
        if batch.number == number:
            return f"{number} (released {batch.released.isoformat()})"
    return str(number)


def _groups_line(occupation: Occupation, citations: _Citations) -> str:
    """The group codes from major to small, the named ones with their names and sources."""
    from newocc._store import dictionary

    named = dictionary().group_by_code
    parts = []
    for code in (occupation.major_group, occupation.middle_group, occupation.small_group):
        group = named.get(code or "")
        parts.append(f"{code} {group.name_zh} {citations.cite(group.sources)}" if group else str(code))
    return " › ".join(parts)


def describe(occupation: Occupation) -> str:
    """Every field of ``occupation``, one per line, with its sources listed at the end."""
    citations = _Citations()
    english = f" ({occupation.name_en.text})" if occupation.name_en else ""
    lines = [f"{occupation.code or '—'}  {occupation.name_zh}{english}", ""]
    fields = attrs.fields(type(occupation))
    width = max(len(_LABELS.get(f.name, f.name)) for f in fields) + 2
    for field in fields:
        label = _LABELS.get(field.name, field.name.replace("_", " "))
        first, *rest = _value(field.name, getattr(occupation, field.name), citations)
        lines.append(f"{label + ':':<{width}}{first}".rstrip())
        lines += rest
        if field.name == "code" and occupation.code is not None:
            lines.append(f"{'groups:':<{width}}{_groups_line(occupation, citations)}")
    lines += ["", "sources:", *citations.lines()]
    return "\n".join(lines)
