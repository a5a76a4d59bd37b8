"""The catalogue's types: frozen, slotted attrs classes and closed enums.

Types only: nothing here reads files or knows where the data lives.  Every
record that states a fact carries the :class:`Source` objects it came from.

Annotations here are evaluated, not postponed (no ``from __future__ import
annotations``): the classes are defined in dependency order, and real types
spare the loader a ``typing.get_type_hints`` pass per class on a first query.
"""

import datetime as _dt
import enum
import math
import types
import typing  # attrs imports it already

import attrs

__all__ = [
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
]


def __dir__() -> list[str]:
    return list(__all__)


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


def _enum_fields(cls: type, fields: list[attrs.Attribute]) -> list[attrs.Attribute]:  # type: ignore[type-arg]
    """Give each field typed as an enum (or an optional one) a converter from the enum's value.

    A record built by hand, ``Source("id", "publisher", "state_media")``, then
    holds ``SourceKind.STATE_MEDIA`` as the loader's records do, and a value
    the enum lacks is a ``ValueError`` when the record is built, not an
    ``AttributeError`` in its ``repr`` later.
    """
    del cls
    result = []
    for field in fields:
        union = typing.get_origin(field.type) in (typing.Union, types.UnionType)
        options = typing.get_args(field.type) if union else (field.type,)
        kinds = [t for t in options if isinstance(t, type) and issubclass(t, enum.Enum)]
        if len(kinds) == 1 and field.converter is None:
            field = field.evolve(converter=_to_member(kinds[0], optional=type(None) in options))
        result.append(field)
    return result


def _to_member(kind: type[enum.Enum], *, optional: bool) -> object:
    def convert(value: object) -> object:
        if value.__class__ is kind or (optional and value is None):
            return value
        return kind(value)

    return convert


@attrs.frozen(repr=False, field_transformer=_enum_fields)
class Source:
    """Where a fact was seen.

    ``id`` is the key the data files use; ``url`` or ``title`` (or both)
    identify the page or document.  ``published`` is None when the page gives
    no date.
    """

    id: str
    publisher: str
    kind: SourceKind
    title: str | None = None
    url: str | None = None
    published: _dt.date | None = None

    def __repr__(self) -> str:
        return f"Source({self.id!r}, {self.kind.value})"


Sources = tuple[Source, ...]


@attrs.frozen(repr=False, field_transformer=_enum_fields)
class EnglishName:
    """An English rendering of an official Chinese name."""

    text: str
    kind: NameKind
    sources: Sources

    def __repr__(self) -> str:
        return f"EnglishName({self.text!r}, {self.kind.value})"

    def __str__(self) -> str:
        return self.text


@attrs.frozen(repr=False, field_transformer=_enum_fields)
class FormerCode:
    """A code printed for an occupation before the 2022 dictionary.

    ``edition`` names where it was printed (e.g. "2021 national skill
    standard").  Several such codes were later given to other occupations.
    """

    code: str
    edition: str
    sources: Sources

    def __repr__(self) -> str:
        return f"FormerCode({self.code!r}, {self.edition!r})"


@attrs.frozen(repr=False, field_transformer=_enum_fields)
class FormerName:
    """An official name an occupation had before it was renamed."""

    name_zh: str
    edition: str
    sources: Sources

    def __repr__(self) -> str:
        return f"FormerName({self.name_zh!r}, {self.edition!r})"


@attrs.frozen(repr=False, field_transformer=_enum_fields)
class Wording:
    """A definition as one edition printed it."""

    text: str
    edition: str
    sources: Sources

    def __repr__(self) -> str:
        return f"Wording({_short(self.text, 20)!r}, {self.edition!r})"


@attrs.frozen(repr=False, field_transformer=_enum_fields)
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


@attrs.frozen(repr=False, field_transformer=_enum_fields)
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

    people_low: int
    people_high: int
    kind: EstimateKind
    year_made: int
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


@attrs.frozen(repr=False, field_transformer=_enum_fields)
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

    kind: FactKind
    topic: str
    text: str
    period: str
    population: str
    source: Source
    value: int | None = None
    unit: str | None = None
    items: tuple[str, ...] = ()
    attribution: tuple[str, ...] = ()
    note: str | None = None

    def __repr__(self) -> str:
        return f"Fact({self.kind.value}, {_short(self.topic, 30)!r})"


@attrs.frozen(repr=False, field_transformer=_enum_fields)
class BatchDate:
    """One dated event in a batch's release."""

    event: DateEvent
    date: _dt.date
    sources: Sources

    def __repr__(self) -> str:
        return f"BatchDate({self.event.value}, {self.date.isoformat()})"


_RELEASE_PREFERENCE = (DateEvent.FORMAL_NOTICE, DateEvent.PRESS_CONFERENCE, DateEvent.PUBLIC_COMMENT)


@attrs.frozen(repr=False, field_transformer=_enum_fields)
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


@attrs.frozen(repr=False, field_transformer=_enum_fields)
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

    number: int
    title_zh: str | None
    notice_number: str | None
    official_count: int
    listed_count: int
    dates: tuple[BatchDate, ...]
    unplaced_work_types: tuple[SubRole, ...]
    sources: Sources
    note: str | None = None
    official_work_types: int | None = None
    listed_work_types: int = 0

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


@attrs.frozen(repr=False, field_transformer=_enum_fields)
class Percentile:
    """One percentile of a pay distribution: ``rank`` per cent earn ``value`` or less."""

    rank: int
    value: int

    def __repr__(self) -> str:
        return f"P{self.rank}={self.value}"


@attrs.frozen(repr=False, field_transformer=_enum_fields)
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

    low: int
    high: int | None
    currency: Currency
    period: Period
    year: int
    population: str
    source: Source
    region: str | None = None
    sub_role: str | None = None
    proxy: bool = False
    statistic: Statistic = attrs.field(kw_only=True)
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


@attrs.frozen(repr=False, field_transformer=_enum_fields)
class Group:
    """A group of the 2022 dictionary's hierarchy: major (大类), middle (中类) or small (小类).

    ``code`` is the prefix of the occupation codes it holds: ``"4"`` for a
    major group, ``"4-02"`` for a middle one, ``"4-02-07"`` for a small one.
    """

    code: str
    name_zh: str
    sources: Sources

    @property
    def level(self) -> int:
        """1 for a major group, 2 for a middle group, 3 for a small group."""
        return self.code.count("-") + 1

    def __repr__(self) -> str:
        return f"Group({self.code!r}, {self.name_zh!r})"


@attrs.frozen(repr=False, field_transformer=_enum_fields)
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

    code: str | None
    code_sources: Sources
    former_codes: tuple[FormerCode, ...]
    name_zh: str
    name_en: EnglishName | None
    batch: int | None
    status: Status
    definition_zh: str | None
    sector: Sector | None
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


# -- the coder's lexicon (data/lexicon_*.json) ------------------------------------


class TermKind(str, enum.Enum):
    """What a lexicon term is."""

    BRAND = "brand"
    """A company or product name (饿了么, 阿里云, 大疆)."""
    PLATFORM = "platform"
    """A website or app people work on or for (抖音, 亚马逊, 小红书)."""
    ABBREVIATION = "abbreviation"
    """A short form (等保, BIM, AIGC, OCR, SRE)."""
    TECHNOLOGY = "technology"
    """A technical or trade term that names a field (机器学习, 数仓, 奶茶)."""
    ENGLISH = "english"
    """An English word or phrase, read as the Chinese words it means."""


@attrs.frozen(repr=False, field_transformer=_enum_fields)
class RoleClass:
    """A class of role words job titles are written with (开发, 研发, 程序员 → ``developer``).

    ``neutral`` classes (经理, 专员, 助理 …) say how senior a job is, not what
    it is: they never contradict an occupation.  A class that ``decides`` is a
    job of its own whatever field a title names (a teacher, a seller, a
    recruiter: 区块链讲师, 物联网销售): an occupation it contradicts is not the
    title's.  ``words`` are matched in normalised titles, longest first.
    """

    id: str
    neutral: bool
    words: tuple[str, ...]
    sources: Sources
    common_usage: bool
    decides: bool = False

    def __repr__(self) -> str:
        return f"RoleClass({self.id!r}, {len(self.words)} words)"


@attrs.frozen(repr=False, field_transformer=_enum_fields)
class RoleHead:
    """The role classes an occupation takes, from the end of its name.

    An occupation takes the roles of the longest ``suffix`` of its name
    (``工程技术人员`` → engineer, developer …) and ``tolerates`` others (a title
    in those roles neither supports nor contradicts it); a head whose suffix
    is a whole name adds that occupation's own roles.
    """

    suffix: str
    roles: tuple[str, ...]
    tolerates: tuple[str, ...]
    sources: Sources
    common_usage: bool

    def __repr__(self) -> str:
        return f"RoleHead({self.suffix!r})"


@attrs.frozen(repr=False, field_transformer=_enum_fields)
class Term:
    """A brand, platform, abbreviation or English word, and the Chinese words it stands for.

    ``饿了么`` means ``外卖 网约配送``; the coder reads a title containing the
    term as if it also contained what it means.
    """

    text: str
    means: tuple[str, ...]
    kind: TermKind
    sources: Sources
    common_usage: bool

    def __repr__(self) -> str:
        return f"Term({self.text!r}, {self.kind.value})"


@attrs.frozen(repr=False, field_transformer=_enum_fields)
class Anchor:
    """A word that names an older occupation of the dictionary (``会计`` → 会计专业人员).

    ``code`` and ``occupation`` (its name) identify the occupation; a title
    best explained by an anchor is not taken for a new occupation.
    """

    text: str
    code: str
    occupation: str
    sources: Sources
    common_usage: bool

    def __repr__(self) -> str:
        return f"Anchor({self.text!r}, {self.code})"
