"""Hypothesis strategies for tests of code that uses newocc.

Needs Hypothesis (``pip install 'newocc[testing]'``); ``import newocc`` never
imports this module.

The record strategies build values that keep the catalogue's invariants:
dashed codes, ``0 < low <= high`` salaries whose span fits their statistic,
at least one source for every fact, salary figures naming only the record's
own work types, estimates that look ahead, skills facts that list skills.  Fields are
read from the attrs model, so an optional field added later is filled from
its type (or left at its default) without changing this module.

    >>> from hypothesis import given
    >>> from newocc.testing import occupations
    >>> @given(occupations())
    ... def test_every_occupation_has_a_source(occupation):
    ...     assert occupation.sources
    >>> test_every_occupation_has_a_source()

:func:`find_arguments` draws valid keyword arguments for
:func:`newocc.find` from the packaged catalogue.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from typing import Any, TypeVar, cast

try:
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover - depends on the environment
    raise ImportError(
        "newocc.testing needs Hypothesis; install it with: pip install 'newocc[testing]'"
    ) from None

import attrs

from newocc._check import check_positive_int
from newocc.errors import InvalidArgument, InvalidArgumentType
from newocc.model import (
    CODE_PATTERN,
    MAXIMUM,
    MINIMUM,
    Batch,
    BatchDate,
    EnglishName,
    Estimate,
    Fact,
    FactKind,
    FormerCode,
    Occupation,
    Percentile,
    SalaryRange,
    Sector,
    Source,
    Statistic,
    Status,
    SubRole,
)
from newocc.query import batches as _catalogue_batches
from newocc.query import occupations as _catalogue_occupations
from newocc.query import sectors as _sectors

__all__ = [
    "batch_dates",
    "batches",
    "codes",
    "english_names",
    "estimates",
    "facts",
    "find_arguments",
    "former_codes",
    "occupations",
    "salary_ranges",
    "sources",
    "sub_roles",
]


def __dir__() -> list[str]:
    return list(__all__)


T = TypeVar("T")

_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
_DATES = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2035, 12, 31))


def _text(min_size: int = 1, max_size: int = 20) -> st.SearchStrategy[str]:
    # Printable, and not blank: the validator rejects blank names.
    alphabet = st.characters(categories=("L", "N", "P", "Zs"))
    return st.text(alphabet, min_size=min_size, max_size=max_size).filter(
        lambda s: s.strip() == s and s != ""
    )


def _chinese(max_size: int = 10) -> st.SearchStrategy[str]:
    return st.text(_CJK, min_size=2, max_size=max_size)


def _english(max_size: int = 30) -> st.SearchStrategy[str]:
    words = st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12)
    return st.lists(words, min_size=1, max_size=4).map(" ".join).filter(lambda s: len(s) <= max_size)


def codes() -> st.SearchStrategy[str]:
    """Dashed occupation codes such as ``4-01-06-02`` (the model's ``CODE_PATTERN``)."""
    return st.from_regex(f"^{CODE_PATTERN}$", fullmatch=True)


def _within(
    cls: type, name: str, *, low: int | None = None, high: int | None = None
) -> st.SearchStrategy[int]:
    """Ints within the bounds the model states for ``cls.name``, narrowed to ``low``–``high`` where given.

    The bounds are the field's facts (its attrs metadata), as the loader and the
    JSON Schema read them; ``high`` keeps drawn figures plausible, not only valid.
    """
    field = attrs.fields_dict(cast(Any, cls))[name]
    minimum, maximum = field.metadata.get(MINIMUM), field.metadata.get(MAXIMUM)
    least = max(x for x in (minimum, low) if x is not None) if (minimum, low) != (None, None) else None
    most = min(x for x in (maximum, high) if x is not None) if (maximum, high) != (None, None) else None
    return st.integers(least, most)


def _from_type(tp: Any) -> st.SearchStrategy[Any]:
    """A strategy for a field type, for fields no rule below names."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return st.one_of([_from_type(arg) for arg in typing.get_args(tp)])
    if origin is tuple:
        return st.lists(_from_type(typing.get_args(tp)[0]), max_size=3).map(tuple)
    if tp is type(None):
        return st.none()
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return st.sampled_from(list(tp))
    if tp is Source:
        return sources()
    if tp is str:
        return _text()
    if tp is dt.date:
        return _DATES
    if attrs.has(tp):
        return _records(tp, {})
    return st.from_type(tp)


def _records(cls: type[T], rules: dict[str, st.SearchStrategy[Any]]) -> st.SearchStrategy[T]:
    """``cls`` built field by field: ``rules`` first, then each field's type.

    A field with a default that no rule names keeps its default, so a new
    optional field cannot break an invariant this module does not know.
    """
    hints = typing.get_type_hints(cls)
    kwargs: dict[str, st.SearchStrategy[Any]] = {}
    for field in attrs.fields(cast(Any, cls)):
        if field.name in rules:
            kwargs[field.name] = rules[field.name]
        elif field.default is attrs.NOTHING:
            kwargs[field.name] = _from_type(hints[field.name])
    return st.builds(cls, **kwargs)


def _cited() -> st.SearchStrategy[tuple[Source, ...]]:
    return st.lists(sources(), min_size=1, max_size=3, unique_by=lambda s: s.id).map(tuple)


def sources() -> st.SearchStrategy[Source]:
    """Sources with a slug id, a publisher, and a URL or a title (or both)."""
    slug = st.text("abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=20)
    url = st.builds("https://{}.example.org/{}".format, slug, slug)
    return _records(
        Source,
        {
            "id": slug,
            "publisher": _text(),
            "title": st.none() | _text(),
            "url": st.none() | url,
            "published": st.none() | _DATES,
        },
    ).filter(lambda s: bool(s.url or s.title))


def english_names() -> st.SearchStrategy[EnglishName]:
    """English names with at least one source."""
    return _records(EnglishName, {"text": _english(), "sources": _cited()})


def former_codes() -> st.SearchStrategy[FormerCode]:
    """Codes printed before the 2022 dictionary, with the edition and a source."""
    return _records(FormerCode, {"code": codes(), "edition": _text(), "sources": _cited()})


def sub_roles(batch: int | None = None) -> st.SearchStrategy[SubRole]:
    """Work types with a Chinese name and at least one source.

    ``introduced_in`` is ``batch`` or None.
    """
    if batch is not None:
        check_positive_int("batch", batch)
    return _records(
        SubRole,
        {
            "name_zh": _chinese(),
            "name_en": st.none() | _english(),
            "introduced_in": st.none() if batch is None else st.sampled_from([None, batch]),
            "sources": _cited(),
        },
    )


def _attribution() -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(_text(), max_size=3, unique=True).map(tuple)


def _spans(statistic: Statistic) -> st.SearchStrategy[tuple[int, int | None, tuple[Percentile, ...]]]:
    """``(low, high, percentiles)`` that fit ``statistic``."""
    low = _within(SalaryRange, "low", high=200_000)
    if statistic is Statistic.FIGURE:
        return low.map(lambda n: (n, n, ()))
    if statistic is Statistic.LOWER_BOUND:
        return low.map(lambda n: (n, None, ()))
    if statistic is Statistic.RANGE:
        return low.flatmap(lambda n: st.integers(n + 1, max(n + 1, 400_000)).map(lambda h: (n, h, ())))
    if statistic is Statistic.PERCENTILES:
        ranks = st.lists(_within(Percentile, "rank"), min_size=1, max_size=5, unique=True).map(sorted)
        values = st.lists(_within(Percentile, "value", high=400_000), min_size=5, max_size=5).map(sorted)

        def table(pair: tuple[list[int], list[int]]) -> tuple[int, int | None, tuple[Percentile, ...]]:
            chosen = pair[1][: len(pair[0])]
            rows = tuple(Percentile(rank=r, value=v) for r, v in zip(pair[0], chosen, strict=True))
            return (rows[0].value, rows[-1].value, rows)

        return st.tuples(ranks, values).map(table)

    # A mean: one number, a span the source gives, or a lower bound; a median: no span.
    def shape(pair: tuple[int, int | None]) -> tuple[int, int | None, tuple[Percentile, ...]]:
        base, extra = pair
        return (base, None if extra is None else base + extra, ())

    spans = st.integers(0, 200_000) if statistic is Statistic.MEAN else st.just(0)
    return st.tuples(low, st.none() | st.just(0) | spans).map(shape)


def salary_ranges(role_names: tuple[str, ...] = ()) -> st.SearchStrategy[SalaryRange]:
    """Salary figures whose span fits their statistic, with a plausible year and a source.

    ``0 < low <= high`` (or no high bound); a ``PERCENTILES`` figure lists
    rising percentiles whose extremes are ``low`` and ``high``.  ``sub_role``
    is None or one of ``role_names``.
    """
    if isinstance(role_names, (str, bytes)) or not isinstance(role_names, tuple):
        raise InvalidArgumentType("role_names", role_names, "a tuple of work type names")
    for position, name in enumerate(role_names):
        if not isinstance(name, str):
            raise InvalidArgumentType(f"role_names[{position}]", name, "a str")

    @st.composite
    def build(draw: st.DrawFn) -> SalaryRange:
        statistic = draw(st.sampled_from(list(Statistic)))
        low, high, percentiles = draw(_spans(statistic))
        rules = {
            "low": st.just(low),
            "high": st.just(high),
            "year": _within(SalaryRange, "year", high=2035),
            "population": _text(),
            "source": sources(),
            "region": st.none() | _text(),
            "sub_role": (st.none() | st.sampled_from(role_names)) if role_names else st.none(),
            "proxy": st.booleans(),
            "statistic": st.just(statistic),
            "percentiles": st.just(percentiles),
            "note": st.none() | _text(),
            "attribution": _attribution(),
        }
        return draw(_records(SalaryRange, rules))

    return build()


def estimates() -> st.SearchStrategy[Estimate]:
    """Head-count estimates with ``0 < people_low <= people_high`` that look ahead, and a source."""

    @st.composite
    def build(draw: st.DrawFn) -> Estimate:
        low = draw(_within(Estimate, "people_low", high=100_000_000))
        made = draw(_within(Estimate, "year_made", high=2035))
        rules = {
            "people_low": st.just(low),
            "people_high": st.integers(low, max(low, 200_000_000)),
            "year_made": st.just(made),
            "horizon_year": st.none() | st.integers(made, made + 15),
            "scope": _text(),
            "source": sources(),
            "note": st.none() | _text(),
            "proxy": st.booleans(),
            "attribution": _attribution(),
        }
        return draw(_records(Estimate, rules))

    return build()


def facts() -> st.SearchStrategy[Fact]:
    """Reported facts with wording, a positive value if any, and a source; skills facts list skills."""

    @st.composite
    def build(draw: st.DrawFn) -> Fact:
        kind = draw(st.sampled_from(list(FactKind)))
        items = st.lists(_text(), min_size=1 if kind is FactKind.SKILLS else 0, max_size=4, unique=True)
        rules = {
            "kind": st.just(kind),
            "topic": _text(),
            "text": _text(),
            "period": _text(),
            "population": _text(),
            "source": sources(),
            "value": st.none() | _within(Fact, "value", high=10**9),
            "unit": st.none() | _text(),
            "items": items.map(tuple),
            "attribution": _attribution(),
            "note": st.none() | _text(),
        }
        return draw(_records(Fact, rules))

    return build()


def batch_dates() -> st.SearchStrategy[BatchDate]:
    """Dated batch events with at least one source."""
    return _records(BatchDate, {"date": _DATES, "sources": _cited()})


def batches(number: int | None = None) -> st.SearchStrategy[Batch]:
    """Batches with at least one date, ``0 < listed_count <= official_count`` and sources."""
    if number is not None:
        check_positive_int("number", number)

    @st.composite
    def build(draw: st.DrawFn) -> Batch:
        num = number if number is not None else draw(st.integers(1, 20))
        official = draw(_within(Batch, "official_count", high=40))
        listed = draw(st.integers(1, official))
        rules = {
            "number": st.just(num),
            "title_zh": st.none() | _chinese(30),
            "notice_number": st.none() | _text(),
            "official_count": st.just(official),
            "listed_count": st.just(listed),
            "dates": st.lists(batch_dates(), min_size=1, max_size=3).map(tuple),
            "unplaced_work_types": st.lists(
                sub_roles(num).map(lambda r: attrs.evolve(r, introduced_in=num)),
                max_size=2,
                unique_by=lambda r: r.name_zh,
            ).map(tuple),
            "sources": _cited(),
            "note": (st.none() | _text()) if listed == official else _text(),
        }
        return draw(_records(Batch, rules))

    return build()


def occupations(batch_numbers: tuple[int, ...] = (1, 2, 3, 4)) -> st.SearchStrategy[Occupation]:
    """Occupations that keep the catalogue's and the dictionary's invariants.

    ``batch`` (for new ones), ``raised_in`` (for raised ones) and the sub-roles'
    ``introduced_in`` are drawn from ``batch_numbers``; a code comes with its
    sources; former codes differ from the code; host records have work types.
    ``Status.ESTABLISHED`` ones (the rest of the 2022 dictionary) have a code,
    no batch, no sector, and work types no batch introduced.
    """
    if isinstance(batch_numbers, (str, bytes)) or not isinstance(batch_numbers, tuple):
        raise InvalidArgumentType("batch_numbers", batch_numbers, "a tuple of batch numbers")
    if not batch_numbers:
        raise InvalidArgument("batch_numbers", batch_numbers, "must name at least one batch")
    for position, number in enumerate(batch_numbers):
        check_positive_int(f"batch_numbers[{position}]", number)

    @st.composite
    def build(draw: st.DrawFn) -> Occupation:
        status = draw(st.sampled_from(list(Status)))
        established = status is Status.ESTABLISHED
        batch = draw(st.sampled_from(batch_numbers))
        code = draw(codes() if established else st.none() | codes())
        name = draw(_chinese())
        roles = draw(
            st.lists(
                sub_roles(None if established else batch).filter(lambda r: r.name_zh != name),
                min_size=1 if status is Status.HOST else 0,
                max_size=4,
                unique_by=lambda r: r.name_zh,
            )
        )
        role_names = tuple(r.name_zh for r in roles)
        definition = draw(st.none() | _chinese(60))
        rules = {
            "code": st.just(code),
            "code_sources": st.just(()) if code is None else _cited(),
            "former_codes": st.lists(
                former_codes().filter(lambda f: f.code != code), max_size=2, unique_by=lambda f: f.code
            ).map(tuple),
            "name_zh": st.just(name),
            "name_en": st.none() | english_names(),
            "batch": st.just(batch if status is Status.NEW else None),
            "status": st.just(status),
            "definition_zh": st.just(definition),
            "sector": st.none() if established else st.sampled_from(list(Sector)),
            "definition_sources": st.just(()) if definition is None else _cited(),
            "definition_edition": st.none() if definition is None else _text(),
            "sub_roles": st.just(tuple(roles)),
            "salaries": st.lists(salary_ranges(role_names), max_size=3).map(tuple),
            "sources": _cited(),
            "raised_in": st.just(batch if status is Status.RAISED else None),
            "note": st.none() | _text(),
            "talent_gaps": st.lists(estimates(), max_size=1).map(tuple),
            "facts": st.lists(facts(), max_size=1).map(tuple),
        }
        return draw(_records(Occupation, rules))

    return build()


def find_arguments() -> st.SearchStrategy[dict[str, Any]]:
    """Valid keyword arguments for :func:`newocc.find`, drawn from the packaged data.

    Every keyword of ``find`` is drawn (or left out): ``batch`` as one number
    or a list, tuple or set of them; ``sector`` as a member or its value;
    ``salary`` as an ordered pair; ``sub_role`` as a work type's Chinese or
    English name (one of an older occupation only with ``related=True``);
    ``text`` as a piece of a Chinese name or the start of an English word;
    ``digital``, ``green`` and ``related`` as booleans.  Every value is one
    ``find`` accepts; the combination may match nothing.
    ``scope`` and ``group`` are drawn too, and a work type is drawn only
    together with a scope that holds it.
    """
    from newocc.query import Scope

    known = [b.number for b in _catalogue_batches()]
    records = _catalogue_occupations(related=True)
    every = _catalogue_occupations(scope=Scope.DICTIONARY)
    roles = sorted({r.name_zh for o in every for r in o.sub_roles})
    holders = {r.name_zh: o.status for o in every for r in o.sub_roles}
    groups = sorted({code for o in every for code in (o.major_group, o.middle_group, o.small_group) if code})
    chinese_parts = {o.name_zh[i : i + 2] for o in records for i in range(len(o.name_zh) - 1)}
    english_parts = {
        word[:size]
        for o in records
        if o.name_en
        for word in o.name_en.text.split()
        for size in (2, 3)
        if len(word) >= size
    }
    numbers = st.sampled_from(known)
    salary = st.tuples(st.integers(0, 50_000), st.integers(0, 50_000)).map(lambda pair: tuple(sorted(pair)))
    optional: dict[str, st.SearchStrategy[Any]] = {
        "batch": numbers
        | st.lists(numbers, min_size=1, max_size=3)
        | st.lists(numbers, min_size=1, max_size=3).map(tuple)
        | st.frozensets(numbers, min_size=1, max_size=3),
        "sector": st.sampled_from(_sectors()) | st.sampled_from([s.value for s in _sectors()]),
        "salary": salary,
        "text": st.sampled_from(sorted(chinese_parts)) | st.sampled_from(sorted(english_parts)),
        "digital": st.booleans(),
        "green": st.booleans(),
        "group": st.sampled_from(groups),
        "related": st.booleans(),
        "scope": st.sampled_from(list(Scope)) | st.sampled_from([s.value for s in Scope]),
    }
    if roles:
        optional["sub_role"] = st.sampled_from(roles)

    def valid(kwargs: dict[str, Any]) -> bool:
        scope = Scope(kwargs["scope"]) if "scope" in kwargs else None
        if kwargs.get("related") and scope not in (None, Scope.RELATED):
            return False  # related=True is scope="related"; the two may not disagree
        if scope is None:
            scope = Scope.RELATED if kwargs.get("related") else Scope.NEW
        if "sub_role" not in kwargs or scope is Scope.DICTIONARY:
            return True
        # A work type is valid only in a scope that holds its occupation.
        status = holders[kwargs["sub_role"]]
        return status is Status.NEW or (scope is Scope.RELATED and status is not Status.ESTABLISHED)

    return st.fixed_dictionaries({}, optional=optional).filter(valid)
