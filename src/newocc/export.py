"""Export records for other tools: plain dicts, JSON, JSON Lines, CSV and pandas.

Every export carries the data release (``data_version``) and the layout of the
records (``schema_version``, the same number as the data files' layout):

- JSON is an envelope object ``{"data_version", "schema_version", "records"}``.
- JSON Lines and CSV are flat: every line or row repeats ``data_version`` and
  ``schema_version`` as its first two fields, so a row taken alone still says
  where it came from, and no reader has to skip a comment line.

CSV columns are the record's fields, flattened so each cell is one value:

- a nested record is its label (an English name is its text);
- a list is its items' labels joined with ``"; "``: sources by id, work types
  by Chinese name, former codes by code, salary figures as their statistic
  and span, ``"mean 11220-11220 CNY/month 2020"`` (``"median 14000- CNY/month
  2021"`` when the source gives only a lower bound);
  batch dates as ``"formal_notice 2019-04-01"``, estimates as
  ``"demand 1500000 (made 2019)"``, former definitions as ``"edition: text"``,
  facts by topic;
- ``None`` is an empty cell, enums are their values, dates ISO strings.

JSON keeps everything: sources are expanded in full wherever they are cited.
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import io
import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, cast

import attrs
from attrs import AttrsInstance

from newocc import model
from newocc._store import current
from newocc._store.layout import SCHEMA_VERSION
from newocc.errors import InvalidArgument, InvalidArgumentType
from newocc.model import (
    BatchDate,
    EnglishName,
    Estimate,
    Fact,
    FormerCode,
    Occupation,
    SalaryRange,
    Source,
    SubRole,
    Wording,
    cites_by_id,
    span,
)

if TYPE_CHECKING:
    import cattrs
    import pandas

__all__ = ["LIST_SEPARATOR", "flat_rows", "to_csv", "to_frame", "to_json", "to_jsonl", "to_records"]


def __dir__() -> list[str]:
    return list(__all__)


LIST_SEPARATOR = "; "
"""What joins a list's items in one CSV cell."""

_converter: cattrs.Converter | None = None


def _unstructurer() -> cattrs.Converter:
    global _converter
    if _converter is None:
        import cattrs

        converter = cattrs.Converter()
        converter.register_unstructure_hook(dt.date, dt.date.isoformat)
        # The model's enums subclass str, and cattrs passes str subclasses through
        # as they are; registering each enum class by name takes precedence.
        for value in vars(model).values():
            if isinstance(value, type) and issubclass(value, enum.Enum):
                converter.register_unstructure_hook(value, _enum_value)
        _converter = converter
    return _converter


def _enum_value(member: enum.Enum) -> object:
    return member.value


_RECORDS = "an iterable of newocc records such as Occupation"


def _attrs_records(records: object) -> Iterator[AttrsInstance]:
    """The records one at a time, each checked as it comes: a huge iterable fails at its first bad item."""
    if isinstance(records, (str, bytes)) or not isinstance(records, Iterable):
        raise InvalidArgumentType("records", records, _RECORDS)
    for position, item in enumerate(records):
        if not attrs.has(type(item)):
            raise InvalidArgumentType(f"records[{position}]", item, "a newocc record such as Occupation")
        yield item


def to_records(records: Iterable[AttrsInstance]) -> list[dict[str, Any]]:
    """Plain dicts of the given records, ready for ``json.dumps``.

    Works on ``Occupation`` values (and ``Batch`` or any other model record):
    dates become ISO strings, enums their values, and every ``Source`` is
    expanded in full.  Computed properties are not included.

        >>> import newocc
        >>> record = newocc.to_records([newocc.get("4-01-06-02")])[0]
        >>> record["name_zh"], record["batch"], record["sector"]
        ('互联网营销师', 3, 'consumer_services')
        >>> record["salaries"][0]["source"]["publisher"]
        'BOSS直聘研究院'
    """
    converter = _unstructurer()
    return [converter.unstructure(item) for item in _attrs_records(records)]


def _versions() -> dict[str, Any]:
    return {"data_version": current().data_version, "schema_version": SCHEMA_VERSION}


_MAX_INDENT = 16


def to_json(records: Iterable[AttrsInstance], *, indent: int | None = 2) -> str:
    """A JSON envelope: ``{"data_version", "schema_version", "records": [...]}``.

    ``records`` are as :func:`to_records` returns them; non-ASCII text is
    written as is (UTF-8), not escaped.  ``indent`` is None (one line) or
    0 to 16 spaces.
    """
    if indent is not None:
        if isinstance(indent, bool) or not isinstance(indent, int):
            raise InvalidArgumentType("indent", indent, f"None or an int from 0 to {_MAX_INDENT}")
        if not 0 <= indent <= _MAX_INDENT:
            raise InvalidArgument("indent", indent, f"must be None or from 0 to {_MAX_INDENT}")
    envelope = {**_versions(), "records": to_records(records)}
    return json.dumps(envelope, ensure_ascii=False, indent=indent)


def to_jsonl(records: Iterable[AttrsInstance]) -> str:
    """JSON Lines: one record a line, each starting with ``data_version`` and ``schema_version``."""
    versions = _versions()
    lines = [json.dumps({**versions, **record}, ensure_ascii=False) for record in to_records(records)]
    return "".join(line + "\n" for line in lines)


def _label(value: object) -> str:
    if cites_by_id(type(value)):
        # A cell names a source as the data files cite it: by its id.
        return cast(Source, value).id
    if isinstance(value, SubRole):
        return value.name_zh
    if isinstance(value, FormerCode):
        return value.code
    if isinstance(value, EnglishName):
        return value.text
    if isinstance(value, SalaryRange):
        high = "" if value.high is None else value.high
        period = f"{value.currency.value}/{value.period.value}"
        return f"{value.statistic.value} {value.low}-{high} {period} {value.year}"
    if isinstance(value, BatchDate):
        return f"{value.event.value} {value.date.isoformat()}"
    if isinstance(value, Estimate):
        people = span(value.people_low, value.people_high, dash="-")
        horizon = f" by {value.horizon_year}" if value.horizon_year else ""
        return f"{value.kind.value} {people}{horizon} (made {value.year_made})"
    if isinstance(value, Wording):
        return f"{value.edition}: {value.text}"
    if isinstance(value, Fact):
        return value.topic
    if attrs.has(type(value)):
        # A record type added later: its first field is the best short name.
        first = attrs.fields(cast(Any, type(value)))[0].name
        return _label(getattr(value, first))
    cell = _cell(value)
    return "" if cell is None else str(cell)


def _cell(value: object) -> str | int | float | bool | None:
    if isinstance(value, enum.Enum):
        return str(value.value)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (tuple, list, frozenset, set)):
        return LIST_SEPARATOR.join(_label(item) for item in value)
    return _label(value)


def flat_rows(records: Iterable[AttrsInstance]) -> list[dict[str, str | int | float | bool | None]]:
    """One flat dict per record, as the CSV and DataFrame exports lay them out."""
    versions = _versions()
    kind: type | None = None
    rows = []
    for position, item in enumerate(_attrs_records(records)):
        if kind is None:
            kind = type(item)
        elif type(item) is not kind:
            article = "an" if kind.__name__[0] in "AEIOU" else "a"
            expected = (
                f"{article} {kind.__name__} like records[0]: flat exports take one kind of record at a time"
            )
            raise InvalidArgumentType(f"records[{position}]", item, expected)
        row: dict[str, str | int | float | bool | None] = dict(versions)
        for field in attrs.fields(type(item)):
            row[field.name] = _cell(getattr(item, field.name))
        rows.append(row)
    return rows


def to_csv(records: Iterable[AttrsInstance]) -> str:
    """CSV text with a header row; see the module docstring for the columns.

    The first columns of every export:

        >>> import newocc
        >>> newocc.to_csv(newocc.find(batch=3)).splitlines()[0].split(",")[:6]
        ['data_version', 'schema_version', 'code', 'code_sources', 'former_codes', 'name_zh']
    """
    rows = flat_rows(records)
    # With no rows the header still names the columns, as for occupations.
    columns = list(rows[0]) if rows else [*_versions(), *(f.name for f in attrs.fields(Occupation))]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows({key: "" if value is None else value for key, value in row.items()} for row in rows)
    return buffer.getvalue()


def to_frame(records: Iterable[AttrsInstance]) -> pandas.DataFrame:
    """A pandas DataFrame with the CSV's columns (needs ``pip install newocc[pandas]``).

    ``frame.attrs`` holds ``data_version`` and ``schema_version`` too.
    """
    try:
        import pandas
    except ImportError:
        raise ImportError(
            "newocc.to_frame() needs pandas; install it with: pip install 'newocc[pandas]'"
        ) from None
    rows = flat_rows(records)
    frame = pandas.DataFrame(rows)
    frame.attrs.update(_versions())
    return frame
