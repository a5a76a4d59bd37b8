"""The catalogue's and the dictionary's invariants, checked on every load.

Each check raises :class:`~newocc.errors.CatalogueError` naming the file, the
record and the field at fault.  A single field's facts (its bounds and
pattern, stated in the model) are checked as the rows are structured
(:mod:`newocc._store.structurers`); this module checks what spans fields,
records and files.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from newocc.errors import MAX_SHOWN, CatalogueError, shown
from newocc.model import (
    Batch,
    Estimate,
    Fact,
    FactKind,
    Group,
    Occupation,
    SalaryRange,
    Source,
    Statistic,
    Status,
    SubRole,
)

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: see newocc/__init__.py
if TYPE_CHECKING:
    from newocc._store.whole_dictionary import CodeNote

__all__ = ["validate", "validate_dictionary"]

_OCCUPATIONS = "occupations.json"
_DICTIONARY = "dictionary.json"
_GROUPS = "groups.json"
_BATCHES = "batches.json"


class _Seen:
    """What the records checked so far use, keyed by value, naming the record that uses it.

    A plain class, not a dataclass: importing ``dataclasses`` would cost the
    first query a few milliseconds.
    """

    __slots__ = ("codes", "english_work_types", "former_codes", "names", "unplaced", "work_types")

    def __init__(self) -> None:
        self.codes: dict[str, str] = {}
        self.names: dict[str, str] = {}
        self.former_codes: dict[str, str] = {}
        self.work_types: dict[str, str] = {}
        self.english_work_types: dict[str, str] = {}
        self.unplaced: dict[str, int] = {}


def validate(
    sources: Mapping[str, Source],
    batches: tuple[Batch, ...],
    occupations: tuple[Occupation, ...],
    facts: tuple[Fact, ...] = (),
) -> set[str]:
    """Check every invariant; return the ids of the sources the data cites."""
    used: set[str] = set()
    numbers = _check_batches(batches, used)
    seen = _Seen()
    _check_occupations(occupations, numbers, used, seen=seen)
    _check_work_types(batches, occupations, seen=seen)
    for index, fact in enumerate(facts):
        _check_fact("facts.json", f"record {index} ({fact.topic!r})", "source", fact, used)
    return used


def validate_dictionary(
    batches: tuple[Batch, ...],
    catalogue: tuple[Occupation, ...],
    established: tuple[Occupation, ...],
    groups: Sequence[Group],
    unresolved: Sequence[CodeNote],
) -> set[str]:
    """Check the dictionary's rows against themselves and the (valid) catalogue; return the cited ids.

    One code is one record: a row may not repeat a code, a name, a former code
    or a work type of the catalogue or of another row.
    """
    numbers = {batch.number for batch in batches}
    seen = _Seen()
    # The catalogue was checked when it loaded; this pass only fills ``seen``.
    _check_occupations(catalogue, numbers, set(), seen=seen)
    _check_work_types(batches, catalogue, seen=seen)
    used: set[str] = set()
    _check_occupations(established, numbers, used, file=_DICTIONARY, seen=seen)
    _check_work_types((), established, file=_DICTIONARY, seen=seen)
    _check_groups(groups, (*catalogue, *established), used)
    _check_unresolved(unresolved, seen, used)
    return used


def _check_groups(groups: Sequence[Group], occupations: Iterable[Occupation], used: set[str]) -> None:
    codes: dict[str, str] = {}
    for group in groups:
        record = f"group {group.code!r}"
        _unique(_GROUPS, codes, group.code, record, "code")
        if not group.name_zh.strip():
            raise _fail(_GROUPS, record, "name_zh", "is blank")
        _cite(_GROUPS, record, "sources", group.sources, used)
    for occupation in occupations:
        if occupation.major_group is not None and occupation.major_group not in codes:
            raise _fail(
                _GROUPS,
                f"group {occupation.major_group!r}",
                "code",
                f"no major group {occupation.major_group!r} is named, but {occupation.name_zh} "
                f"({occupation.code}) is in it; every major group needs its name",
            )


def _check_unresolved(notes: Sequence[CodeNote], seen: _Seen, used: set[str]) -> None:
    codes: dict[str, str] = {}
    for note in notes:
        record = f"unresolved {note.code!r}"
        for table, what in ((seen.codes, "the code of"), (seen.former_codes, "a former code of")):
            if note.code in table:
                raise _fail(_DICTIONARY, record, "code", f"is {what} {table[note.code]}; it resolves")
        _unique(_DICTIONARY, codes, note.code, record, "code")
        if not note.note.strip():
            raise _fail(_DICTIONARY, record, "note", "is blank; say why the code does not resolve")
        _cite(_DICTIONARY, record, "sources", note.sources, used)


def _fail(file: str, record: str, field: str, problem: str) -> CatalogueError:
    # Records are named by their values: a megabyte-long name must not make a megabyte message.
    return CatalogueError(file, _cut(record), field, _cut(problem, 4 * MAX_SHOWN))


def _cut(text: str, width: int = MAX_SHOWN) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _cite(file: str, record: str, field: str, cited: Iterable[Source], used: set[str]) -> None:
    ids = [source.id for source in cited]
    if not ids:
        raise _fail(file, record, field, "has no source")
    used.update(ids)


def _check_batches(batches: tuple[Batch, ...], used: set[str]) -> set[int]:
    numbers = [batch.number for batch in batches]
    if numbers != list(range(1, len(batches) + 1)):
        raise _fail(_BATCHES, "all", "number", f"batches must be numbered 1, 2, … in order, got {numbers}")
    for batch in batches:
        record = f"batch {batch.number}"
        _cite(_BATCHES, record, "sources", batch.sources, used)
        if batch.listed_count > batch.official_count:
            raise _fail(
                _BATCHES,
                record,
                "official_count",
                f"the data lists {batch.listed_count} new occupations, more than the official "
                f"{batch.official_count}",
            )
        if batch.listed_count < batch.official_count and not batch.note:
            raise _fail(
                _BATCHES,
                record,
                "note",
                f"lists {batch.listed_count} of {batch.official_count}; say why in a note",
            )
        if not batch.dates:
            raise _fail(_BATCHES, record, "dates", "has no date")
        if batch.official_work_types is not None and batch.listed_work_types > batch.official_work_types:
            raise _fail(
                _BATCHES,
                record,
                "official_work_types",
                f"the data names {batch.listed_work_types} new work types, more than the official "
                f"{batch.official_work_types}",
            )
        for index, dated in enumerate(batch.dates):
            _cite(_BATCHES, record, f"dates[{index}].sources", dated.sources, used)
        for index, role in enumerate(batch.unplaced_work_types):
            _check_sub_role(_BATCHES, record, f"unplaced_work_types[{index}]", role, used)
    return set(numbers)


def _check_occupations(
    occupations: tuple[Occupation, ...],
    numbers: set[int],
    used: set[str],
    *,
    file: str = _OCCUPATIONS,
    seen: _Seen | None = None,
) -> None:
    """Check each record of ``file``; ``seen`` holds the codes and names of files checked before."""
    seen = seen if seen is not None else _Seen()
    for occupation in occupations:
        record = repr(occupation.name_zh)
        if file == _OCCUPATIONS:
            _check_status(occupation, record, numbers)
        else:
            _check_established(occupation, record, file)
        _cite(file, record, "sources", occupation.sources, used)
        _unique(file, seen.names, occupation.name_zh, record, "name_zh")
        if occupation.dictionary_name_zh is not None:
            if occupation.dictionary_name_zh == occupation.name_zh:
                raise _fail(file, record, "dictionary_name_zh", "repeats name_zh; use null")
            _unique(file, seen.names, occupation.dictionary_name_zh, record, "dictionary_name_zh")
        if occupation.name_en is not None:
            _cite(file, record, "name_en.sources", occupation.name_en.sources, used)
            _unique(file, seen.names, occupation.name_en.text.casefold(), record, "name_en")
        if occupation.code is not None:
            _unique(file, seen.codes, occupation.code, record, "code")
            _cite(file, record, "code_sources", occupation.code_sources, used)
        elif occupation.code_sources:
            raise _fail(file, record, "code_sources", "cites a source for a missing code")
        for index, former in enumerate(occupation.former_codes):
            field = f"former_codes[{index}]"
            if former.code == occupation.code:
                raise _fail(file, record, f"{field}.code", "repeats the current code")
            _cite(file, record, f"{field}.sources", former.sources, used)
            _unique(file, seen.former_codes, former.code, record, "former_codes")
        if occupation.definition_zh is not None and not occupation.definition_zh.strip():
            raise _fail(file, record, "definition_zh", "is blank; use null")
        role_names = set()
        for index, role in enumerate(occupation.sub_roles):
            _check_sub_role(file, record, f"sub_roles[{index}]", role, used)
            if role.introduced_in is not None and role.introduced_in not in numbers:
                raise _fail(
                    file,
                    record,
                    f"sub_roles[{index}].introduced_in",
                    f"unknown batch {role.introduced_in}",
                )
            role_names.add(role.name_zh)
        for index, salary in enumerate(occupation.salaries):
            _check_salary(file, salary, record, f"salaries[{index}]", role_names, used)
        _check_history(file, occupation, record, seen.names, used)
        for index, estimate in enumerate(occupation.talent_gaps):
            _check_estimate(file, estimate, record, f"talent_gaps[{index}]", used)
        for index, fact in enumerate(occupation.facts):
            _check_fact(file, record, f"facts[{index}].source", fact, used)


def _check_history(
    file: str, occupation: Occupation, record: str, names: dict[str, str], used: set[str]
) -> None:
    if (occupation.definition_zh is None) != (not occupation.definition_sources):
        raise _fail(file, record, "definition_sources", "a definition and its sources go together")
    if occupation.definition_zh is not None and not occupation.definition_edition:
        raise _fail(file, record, "definition_edition", "a definition names the edition that printed it")
    used.update(s.id for s in occupation.definition_sources)
    for index, wording in enumerate(occupation.former_definitions):
        _cite(file, record, f"former_definitions[{index}].sources", wording.sources, used)
        if wording.text == occupation.definition_zh:
            raise _fail(file, record, f"former_definitions[{index}].text", "repeats the current definition")
    for index, former in enumerate(occupation.former_names):
        _cite(file, record, f"former_names[{index}].sources", former.sources, used)
        _unique(file, names, former.name_zh, record, f"former_names[{index}]")
    if occupation.digital is False or occupation.green is False:
        raise _fail(file, record, "digital", "marks are true where sourced, else null")
    if (occupation.digital or occupation.green) and not occupation.mark_sources:
        raise _fail(file, record, "mark_sources", "a digital or green mark needs a source")
    used.update(s.id for s in occupation.mark_sources)
    for index, standard in enumerate(occupation.standards):
        _cite(file, record, f"standards[{index}].sources", standard.sources, used)


def _check_estimate(file: str, estimate: Estimate, record: str, field: str, used: set[str]) -> None:
    if estimate.people_low > estimate.people_high:
        raise _fail(
            file,
            record,
            f"{field}.people_low",
            f"need low <= high, got {estimate.people_low} and {estimate.people_high}",
        )
    if estimate.horizon_year is not None and estimate.horizon_year < estimate.year_made:
        raise _fail(file, record, f"{field}.horizon_year", "looks back before the year it was made")
    _check_words(file, record, f"{field}.attribution", estimate.attribution)
    _check_note(file, record, f"{field}.note", estimate.note)
    _cite(file, record, f"{field}.source", (estimate.source,), used)


def _check_fact(file: str, record: str, field: str, fact: Fact, used: set[str]) -> None:
    if not fact.text.strip():
        raise _fail(file, record, field.replace("source", "text"), "is blank")
    if fact.kind is FactKind.SKILLS and not fact.items:
        raise _fail(file, record, field.replace("source", "items"), "a skills fact lists the skills")
    _check_words(file, record, field.replace("source", "items"), fact.items)
    _check_words(file, record, field.replace("source", "attribution"), fact.attribution)
    _check_note(file, record, field.replace("source", "note"), fact.note)
    _cite(file, record, field, (fact.source,), used)


def _check_words(file: str, record: str, field: str, words: tuple[str, ...]) -> None:
    """A list of names or wordings: none blank, none repeated."""
    for index, word in enumerate(words):
        if not word.strip():
            raise _fail(file, record, f"{field}[{index}]", "is blank")
    if len(set(words)) != len(words):
        raise _fail(file, record, field, f"repeats an entry: {list(words)}")


def _check_note(file: str, record: str, field: str, note: str | None) -> None:
    if note is not None and not note.strip():
        raise _fail(file, record, field, "is blank; use null")


def _check_status(occupation: Occupation, record: str, numbers: set[int]) -> None:
    if occupation.status is Status.NEW:
        if occupation.batch not in numbers:
            raise _fail(
                _OCCUPATIONS, record, "batch", f"a new occupation needs a known batch, got {occupation.batch}"
            )
    elif occupation.batch is not None:
        raise _fail(_OCCUPATIONS, record, "batch", f"must be null for status {occupation.status.value!r}")
    if occupation.status is Status.RAISED:
        if occupation.raised_in not in numbers:
            raise _fail(
                _OCCUPATIONS,
                record,
                "raised_in",
                f"a raised occupation needs a known batch, got {occupation.raised_in}",
            )
    elif occupation.raised_in is not None:
        raise _fail(_OCCUPATIONS, record, "raised_in", f"must be null for status {occupation.status.value!r}")
    if occupation.status is Status.HOST and not occupation.sub_roles:
        raise _fail(_OCCUPATIONS, record, "sub_roles", "a host record exists only for its work types")
    if occupation.status is Status.ESTABLISHED:
        raise _fail(
            _OCCUPATIONS, record, "status", f"established occupations belong in {_DICTIONARY}, not here"
        )
    if occupation.sector is None:
        raise _fail(_OCCUPATIONS, record, "sector", "only an established occupation has no sector")


def _check_established(occupation: Occupation, record: str, file: str) -> None:
    """A dictionary row is an established occupation: no batch, no sector, a code."""
    if occupation.status is not Status.ESTABLISHED:
        raise _fail(
            file,
            record,
            "status",
            f"must be 'established', not {occupation.status.value!r}; "
            f"the catalogue's records live in {_OCCUPATIONS}",
        )
    for name in ("batch", "raised_in", "sector"):
        if getattr(occupation, name) is not None:
            raise _fail(file, record, name, "must be null for an established occupation")
    if occupation.code is None:
        raise _fail(file, record, "code", "a dictionary row needs its code")
    if occupation.dictionary_name_zh is not None:
        raise _fail(file, record, "dictionary_name_zh", "name_zh already is the dictionary's name; use null")
    for index, role in enumerate(occupation.sub_roles):
        if role.introduced_in is not None:
            raise _fail(
                file,
                record,
                f"sub_roles[{index}].introduced_in",
                f"must be null; a work type a batch released makes its occupation a host record in "
                f"{_OCCUPATIONS}",
            )


def _unique(file: str, seen: dict[str, str], key: str, record: str, field: str) -> None:
    if key in seen:
        raise _fail(file, record, field, f"{shown(key)} is also used by {seen[key]}")
    seen[key] = f"{record} in {file}"


def _check_sub_role(file: str, record: str, field: str, role: SubRole, used: set[str]) -> None:
    if not role.name_zh.strip():
        raise _fail(file, record, f"{field}.name_zh", "is blank")
    _cite(file, record, f"{field}.sources", role.sources, used)


def _check_salary(
    file: str, salary: SalaryRange, record: str, field: str, role_names: set[str], used: set[str]
) -> None:
    if salary.high is not None and salary.low > salary.high:
        raise _fail(file, record, f"{field}.high", f"low {salary.low} is above high {salary.high}")
    if salary.sub_role is not None and salary.sub_role not in role_names:
        raise _fail(
            file, record, f"{field}.sub_role", f"{shown(salary.sub_role)} is not one of its sub-roles"
        )
    _check_statistic(file, salary, record, field)
    _check_words(file, record, f"{field}.attribution", salary.attribution)
    _check_note(file, record, f"{field}.note", salary.note)
    _cite(file, record, f"{field}.source", (salary.source,), used)


def _check_statistic(file: str, salary: SalaryRange, record: str, field: str) -> None:
    """The span fits the statistic: one number, a band, a bound, or the percentiles' extremes."""
    statistic = salary.statistic
    problem = None
    if statistic is Statistic.FIGURE and salary.high != salary.low:
        problem = f"a single figure needs low == high, got {salary.low} and {salary.high}"
    elif statistic is Statistic.RANGE and (salary.high is None or salary.high == salary.low):
        problem = f"a range needs low < high, got {salary.low} and {salary.high}"
    elif statistic is Statistic.LOWER_BOUND and salary.high is not None:
        problem = f"a lower bound has no high, got {salary.high}"
    elif statistic is Statistic.MEDIAN and salary.high not in (None, salary.low):
        problem = f"a median is one number or a lower bound, got {salary.low} and {salary.high}"
    if problem:
        raise _fail(file, record, f"{field}.statistic", f"{statistic.value}: {problem}")
    if statistic is not Statistic.PERCENTILES:
        if salary.percentiles:
            raise _fail(file, record, f"{field}.percentiles", "only for statistic 'percentiles'")
        return
    ranks = [p.rank for p in salary.percentiles]
    values = [p.value for p in salary.percentiles]
    if not salary.percentiles:
        raise _fail(file, record, f"{field}.percentiles", "statistic 'percentiles' lists none")
    if not all(0 < rank < 100 for rank in ranks) or ranks != sorted(set(ranks)):
        raise _fail(file, record, f"{field}.percentiles", f"ranks must rise within 1–99, got {ranks}")
    if values != sorted(values):
        raise _fail(file, record, f"{field}.percentiles", f"values must not fall, got {values}")
    if (salary.low, salary.high) != (values[0], values[-1]):
        raise _fail(
            file,
            record,
            f"{field}.low",
            f"low and high must be the lowest and highest percentile, {values[0]} and {values[-1]}",
        )


def _check_work_types(
    batches: tuple[Batch, ...],
    occupations: tuple[Occupation, ...],
    *,
    file: str = _OCCUPATIONS,
    seen: _Seen | None = None,
) -> None:
    """Every work type belongs to exactly one occupation (or to no known one)."""
    seen = seen if seen is not None else _Seen()
    owners, english = seen.work_types, seen.english_work_types
    for occupation in occupations:
        for name in (occupation.name_zh, occupation.dictionary_name_zh):
            if name is None:
                continue
            if file == _DICTIONARY and name in seen.unplaced:
                # A batch released it as a work type without naming its parent, and
                # the 2022 dictionary made it an occupation (劳务派遣管理员): the name
                # is the dictionary's occupation now, and still the batch's work type.
                continue
            _owned_once(owners, name, file, repr(occupation.name_zh), owner="an occupation")
    for occupation in occupations:
        for role in occupation.sub_roles:
            if file == _DICTIONARY and role.name_zh in seen.unplaced:
                continue  # the dictionary names the parent a batch left unnamed (泥板画创作员)
            _owned_once(owners, role.name_zh, file, repr(occupation.name_zh))
            if role.name_en:
                _owned_once(english, role.name_en.casefold(), file, repr(occupation.name_zh))
    for batch in batches:
        for role in batch.unplaced_work_types:
            _owned_once(owners, role.name_zh, _BATCHES, f"batch {batch.number}")
            seen.unplaced[role.name_zh] = batch.number
            if role.introduced_in != batch.number:
                raise _fail(
                    _BATCHES,
                    f"batch {batch.number}",
                    "unplaced_work_types",
                    f"{shown(role.name_zh)} must have introduced_in {batch.number}",
                )


def _owned_once(owners: dict[str, str], name: str, file: str, record: str, *, owner: str = "") -> None:
    if name in owners:
        what = "name" if owner else "work type"
        raise _fail(
            file,
            record,
            "name_zh" if owner else "sub_roles",
            f"{what} {shown(name)} also belongs to {owners[name]}",
        )
    owners[name] = owner or f"{record} in {file}"
