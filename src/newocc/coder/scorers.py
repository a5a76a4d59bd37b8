"""Step 4 of the coder: the evidence a candidate gets, one small scorer per kind.

Each scorer reads the :class:`Query` and one :class:`Candidate` and returns a
number; the ranking score is the weighted sum over :data:`SCORERS`, so a new
kind of evidence is one new scorer and one weight.  The weights are data
(``data/calibration.json``), fitted on the development titles with the
confidence model (see :mod:`~newocc.coder.calibrate`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import attrs

from newocc.coder.index import Document, Index
from newocc.coder.lexicon import Lexicon, TitleWords
from newocc.coder.result import LabelKind

__all__ = ["LABEL_FREE", "SCORERS", "Candidate", "Query", "Scorer", "label_bound"]


@attrs.frozen
class Query:
    """A normalised title, what the lexicon reads in it, and its weighted terms."""

    text: str
    words: TitleWords
    weights: Mapping[str, float]
    """Term → weight: 1 for the title's own terms, less inside role words and for
    what lexicon terms stand for."""
    mass: float
    """The sum of weight × idf over the terms: what a perfect document would explain."""
    domain: frozenset[str]
    """The terms that say what the work is about: outside role words, or from lexicon terms."""
    domain_mass: float


@attrs.define
class Candidate:
    """One document under consideration, with the evidence gathered for it."""

    document: Document
    retrieval: float = 0.0
    """Sum over the query's terms of weight × BM25F impact in this document."""
    label: int | None = None
    """Position of the label that explains the title best."""
    cover: float = 0.0
    """Sum of weight × idf of the query's domain terms this document contains anywhere."""
    recall: float = 0.0
    """The share of that label's terms (idf-weighted) found in the title."""
    precision: float = 0.0
    """The share of the title's weighted terms that label explains."""
    contained: bool = False
    """The label occurs whole inside the title."""
    exact: bool = False
    """The title is exactly a label."""
    agreement: int = 0
    role: str | None = None
    features: tuple[float, ...] = ()
    score: float = 0.0


Scorer = Callable[[Query, Candidate, Index, Lexicon], float]


def retrieval(query: Query, candidate: Candidate, index: Index, lexicon: Lexicon) -> float:
    """The share of the title's weighted terms the document's fields explain (BM25F, in [0, 1))."""
    return candidate.retrieval / query.mass if query.mass else 0.0


def domain(query: Query, candidate: Candidate, index: Index, lexicon: Lexicon) -> float:
    """The share of what the title is about (its words outside role words) the document contains."""
    return candidate.cover / query.domain_mass if query.domain_mass else 0.0


def name_recall(query: Query, candidate: Candidate, index: Index, lexicon: Lexicon) -> float:
    """How much of the best label's stem the title contains."""
    return candidate.recall


def name_precision(query: Query, candidate: Candidate, index: Index, lexicon: Lexicon) -> float:
    """How much of the title the best label explains."""
    return candidate.precision


def explained(query: Query, candidate: Candidate, index: Index, lexicon: Lexicon) -> float:
    """How well one name both is in the title and covers it: the harmonic mean of recall and precision."""
    total = candidate.recall + candidate.precision
    return 2 * candidate.recall * candidate.precision / total if total else 0.0


def contained(query: Query, candidate: Candidate, index: Index, lexicon: Lexicon) -> float:
    """1 when the best label occurs whole in the title."""
    return 1.0 if candidate.contained else 0.0


def exact(query: Query, candidate: Candidate, index: Index, lexicon: Lexicon) -> float:
    """1 when the title is exactly one of the document's names (an alias counts a little less)."""
    if not candidate.exact or candidate.label is None:
        return 0.0
    return 0.9 if index.labels[candidate.label].kind in _WEAKER else 1.0


def role(query: Query, candidate: Candidate, index: Index, lexicon: Lexicon) -> float:
    """1 when the title's head role is one the occupation takes (工程师 for a 工程技术人员)."""
    document = candidate.document
    agreement, decided = lexicon.agreement(query.words, document.takes, document.tolerates)
    if candidate.exact and agreement < 0:
        # The title is one of the occupation's names: a role word read across a word
        # boundary in it (人事 in 退役军人事务员) cannot contradict the occupation.
        agreement = 0
    candidate.agreement, candidate.role = agreement, decided
    return 1.0 if agreement > 0 else 0.0


def role_specific(query: Query, candidate: Candidate, index: Index, lexicon: Lexicon) -> float:
    """When the head role agrees, how few documents take it: 1 for a role only one occupation has (骑手)."""
    if candidate.agreement <= 0 or candidate.role is None:
        return 0.0
    return 1.0 / index.role_takers.get(candidate.role, 1)


def role_conflict(query: Query, candidate: Candidate, index: Index, lexicon: Lexicon) -> float:
    """1 when the title's head role contradicts the occupation (销售 for a 工程技术人员)."""
    return 1.0 if candidate.agreement < 0 else 0.0


def role_decides(query: Query, candidate: Candidate, index: Index, lexicon: Lexicon) -> float:
    """1 when the head role contradicts the occupation and is a job of its own (a teacher, a seller).

    Role classes that decide are lexicon data (``decides`` in ``lexicon_roles.json``):
    区块链讲师 is a teacher and 物联网销售 a seller whatever field they name, where a
    technical mismatch (an algorithm engineer of an operations occupation) is often
    a matter of how the title is written.
    """
    return 1.0 if candidate.agreement < 0 and candidate.role in lexicon.decides else 0.0


def work_role(query: Query, candidate: Candidate, index: Index, lexicon: Lexicon) -> float:
    """1 when one of the occupation's work types is about the title's head role (测试 of 人工智能算法测试员).

    A work type names the work done within an occupation; a title in that
    work is the occupation's even when its field words point elsewhere (AI算法测试
    is an 人工智能训练师's, not an AI engineer's).
    """
    head = query.words.head
    if head is None or candidate.agreement < 0:
        return 0.0
    document = candidate.document
    return 1.0 if head in lexicon.work_roles(document.occupation, document.new) else 0.0


def overridden(query: Query, candidate: Candidate, index: Index, lexicon: Lexicon) -> float:
    """When the head role contradicts the occupation, how much of its name the title holds.

    A title is [domain][role]: in 3D打印教师 or 区块链销售 the domain is the
    occupation's and the role another's (a teacher, a seller of that field).  The
    more of the name the domain matches, the more the other scorers favour the
    occupation, so the contradiction must weigh as much: this is the name's recall
    where the role contradicts it, 0 elsewhere.
    """
    return candidate.recall if candidate.agreement < 0 else 0.0


_WEAKER = frozenset({LabelKind.ALIAS, LabelKind.ANCHOR, LabelKind.TITLE})

SCORERS: Mapping[str, Scorer] = {
    "retrieval": retrieval,
    "domain": domain,
    "name_recall": name_recall,
    "name_precision": name_precision,
    "explained": explained,
    "contained": contained,
    "exact": exact,
    "role": role,
    "role_specific": role_specific,
    "role_conflict": role_conflict,
    "overridden": overridden,
    "role_decides": role_decides,
    "work_role": work_role,
}
"""The scorers, by the name their weight has in ``data/calibration.json``."""

LABEL_FREE = frozenset(
    {"retrieval", "domain", "role", "role_specific", "role_conflict", "role_decides", "work_role"}
)
"""The scorers that read only the title and the document (its retrieval score, cover
and role classes), not the candidate's best label.

The ranking runs them first and bounds what the others can add, so it looks for
the best label (the costly part) only of candidates that can reach the top.
Every *other* scorer must read nothing of the best label but ``recall``,
``precision``, ``contained``, ``exact`` (and ``label`` when it is exact), be
monotone in ``recall`` and ``precision``, and not read what a label-free
scorer writes (``agreement``, ``role``).  A scorer left out of this set only
makes ranking slower.  ``tests/test_coder_speed.py`` checks on real titles that
the bounded ranking equals scoring every candidate.
"""

_BOUNDED = frozenset({"name_recall", "name_precision", "explained", "contained", "exact", "overridden"})


def label_bound(weights: Mapping[str, float]) -> Callable[[float, float, bool], float] | None:
    """The most the scorers outside :data:`LABEL_FREE` add to a score, weighted, as a function.

    It takes upper bounds of the best label's recall and precision and whether a
    label lies inside the title, for a candidate the title does not name
    exactly (``exact`` gives it 0).  None when some scorer outside
    :data:`LABEL_FREE` is not one this function knows, or a weight is negative:
    the ranking then runs the scorers themselves at those bounds.  Keep it in
    step with the scorers above.
    """
    if set(SCORERS) - LABEL_FREE != _BOUNDED:
        return None
    recall_weight, precision_weight, explained_weight, contained_weight = (
        weights.get(name, 0.0) for name in ("name_recall", "name_precision", "explained", "contained")
    )
    if min(recall_weight, precision_weight, explained_weight, contained_weight) < 0:
        return None
    # ``overridden`` is the recall or 0, so it adds at most its weight times the
    # recall bound when the weight is positive, and at most nothing when it is not.
    overridden_weight = max(weights.get("overridden", 0.0), 0.0)

    def bound(recall: float, precision: float, inside: bool) -> float:
        total = recall + precision
        return (
            recall_weight * recall
            + precision_weight * precision
            + explained_weight * (2 * recall * precision / total if total else 0.0)
            + (contained_weight if inside else 0.0)
            + overridden_weight * recall
        )

    return bound
