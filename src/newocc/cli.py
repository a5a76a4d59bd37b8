"""The ``newocc`` command: parse arguments, call the library, render the result.

Each subcommand is a :class:`Command`: a function that adds its arguments and
one that runs it and returns an :class:`Output` (table headers, rows, and the
records ``--json`` prints).  Rendering, exit codes and error reporting are
shared, so a new subcommand is a pair of small functions and one entry in
:data:`COMMANDS`.

Exit codes (see :data:`EXIT_CODES`): 0 when there are results, 1 when there
are none, 2 on a usage error (a bad option, a value the library rejects, a key
no record has, output that cannot be written), 3 when the installed package
data is broken, 130 on Ctrl-C.  These are one line on stderr (two for a broken
installation: the fault and how to repair it).  Any other exception is a bug
in newocc: it is not caught, so Python prints its traceback and exits 1.
"""

from __future__ import annotations

import argparse
import codecs
import sys
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any, NoReturn, TextIO

import attrs
from attrs import AttrsInstance

from newocc._atomic import atomic_text
from newocc.errors import CatalogueError, InvalidArgument, InvalidArgumentType, NotFound

__all__ = ["COMMANDS", "EXIT_CODES", "Command", "Output", "main", "render_table", "text_width"]


def __dir__() -> list[str]:
    return list(__all__)


EXIT_OK = 0
EXIT_EMPTY = 1
EXIT_USAGE = 2
EXIT_BROKEN = 3
EXIT_INTERRUPTED = 130

EXIT_CODES = {
    EXIT_OK: "results were printed (or written)",
    EXIT_EMPTY: "the query was valid but matched nothing; also a bug in newocc, with a traceback",
    EXIT_USAGE: "a usage error: a bad option or value, a key no record has, output that cannot be written",
    EXIT_BROKEN: "the installed package data is broken: reinstall newocc",
    EXIT_INTERRUPTED: "interrupted (Ctrl-C)",
}
"""What each exit code of :func:`main` means."""

REINSTALL_HINT = (
    "newocc: the installation is damaged, not your command; "
    "reinstall it: python -m pip install --force-reinstall newocc"
)
"""The second line printed with a broken installation's error."""


@attrs.frozen
class Output:
    """What a subcommand found.

    ``headers`` and ``rows`` make the table; ``records`` are the model records
    ``--json`` exports (see :func:`newocc.to_json`); ``text``, when set, is
    printed instead of a table.  No records means exit code 1.
    """

    headers: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]
    records: tuple[AttrsInstance, ...]
    text: str | None = None
    escape: str = "text"
    """How ``text`` is written when the output encoding cannot hold it: ``"text"``
    (backslash escapes and a note), ``"json"`` (JSON escapes) or ``"data"`` (refused)."""


@attrs.frozen
class Command:
    """A subcommand: its name, one-line help, argument setup and runner."""

    name: str
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], Output]
    json_option: bool = True


class _UsageError(Exception):
    """A mistake on the command line; becomes one line on stderr and exit code 2."""


class _Parser(argparse.ArgumentParser):
    # argparse prints the whole usage and exits; the command reports one line instead.
    def error(self, message: str) -> NoReturn:
        raise _UsageError(f"{self.prog}: {message}")

    # argparse ignores errors writing --help and --version (so a full disk
    # exited 0) and cannot escape what the output encoding lacks.
    def _print_message(self, message: str, file: Any = None) -> None:
        if message:
            stream = file if file is not None else sys.stdout
            _write(stream, message, escape=_escape_text)
            stream.flush()


def _positive_int(text: str) -> int:
    """An argparse type: ``--limit 0`` is a usage error before the library is asked."""
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid int value: {text!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


# -- writing what the output encoding can hold -------------------------------


def _json_escape(error: UnicodeError) -> tuple[str, int]:
    # JSON's own escapes (UTF-16 units), so the output stays valid, lossless JSON.
    assert isinstance(error, UnicodeEncodeError)
    units = error.object[error.start : error.end].encode("utf-16-be")
    escaped = "".join(f"\\u{int.from_bytes(units[i : i + 2], 'big'):04x}" for i in range(0, len(units), 2))
    return escaped, error.end


codecs.register_error("newocc.json", _json_escape)


def _escape_text(text: str, encoding: str) -> str:
    """Human-readable text: characters the encoding lacks become backslash escapes, with a note."""
    sys.stderr.write(
        f"newocc: the output encoding {encoding} cannot show some characters, so they are escaped; "
        "set PYTHONIOENCODING=utf-8 to see them\n"
    )
    return text.encode(encoding, "backslashreplace").decode(encoding)


def _escape_json(text: str, encoding: str) -> str:
    return text.encode(encoding, "newocc.json").decode(encoding)


def _refuse(text: str, encoding: str) -> str:
    raise _UsageError(
        f"newocc: the output encoding {encoding} cannot hold this data; "
        "set PYTHONIOENCODING=utf-8, or write a file with --output FILE"
    )


def _write(stream: TextIO, text: str, *, escape: Callable[[str, str], str]) -> None:
    """Write ``text``; when the stream's encoding cannot hold it, ``escape`` decides what to write."""
    try:
        stream.write(text)
    except UnicodeEncodeError:
        # A text stream encodes the whole string before writing any of it.
        encoding = getattr(stream, "encoding", None) or "ascii"
        stream.write(escape(text, encoding))


# -- rendering ---------------------------------------------------------------


def text_width(text: str) -> int:
    """The columns ``text`` takes in a terminal: wide and full-width characters count two."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _pad(text: str, width: int) -> str:
    return text + " " * (width - text_width(text))


def _cell(value: object) -> str:
    if value is None:
        return "—"
    if hasattr(value, "value") and isinstance(value.value, str):  # a str enum
        return str(value.value)
    return str(value).replace("\n", " ")


def render_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain-text table with columns aligned by display width (CJK counts double).

    Cells are strings, numbers, None (shown as a dash) or str enums (their values):

        >>> print(render_table(("code", "name"), [("4-01-06-02", "互联网营销师"), ("x", "AI")]))
        code        name
        ----------  ------------
        4-01-06-02  互联网营销师
        x           AI
    """
    cells = [[_cell(value) for value in row] for row in rows]
    widths = [text_width(header) for header in headers]
    for row in cells:
        widths = [max(width, text_width(cell)) for width, cell in zip(widths, row, strict=True)]
    lines = [
        "  ".join(_pad(header, width) for header, width in zip(headers, widths, strict=True)),
        "  ".join("-" * width for width in widths),
    ]
    lines += ["  ".join(_pad(cell, width) for cell, width in zip(row, widths, strict=True)) for row in cells]
    return "\n".join(line.rstrip() for line in lines)


# -- find, export: the query filters -------------------------------------------


def _add_filters(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("filters (combined with AND, as in newocc.find)")
    group.add_argument(
        "--batch",
        type=int,
        nargs="+",
        action="extend",
        metavar="N",
        help="batch number(s), any of; repeatable",
    )
    group.add_argument("--sector", metavar="S", help="sector value, e.g. digital")
    group.add_argument(
        "--salary",
        type=float,
        nargs=2,
        metavar=("LOW", "HIGH"),
        help="CNY per month; keeps occupations with a salary figure overlapping the range",
    )
    group.add_argument("--sub-role", metavar="NAME", help="exact work type name (工种), Chinese or English")
    group.add_argument("--text", metavar="T", help="substring of a name or work type name")
    group.add_argument(
        "--digital", action="store_true", help="only occupations marked S (digital) in the 2022 dictionary"
    )
    group.add_argument(
        "--green", action="store_true", help="only occupations marked L (green) in the 2022 dictionary"
    )
    group.add_argument(
        "--group",
        metavar="CODE",
        help="a group of the 2022 dictionary by code: major (4), middle (4-02) or small (4-02-07)",
    )
    group.add_argument("--related", action="store_true", help="also search raised and host records")
    group.add_argument(
        "--scope",
        choices=("new", "related", "dictionary"),
        help="what to search: the new occupations (default), with their related records, "
        "or every occupation of the 2022 dictionary",
    )


def _find(args: argparse.Namespace) -> tuple[Any, ...]:
    from newocc.query import find

    return find(
        batch=args.batch,
        sector=args.sector,
        salary=tuple(args.salary) if args.salary is not None else None,
        sub_role=args.sub_role,
        text=args.text,
        digital=True if args.digital else None,
        green=True if args.green else None,
        group=args.group,
        related=args.related,
        scope=args.scope,
    )


def _occupation_rows(found: Sequence[Any]) -> tuple[tuple[object, ...], ...]:
    return tuple(
        (o.code, o.name_zh, o.name_en.text if o.name_en else None, o.batch, o.status, o.sector) for o in found
    )


_OCCUPATION_HEADERS = ("code", "name", "English name", "batch", "status", "sector")


def _run_find(args: argparse.Namespace) -> Output:
    found = _find(args)
    return Output(_OCCUPATION_HEADERS, _occupation_rows(found), found)


def _add_export(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("json", "jsonl", "csv"), default="json", help="default: json")
    parser.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of stdout")
    _add_filters(parser)


def _run_export(args: argparse.Namespace) -> Output:
    from newocc import export

    found = _find(args)
    render = {"json": export.to_json, "jsonl": export.to_jsonl, "csv": export.to_csv}[args.format]
    text = render(found)
    if args.output is not None:
        try:
            # Replaced whole or not at all: a full disk or a file-size limit leaves the old file.
            with atomic_text(args.output) as file:
                file.write(text if text.endswith("\n") else text + "\n")
        except OSError as exc:
            raise _UsageError(f"newocc export: cannot write {args.output!r}: {exc.strerror or exc}") from None
        text = ""
    return Output((), (), found, text=text.rstrip("\n"), escape="data" if args.format == "csv" else "json")


# -- show ----------------------------------------------------------------------


def _add_show(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "key",
        metavar="KEY",
        help="a code of the 2022 dictionary (4-02-07-08 or 4020708), a former code, or an exact name",
    )


def _run_show(args: argparse.Namespace) -> Output:
    from newocc._describe import describe
    from newocc.query import get

    occupation = get(args.key)
    return Output((), (), (occupation,), text=describe(occupation))


# -- batches -------------------------------------------------------------------


def _run_batches(args: argparse.Namespace) -> Output:
    from newocc.query import batches

    found = batches()
    rows = tuple(
        (b.number, b.released.isoformat(), b.official_count, b.listed_count, b.notice_number) for b in found
    )
    return Output(("batch", "released", "official", "listed", "notice"), rows, found)


def _no_arguments(parser: argparse.ArgumentParser) -> None:
    del parser


# -- search --------------------------------------------------------------------


def _add_search(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("text", metavar="TEXT", help="a job title as people write it, e.g. 外卖小哥")
    parser.add_argument(
        "--limit", type=_positive_int, default=5, metavar="N", help="at most N matches (default: 5)"
    )


def _run_search(args: argparse.Namespace) -> Output:
    from newocc.coder import search

    matches = search(args.text, limit=args.limit)
    rows = tuple(
        (
            f"{m.confidence:.2f}",
            m.occupation.code,
            m.occupation.name_zh,
            m.sub_role.name_zh if m.sub_role else None,
            m.label,
            m.kind,
        )
        for m in matches
    )
    return Output(("confidence", "code", "occupation", "work type", "matched", "kind"), rows, matches)


# -- tag -----------------------------------------------------------------------


def _add_tag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "input", nargs="?", metavar="INPUT", help="CSV, TSV, JSONL or Parquet file; - or none: stdin"
    )
    parser.add_argument("--column", "-c", required=True, metavar="NAME", help="the column of job titles")
    parser.add_argument("--output", "-o", metavar="FILE", help="write to FILE (atomically) instead of stdout")
    parser.add_argument(
        "--format",
        choices=("csv", "tsv", "jsonl", "parquet"),
        help="input format (default: by suffix, else csv)",
    )
    parser.add_argument(
        "--encoding", metavar="ENC", help="input encoding (default: detect UTF-8, UTF-8 with BOM, GB18030)"
    )
    parser.add_argument(
        "--excel", action="store_true", help="start the UTF-8 output with a BOM, as Excel expects"
    )
    parser.add_argument(
        "--prefix", default="newocc_", metavar="P", help="prefix of the added columns (default: newocc_)"
    )
    parser.add_argument(
        "--quiet", "-q", action="store_true", help="no progress bar (shown only on a terminal anyway)"
    )


def _run_tag(args: argparse.Namespace) -> Output:
    import io

    from newocc._tables import InputError, tag_file

    stdin = io.BytesIO()
    if args.input in (None, "-"):
        # A text stdin with no bytes beneath it (replaced by a caller) is read as UTF-8.
        stdin = getattr(sys.stdin, "buffer", None) or io.BytesIO(
            sys.stdin.read().encode("utf-8") if sys.stdin is not None else b""
        )
    try:
        summary = tag_file(
            args.input,
            column=args.column,
            output=args.output,
            input_format=args.format,
            encoding=args.encoding,
            excel=args.excel,
            prefix=args.prefix,
            progress=not args.quiet and sys.stderr.isatty(),
            stdin=stdin,
            stdout=sys.stdout,
            stderr=sys.stderr,
        )
    except InputError as exc:  # a file or an option that cannot be used: a usage error
        raise _UsageError(f"newocc: {exc}") from None
    # Exit code 0 whenever the input was tagged, even when it had no rows (as sort and cut do).
    return Output((), (), (summary,), text="")


COMMANDS: tuple[Command, ...] = (
    Command("find", "occupations matching every filter given", _add_filters, _run_find),
    Command("show", "one occupation in full, with its sources", _add_show, _run_show),
    Command("search", "ranked matches for a job title, with confidences", _add_search, _run_search),
    Command("batches", "the releases, with dates and counts", _no_arguments, _run_batches),
    Command(
        "export",
        "the (filtered) catalogue as JSON, JSON Lines or CSV",
        _add_export,
        _run_export,
        json_option=False,
    ),
    Command(
        "tag", "tag a CSV, TSV, JSONL or Parquet file of postings", _add_tag, _run_tag, json_option=False
    ),
)
"""The subcommands, in the order ``newocc --help`` lists them."""


def _version() -> str:
    import newocc

    return f"newocc {newocc.__version__} (data {newocc.DATA_VERSION})"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = _Parser(
        prog="newocc",
        description="China's official catalogue of new occupations (新职业).",
        epilog="exit codes: 0 results, 1 no results (or a bug, with a traceback), 2 usage error, "
        "3 broken installation, 130 interrupted",
        allow_abbrev=False,
    )
    parser.add_argument("--version", action="version", version=_version())
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for command in COMMANDS:
        sub = subparsers.add_parser(
            command.name, help=command.help, description=command.help, allow_abbrev=False
        )
        command.add_arguments(sub)
        if command.json_option:
            sub.add_argument(
                "--json", action="store_true", help="print JSON (as newocc.to_json) for pipelines"
            )
        sub.set_defaults(run=command.run)
    return parser


_ESCAPES = {"text": _escape_text, "json": _escape_json, "data": _refuse}


def _emit(output: Output, as_json: bool, stdout: TextIO) -> None:
    escape = _ESCAPES[output.escape]
    if as_json:
        from newocc.export import to_json

        text, escape = to_json(output.records), _escape_json
    elif output.text is not None:
        text = output.text
    elif output.rows:
        text = render_table(output.headers, output.rows)
    else:
        text = ""
    if text:
        _write(stdout, text + "\n", escape=escape)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); return the exit code.

    See :data:`EXIT_CODES`.  A bug in newocc is not caught: its exception
    propagates, with its traceback.
    """
    stdout, stderr = sys.stdout, sys.stderr
    if stdout is None:  # started with its standard output closed
        if stderr is not None:
            stderr.write("newocc: standard output is closed; nothing can be printed\n")
        return EXIT_USAGE
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if args.command is None:
            raise _UsageError("newocc: choose a command: " + ", ".join(c.name for c in COMMANDS))
        output: Output = args.run(args)
        _emit(output, getattr(args, "json", False), stdout)
        stdout.flush()
    except _UsageError as exc:
        stderr.write(_one_line(str(exc)))
        return EXIT_USAGE
    except (InvalidArgument, InvalidArgumentType, NotFound) as exc:
        stderr.write(_one_line(f"newocc: {exc.args[0] if exc.args else exc}"))
        return EXIT_USAGE
    except CatalogueError as exc:
        stderr.write(_one_line(f"newocc: the package data is broken: {exc}") + REINSTALL_HINT + "\n")
        return EXIT_BROKEN
    except SystemExit as exc:  # --help and --version, after _print_message wrote and flushed them
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    except BrokenPipeError:
        # The reader (e.g. `head`) closed the pipe: not an error of ours.
        _silence_stdout()
        return EXIT_OK
    except OSError as exc:
        # stdout could not be written (a full disk, a closed descriptor): the
        # package data cannot be the cause, its faults are CatalogueErrors.
        _silence_stdout()
        stderr.write(_one_line(f"newocc: cannot write the output: {exc.strerror or exc}"))
        return EXIT_USAGE
    return EXIT_OK if output.records else EXIT_EMPTY


def _one_line(message: str) -> str:
    # Arguments can hold line breaks; an error must stay on one line.
    return message.replace("\r", "\\r").replace("\n", "\\n") + "\n"


def _silence_stdout() -> None:
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    finally:
        os.close(devnull)


def run() -> NoReturn:
    """Run :func:`main` and exit with its code; Ctrl-C is exit code 130 and one line, not a traceback."""
    try:
        code = main()
    except KeyboardInterrupt:
        code = interrupted()
    sys.exit(code)


def interrupted() -> int:
    """Report Ctrl-C in one line on stderr and return its exit code."""
    _silence_stdout()  # what was not yet written is dropped, without an error at exit
    if sys.stderr is not None:
        sys.stderr.write("newocc: interrupted\n")
    return EXIT_INTERRUPTED
