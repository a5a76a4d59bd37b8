"""The catalogue's types: frozen, slotted attrs classes and closed enums.

Types only: nothing here reads files or knows where the data lives.  Every
record that states a fact carries the :class:`Source` objects it came from.

Annotations here are evaluated, not postponed (no ``from __future__ import
annotations``): the classes are defined in dependency order, and real types
spare the loader a ``typing.get_type_hints`` pass per class on a first query.

The title coder's lexicon records (:class:`~newocc.model.lexicon.Term` and
the rest) are defined in :mod:`newocc.model.lexicon` and given here too; that
module is imported when one of them is first asked for, not by a first query.
"""

import datetime as _dt
import enum
import math

# The classic ``attr`` namespace, not ``attrs``: the same frozen() and field(),
# but importing the ``attrs`` package too (six small modules that re-export
# them) cost every first query about a millisecond.
import attr

__all__ = [
    "CODE_PATTERN",
    "COMPUTED",
    "EARLIEST_FIGURE_YEAR",
    "GROUP_PATTERN",
    "MAXIMUM",
    "MINIMUM",
    "MIN_LENGTH",
    "MOST_PAY",
    "PATTERN",
    "SHAPE",
    "Anchor",
    "Batch",
    "BatchDate",
    "Currency",
    "DateEvent",
    "EnglishName",
    "Estimate",
    "EstimateKind",
    "Fact",
    "FactKind",
    "FormerCode",
    "FormerName",
    "Group",
    "NameKind",
    "Occupation",
    "Percentile",
    "Period",
    "RoleClass",
    "RoleHead",
    "SalaryRange",
    "Sector",
    "SkillStandard",
    "Source",
    "SourceKind",
    "Statistic",
    "Status",
    "SubRole",
    "Term",
    "TermKind",
    "Wording",
    "cites_by_id",
    "facts",
]


# The lexicon's record types live in newocc.model.lexicon and the dictionary's
# groups in newocc.model.groups, each imported on first use: a first query of
# the new occupations builds neither.
_LAZY = {
    "Anchor": "lexicon",
    "RoleClass": "lexicon",
    "RoleHead": "lexicon",
    "Term": "lexicon",
    "TermKind": "lexicon",
    "Group": "groups",
}

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: see newocc/__init__.py
if TYPE_CHECKING:
    from newocc.model.groups import Group
    from newocc.model.lexicon import Anchor, RoleClass, RoleHead, Term, TermKind


def __dir__() -> list[str]:
    return list(__all__)


def __getattr__(name: str) -> object:
    home = _LAZY.get(name)
    if home is not None:
        from importlib import import_module

        return getattr(import_module(f"newocc.model.{home}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class SourceKind(str, enum.Enum):
    """How much weight a source can bear, strongest first."""

    OFFICIAL_NOTICE = "official_notice"
    """A notice or statement in the issuing ministry's own words."""
    NATIONAL_STANDARD = "national_standard"
    """A national vocational skill standard (国家职业技能标准) or its cover."""
    STATE_MEDIA = "state_media"
    """Xinhua, People's Daily, China Daily, CCTV, gov.cn and their reprints."""
    INDUSTRY_REPORT = "industry_report"
    """Consultancies, recruitment platforms, research institutes, associations."""
    SECONDARY_COPY = "secondary_copy"
    """Training sites, mirrors, blogs and third-party data copies."""


class NameKind(str, enum.Enum):
    """Where an English name comes from: there is no official English list."""

    OFFICIAL = "official"
    """Used by a government body in an English text."""
    STATE_MEDIA = "state_media"
    """Used by state media in an English report."""
    SECONDARY = "secondary"
    """Used in another English text, such as a repost of a media report."""
    TRANSLATION = "translation"
    """This project's own translation."""


class DateEvent(str, enum.Enum):
    """The event a batch date marks; sources disagree on "the" date."""

    PUBLIC_COMMENT = "public_comment"
    """The draft list was put up for public comment (公示)."""
    FORMAL_NOTICE = "formal_notice"
    """The formal notice (通知) was issued or dated."""
    PRESS_CONFERENCE = "press_conference"
    """The ministry announced the batch at a press conference or statement."""
    MEDIA_REPORT = "media_report"
    """The earliest media report found, when no official date was seen."""


class Status(str, enum.Enum):
    """Why a record is in the catalogue."""

    NEW = "new"
    """One of the new occupations a batch released; counted in its official count."""
    RAISED = "raised"
    """A work type a batch raised to an occupation, outside the official count."""
    HOST = "host"
    """An older occupation, listed because a batch gave it new work types."""
    ESTABLISHED = "established"
    """An occupation of the 2022 dictionary (or of its 2024 and 2025 additions)
    that no new-occupation batch released and that no batch gave a work type;
    it has no sector (see :class:`Sector`)."""


class Sector(str, enum.Enum):
    """newocc's own grouping of occupations into economic fields.

    The rule: an occupation goes to the field of the thing its work produces
    or looks after, read from its official definition.  Two fields are checked
    first because they cut across the others: work whose object is emissions,
    energy or the environment is ``GREEN``; work on people's health, care or
    food safety is ``HEALTH_CARE``.  Then farming is ``AGRICULTURE``; buildings,
    infrastructure and transport (road, rail, air) ``CONSTRUCTION_TRANSPORT``;
    the making, assembly and upkeep of physical products and machines
    ``MANUFACTURING``; software, data, networks, chips, AI and their security
    ``DIGITAL``; services sold to firms ``BUSINESS_SERVICES``,
    services sold to consumers or run on consumer platforms
    ``CONSUMER_SERVICES``, and public administration, training and education
    ``PUBLIC_SERVICES``.

    Sectors are assigned to the catalogue's records (new occupations and those
    related to them) only; an ``ESTABLISHED`` occupation of the dictionary has
    ``sector`` None: the rule was never applied to it.
    """

    DIGITAL = "digital"
    MANUFACTURING = "manufacturing"
    CONSUMER_SERVICES = "consumer_services"
    BUSINESS_SERVICES = "business_services"
    HEALTH_CARE = "health_care"
    GREEN = "green"
    AGRICULTURE = "agriculture"
    CONSTRUCTION_TRANSPORT = "construction_transport"
    PUBLIC_SERVICES = "public_services"


class Currency(str, enum.Enum):
    """Currencies a salary figure may be given in."""

    CNY = "CNY"


class Period(str, enum.Enum):
    """The period a salary figure covers."""

    MONTH = "month"
    YEAR = "year"

    @property
    def months(self) -> int:
        """How many months the period spans."""
        return 1 if self is Period.MONTH else 12


class Statistic(str, enum.Enum):
    """Which statistic a pay figure is, as its source states it.

    ``find(salary=(low, high))`` compares each kind by the monthly span it
    gives (see :meth:`SalaryRange.overlaps`).
    """

    MEAN = "mean"
    """An average (平均): one number, or a span the source gives for the average."""
    MEDIAN = "median"
    """A median (中位数, 中位值): one number, or a lower bound on it ("median above 14,000")."""
    RANGE = "range"
    """A band the source gives as typical, usual or most common pay; ``low < high``."""
    PERCENTILES = "percentiles"
    """Several percentiles, listed in ``percentiles``; ``low`` and ``high`` are the lowest and highest."""
    LOWER_BOUND = "lower_bound"
    """Only that pay exceeds ``low`` (超过, 以上), with no statistic named; ``high`` is None."""
    FIGURE = "figure"
    """One number the source does not call a mean or a median (月收入, 年薪)."""


class EstimateKind(str, enum.Enum):
    """Whether a head count is a shortfall or a total need; reports often blur the two."""

    GAP = "gap"
    """A shortfall of people (缺口)."""
    DEMAND = "demand"
    """A total number of people needed (需求), often over the next five years."""


class FactKind(str, enum.Enum):
    """What a reported fact counts."""

    EMPLOYMENT = "employment"
    """People employed, or job opportunities created."""
    DEMOGRAPHIC = "demographic"
    """Who does the work: gender, age, city tier, experience."""
    CATALOGUE = "catalogue"
    """The catalogue itself: batches, totals, marks."""
    SKILLS = "skills"
    """The skills employers ask for most; ``items`` lists them."""
    TRAINING = "training"
    """How people are trained for the work, by whom, and what training lacks."""
    PAY = "pay"
    """How pay compares (across roles, or with a local average) where no figure alone says it."""


def span(low: int, high: int | None, *, dash: str = "–", grouped: bool = False) -> str:
    """``low``, ``low–high``, or ``low+`` when there is no upper bound (for reprs and exports)."""
    number = "{:,}" if grouped else "{}"
    if high is None:
        return number.format(low) + "+"
    if low == high:
        return number.format(low)
    return number.format(low) + dash + number.format(high)


def _short(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# Converters from an enum's value to its member, one per enum-typed field.
# A record built by hand, ``Source("id", "publisher", "state_media")``, then
# holds ``SourceKind.STATE_MEDIA`` as the loader's records do, and a value the
# enum lacks is a ``ValueError`` when the record is built, not an
# ``AttributeError`` in its ``repr`` later.  They are written out, not derived
# from the annotations by a field transformer, which cost every first query
# about a millisecond; a test checks that every enum-typed field has one.
# (So a hand-built record takes a member or its value: ``SourceKind | str``.)


def _source_kind(value: SourceKind | str) -> SourceKind:
    return value if value.__class__ is SourceKind else SourceKind(value)


def _name_kind(value: NameKind | str) -> NameKind:
    return value if value.__class__ is NameKind else NameKind(value)


def _estimate_kind(value: EstimateKind | str) -> EstimateKind:
    return value if value.__class__ is EstimateKind else EstimateKind(value)


def _fact_kind(value: FactKind | str) -> FactKind:
    return value if value.__class__ is FactKind else FactKind(value)


def _date_event(value: DateEvent | str) -> DateEvent:
    return value if value.__class__ is DateEvent else DateEvent(value)


def _currency(value: Currency | str) -> Currency:
    return value if value.__class__ is Currency else Currency(value)


def _period(value: Period | str) -> Period:
    return value if value.__class__ is Period else Period(value)


def _statistic(value: Statistic | str) -> Statistic:
    return value if value.__class__ is Statistic else Statistic(value)


def _status(value: Status | str) -> Status:
    return value if value.__class__ is Status else Status(value)


def _sector(value: Sector | str | None) -> Sector | None:
    return value if value is None or value.__class__ is Sector else Sector(value)


# -- the facts of a field, stated once ----------------------------------------------
#
# A field's bounds, pattern and whether it is computed live in its attrs
# metadata, under the keys below; the loader's structurer and validator, the
# JSON Schema generator (newocc._schema), the Hypothesis strategies
# (newocc.testing) and the exports all read them here.  Whether a field holds
# sources cited by id follows from its type: see :func:`cites_by_id`.

MINIMUM = "newocc.minimum"
"""Metadata key: the smallest value an int field may hold (inclusive)."""
MAXIMUM = "newocc.maximum"
"""Metadata key: the largest value an int field may hold (inclusive)."""
PATTERN = "newocc.pattern"
"""Metadata key: a regular expression a str field must match in full (ASCII classes only,
so that Python's ``re`` and JSON Schema read it alike)."""
MIN_LENGTH = "newocc.min_length"
"""Metadata key: the fewest characters a str field may hold."""
SHAPE = "newocc.shape"
"""Metadata key: how the pattern reads in an error message (``a dashed code like 4-01-06-02``)."""
COMPUTED = "newocc.computed"
"""Metadata key: True for a field the loader computes; data files never store it."""

CODE_PATTERN = "[0-9]-[0-9]{2}-[0-9]{2}-[0-9]{2}"
"""A dashed code of the Occupational Classification Dictionary (``4-01-06-02``)."""
GROUP_PATTERN = "[0-9](-[0-9]{2}(-[0-9]{2})?)?"
"""The code of a major (``4``), middle (``4-02``) or small (``4-02-07``) group."""
MOST_PAY = 10**9
"""No pay figure comes near a billion CNY a month or a year: a larger one is a typo (and
beyond about 10**308 it would not even convert to a float in ``find(salary=)``)."""
EARLIEST_FIGURE_YEAR = 2000
"""No figure in the data was made before this year: an earlier one is a typo."""


def facts(
    *,
    minimum: int | None = None,
    maximum: int | None = None,
    pattern: str | None = None,
    shape: str | None = None,
    min_length: int | None = None,
    computed: bool = False,
) -> dict[str, object]:
    """The attrs ``metadata`` stating a field's facts (only those given)."""
    stated = {
        MINIMUM: minimum,
        MAXIMUM: maximum,
        PATTERN: pattern,
        SHAPE: shape,
        MIN_LENGTH: min_length,
        COMPUTED: computed or None,
    }
    return {key: value for key, value in stated.items() if value is not None}


_CODE = facts(pattern=CODE_PATTERN, shape="a dashed code like 4-01-06-02")


@attr.frozen(repr=False)
class Source:
    """Where a fact was seen.

    ``id`` is the key the data files use; ``url`` or ``title`` (or both)
    identify the page or document.  ``published`` is None when the page gives
    no date.
    """

    id: str
    publisher: str
    kind: SourceKind = attr.field(converter=_source_kind)
    title: str | None = None
    url: str | None = None
    published: _dt.date | None = None

    def __repr__(self) -> str:
        return f"Source({self.id!r}, {self.kind.value})"


Sources = tuple[Source, ...]


def cites_by_id(kind: object) -> bool:
    """Whether a field of this type holds sources that data files cite by their id.

    True for :class:`Source` (a field's item type, for a tuple): every file
    but ``sources.json`` itself writes a source as its ``id``.
    """
    return kind is Source


@attr.frozen(repr=False)
class EnglishName:
    """An English rendering of an official Chinese name."""

    text: str
    kind: NameKind = attr.field(converter=_name_kind)
    sources: Sources

    def __repr__(self) -> str:
        return f"EnglishName({self.text!r}, {self.kind.value})"

    def __str__(self) -> str:
        return self.text


@attr.frozen(repr=False)
class FormerCode:
    """A code printed for an occupation before the 2022 dictionary.

    ``edition`` names where it was printed (e.g. "2021 national skill
    standard").  Several such codes were later given to other occupations.
    """

    code: str = attr.field(metadata=_CODE)
    edition: str = attr.field()
    sources: Sources = attr.field()

    def __repr__(self) -> str:
        return f"FormerCode({self.code!r}, {self.edition!r})"


@attr.frozen(repr=False)
class FormerName:
    """An official name an occupation had before it was renamed."""

    name_zh: str
    edition: str
    sources: Sources

    def __repr__(self) -> str:
        return f"FormerName({self.name_zh!r}, {self.edition!r})"


@attr.frozen(repr=False)
class Wording:
    """A definition as one edition printed it."""

    text: str
    edition: str
    sources: Sources

    def __repr__(self) -> str:
        return f"Wording({_short(self.text, 20)!r}, {self.edition!r})"


@attr.frozen(repr=False)
class SkillStandard:
    """A national vocational skill standard (国家职业技能标准) for an occupation.

    ``levels`` is empty when no source showed them.
    """

    title: str
    year: int | None
    issuers: tuple[str, ...]
    levels: tuple[str, ...]
    sources: Sources

    def __repr__(self) -> str:
        return f"SkillStandard({self.title!r})"


@attr.frozen(repr=False)
class Estimate:
    """A sourced head-count estimate: a talent gap or a demand forecast.

    ``people_low == people_high`` for a single figure; "over 5 million" is
    recorded as a low bound with a note.  ``horizon_year`` is the year the
    estimate looks ahead to, None when the source names no year: a present-day
    figure, or a span such as "the next five years" that ``scope`` states.
    ``proxy`` is True when the figure counts a broader group than the
    occupation (all cybersecurity staff, a whole industry); ``scope`` names it.
    ``attribution`` is the chain from whoever made the estimate through each
    outlet that relayed it, originator first; ``source`` is the page it was
    seen on.  Empty when the source made it.
    """

    people_low: int = attr.field(metadata=facts(minimum=1))
    people_high: int = attr.field(metadata=facts(minimum=1))
    kind: EstimateKind = attr.field(converter=_estimate_kind)
    year_made: int = attr.field(metadata=facts(minimum=EARLIEST_FIGURE_YEAR))
    horizon_year: int | None
    scope: str
    source: Source
    note: str | None = None
    proxy: bool = False
    attribution: tuple[str, ...] = ()

    def __repr__(self) -> str:
        people = span(self.people_low, self.people_high, grouped=True)
        horizon = f" by {self.horizon_year}" if self.horizon_year else ""
        return f"Estimate({self.kind.value} {people}{horizon}, made {self.year_made})"


@attr.frozen(repr=False)
class Fact:
    """A reported fact about who does the work or how many, as the source words it.

    ``value`` is the headline number when there is one; ``text`` keeps the
    source's own wording so nothing is lost in translation (where only a
    translation of the source was available, ``text`` is that translation and
    ``note`` says so).  ``items`` lists what the fact enumerates, in the
    source's words: the skills in demand, training channels, former
    industries.  ``attribution`` is the chain from whoever first stated it
    through each outlet that relayed it, originator first; ``source`` is the
    page it was seen on.  Empty when the source is the originator.
    """

    kind: FactKind = attr.field(converter=_fact_kind)
    topic: str
    text: str
    period: str
    population: str
    source: Source
    value: int | None = attr.field(default=None, metadata=facts(minimum=1))
    unit: str | None = None
    items: tuple[str, ...] = ()
    attribution: tuple[str, ...] = ()
    note: str | None = None

    def __repr__(self) -> str:
        return f"Fact({self.kind.value}, {_short(self.topic, 30)!r})"


@attr.frozen(repr=False)
class BatchDate:
    """One dated event in a batch's release."""

    event: DateEvent = attr.field(converter=_date_event)
    date: _dt.date
    sources: Sources

    def __repr__(self) -> str:
        return f"BatchDate({self.event.value}, {self.date.isoformat()})"


_RELEASE_PREFERENCE = (DateEvent.FORMAL_NOTICE, DateEvent.PRESS_CONFERENCE, DateEvent.PUBLIC_COMMENT)


@attr.frozen(repr=False)
class SubRole:
    """A work type (工种) of an occupation.

    ``introduced_in`` is the batch that released it as a new work type, or
    None when it came with the occupation itself or its national standard.
    """

    name_zh: str
    name_en: str | None
    introduced_in: int | None
    sources: Sources

    def __repr__(self) -> str:
        return f"SubRole({self.name_zh!r})"


@attr.frozen(repr=False)
class Batch:
    """One release of new occupations.

    ``official_count`` is the number of new occupations the release names;
    ``listed_count`` is how many of them this data release lists.
    ``official_work_types`` is the number of new work types the release
    announced (None where no source gives it); ``listed_work_types`` how many
    of them the data names.
    ``unplaced_work_types`` are new work types the release named whose parent
    occupation no source states.
    """

    number: int = attr.field(metadata=facts(minimum=1))
    title_zh: str | None = attr.field()
    notice_number: str | None = attr.field()
    official_count: int = attr.field(metadata=facts(minimum=1))
    listed_count: int = attr.field(metadata=facts(computed=True))
    dates: tuple[BatchDate, ...]
    unplaced_work_types: tuple[SubRole, ...]
    sources: Sources
    note: str | None = None
    official_work_types: int | None = None
    listed_work_types: int = attr.field(default=0, metadata=facts(computed=True))

    @property
    def released(self) -> _dt.date:
        """The release date: the formal notice, else the press conference, else the public comment."""
        for event in _RELEASE_PREFERENCE:
            for dated in self.dates:
                if dated.event is event:
                    return dated.date
        return min(d.date for d in self.dates)

    @property
    def complete(self) -> bool:
        """Whether the data lists every occupation the release named."""
        return self.listed_count == self.official_count

    def __repr__(self) -> str:
        return (
            f"Batch({self.number}, released={self.released.isoformat()}, "
            f"official_count={self.official_count})"
        )


@attr.frozen(repr=False)
class Percentile:
    """One percentile of a pay distribution: ``rank`` per cent earn ``value`` or less."""

    rank: int = attr.field(metadata=facts(minimum=1, maximum=99))
    value: int = attr.field(metadata=facts(minimum=1, maximum=MOST_PAY))

    def __repr__(self) -> str:
        return f"P{self.rank}={self.value}"


@attr.frozen(repr=False)
class SalaryRange:
    """A sourced pay figure: which ``statistic`` it is, and its span ``low``–``high``.

    One number has ``low == high``; ``high`` is None when the source says only
    that pay (or its median) exceeds ``low``.  A ``PERCENTILES`` figure lists
    them in ``percentiles``, and ``low`` and ``high`` are the lowest and the
    highest of them.

    ``population`` says whose pay it is (e.g. "average monthly pay of
    livestream sales hosts on one recruitment platform, H1 2020");
    ``proxy`` is True when a job title or a broader group stands in for the
    occupation.  ``attribution`` is the chain from whoever measured the figure
    through each outlet that relayed it, originator first (e.g. a city's
    human-resources bureau, then the newspaper that reported its table);
    ``source`` is the page it was seen on.  Empty when the source is the
    originator.  ``note`` says what a reader
    should know, such as which of two disagreeing sources was chosen.
    """

    low: int = attr.field(metadata=facts(minimum=1, maximum=MOST_PAY))
    high: int | None = attr.field(metadata=facts(minimum=1, maximum=MOST_PAY))
    currency: Currency = attr.field(converter=_currency)
    period: Period = attr.field(converter=_period)
    year: int = attr.field(metadata=facts(minimum=EARLIEST_FIGURE_YEAR))
    population: str
    source: Source
    region: str | None = None
    sub_role: str | None = None
    proxy: bool = False
    statistic: Statistic = attr.field(kw_only=True, converter=_statistic)
    percentiles: tuple[Percentile, ...] = ()
    note: str | None = None
    attribution: tuple[str, ...] = ()

    def monthly(self) -> tuple[float, float]:
        """The range per month, in ``currency`` (annual figures divided by 12; no high bound is infinity)."""
        months = self.period.months
        return (self.low / months, math.inf if self.high is None else self.high / months)

    def overlaps(self, low: float, high: float) -> bool:
        """Whether the figure says pay may lie within ``low``–``high`` per month (``find(salary=...)``).

        Every statistic is compared by its monthly span, :meth:`monthly`:

        - one number (``FIGURE``, or a ``MEAN`` or ``MEDIAN`` with ``low == high``):
          the number lies within ``low``–``high``;
        - a ``RANGE``, or a mean or median the source gives as a span: the
          spans overlap;
        - ``PERCENTILES``: the span from the lowest to the highest percentile
          given (e.g. the interquartile range) overlaps;
        - a lower bound (``LOWER_BOUND``, or a median "above" a number;
          ``high`` is None): the bound is at most ``high``.

        Bounds are inclusive.  Proxy figures count too; filter on ``proxy``
        to leave them out.
        """
        figure_low, figure_high = self.monthly()
        return figure_low <= high and low <= figure_high

    def __repr__(self) -> str:
        amount = span(self.low, self.high)
        return (
            f"SalaryRange({self.statistic.value} {amount} {self.currency.value}/{self.period.value}, "
            f"{self.year})"
        )


@attr.frozen(repr=False)
class Occupation:
    """A detailed occupation (细类) of the dictionary, new or not (see ``status``).

    ``code`` is the code in the 2022 edition of the Occupational
    Classification Dictionary (dashed, e.g. ``4-01-06-02``); ``former_codes``
    are codes printed before it.  ``batch`` is the release whose official list
    names the occupation, None for records outside any official list;
    ``raised_in`` is the batch that raised a ``RAISED`` record to an occupation.
    ``sources`` are where the name and batch were seen; ``definition_sources``
    where the definition was, in the edition ``definition_edition`` names.
    ``digital`` and ``green`` are True where a source shows the 2022
    dictionary's S or L mark, None where none does (not proof of no mark).
    ``sector`` is None only for ``ESTABLISHED`` occupations.
    ``dictionary_name_zh`` is the name the 2022 dictionary prints at ``code``
    when it is not ``name_zh`` (a new occupation the dictionary lists under a
    broader name, keeping the release's name as a work type); ``get()``
    resolves it.  The groups the occupation belongs to follow from its code:
    :attr:`major_group`, :attr:`middle_group`, :attr:`small_group`.
    """

    code: str | None = attr.field(metadata=_CODE)
    code_sources: Sources = attr.field()
    former_codes: tuple[FormerCode, ...]
    name_zh: str
    name_en: EnglishName | None
    batch: int | None
    status: Status = attr.field(converter=_status)
    definition_zh: str | None
    sector: Sector | None = attr.field(converter=_sector)
    sub_roles: tuple[SubRole, ...]
    salaries: tuple[SalaryRange, ...]
    sources: Sources
    raised_in: int | None = None
    note: str | None = None
    definition_edition: str | None = None
    definition_sources: Sources = ()
    former_definitions: tuple[Wording, ...] = ()
    former_names: tuple[FormerName, ...] = ()
    digital: bool | None = None
    green: bool | None = None
    mark_sources: Sources = ()
    standards: tuple[SkillStandard, ...] = ()
    talent_gaps: tuple[Estimate, ...] = ()
    facts: tuple[Fact, ...] = ()
    dictionary_name_zh: str | None = None

    @property
    def major_group(self) -> str | None:
        """The code of its major group (大类), e.g. ``"4"``; None without a code."""
        return self.code[:1] if self.code else None

    @property
    def middle_group(self) -> str | None:
        """The code of its middle group (中类), e.g. ``"4-02"``; None without a code."""
        return self.code[:4] if self.code else None

    @property
    def small_group(self) -> str | None:
        """The code of its small group (小类), e.g. ``"4-02-07"``; None without a code."""
        return self.code[:7] if self.code else None

    def __repr__(self) -> str:
        fields = [repr(self.code), repr(self.name_zh)]
        if self.batch is not None:
            fields.append(f"batch={self.batch}")
        if self.status is not Status.NEW:
            fields.append(f"status={self.status.value}")
        return f"Occupation({', '.join(fields)})"

    def __str__(self) -> str:
        english = f" ({self.name_en.text})" if self.name_en else ""
        return f"{self.code or '—'} {self.name_zh}{english}: {_short(self.definition_zh or '')}"
