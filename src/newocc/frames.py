"""Tag columns of job titles: one row of plain values per title, for pandas, Arrow and the engines.

>>> import newocc
>>> tags = newocc.match_frame(["外卖小哥", "前台接待", "外卖小哥"])
>>> tags[["code", "occupation", "is_new", "evidence_kind"]]
         code occupation  is_new evidence_kind
0  4-10-08-01      网约配送员    True         alias
1        <NA>       <NA>    <NA>          <NA>
2  4-10-08-01      网约配送员    True         alias

:func:`match_frame` returns a pandas DataFrame and :func:`match_table` a
pyarrow Table, both with the columns of :data:`SCHEMA`, one row per title in
input order.  A batch is deduplicated before matching, and each process keeps
the tags of up to :data:`CACHE_SIZE` titles it has seen, so a stream of
repeated titles (as postings are) is tagged at memory speed.  The results
hold only strings, booleans and floats: no ``Match`` objects and nothing of
the per-process label index, so a frame pickles small and crosses process
boundaries (Dask, Spark, multiprocessing) as plain columns.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from newocc._check import MAX_ARGUMENT_CHARS
from newocc.errors import InvalidArgumentType

if TYPE_CHECKING:
    import pandas
    import pyarrow

    from newocc.coder import Match

__all__ = ["CACHE_SIZE", "SCHEMA", "Column", "arrow_schema", "match_frame", "match_table", "tag_titles"]


class Column(NamedTuple):
    """One column of the tag schema: its name, pandas dtype, Arrow and SQL types, and what it holds."""

    name: str
    pandas: str
    arrow: str
    sql: str
    description: str


SCHEMA: tuple[Column, ...] = (
    Column("code", "string", "string", "string", "the occupation's code (4-01-06-02)"),
    Column("occupation", "string", "string", "string", "the occupation's official Chinese name"),
    Column("work_type", "string", "string", "string", "the work type (工种) the title names, if one"),
    Column(
        "is_new", "boolean", "bool", "boolean", "a new occupation (else an older one hosting a new work type)"
    ),
    Column("confidence", "Float64", "double", "double", "how sure the match is, from 0 to 1"),
    Column("evidence_kind", "string", "string", "string", "what matched: alias, official_name, code, …"),
    Column("matched_label", "string", "string", "string", "the name or alias that matched"),
    Column("data_version", "string", "string", "string", "the data release that tagged the row; never null"),
)
"""The columns :func:`match_frame` and :func:`match_table` return, in order.

Every column but ``data_version`` is null where the title matched nothing
(or was missing).  ``pandas`` is the pandas dtype (``"string"`` is
``pandas.StringDtype("python")``; all three are nullable), ``arrow`` the
pyarrow type and ``sql`` the Spark / DuckDB type.
"""

CACHE_SIZE = 1 << 18
"""How many distinct titles a process remembers the tags of; the memory
bound of tagging (about 80 MB when full: the benchmark's 198,474 distinct titles
take 60 MB).  When it is full it starts afresh."""

Row = tuple[str | None, str | None, str | None, bool | None, float | None, str | None, str | None]
"""The tag columns of one title, without ``data_version``."""

_NO_MATCH: Row = (None, None, None, None, None, None, None)


class _Cache:
    """Each title's result number and the distinct results (the first is "no match").

    Only plain values: nothing here refers to the label index or to a Match.
    A batch takes the current cache and keeps it to its end; when one is full,
    the next batch starts a new one, so a batch in another thread never sees
    its numbers change.
    """

    __slots__ = ("lock", "numbers", "results", "titles")

    def __init__(self) -> None:
        self.titles: dict[object, int] = {}
        self.results: list[Row] = [_NO_MATCH]
        self.numbers: dict[Row, int] = {_NO_MATCH: 0}
        self.lock = threading.Lock()

    def number(self, row: Row) -> int:
        """The number of ``row`` in :attr:`results`, added if new."""
        with self.lock:
            number = self.numbers.get(row)
            if number is None:
                number = self.numbers[row] = len(self.results)
                self.results.append(row)
            return number


_cache = _Cache()


def _current_cache() -> _Cache:
    global _cache
    if len(_cache.titles) >= CACHE_SIZE:
        _cache = _Cache()
    return _cache


def _row(found: Match | None) -> Row:
    """The tag columns of one match: the only place that reads a ``Match``."""
    if found is None:
        return _NO_MATCH
    occupation = found.occupation
    return (
        occupation.code,
        occupation.name_zh,
        found.sub_role.name_zh if found.sub_role is not None else None,
        found.is_new,
        found.confidence,
        found.evidence.kind.value,
        found.evidence.label,
    )


def _missing(value: object) -> bool:
    """None, NaN or ``pandas.NA``: a cell with no title."""
    return (
        value is None or (isinstance(value, float) and math.isnan(value)) or type(value).__name__ == "NAType"
    )


def _numbers(titles: list[object]) -> tuple[_Cache, list[int]]:
    """The result number of each title, in order, in the cache returned.

    The titles not cached are deduplicated, then matched in one pass.
    """
    from newocc.coder import match_many

    cache = _current_cache()
    known = cache.titles
    try:
        numbers: list[Any] = list(map(known.get, titles))
    except TypeError:  # an unhashable value
        for position, title in enumerate(titles):
            if getattr(title, "__hash__", None) is None:
                raise InvalidArgumentType(f"titles[{position}]", title, "a str or missing") from None
        raise
    if None not in numbers:
        return cache, numbers
    waiting: dict[str, list[int]] = {}
    for position, number in enumerate(numbers):
        if number is not None:
            continue
        title = titles[position]
        if not isinstance(title, str):
            if not _missing(title):
                raise InvalidArgumentType(f"titles[{position}]", title, "a str or missing")
            numbers[position] = 0
            continue
        # Matching reads no further than this: a longer title is cached by its start.
        key = title[:MAX_ARGUMENT_CHARS]
        number = known.get(key)
        if number is not None:
            numbers[position] = number
        else:
            waiting.setdefault(key, []).append(position)
    for key, found in zip(waiting, match_many(waiting), strict=True):
        number = known[key] = cache.number(_row(found))
        for position in waiting[key]:
            numbers[position] = number
    return cache, numbers


def tag_titles(titles: Iterable[object]) -> list[Row]:
    """The tag columns of each title in order (without ``data_version``); missing titles give nulls.

    The row path of ``newocc tag``: each distinct title is matched once per process.
    """
    cache, numbers = _numbers(titles if isinstance(titles, list) else list(titles))
    results = cache.results
    return [results[number] for number in numbers]


def _encode(titles: object) -> tuple[list[Row], Any, Any]:
    """The results, each title's number into them (a numpy array), and the pandas index if there is one.

    Arrow strings (a pyarrow array, or a pandas column stored in Arrow) are
    deduplicated by pyarrow first; other values are looked up in the cache
    one by one, which is as fast as deduplicating them.
    """
    import numpy

    if isinstance(titles, (str, bytes)):
        raise InvalidArgumentType("titles", titles, "an iterable of titles, not a single str")
    index = None
    arrow: Any = None
    values: list[object] | None = None
    home = type(titles).__module__.partition(".")[0]
    if home == "pandas":
        import pandas

        if isinstance(titles, pandas.DataFrame):
            raise InvalidArgumentType("titles", titles, "a column of titles (a Series), not a DataFrame")
        if isinstance(titles, pandas.Series):
            index = titles.index
            if "pyarrow" in str(getattr(titles.dtype, "storage", "")):
                import pyarrow

                arrow = pyarrow.array(titles.array)
            else:
                values = titles.to_numpy(dtype=object).tolist()
    elif home == "pyarrow":
        arrow = titles
    if arrow is not None:
        return (*_encode_arrow(arrow), index)
    if values is None:
        try:
            values = list(titles)  # type: ignore[call-overload]
        except TypeError:
            raise InvalidArgumentType("titles", titles, "an iterable of titles") from None
    cache, numbers = _numbers(values)
    return cache.results, numpy.asarray(numbers, dtype=numpy.intp), index


def _encode_arrow(array: Any) -> tuple[list[Row], Any]:
    import numpy
    import pyarrow

    if isinstance(array, pyarrow.ChunkedArray):
        array = array.combine_chunks()
    types = pyarrow.types
    kind = array.type.value_type if types.is_dictionary(array.type) else array.type
    view = getattr(types, "is_string_view", None)  # pyarrow 16 and later
    if not (types.is_string(kind) or types.is_large_string(kind) or (view is not None and view(kind))):
        raise InvalidArgumentType("titles", array, "an Arrow array of strings")
    if not (types.is_string(array.type) or types.is_large_string(array.type)):
        # A categorical column, or Polars' string views: plain strings to encode.
        array = array.cast(pyarrow.large_string())
    encoded = array.dictionary_encode()
    cache, numbers = _numbers(encoded.dictionary.to_pylist())
    numbers.append(0)  # for a null
    indices = encoded.indices.fill_null(len(numbers) - 1).to_numpy(zero_copy_only=False)
    return cache.results, numpy.asarray(numbers, dtype=numpy.intp)[indices]


def _columns(titles: object) -> tuple[list[tuple[object, ...]], Any, Any, str]:
    """The distinct results the titles have (as columns), each title's number into them, the index."""
    import numpy

    from newocc._store import current

    results, numbers, index = _encode(titles)
    # Only the results these titles have become columns, numbered anew.
    used = numpy.zeros(len(results), dtype=bool)
    used[numbers] = True
    local = (numpy.cumsum(used) - 1)[numbers]
    rows = [results[number] for number in used.nonzero()[0].tolist()]
    columns: list[tuple[object, ...]] = list(zip(*rows, strict=True)) if rows else [()] * len(_NO_MATCH)
    return columns, local, index, current().data_version


def match_frame(titles: Iterable[str | None]) -> pandas.DataFrame:
    """Tag each title: a pandas DataFrame with the columns of :data:`SCHEMA`, one row per title, in order.

    ``titles`` is a pandas Series (the result keeps its index), an Arrow
    array, or any iterable of str.  Missing titles (None, NaN, ``pandas.NA``)
    give a row of nulls; any other value that is not a str raises
    :class:`~newocc.InvalidArgumentType` naming its position.  Needs pandas
    (``pip install 'newocc[pandas]'``).  ``match_frame([])`` is the empty
    frame with the schema's dtypes (Dask's ``meta=``).

        >>> import newocc
        >>> [str(dtype) for dtype in newocc.match_frame(["抖音带货主播", None]).dtypes]
        ['string', 'string', 'string', 'boolean', 'Float64', 'string', 'string', 'string']
    """
    try:
        import pandas
    except ImportError:
        raise ImportError(
            "newocc.match_frame() needs pandas; install it with: pip install 'newocc[pandas]'"
        ) from None
    columns, numbers, index, version = _columns(titles)
    string = pandas.StringDtype("python")
    dtypes = {"string": string, "boolean": pandas.BooleanDtype(), "Float64": pandas.Float64Dtype()}
    data = {
        column.name: pandas.array(list(values), dtype=dtypes[column.pandas]).take(numbers)
        for column, values in zip(SCHEMA, columns, strict=False)
    }
    data["data_version"] = pandas.array([version], dtype=string).take(numbers * 0)
    return pandas.DataFrame(data, index=index if index is not None else pandas.RangeIndex(len(numbers)))


def match_table(titles: Iterable[str | None]) -> pyarrow.Table:
    """:func:`match_frame` as a pyarrow Table (needs ``pip install 'newocc[arrow]'``).

    >>> import newocc
    >>> newocc.match_table(["外卖小哥"]).column("occupation").to_pylist()
    ['网约配送员']
    """
    try:
        import pyarrow
    except ImportError:
        raise ImportError(
            "newocc.match_table() needs pyarrow; install it with: pip install 'newocc[arrow]'"
        ) from None
    columns, numbers, _, version = _columns(titles)
    indices = pyarrow.array(numbers, type=pyarrow.int64())
    arrays = [
        pyarrow.array(values, type=_arrow_type(column.arrow)).take(indices)
        for column, values in zip(SCHEMA, columns, strict=False)
    ]
    arrays.append(pyarrow.repeat(pyarrow.scalar(version, pyarrow.string()), len(numbers)))
    return pyarrow.Table.from_arrays(arrays, schema=arrow_schema())


def _arrow_type(name: str) -> pyarrow.DataType:
    import pyarrow

    return {"string": pyarrow.string(), "bool": pyarrow.bool_(), "double": pyarrow.float64()}[name]


def arrow_schema() -> pyarrow.Schema:
    """The Arrow schema of :func:`match_table` (``data_version`` is the only non-nullable field)."""
    import pyarrow

    return pyarrow.schema(
        [
            pyarrow.field(column.name, _arrow_type(column.arrow), nullable=column.name != "data_version")
            for column in SCHEMA
        ]
    )
