"""Check ``coded_titles.json``: real posting titles the project has coded, the coder's memory.

Coders that merge the official list with previously coded titles do best, so
the packaged coder knows the development half of the labelled real posting
titles (``tests/eval/real/dev.tsv``, labelled by the rules of the postings
corpus' README) as labels of the occupations they were coded with.  A row
names its occupation by code and by name (the two must agree), optionally one
of its work types, and cites the public repository file the title was seen in
(a source of ``posting_sources.json``).
The coding is the project's own judgment, as its kind ``TITLE`` says in every
result that uses one.  A row is a :class:`CodedTitleRow`, structured by the
loader like every other file's rows; :func:`resolve_coded_titles` finds the
occupation and work type each names.  ``scripts/build_coded_titles.py``
writes the file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from newocc._store.aliases import work_type_named
from newocc.errors import CatalogueError, shown
from newocc.model import _CODE, Occupation, Source, SubRole, facts

__all__ = ["CODED_TITLES_FILE", "POSTING_SOURCES_FILE", "CodedTitle", "CodedTitleRow", "resolve_coded_titles"]

CODED_TITLES_FILE = "coded_titles.json"
"""The file under ``newocc/data/`` that holds the coded posting titles."""

POSTING_SOURCES_FILE = "posting_sources.json"
"""The file under ``newocc/data/`` with the sources the coded titles cite: the
repository files of scraped postings, apart from ``sources.json`` (whose sources
a first ``find()`` reads) because only the title coder needs them."""


@attrs.frozen(repr=False)
class CodedTitleRow:
    """A row of ``coded_titles.json`` as the file writes it."""

    title: str = attrs.field(metadata=facts(min_length=1))
    """The posting title, exactly as the source writes it."""
    code: str = attrs.field(metadata=_CODE)
    occupation: str = attrs.field(metadata=facts(min_length=1))
    """The official name of the occupation at ``code``."""
    sources: tuple[Source, ...]
    """Where the title was seen: the repository file of scraped postings."""
    work_type: str | None = attrs.field(default=None, metadata=facts(min_length=1))

    def __repr__(self) -> str:
        return f"CodedTitleRow({self.title!r}, {self.code})"


@attrs.frozen
class CodedTitle:
    """One checked coded title: its text, the occupation and work type it was coded with, and its sources."""

    title: str
    occupation: Occupation
    work_type: SubRole | None
    sources: tuple[Source, ...]


def resolve_coded_titles(
    rows: Sequence[CodedTitleRow], by_code: Mapping[str, Occupation]
) -> tuple[CodedTitle, ...]:
    """The coded titles in file order, each pointing at the dictionary's occupation and work type.

    Raises :class:`~newocc.errors.CatalogueError` naming the file, the title
    and the field when a row is blank, repeated, cites nothing, names a code
    the dictionary lacks, a name that is not that code's, or a work type the
    occupation does not have.
    """
    seen: set[str] = set()
    coded = []
    for number, row in enumerate(rows):
        record = repr(row.title)
        if not row.title.strip():
            raise CatalogueError(CODED_TITLES_FILE, f"record {number}", "title", "is blank")
        if row.title in seen:
            raise CatalogueError(CODED_TITLES_FILE, record, "title", "duplicate title")
        seen.add(row.title)
        occupation = by_code.get(row.code)
        if occupation is None:
            raise CatalogueError(
                CODED_TITLES_FILE, record, "code", f"the dictionary has no code {shown(row.code)}"
            )
        if occupation.name_zh != row.occupation:
            raise CatalogueError(
                CODED_TITLES_FILE,
                record,
                "occupation",
                f"{row.code} is {occupation.name_zh}, not {shown(row.occupation)}",
            )
        if not row.sources:
            raise CatalogueError(CODED_TITLES_FILE, record, "sources", "cite where the title was seen")
        work_type = work_type_named(row.work_type, occupation, CODED_TITLES_FILE, record, "work_type")
        coded.append(CodedTitle(row.title, occupation, work_type, row.sources))
    return tuple(coded)
