"""Turn the packaged JSON into typed records: parse, structure, validate.

Rows are structured by the generated functions of
:mod:`newocc._store.structurers` (see :mod:`newocc._store.codegen` for why
they are generated): strict, checking each field's JSON type and the model's
field facts as they build the records.  Then :mod:`newocc._store.validate`
checks what spans fields and records.

Every failure becomes a :class:`~newocc.errors.CatalogueError` naming the file,
the record and the field, so a broken data release is fixed in minutes.

:func:`load` reads the catalogue (the new occupations and their related
records); :func:`load_dictionary` reads the rest of the 2022 dictionary on top
of a loaded catalogue, and :func:`load_vocabulary` the aliases and the coder's
lexicon on top of that, each only when something needs it.  A source that no
file cites is reported by :func:`load_vocabulary`, the first place every
citation is known (the later stages' files cite sources the catalogue does
not, so no earlier stage can tell).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from newocc._store import Catalogue
from newocc._store import structurers as _catalogue
from newocc._store.layout import SCHEMA_VERSION
from newocc._store.resources import read_data
from newocc._store.structuring import Fault
from newocc._store.validate import validate
from newocc.errors import CatalogueError, shown
from newocc.model import Occupation, Source, Status

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: see newocc/__init__.py
if TYPE_CHECKING:
    from newocc._store.whole_dictionary import Dictionary
    from newocc._store.words import Vocabulary

__all__ = ["SCHEMA_VERSION", "load", "load_dictionary", "load_vocabulary"]

Reader = Callable[[str], bytes]
T = TypeVar("T")


def load(read: Reader = read_data) -> Catalogue:
    """Read, structure and validate the data files; return the indexed catalogue.

    ``read`` maps a file name under ``newocc/data/`` to its bytes; tests pass
    their own to load deliberately broken copies.
    """
    release = _object(read, "release.json")
    _check_release(release)
    sources = _load_sources(read)
    occupations = tuple(
        _structure_rows(
            "occupations.json", _array(read, "occupations.json"), _catalogue.structure_Occupation, sources
        )
    )
    listed = _listed_counts(occupations)
    work_types = _listed_work_types(occupations)

    def counts(row: Mapping[str, Any]) -> dict[str, int]:
        number, unplaced = row.get("number"), row.get("unplaced_work_types")
        number = number if isinstance(number, int) else 0
        extra = len(unplaced) if isinstance(unplaced, list) else 0
        return {"listed_count": listed.get(number, 0), "listed_work_types": work_types.get(number, 0) + extra}

    batches = tuple(
        _structure_rows(
            "batches.json", _array(read, "batches.json"), _catalogue.structure_Batch, sources, counts
        )
    )
    facts = tuple(
        _structure_rows("facts.json", _array(read, "facts.json"), _catalogue.structure_Fact, sources)
    )
    used = validate(sources, batches, occupations, facts)
    catalogue = Catalogue(
        occupations=occupations,
        batches=batches,
        sources=tuple(sources.values()),
        facts=facts,
        data_version=str(release["data_version"]),
    )
    catalogue.uncited = frozenset(set(sources) - used)
    return catalogue


# Fields every dictionary row has the same value for: a row leaves them out.
_DICTIONARY_DEFAULTS: dict[str, Any] = {
    "status": Status.ESTABLISHED.value,
    "batch": None,
    "sector": None,
    "name_en": None,
    "former_codes": [],
    "sub_roles": [],
    "salaries": [],
}
_DICTIONARY_KEYS = ("occupations", "unresolved")


def load_dictionary(catalogue: Catalogue, read: Reader = read_data) -> Dictionary:
    """Read, structure and validate ``dictionary.json`` and ``groups.json`` on top of ``catalogue``.

    A row of ``dictionary.json`` is an ``Occupation`` as ``occupations.json``
    writes one, without the fields every established occupation shares
    (status, no batch, no sector, …); ``unresolved`` lists codes a source prints
    that no record holds, each with a note.  Raises
    :class:`~newocc.errors.CatalogueError` on the first fault; nothing is
    returned half-built.
    """
    from newocc._store import structurers_dictionary as _dictionary
    from newocc._store.validate import validate_dictionary
    from newocc._store.whole_dictionary import DICTIONARY_FILE, GROUPS_FILE, Dictionary

    content = _object(read, DICTIONARY_FILE)
    for key in content:
        if key not in _DICTIONARY_KEYS:
            raise CatalogueError(
                DICTIONARY_FILE, "top level", key, f"unknown key; keys are {list(_DICTIONARY_KEYS)}"
            )
    parts = {}
    for key in _DICTIONARY_KEYS:
        value = content.get(key)
        if not isinstance(value, list):
            raise CatalogueError(DICTIONARY_FILE, "top level", key, "missing, or not a JSON array")
        parts[key] = value
    sources = {source.id: source for source in catalogue.sources}
    rows = [{**_DICTIONARY_DEFAULTS, **row} if isinstance(row, dict) else row for row in parts["occupations"]]
    established = tuple(_structure_rows(DICTIONARY_FILE, rows, _catalogue.structure_Occupation, sources))
    notes = parts["unresolved"]
    unresolved = tuple(_structure_rows(DICTIONARY_FILE, notes, _dictionary.structure_CodeNote, sources))
    groups = tuple(
        _structure_rows(GROUPS_FILE, _array(read, GROUPS_FILE), _dictionary.structure_Group, sources)
    )
    used = validate_dictionary(catalogue.batches, catalogue.occupations, established, groups, unresolved)
    whole = Dictionary(catalogue=catalogue, established=established, groups=groups, unresolved=unresolved)
    whole.uncited = catalogue.uncited - used
    return whole


def load_vocabulary(dictionary: Dictionary, read: Reader = read_data) -> Vocabulary:
    """Read, structure and validate the aliases, coded titles and coder's lexicon on top of ``dictionary``.

    Aliases name the catalogue's occupations and work types, coded titles any
    occupation of the dictionary; the lexicon's
    records are structured like every other file's.  Then every source must
    be cited by some file: one that none cites raises here, naming it.
    Raises :class:`~newocc.errors.CatalogueError` on the first fault; nothing
    is returned half-built.
    """
    from newocc._store import structurers_vocabulary as _vocabulary
    from newocc._store.aliases import ALIASES_FILE, resolve_aliases
    from newocc._store.coded_titles import CODED_TITLES_FILE, POSTING_SOURCES_FILE, resolve_coded_titles
    from newocc._store.lexicon import LEXICON_FILES, Lexicon, check_lexicon
    from newocc._store.words import Vocabulary

    catalogue = dictionary.catalogue
    sources = {source.id: source for source in catalogue.sources}
    rows = _structure_rows(ALIASES_FILE, _array(read, ALIASES_FILE), _vocabulary.structure_AliasRow, sources)
    aliases = resolve_aliases(rows, catalogue.occupations)
    used = {source.id for alias in aliases for source in alias.sources}
    # The scraped-postings files the coded titles were seen in: only they cite them,
    # so they are read here, not with the catalogue's sources a first find() reads.
    postings = _load_sources(read, POSTING_SOURCES_FILE, sources)
    coded_rows = _structure_rows(
        CODED_TITLES_FILE,
        _array(read, CODED_TITLES_FILE),
        _vocabulary.structure_CodedTitleRow,
        {**sources, **postings},
    )
    coded = resolve_coded_titles(coded_rows, dictionary.by_code)
    cited = {source.id for title in coded for source in title.sources}
    unused = sorted(set(postings) - cited)
    if unused:
        raise CatalogueError(POSTING_SOURCES_FILE, repr(unused[0]), "id", "source is never cited")
    used |= cited
    lexicon = Lexicon(
        *(
            tuple(
                _structure_rows(
                    file, _array(read, file), getattr(_vocabulary, f"structure_{cls.__name__}"), sources
                )
            )
            for file, cls in LEXICON_FILES.items()
        )
    )
    used |= check_lexicon(lexicon, dictionary.by_code)
    uncited = sorted(dictionary.uncited - used)
    if uncited:
        raise CatalogueError("sources.json", repr(uncited[0]), "id", "source is never cited")
    return Vocabulary(aliases=aliases, lexicon=lexicon, coded_titles=coded)


def _check_release(release: Mapping[str, Any]) -> None:
    for field, kind in (("data_version", str), ("schema_version", int)):
        if not isinstance(release.get(field), kind):
            raise CatalogueError("release.json", "release", field, f"missing or not {kind.__name__}")
    if release["schema_version"] != SCHEMA_VERSION:
        raise CatalogueError(
            "release.json",
            "release",
            "schema_version",
            f"is {release['schema_version']}; this code reads {SCHEMA_VERSION}",
        )


def _parse(read: Reader, file: str) -> object:
    try:
        text = read(file).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CatalogueError(file, f"byte {exc.start}", "-", "not valid UTF-8") from None
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CatalogueError(file, f"line {exc.lineno}", f"column {exc.colno}", exc.msg) from None
    except RecursionError:
        raise CatalogueError(file, "-", "-", "is nested too deeply to be a data file") from None
    except ValueError as exc:  # e.g. an int of more than 4,300 digits
        raise CatalogueError(
            file, "-", "-", f"cannot be read as JSON: {str(exc).partition(';')[0]}"
        ) from None
    # Only a \uD800-\uDFFF escape can make a lone surrogate: look closer where
    # one may be.  (A plain substring test: a regex here would be compiled on
    # every first query.)
    if "\\ud" in text or "\\uD" in text:
        _refuse_lone_surrogates(file, value)
    return value


def _refuse_lone_surrogates(file: str, value: object) -> None:
    """Raise naming the first string that holds half of a surrogate pair: it is not text."""
    top = enumerate(value) if isinstance(value, list) else [(0, value)]
    for index, row in top:
        record = _record_name(index, row) if isinstance(value, list) else "top level"
        stack: list[tuple[str, object]] = [("", row)]
        while stack:
            field, item = stack.pop()
            if isinstance(item, str):
                try:
                    item.encode("utf-8")
                except UnicodeEncodeError:
                    problem = f"{shown(item)} holds a lone surrogate, not text"
                    raise CatalogueError(file, record, field or "-", problem) from None
            elif isinstance(item, dict):
                stack.extend((f"{field}.{key}".lstrip("."), inner) for key, inner in item.items())
                stack.extend((f"{field} key".lstrip(), key) for key in item)
            elif isinstance(item, list):
                stack.extend((f"{field}[{position}]", inner) for position, inner in enumerate(item))


def _object(read: Reader, file: str) -> dict[str, Any]:
    value = _parse(read, file)
    if not isinstance(value, dict):
        raise CatalogueError(file, "top level", "-", "expected a JSON object")
    return value


def _array(read: Reader, file: str) -> list[Any]:
    value = _parse(read, file)
    if not isinstance(value, list):
        raise CatalogueError(file, "top level", "-", "expected a JSON array")
    return value


def _record_name(index: int, row: object) -> str:
    if isinstance(row, dict):
        for key in ("name_zh", "id", "number", "code", "text", "suffix"):
            if isinstance(row.get(key), (str, int)):
                return f"record {index} ({shown(row[key])})"
    return f"record {index}"


def _structure_rows(
    file: str,
    rows: list[Any],
    structure: Callable[..., T],
    sources: Mapping[str, Source] | None,
    computed: Callable[[Mapping[str, Any]], dict[str, Any]] | None = None,
) -> list[T]:
    """Each row of ``file`` structured by its generated ``structure`` function; the first fault raises."""
    context = () if sources is None else (sources,)
    result = []
    for index, row in enumerate(rows):
        if not isinstance(row, dict):
            raise CatalogueError(file, _record_name(index, row), "-", "expected a JSON object")
        try:
            extra = computed(row) if computed is not None else {}
            result.append(structure(row, None, *context, **extra))
        except Fault as fault:
            raise CatalogueError(file, _record_name(index, row), fault.path or "-", fault.problem) from None
    return result


def _load_sources(
    read: Reader, file: str = "sources.json", known: Mapping[str, Source] | None = None
) -> dict[str, Source]:
    """The sources of ``file`` by id; an id also in ``known`` (another file's) is a duplicate too."""
    table: dict[str, Source] = {}
    for source in _structure_rows(file, _array(read, file), _catalogue.structure_Source, None):
        if source.id in table or (known is not None and source.id in known):
            raise CatalogueError(file, repr(source.id), "id", "duplicate source id")
        if not (source.url or source.title):
            raise CatalogueError(file, repr(source.id), "url", "needs a url or a title")
        if not source.publisher.strip():
            raise CatalogueError(file, repr(source.id), "publisher", "is blank")
        table[source.id] = source
    return table


def _listed_counts(occupations: tuple[Occupation, ...]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for occupation in occupations:
        if occupation.status is Status.NEW and occupation.batch is not None:
            counts[occupation.batch] = counts.get(occupation.batch, 0) + 1
    return counts


def _listed_work_types(occupations: tuple[Occupation, ...]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for occupation in occupations:
        for role in occupation.sub_roles:
            if role.introduced_in is not None:
                counts[role.introduced_in] = counts.get(role.introduced_in, 0) + 1
    return counts
