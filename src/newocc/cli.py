"""The ``newocc`` command: parse arguments, call the library, render the result.

Each subcommand is a :class:`Command`: a function that adds its arguments and
one that runs it and returns an :class:`Output` (table headers, rows, and the
records ``--json`` prints).  Rendering, exit codes and error reporting are
shared, so a new subcommand is a pair of small functions and one entry in
:data:`COMMANDS`.

Exit codes: 0 when there are results, 1 when there are none, 2 on a usage
error (including a bad value the library rejects).  Errors are one line on
stderr.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO

import attrs

__all__ = ["COMMANDS", "Command", "Output", "main", "render_table", "text_width"]

EXIT_OK = 0
EXIT_EMPTY = 1
EXIT_USAGE = 2


@attrs.frozen
class Output:
    """What a subcommand found.

    ``headers`` and ``rows`` make the table; ``records`` are the model records
    ``--json`` exports (see :func:`newocc.to_json`); ``text``, when set, is
    printed instead of a table.  No records means exit code 1.
    """

    headers: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]
    records: tuple[object, ...]
    text: str | None = None


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
    group.add_argument("--related", action="store_true", help="also search raised and host records")


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
        related=args.related,
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
            with Path(args.output).open("w", encoding="utf-8", newline="") as file:
                file.write(text if text.endswith("\n") else text + "\n")
        except OSError as exc:
            raise _UsageError(f"newocc export: cannot write {args.output!r}: {exc.strerror or exc}") from None
        text = ""
    return Output((), (), found, text=text.rstrip("\n"))


# -- show ----------------------------------------------------------------------


def _add_show(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("key", metavar="KEY", help="code (4-01-06-02 or 4010602), former code, or exact name")


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
    parser.add_argument("--limit", type=int, default=5, metavar="N", help="at most N matches (default: 5)")


def _run_search(args: argparse.Namespace) -> Output:
    from newocc.matching import search

    matches = search(args.text, limit=args.limit)
    rows = tuple(
        (
            f"{m.score:.3f}",
            m.occupation.code,
            m.occupation.name_zh,
            m.sub_role.name_zh if m.sub_role else None,
            m.label,
            m.kind,
        )
        for m in matches
    )
    return Output(("score", "code", "occupation", "work type", "matched", "kind"), rows, matches)


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

    from newocc._tables import tag_file

    stdin = io.BytesIO()
    if args.input in (None, "-"):
        # A text stdin with no bytes beneath it (replaced by a caller) is read as UTF-8.
        stdin = getattr(sys.stdin, "buffer", None) or io.BytesIO(
            sys.stdin.read().encode("utf-8") if sys.stdin is not None else b""
        )
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
    # Exit code 0 whenever the input was tagged, even when it had no rows (as sort and cut do).
    return Output((), (), (summary,), text="")


COMMANDS: tuple[Command, ...] = (
    Command("find", "occupations matching every filter given", _add_filters, _run_find),
    Command("show", "one occupation in full, with its sources", _add_show, _run_show),
    Command("search", "ranked matches for a job title, with scores", _add_search, _run_search),
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
        epilog="exit codes: 0 results, 1 no results, 2 usage error",
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


def _emit(output: Output, as_json: bool, stdout: TextIO) -> None:
    if as_json:
        from newocc.export import to_json

        text = to_json(output.records)
    elif output.text is not None:
        text = output.text
    elif output.rows:
        text = render_table(output.headers, output.rows)
    else:
        text = ""
    if text:
        stdout.write(text + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); return the exit code."""
    from newocc.errors import NotFound

    stdout, stderr = sys.stdout, sys.stderr
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
    except (NotFound, ValueError, TypeError) as exc:
        message = exc.args[0] if isinstance(exc, NotFound) and exc.args else str(exc)
        stderr.write(_one_line(f"newocc: {message}"))
        return EXIT_USAGE
    except SystemExit as exc:  # --help and --version
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    except BrokenPipeError:
        # The reader (e.g. `head`) closed the pipe: not an error of ours.
        _silence_stdout()
        return EXIT_OK
    except OSError as exc:
        # stdout could not be written (a full disk, a closed descriptor).
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
    """The console script's entry point."""
    sys.exit(main())
