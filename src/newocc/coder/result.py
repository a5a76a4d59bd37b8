"""The last step of the coder: what a search returns, and why.

A :class:`Match` names an occupation (and a work type when the title names
one), the calibrated ``confidence`` that it is the right answer, the raw
``score`` it was ranked by, and its :class:`Evidence`.  It pickles by
reference: the occupation's code (or name) and the work type's name, not the
records, so a pickled match is a few hundred bytes and reads back as the
records of the catalogue in the process that unpickles it.
"""

from __future__ import annotations

import enum

import attrs

from newocc.coder.universe import resolve
from newocc.model import Occupation, Status, SubRole

__all__ = ["Evidence", "LabelKind", "Match"]


class LabelKind(str, enum.Enum):
    """What kind of name a title matched, most authoritative first."""

    CODE = "code"
    """The occupation's code, current or former (``4-01-06-02``)."""
    OFFICIAL_NAME = "official_name"
    """The official Chinese name (``网约配送员``)."""
    ENGLISH_NAME = "english_name"
    """The English name recorded for the occupation."""
    SUB_ROLE_NAME = "sub_role_name"
    """The Chinese or English name of one of its work types (``直播销售员``)."""
    FORMER_NAME = "former_name"
    """A name the occupation had before."""
    ALIAS = "alias"
    """A name in ``aliases.json``: colloquial (``外卖小哥``) or an English job title."""
    ANCHOR = "anchor"
    """A word the coder's lexicon ties to an older occupation (``会计``, ``java``)."""
    TITLE = "title"
    """A previously coded posting title: packaged (``coded_titles.json``) or given (``labelled_titles``)."""
    TERMS = "terms"
    """No whole name: the words of the title found in the occupation's names and definition."""

    @property
    def rank(self) -> int:
        """The position in the order above: lower wins a tie."""
        return _RANKS[self]


_RANKS = {kind: number for number, kind in enumerate(LabelKind)}
_AGREEMENT = {1: "+", 0: "~", -1: "-"}


@attrs.frozen(repr=False)
class Evidence:
    """Why a result was found.

    ``label`` is the name that matched best (an official name, a work type,
    an alias …; for ``LabelKind.TERMS`` the occupation's name), ``kind`` what
    sort of name it is, ``terms`` the words of the title (after the lexicon
    spelled out brands and abbreviations) that the occupation's names and
    definition contain, and ``role`` the role class the title ends in
    (``"engineer"``, ``"delivery"`` …; None when it names no role) with
    ``role_agrees``: 1 when the occupation takes that role, 0 when it is
    neutral, -1 when the role contradicts it.
    """

    label: str
    kind: LabelKind
    terms: tuple[str, ...] = ()
    role: str | None = None
    role_agrees: int = 0

    def __repr__(self) -> str:
        parts = [f"{self.label!r}", self.kind.value]
        if self.terms:
            parts.append(f"terms={'/'.join(self.terms)}")
        if self.role is not None:
            parts.append(f"role={self.role}{_AGREEMENT[self.role_agrees]}")
        return f"Evidence({', '.join(parts)})"


@attrs.frozen(repr=False)
class Match:
    """One result: the occupation, the work type when the title names one, and how sure.

    ``confidence`` is a calibrated probability, in [0, 1], that this is the
    right answer (measured on labelled real posting titles: see the search
    page); ``score`` is the raw ranking score, comparable only within one
    search.  ``occupation`` may be an older occupation of the dictionary for
    :func:`~newocc.coder.Matcher.classify`; ``is_new`` tells.
    """

    occupation: Occupation
    sub_role: SubRole | None
    confidence: float
    score: float
    evidence: Evidence

    @property
    def is_new(self) -> bool:
        """Whether the answer is new: a new (or raised) occupation, or a new work type of an older one."""
        if self.occupation.status in (Status.NEW, Status.RAISED):
            return True
        return self.sub_role is not None and self.sub_role.introduced_in is not None

    @property
    def label(self) -> str:
        """The name that matched (``evidence.label``)."""
        return self.evidence.label

    @property
    def kind(self) -> LabelKind:
        """What sort of name matched (``evidence.kind``)."""
        return self.evidence.kind

    def __repr__(self) -> str:
        role = f", sub_role={self.sub_role.name_zh!r}" if self.sub_role else ""
        new = "" if self.is_new else ", is_new=False"
        return (
            f"Match({self.occupation.name_zh!r}{role}, confidence={self.confidence:.2f}{new}, "
            f"label={self.evidence.label!r}, kind={self.evidence.kind.value})"
        )

    def __reduce__(self) -> tuple[object, ...]:
        occupation = self.occupation
        key = occupation.code if occupation.code is not None else occupation.name_zh
        role = self.sub_role.name_zh if self.sub_role is not None else None
        evidence = self.evidence
        return (
            _rebuild,
            (
                key,
                occupation.name_zh,
                role,
                self.confidence,
                self.score,
                evidence.label,
                evidence.kind.value,
                evidence.terms,
                evidence.role,
                evidence.role_agrees,
            ),
        )


def _rebuild(
    key: str,
    name: str,
    role: str | None,
    confidence: float,
    score: float,
    label: str,
    kind: str,
    terms: tuple[str, ...],
    role_class: str | None,
    role_agrees: int,
) -> Match:
    occupation, sub_role = resolve(key, name, role)
    evidence = Evidence(label, LabelKind(kind), terms, role_class, role_agrees)
    return Match(occupation, sub_role, confidence, score, evidence)
