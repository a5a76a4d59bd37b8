"""``newocc tag``: stream a table of postings through the coder, keeping every column and adding the tags.

Reads CSV, TSV and JSON Lines with the standard library (Parquet with
pyarrow) a chunk of rows at a time, so memory stays flat however long the
input is: what grows is only the coder's cache of distinct titles, which
:data:`newocc.frames.CACHE_SIZE` bounds.

Text input is decoded line by line; its encoding is given or detected from
the first MiB: a UTF-8 byte-order mark, else UTF-8 if that sample decodes,
else GB18030 (which covers GBK and GB2312) if it does.  A line that does not
decode is named by its number.  Text output is always UTF-8, with a BOM when
asked (``--excel``: Excel then reads it as UTF-8, not as the system code page).
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import json
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any, BinaryIO, TextIO

import attrs

from newocc._atomic import atomic_text
from newocc._progress import Progress
from newocc.frames import SCHEMA, Row, tag_titles

__all__ = ["CHUNK_ROWS", "FORMATS", "SAMPLE_BYTES", "InputError", "Summary", "detect_encoding", "tag_file"]

FORMATS = ("csv", "tsv", "jsonl", "parquet")
"""The formats ``newocc tag`` reads and writes."""

_SUFFIXES = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
}
_DELIMITERS = {"csv": ",", "tsv": "\t"}

CHUNK_ROWS = 8192
"""Rows read, tagged and written at a time."""

SAMPLE_BYTES = 1 << 20
"""How much of a text input the encoding is detected from."""

_BLOCK_BYTES = 1 << 20
"""About how much text is decoded at a time."""


class InputError(ValueError):
    """The input or output of ``newocc tag`` cannot be used: one line that names the file (exit code 2)."""


@attrs.frozen
class Summary:
    """What ``newocc tag`` did: rows written and rows matched."""

    rows: int
    matched: int


def format_of(path: str | None) -> str | None:
    """The format a file name's suffix names, or None."""
    if path is None or path == "-":
        return None
    return _SUFFIXES.get(Path(path).suffix.lower())


# -- reading text ----------------------------------------------------------------


_LABELS = {"utf-8": "UTF-8", "gb18030": "GB18030"}


def detect_encoding(sample: bytes, *, complete: bool) -> tuple[str, int]:
    r"""The encoding of a text input from its first bytes, and the length of its byte-order mark.

    ``complete`` says the sample is the whole input; otherwise its last,
    possibly cut, line is not looked at.

        >>> detect_encoding("职位名称\n".encode("gb18030"), complete=True)
        ('gb18030', 0)
        >>> detect_encoding(codecs.BOM_UTF8 + "职位名称\n".encode(), complete=True)
        ('utf-8', 3)
    """
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8", len(codecs.BOM_UTF8)
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError("the input is UTF-16, which newocc tag does not read; save it as UTF-8")
    whole = sample if complete else sample[: sample.rfind(b"\n") + 1]
    try:
        whole.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8", 0
    # GB18030 reads almost any bytes, UTF-8 with a broken line too: if most
    # lines with non-ASCII bytes are UTF-8, the file is, and its bad line is reported.
    utf8 = other = 0
    for line in whole.split(b"\n"):
        if not line.isascii():
            try:
                line.decode("utf-8")
                utf8 += 1
            except UnicodeDecodeError:
                other += 1
    if utf8 <= other:
        try:
            whole.decode("gb18030")
        except UnicodeDecodeError:
            pass
        else:
            return "gb18030", 0
    return "utf-8", 0


def _checked_encoding(name: str) -> str:
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise InputError(f"unknown encoding {name!r}") from None
    # Lines are split on the newline byte: the encoding must keep ASCII as it is.
    if "a,\t\n".encode(info.name, errors="replace") != b"a,\t\n":
        raise InputError(f"encoding {name!r} does not keep ASCII bytes; save the input as UTF-8")
    return info.name


class _Lines:
    """The lines of a byte stream, decoded a block at a time; counts the bytes read."""

    def __init__(self, stream: BinaryIO, name: str, encoding: str | None) -> None:
        self.stream = stream
        self.name = name
        self._sample = _read(stream, name, SAMPLE_BYTES)
        if encoding is None:
            self.encoding, bom = detect_encoding(self._sample, complete=len(self._sample) < SAMPLE_BYTES)
        else:
            self.encoding = _checked_encoding(encoding)
            utf8 = self.encoding in ("utf-8", "utf-8-sig")
            bom = len(codecs.BOM_UTF8) if utf8 and self._sample.startswith(codecs.BOM_UTF8) else 0
            if utf8:
                self.encoding = "utf-8"
        self.read = bom
        self._sample = self._sample[bom:]

    def __iter__(self) -> Iterator[str]:
        encoding = self.encoding
        number = 0
        for block in self._blocks():
            data = b"".join(block)
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                raise self._undecodable(block, number) from None
            number += len(block)
            self.read += len(data)
            # Split at "\n" only: a lone "\r" or U+2028 inside a field is not a line break here.
            yield from io.StringIO(text, newline="\n")

    def _undecodable(self, block: list[bytes], before: int) -> InputError:
        for number, raw in enumerate(block, before + 1):
            try:
                raw.decode(self.encoding)
            except UnicodeDecodeError as exc:
                label = _LABELS.get(self.encoding, self.encoding)
                return InputError(
                    f"{self.name}: line {number} is not valid {label} (byte {exc.start + 1});"
                    " give the file's encoding with --encoding"
                )
        return InputError(
            f"{self.name}: lines {before + 1}-{before + len(block)} are not valid {self.encoding}"
        )

    def _blocks(self) -> Iterator[list[bytes]]:
        pieces = io.BytesIO(self._sample).readlines()
        self._sample = b""
        if pieces and not pieces[-1].endswith(b"\n"):
            pieces[-1] += _readline(self.stream, self.name)
        if pieces:
            yield pieces
        while True:
            try:
                block = self.stream.readlines(_BLOCK_BYTES)
            except OSError as exc:
                raise InputError(f"cannot read {self.name}: {exc.strerror or exc}") from None
            if not block:
                return
            yield block


def _read(stream: BinaryIO, name: str, size: int) -> bytes:
    try:
        return stream.read(size)
    except OSError as exc:
        raise InputError(f"cannot read {name}: {exc.strerror or exc}") from None


def _readline(stream: BinaryIO, name: str) -> bytes:
    try:
        return stream.readline()
    except OSError as exc:
        raise InputError(f"cannot read {name}: {exc.strerror or exc}") from None


# -- formatting tags ---------------------------------------------------------------


def _text_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(round(value, 4))
    return str(value)


def _json_cell(value: object) -> object:
    return round(value, 4) if isinstance(value, float) and not isinstance(value, bool) else value


class _Cells:
    """The output cells of each distinct tag row, with the data version; remembered, as rows repeat."""

    def __init__(self, render: Callable[[object], Any]) -> None:
        from newocc._store import current

        self._version = render(current().data_version)
        self._render = render
        self._known: dict[Row, list[Any]] = {}

    def __call__(self, row: Row) -> list[Any]:
        cells = self._known.get(row)
        if cells is None:
            if len(self._known) >= 1 << 16:
                self._known.clear()
            cells = self._known[row] = [*map(self._render, row), self._version]
        return cells


# -- the command -----------------------------------------------------------------


def tag_file(
    source: str | None,
    *,
    column: str,
    output: str | None = None,
    input_format: str | None = None,
    encoding: str | None = None,
    excel: bool = False,
    prefix: str = "newocc_",
    progress: bool = False,
    stdin: BinaryIO,
    stdout: TextIO,
    stderr: TextIO,
) -> Summary:
    """Tag the ``column`` of ``source`` (a path; None or ``"-"``: ``stdin``) into ``output`` or ``stdout``.

    The input's format is ``input_format`` or its suffix's (default CSV); the
    output's is its own suffix's, else the input's.  ``-o`` is written
    atomically: on any failure the previous file stays as it was.
    """
    reading = input_format or format_of(source) or "csv"
    writing = format_of(output) or reading
    if reading not in FORMATS:
        raise InputError(f"unknown format {reading!r}; formats are {', '.join(FORMATS)}")
    if (reading == "parquet") != (writing == "parquet") or (reading == "jsonl" and writing != "jsonl"):
        raise InputError(
            f"newocc tag cannot turn {reading} into {writing}: it writes CSV or TSV input as CSV, TSV or"
            " JSON Lines, and JSON Lines and Parquet as themselves"
        )
    names = [prefix + c.name for c in SCHEMA]
    stream, name, size = _open(source, stdin, binary_only=reading == "parquet")
    with contextlib.ExitStack() as stack:
        if stream is not stdin:
            stack.enter_context(stream)
        meter = Progress(stderr, enabled=progress, total=size)
        try:
            if reading == "parquet":
                summary = _tag_parquet(stream, name, column, names, output, stdout, meter)
            else:
                lines = _Lines(stream, name, encoding)
                with _text_sink(output, stdout, excel=excel) as sink:
                    if reading == "jsonl":
                        summary = _tag_jsonl(lines, column, names, sink, meter)
                    else:
                        delimiter = _DELIMITERS[reading]
                        summary = _tag_delimited(lines, delimiter, column, names, writing, sink, meter)
        except BaseException:
            meter.close(complete=False)  # the error starts on a line of its own
            raise
        meter.close()
    return summary


def _open(source: str | None, stdin: BinaryIO, *, binary_only: bool) -> tuple[BinaryIO, str, int | None]:
    if source is None or source == "-":
        if binary_only:
            raise InputError("Parquet is read from a file, not from stdin")
        return stdin, "stdin", None
    try:
        stream = Path(source).open("rb")  # noqa: SIM115 - closed by the caller's ExitStack
        info = os.fstat(stream.fileno())
    except OSError as exc:
        raise InputError(f"cannot read {source!r}: {exc.strerror or exc}") from None
    return stream, repr(source), info.st_size if stat.S_ISREG(info.st_mode) else None


@contextlib.contextmanager
def _text_sink(output: str | None, stdout: TextIO, *, excel: bool) -> Iterator[Callable[[str], object]]:
    """A function that writes text to ``output`` (atomically) or to stdout, as UTF-8."""
    if output is not None and output != "-":
        try:
            with atomic_text(output, encoding="utf-8-sig" if excel else "utf-8") as stream:
                yield stream.write
        except OSError as exc:
            raise InputError(f"cannot write {output!r}: {exc.strerror or exc}") from None
        return
    buffer: IO[bytes] | None = getattr(stdout, "buffer", None)
    if buffer is None:  # a text stream with no bytes below it (a StringIO in tests)
        if excel:
            stdout.write("\ufeff")
        yield stdout.write
        return
    stdout.flush()
    if excel:
        buffer.write(codecs.BOM_UTF8)
    write = buffer.write
    yield lambda text: write(text.encode("utf-8"))
    buffer.flush()


def _unknown_column(name: str, column: str, columns: Iterable[str]) -> InputError:
    listed = ", ".join(repr(c) for c in columns) or "none"
    return InputError(f"{name} has no column {column!r}; its columns are: {listed}")


def _check_clash(name: str, columns: Iterable[str], names: list[str]) -> None:
    taken = [c for c in names if c in set(columns)]
    if taken:
        raise InputError(
            f"{name} already has the column(s) {', '.join(taken)}; choose another prefix with --prefix"
        )


def _tag_delimited(
    lines: _Lines,
    delimiter: str,
    column: str,
    names: list[str],
    writing: str,
    sink: Callable[[str], object],
    meter: Progress,
) -> Summary:
    reader = csv.reader(lines, delimiter=delimiter)
    records = _csv_records(reader, lines.name)
    header = next((row for row in records if row), None)
    if header is None:
        raise InputError(f"{lines.name} is empty: it has no header row")
    header[0] = header[0].removeprefix("\ufeff")
    if column not in header:
        raise _unknown_column(lines.name, column, header)
    _check_clash(lines.name, header, names)
    index, width = header.index(column), len(header)
    if writing == "jsonl":
        cells = _Cells(_json_cell)
        keys = [*header, *names]

        def write(rows: list[list[str]], tags: list[Row]) -> None:
            sink(
                "".join(
                    json.dumps(dict(zip(keys, row + cells(tag), strict=True)), ensure_ascii=False) + "\n"
                    for row, tag in zip(rows, tags, strict=True)
                )
            )
    else:
        text_cells = _Cells(_text_cell)
        out_delimiter = _DELIMITERS[writing]
        heading = io.StringIO()
        csv.writer(heading, delimiter=out_delimiter, lineterminator="\n").writerow(header + names)
        sink(heading.getvalue())

        def write(rows: list[list[str]], tags: list[Row]) -> None:
            buffer = io.StringIO()
            csv.writer(buffer, delimiter=out_delimiter, lineterminator="\n").writerows(
                row + text_cells(tag) for row, tag in zip(rows, tags, strict=True)
            )
            sink(buffer.getvalue())

    summary = Summary(0, 0)
    chunk: list[list[str]] = []
    for row in records:
        if not row:
            continue  # a blank line
        if len(row) != width:
            if len(row) > width:
                raise InputError(
                    f"{lines.name}: line {reader.line_num} has {len(row)} fields; the header has {width}"
                )
            row.extend([""] * (width - len(row)))
        chunk.append(row)
        if len(chunk) == CHUNK_ROWS:
            summary = _flush(chunk, index, write, summary, meter, lines.read)
            chunk = []
    return _flush(chunk, index, write, summary, meter, lines.read) if chunk else summary


def _csv_records(reader: Any, name: str) -> Iterator[list[str]]:
    try:
        yield from reader
    except csv.Error as exc:
        raise InputError(f"{name}: line {reader.line_num}: {exc}") from None


def _flush(
    chunk: list[list[str]],
    index: int,
    write: Callable[[list[list[str]], list[Row]], None],
    summary: Summary,
    meter: Progress,
    done: int,
) -> Summary:
    tags = tag_titles([row[index] for row in chunk])
    write(chunk, tags)
    meter.update(len(chunk), done)
    return Summary(summary.rows + len(chunk), summary.matched + sum(tag[0] is not None for tag in tags))


def _tag_jsonl(
    lines: _Lines, column: str, names: list[str], sink: Callable[[str], object], meter: Progress
) -> Summary:
    cells = _Cells(_json_cell)
    summary = Summary(0, 0)
    records: list[dict[str, Any]] = []
    titles: list[str | None] = []

    def flush() -> Summary:
        tags = tag_titles(titles)
        text = []
        for record, tag in zip(records, tags, strict=True):
            record.update(zip(names, cells(tag), strict=True))
            text.append(json.dumps(record, ensure_ascii=False) + "\n")
        sink("".join(text))
        meter.update(len(records), lines.read)
        done = Summary(summary.rows + len(records), summary.matched + sum(t[0] is not None for t in tags))
        records.clear()
        titles.clear()
        return done

    first = True
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            raise InputError(f"{lines.name}: line {number} is not JSON: {exc}") from None
        if not isinstance(record, dict):
            raise InputError(f"{lines.name}: line {number} is a JSON {type(record).__name__}, not an object")
        if first:
            if column not in record:
                raise _unknown_column(lines.name, column, record)
            _check_clash(lines.name, record, names)
            first = False
        title = record.get(column)
        if title is not None and not isinstance(title, str):
            raise InputError(
                f"{lines.name}: line {number}: {column!r} is a {type(title).__name__}, not a title"
            )
        records.append(record)
        titles.append(title)
        if len(records) == CHUNK_ROWS:
            summary = flush()
    return flush() if records else summary


def _tag_parquet(
    stream: BinaryIO,
    name: str,
    column: str,
    names: list[str],
    output: str | None,
    stdout: TextIO,
    meter: Progress,
) -> Summary:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise InputError("Parquet needs pyarrow; install it with: pip install 'newocc[arrow]'") from None
    from newocc.frames import arrow_schema, match_table

    try:
        parquet = pyarrow.parquet.ParquetFile(stream)
    except (pyarrow.ArrowException, OSError) as exc:
        raise InputError(f"cannot read {name} as Parquet: {exc}") from None
    schema = parquet.schema_arrow
    if column not in schema.names:
        raise _unknown_column(name, column, schema.names)
    _check_clash(name, schema.names, names)
    kind = schema.field(column).type
    text = pyarrow.types.is_string(kind) or pyarrow.types.is_large_string(kind)
    if not text and not (pyarrow.types.is_dictionary(kind) and pyarrow.types.is_string(kind.value_type)):
        raise InputError(f"{name}: column {column!r} holds {kind}, not text")
    fields = [field.with_name(new) for field, new in zip(arrow_schema(), names, strict=True)]
    written = pyarrow.schema([*schema, *fields], metadata=schema.metadata)
    meter.total = parquet.metadata.num_rows or None
    summary = Summary(0, 0)
    with _binary_sink(output, stdout) as sink, pyarrow.parquet.ParquetWriter(sink, written) as writer:
        for batch in parquet.iter_batches(batch_size=CHUNK_ROWS * 8):
            titles = batch.column(column)
            if pyarrow.types.is_dictionary(titles.type):
                titles = titles.cast(pyarrow.string())
            tags = match_table(titles)
            arrays = [*batch.columns, *tags.columns]
            writer.write_table(pyarrow.Table.from_arrays(arrays, schema=written))
            matched = batch.num_rows - tags.column(0).null_count
            summary = Summary(summary.rows + batch.num_rows, summary.matched + matched)
            meter.update(batch.num_rows, summary.rows)
    return summary


@contextlib.contextmanager
def _binary_sink(output: str | None, stdout: TextIO) -> Iterator[IO[bytes]]:
    if output is not None and output != "-":
        try:
            # The atomic writer is a text file; Parquet goes to the bytes beneath it.
            with atomic_text(output) as stream:
                yield stream.buffer
        except OSError as exc:
            raise InputError(f"cannot write {output!r}: {exc.strerror or exc}") from None
        return
    buffer: IO[bytes] | None = getattr(stdout, "buffer", None)
    if buffer is None:
        raise InputError("Parquet output needs -o FILE or a binary stdout")
    stdout.flush()
    yield buffer
    buffer.flush()
