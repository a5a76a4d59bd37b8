"""Step 6 of the coder: the :class:`Matcher`, which owns every step and answers queries.

A matcher is built from the catalogue (and anything a user adds), once; it
is immutable afterwards, so two matchers built from different inputs can be
compared side by side, and its first answer equals every later one.
"""

from __future__ import annotations

import heapq
import json
import math
import operator
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from typing import Any, TypeVar, overload

from newocc import _check
from newocc._store import vocabulary
from newocc._store.resources import DATA_FILES, DICTIONARY_FILES, files_digest, read_data
from newocc._text import as_code
from newocc.coder.calibrate import OPERATING_POINT, Calibration, load_calibration, named
from newocc.coder.calibrate import features as confidence_features
from newocc.coder.index import Document, Index, LabelSpec, term_spans
from newocc.coder.index import terms as _terms
from newocc.coder.lexicon import Lexicon, stray, work_types
from newocc.coder.normalise import CACHE_SIZE, MAX_CHARS, Normaliser, strip_invisible
from newocc.coder.result import Evidence, LabelKind, Match
from newocc.coder.scorers import LABEL_FREE, SCORERS, Candidate, Query, label_bound
from newocc.coder.universe import universe
from newocc.errors import InvalidArgument, InvalidArgumentType
from newocc.model import Occupation, Status, SubRole

__all__ = ["Matcher", "Target"]

Target = "Occupation | str"
"""An occupation, its code, or its official Chinese name."""

_RETRIEVED = 20
"""How many documents retrieval passes on to the scorers."""
_ROLE_WEIGHT = 0.5
"""Query weight of a term that lies inside a role word (工程师's 程师 says little about the domain)."""
_EXPANSION_WEIGHT = 0.8
"""Query weight of a term that what a lexicon term stands for supplies."""
_SPELLED_WEIGHT = 0.5
"""Query weight of the terms of a lexicon term as written (nlp, 饿了么): its meaning carries the weight."""
_STRADDLE_WEIGHT = 0.2
"""Query weight of a bigram across the edge of a role word (据开 in 大数据开发)."""
_CODE_LENGTH = 24
_EXACT = list(SCORERS).index("exact")
SNAPSHOT_FILE = "coder_index.json"
"""The packaged index, built by ``python scripts/build_coder_index.py`` (the default matcher loads it)."""
SNAPSHOT_FORMAT = 3
_BRACKETS = re.compile(r"[(（\[【「『〔][^)）\]】」』〕]*[)）\]】」』〕]?")
# A dash between two figures is a range (12-18k), not a separator.
_DASHES = re.compile(r"(?<![0-9])[-－—–_|]+|[-－—–_|]+(?![0-9])")
_SUB_ROLE_RECALL = 0.9
"""The share of a work type's name (its terms, idf-weighted) a title must contain,
short of containing it whole, for a result to name that work type."""
_RECALL_PRIOR = 3.0
"""Added to a label's idf mass when its recall is computed: a name that is one
common bigram (管理) does not explain a title by being found in it."""
_EVIDENCE_TERMS = 6

_LabelKey = tuple[float, float, float, int, int]
"""How a label ranks as a candidate's best: exact, inside the title, the harmonic mean of
its recall and precision, then its kind's rank and its position (lower wins)."""

_MARGIN = 1e-9
"""Added to a candidate's bound: it is summed in another order than the score,
so the two may differ in their last bits."""


class Matcher:
    """Codes job titles to occupations: the new occupations, and every other of the dictionary.

    ``extra_aliases`` and ``labelled_titles`` add names without editing
    package data: each an iterable of ``(text, occupation)`` or ``(text,
    occupation, work_type)``, the occupation given as an
    :class:`~newocc.Occupation`, a code or an official name (an older
    occupation of the dictionary is allowed: label a title with it to say it is
    *not* new).  Aliases are names; labelled titles are previously coded
    titles, used the same way but reported as ``LabelKind.TITLE``.  The
    packaged coded posting titles (``data/coded_titles.json``: the development
    titles of the evaluation, coded by the project) are labelled titles too,
    unless ``coded_titles`` is False (to measure a matcher on titles it has
    not memorised).  ``operating_point`` is the confidence :meth:`match`
    requires (default :data:`~newocc.coder.OPERATING_POINT`).  ``occupations``
    replaces the universe (every occupation of the dictionary) and
    ``calibration`` the packaged ranking weights and confidence model, to
    compare matchers built differently.  The matcher built from the packaged
    data alone loads a snapshot of its index (``data/coder_index.json``) unless
    ``use_snapshot`` is False.

    >>> m = Matcher(extra_aliases=[("快递骑士", "网约配送员")])
    >>> m.match("快递骑士").occupation.name_zh
    '网约配送员'
    """

    __slots__ = (
        "_best",
        "_bounded",
        "_calibration",
        "_free",
        "_index",
        "_label_bound",
        "_label_scorers",
        "_lexicon",
        "_lock",
        "_normalise",
        "_operating_point",
        "_ranked",
        "_scorers",
        "_top",
        "_weights",
    )

    def __init__(
        self,
        *,
        extra_aliases: Iterable[tuple[str, Occupation | str] | tuple[str, Occupation | str, str | None]] = (),
        labelled_titles: Iterable[
            tuple[str, Occupation | str] | tuple[str, Occupation | str, str | None]
        ] = (),
        occupations: Sequence[Occupation] | None = None,
        calibration: Calibration | None = None,
        coded_titles: bool = True,
        operating_point: float = OPERATING_POINT,
        use_snapshot: bool = True,
    ) -> None:
        self._operating_point = _check.check_probability("operating_point", operating_point)
        candidates = tuple(universe() if occupations is None else occupations)
        user = [
            spec
            for kind, rows, name in (
                (LabelKind.ALIAS, extra_aliases, "extra_aliases"),
                (LabelKind.TITLE, labelled_titles, "labelled_titles"),
            )
            for spec in _user_labels(kind, rows, name, candidates)
        ]
        memorised = _check.check_bool("coded_titles", coded_titles)
        plain = occupations is None and not user and memorised
        snapshot = _snapshot() if plain and _check.check_bool("use_snapshot", use_snapshot) else None
        if snapshot is not None:
            # The snapshot was built from the packaged data as it is (its digest says
            # so), the catalogue's labels with it: they need not be read again.
            self._normalise = Normaliser(folded=snapshot["normaliser"])
            self._lexicon = Lexicon.from_tables(snapshot["lexicon"])
            self._index = Index.from_data(snapshot["index"], candidates)
        else:
            lexicon = vocabulary().lexicon
            specs = [
                *_catalogue_labels(candidates, coded_titles=memorised),
                *user,
            ]
            # Names are protected from the noise rules (直播招聘师 keeps its 招聘); a
            # coded title is a posting as written, normalised like any other title.
            texts = [spec.text for spec in specs if spec.kind is not LabelKind.TITLE]
            for occupation in candidates:
                texts.append(occupation.name_zh)
                texts.extend(role.name_zh for role in occupation.sub_roles)
                texts.extend(former.name_zh for former in occupation.former_names)
            self._normalise = Normaliser(texts)
            self._lexicon = Lexicon(self._normalise, lexicon.roles, lexicon.heads, lexicon.terms)
            self._index = Index(candidates, specs, self._normalise, self._lexicon)
        self._calibration = calibration if calibration is not None else load_calibration()
        self._scorers = tuple(SCORERS.values())
        self._weights = tuple(self._calibration.weights.get(name, 0.0) for name in SCORERS)
        self._free = tuple(n for n, name in enumerate(SCORERS) if name in LABEL_FREE)
        self._label_scorers = tuple(n for n, name in enumerate(SCORERS) if name not in LABEL_FREE)
        self._label_bound = label_bound(self._calibration.weights)
        self._lock = threading.Lock()
        self._bounded = True
        self._best = lru_cache(maxsize=CACHE_SIZE)(self._uncached_best)
        self._top = lru_cache(maxsize=1024)(self._uncached_rank)
        self._ranked = lru_cache(maxsize=1024)(self._uncached_ranked)

    # -- public API ------------------------------------------------------------

    @property
    def operating_point(self) -> float:
        """The confidence :meth:`match` requires (by default :data:`~newocc.coder.OPERATING_POINT`)."""
        return self._operating_point

    def normalise(self, text: str) -> str:
        """The comparable form of ``text`` (see :mod:`~newocc.coder.normalise`)."""
        return self._normalise(_check.check_str("text", text, max_chars=MAX_CHARS))

    def search(self, text: str, *, limit: int = 5) -> tuple[Match, ...]:
        """The best ``limit`` new occupations for ``text``, best first, with confidences.

        Results below the operating point are included (they are candidates,
        not answers).  A title that normalises to nothing gives ``()``.
        """
        text = _check.check_str("text", text, max_chars=MAX_CHARS)
        limit = _check.check_positive_int("limit", limit)
        return self._results(text, limit)

    def match(self, text: str) -> Match | None:
        """The best new occupation for ``text`` when its confidence reaches the operating point.

        None also when the title is best explained by an older occupation of
        the dictionary (``快递员``, ``会计``).  Repeated titles are answered from
        a cache.
        """
        return self._best(_check.check_str("text", text, max_chars=MAX_CHARS))

    def match_many(self, titles: Iterable[str]) -> Iterator[Match | None]:
        """:meth:`match` for each title, lazily, in order: for streams of millions of postings.

        ``titles`` must be an iterable of str (a single str is refused: it would
        be read character by character); an item that is not a str raises
        :class:`~newocc.InvalidArgumentType` naming its position when the
        stream reaches it.
        """
        if isinstance(titles, (str, bytes)):
            raise InvalidArgumentType("titles", titles, "an iterable of titles, not a single string")
        try:
            iterator = iter(titles)
        except TypeError:
            raise InvalidArgumentType("titles", titles, "an iterable of str") from None
        return self._stream(iterator)

    def classify(self, text: str) -> Match | None:
        """The occupation of the whole dictionary that best explains ``text``, new or not.

        ``is_new`` says which; ``evidence`` why.  For a new occupation the
        confidence is :meth:`search`'s; for an older one it is the probability
        that the title is *not* a new occupation (the data has no labels that
        check which older occupation is right).  None when the title
        normalises to nothing or matches nothing at all.
        """
        return self._classified(_check.check_str("text", text, max_chars=MAX_CHARS))

    # -- the ranking loop ------------------------------------------------------

    def _stream(self, titles: Iterator[str]) -> Iterator[Match | None]:
        best = self._best
        for position, title in enumerate(titles):
            if not isinstance(title, str):
                raise InvalidArgumentType(f"titles[{position}]", title, "a str")
            # Only MAX_CHARS are read: the cache must not keep huge strings alive.
            yield best(title if len(title) <= MAX_CHARS else title[:MAX_CHARS])

    def _uncached_best(self, text: str) -> Match | None:
        found = self._results(text, 1)
        if found and found[0].confidence >= self._operating_point:
            return found[0]
        return None

    def _results(self, text: str, limit: int) -> tuple[Match, ...]:
        """The first ``limit`` new results (one per occupation), best first."""
        ranked = self._top(text)
        if isinstance(ranked, Match):
            return (ranked,) if ranked.is_new else ()
        if ranked is None:
            return ()
        query, candidates, contained = ranked
        results: list[Match] = []
        seen: set[str] = set()
        for position, candidate in enumerate(candidates):
            document = candidate.document
            if document.new and document.occupation.name_zh not in seen:
                seen.add(document.occupation.name_zh)
                results.append(self._result(query, candidate, candidates, position, contained))
                if len(results) >= limit:
                    break
        return tuple(results)

    def _classified(self, text: str) -> Match | None:
        """The answer of :meth:`classify`."""
        ranked = self._top(text)
        if ranked is None or isinstance(ranked, Match):
            return ranked
        query, candidates, contained = ranked
        results = self._results(text, 1)
        if results and results[0].confidence >= self._operating_point:
            return results[0]
        for position, candidate in enumerate(candidates):
            if not candidate.document.new:
                older = self._result(query, candidate, candidates, position, contained)
                # Not a new occupation (as far as the coder can tell): the confidence
                # is that of "not new", the complement of the best new result's.
                return _with_confidence(older, 1.0 - results[0].confidence if results else 1.0)
        return results[0] if results else None

    def _uncached_rank(self, text: str) -> tuple[Query, Sequence[Candidate], set[int]] | Match | None:
        """The query and its ranked candidates; a code's match; or None when the title says nothing."""
        code = self._code(text)
        if code is not None:
            return code
        query_text = self._normalise(text)
        if not query_text:
            return None
        return self._ranked(query_text, self._outside(text))

    def _uncached_ranked(
        self, text: str, outside: str | None
    ) -> tuple[Query, Sequence[Candidate], set[int]] | None:
        """The query and ranked candidates of a normalised title (shared by titles that normalise alike)."""
        query = self._query(text, outside)
        ranked, contained = self._rank(query)
        return (query, ranked, contained) if ranked else None

    def _candidates(self, text: str) -> Sequence[Candidate]:
        """The scored candidates for a title, best first (for fitting and explaining)."""
        if self._code(text) is not None:
            return []
        text = text[:MAX_CHARS]
        query_text = self._normalise(text)
        return list(self._rank(self._query(query_text, self._outside(text)))[0]) if query_text else []

    def _outside(self, text: str) -> str | None:
        """The title's head segment, normalised, when it has others (and something is left).

        A title may hold, besides the segment with its role, bracketed parts and
        parts set off by a dash: a department, a product, a place, a rank
        (``HRBP（即时配送）``, ``智能硬件部-java工程师``, ``销售总监-经理级``).  The head
        role is read in the last unbracketed part that has a role of its own, one
        that is not a rank (经理, 专员) when some part has such a role.
        """
        outside = _BRACKETS.sub(" ", text) if _BRACKETS.search(text) else text
        parts = _DASHES.split(outside)
        if len(parts) > 1:
            read = self._lexicon.read
            neutral = self._lexicon.neutral
            forms = [form for form in map(self._normalise, parts) if form]
            # Last first: the segments with a head role, and of those the ones with a job's.
            roles = [(form, head) for form in reversed(forms) if (head := read(form).head) is not None]
            if roles:
                return next((form for form, head in roles if head not in neutral), roles[0][0])
        if outside is text:
            return None
        return self._normalise(outside) or None

    def _code(self, text: str) -> Match | None:
        text = strip_invisible(text)
        if len(text) > _CODE_LENGTH or not text.lstrip()[:1].isdigit():
            return None
        code = as_code(text)
        if code is None:
            return None
        for document in self._index.documents:
            occupation = document.occupation
            if occupation.code == code or any(f.code == code for f in occupation.former_codes):
                if occupation.status is Status.HOST and document.new:
                    continue
                return Match(occupation, None, 1.0, 1.0, Evidence(code, LabelKind.CODE))
        return None

    def _query(self, text: str, outside: str | None = None) -> Query:
        words = self._lexicon.read(text, outside)
        weights: dict[str, float] = {}
        domain: set[str] = set()
        spans = [(finding.start, finding.end) for finding in words.roles]
        expanded = [(start, end) for start, end, _ in words.expansions]
        idf = self._index.idf
        for term, start, end in term_spans(text):
            if any(a <= start and end <= b for a, b in spans):
                weight = _ROLE_WEIGHT
            elif any(start < b and a < end for a, b in spans):
                weight = _STRADDLE_WEIGHT
            else:
                # A lexicon term's own letters say less than what it stands for.
                weight = _SPELLED_WEIGHT if any(a <= start and end <= b for a, b in expanded) else 1.0
                domain.add(term)
            weights[term] = max(weights.get(term, 0.0), weight)
        for _, _, means in words.expansions:
            for meaning in means:
                for term in _terms(meaning):
                    if term not in idf:
                        continue  # no document can explain it
                    weights[term] = max(weights.get(term, 0.0), _EXPANSION_WEIGHT)
                    domain.add(term)
        unseen = self._index.unseen_idf
        mass = sum(w * idf.get(t, unseen) for t, w in weights.items())
        # fsum, not sum: ``domain`` is a set, iterated in hash order, and a float sum in
        # another order can differ in its last bit; fsum is exact whatever the order.
        domain_mass = math.fsum(weights[t] * idf.get(t, unseen) for t in domain)
        return Query(text, words, weights, mass, frozenset(domain), domain_mass)

    def _rank(self, query: Query) -> tuple[Sequence[Candidate], set[int]]:
        """The title's candidates, best first, and the positions of the labels found inside it.

        The candidates are the documents retrieval scores best, and those with
        a label inside the title.  Each gets a cheap bound first (see
        :meth:`_bound`); the ranking scores a candidate in full only when the
        candidates before it are known, so asking for the first few scores few.
        """
        text = query.text
        index = self._index
        scores: dict[int, float] = {}
        cover: dict[int, float] = {}
        postings = index.postings
        idf = index.idf
        domain = query.domain
        weights = query.weights
        so_far = scores.get
        covered = cover.get
        for term, weight in weights.items():
            listed = postings(term)
            if listed is None:
                continue
            holders, impacts = listed
            for document, impact in zip(holders, impacts, strict=True):
                scores[document] = so_far(document, 0.0) + weight * impact
            if term in domain:
                mass = weight * idf[term]
                for document in holders:
                    cover[document] = covered(document, 0.0) + mass
        owners = index.label_documents
        contained = self._contained(text, [(r.start, r.end) for r in query.words.roles])
        inside: dict[int, list[int]] = {}
        for position in contained:
            document = owners[position]
            scores.setdefault(document, 0.0)
            inside.setdefault(document, []).append(position)
        # (-score, number) orders as the ranking does; numbers are unique, so no key is needed
        # (and sorting a hundred pairs in C is cheaper than heapq.nsmallest in Python).
        top = sorted([(-score, document) for document, score in scores.items()])[:_RETRIEVED]
        chosen = [document for _, document in top]
        picked = set(chosen)
        chosen.extend(document for document in inside if document not in picked)
        documents = index.documents
        scorers = self._scorers
        ranking = self._weights
        lexicon = self._lexicon
        label_scorers = self._label_scorers

        def score(number: int) -> Candidate:
            candidate = Candidate(documents[number], retrieval=scores[number], cover=cover.get(number, 0.0))
            self._best_label(query, candidate, contained, inside.get(number, ()))
            features = tuple([scorer(query, candidate, index, lexicon) for scorer in scorers])
            candidate.features = features
            candidate.score = sum(map(operator.mul, ranking, features))
            return candidate

        def complete(candidate: Candidate, values: list[float]) -> Candidate:
            # A bounded candidate, its label-free scorers already run (see _bound).
            self._best_label(query, candidate, contained, inside.get(candidate.document.number, ()))
            for n in label_scorers:
                values[n] = scorers[n](query, candidate, index, lexicon)
            features = tuple(values)
            candidate.features = features
            candidate.score = sum(map(operator.mul, ranking, features))
            return candidate

        if not self._bounded:
            # Every candidate scored and sorted: what the bounds must not change.
            return sorted(map(score, chosen), key=_order), contained
        keys = index.label_keys
        scored: list[tuple[_Key, Candidate]] = []
        waiting: list[tuple[_Key, Candidate, list[float]]] = []
        for number in chosen:
            found = inside.get(number, ())
            if found and any(keys[position] == text for position in found):
                candidate = score(number)  # the title is one of its names: scored at once
                scored.append((_order(candidate), candidate))
            else:
                waiting.append(
                    self._bound(query, documents[number], scores[number], cover.get(number, 0.0), found)
                )
        return _Ranking(len(chosen), scored, waiting, complete, self._lock), contained

    def _bound(
        self, query: Query, document: Document, retrieval: float, cover: float, inside: Sequence[int]
    ) -> tuple[_Key, Candidate, list[float]]:
        """A candidate, what its label-free scorers give, and a sort key no better than its own.

        The others are bounded at the best label the title's terms allow:
        recall 1 if a label lies inside the title, else what one label made of
        every title term the document's labels have (in their domains) would
        get; precision as if one label held every title term of theirs.
        """
        index = self._index
        terms_of, domain_of = index.document_terms(document.number)
        idf = index.idf
        domain = query.domain
        shared = explained = 0.0
        for term, weight in query.weights.items():
            if term in terms_of:
                value = idf.get(term, 0.0)
                if term in domain_of:
                    shared += value
                if term in domain:
                    explained += weight * value
        recall = 1.0 if inside else shared / (shared + _RECALL_PRIOR)
        precision = explained / query.domain_mass if query.domain_mass else 0.0
        candidate = Candidate(document, retrieval=retrieval, cover=cover)
        lexicon = self._lexicon
        scorers = self._scorers
        weights = self._weights
        values = [0.0] * len(scorers)
        bound = 0.0
        for n in self._free:
            values[n] = value = scorers[n](query, candidate, index, lexicon)
            bound += weights[n] * value
        if self._label_bound is not None:
            bound += self._label_bound(recall, precision, bool(inside))
        else:
            bound += self._bound_by_scorers(query, candidate, recall, precision, bool(inside))
        return (True, -(bound + _MARGIN), document.number), candidate, values

    def _bound_by_scorers(
        self, query: Query, candidate: Candidate, recall: float, precision: float, inside: bool
    ) -> float:
        """What the label scorers add at most, from running them at the bounds (and at the worst label).

        The candidate's label fields are put back as they were, for its best label.
        """
        index = self._index
        lexicon = self._lexicon
        scorers = self._scorers
        weights = self._weights
        candidate.contained = inside
        bound = 0.0
        for n in self._label_scorers:
            candidate.recall, candidate.precision = recall, precision
            best = weights[n] * scorers[n](query, candidate, index, lexicon)
            candidate.recall, candidate.precision = (1.0 if inside else 0.0), 0.0
            bound += max(best, weights[n] * scorers[n](query, candidate, index, lexicon))
        candidate.recall = candidate.precision = 0.0
        candidate.contained = False
        return bound

    def _contained(self, text: str, spans: Sequence[tuple[int, int]] = ()) -> set[int]:
        """Positions of the labels found whole inside the title (Latin ones on word boundaries).

        A label that reaches one character into a role word of the title is a
        reading across a word boundary (库管 in 数据库管理员) and is not counted.
        """
        index = self._index
        keys = index.label_keys
        found: set[int] = set()
        length = len(text)
        prefixed = index.prefixed
        for start in range(length - 1):
            listed = prefixed(text[start : start + 2])
            if listed is None:
                continue
            for position in listed:
                key = keys[position]
                end = start + len(key)
                if end > length or not text.startswith(key, start):
                    continue
                if start > 0 and _latin(text[start]) and _latin(text[start - 1]):
                    continue
                if end < length and _latin(text[end - 1]) and _latin(text[end]):
                    continue
                if any(stray(start, end, a, b) for a, b in spans):
                    continue
                found.add(position)
        for position in index.keyed(text):
            found.add(position)
        return found

    def _best_label(
        self, query: Query, candidate: Candidate, contained: set[int], inside: Sequence[int]
    ) -> None:
        """The label of the candidate that explains the title best (of those sharing a term with it).

        ``inside`` are the candidate's labels found inside the title.
        """
        index = self._index
        weights = query.weights
        domain = query.domain
        idf = index.idf
        number = candidate.document.number
        terms_of, domain_of = index.document_terms(number)
        # Walk the title's terms once, gathering per label what its recall (idf of its
        # domain terms) and precision (weight × idf of the title's domain terms) add up.
        recalls: dict[int, list[float]] = {}
        precisions: dict[int, list[float]] = {}
        sharing: list[Sequence[int]] = []  # per title term the document has, its labels with it
        for term, weight in weights.items():
            found = terms_of.get(term)
            if found is None:
                continue
            sharing.append(found)
            value = idf.get(term, 0.0)
            if term in domain:
                product = weight * value
                for position in found:
                    listed = precisions.get(position)
                    if listed is None:
                        precisions[position] = [product]
                    else:
                        listed.append(product)
            for position in domain_of.get(term, ()):
                listed = recalls.get(position)
                if listed is None:
                    recalls[position] = [value]
                else:
                    listed.append(value)
        # Two passes, the answer that of one over every label sharing a term: a label
        # with none of the title's domain terms has precision 0, so its key is
        # (exact, inside, 0, …) and it can only win when no label inside the title
        # or with a precision above 0 does.  With many labels (a remembered title is
        # one) most share only role words with a title: they are looked at only then.
        first = set(inside)
        first.update(precisions)
        best = self._label_pass(query, candidate, contained, first, recalls, precisions, None)
        if best is None or not any(best[:3]):
            rest: set[int] = set().union(*sharing) - first
            if not sharing and not first:
                rest = set(index.by_document[number][:1])
            self._label_pass(query, candidate, contained, rest, recalls, precisions, best)

    def _label_pass(
        self,
        query: Query,
        candidate: Candidate,
        contained: set[int],
        positions: set[int],
        recalls: dict[int, list[float]],
        precisions: dict[int, list[float]],
        best: _LabelKey | None,
    ) -> _LabelKey | None:
        """Try ``positions`` as the candidate's best label after ``best``'s; the best key now.

        Every label has its own key (its position ends it), so the best is the
        same whatever order the labels are tried in.
        """
        index = self._index
        weights = query.weights
        domain = query.domain
        domain_mass = query.domain_mass
        idf = index.idf
        text = query.text
        keys = index.label_keys
        label_mass = index.label_mass
        labels = index.labels
        ranks = index.label_ranks
        best_exact = best_inside = False
        if best is not None:
            best_exact, best_inside = bool(best[0]), bool(best[1])
        for position in positions:
            is_inside = position in contained
            exact = keys[position] == text
            # The key below starts (exact, inside): a label behind the best on those
            # cannot win, whatever its recall and precision.
            if best is not None and (exact < best_exact or (exact == best_exact and is_inside < best_inside)):
                continue
            if exact:
                recall = precision = 1.0
            else:
                # One or two terms add up the same in any order; three or more are
                # summed again in the label's order, as the sum over the label is.
                precision = 0.0
                if domain_mass:
                    listed = precisions.get(position)
                    if listed is not None:
                        if len(listed) == 1:
                            precision = listed[0] / domain_mass
                        elif len(listed) == 2:
                            precision = (listed[0] + listed[1]) / domain_mass
                        else:
                            own = labels[position].terms
                            total = sum([weights[t] * idf.get(t, 0.0) for t in own if t in domain])
                            precision = total / domain_mass
                recall = 1.0 if is_inside else 0.0
                listed = None if is_inside else recalls.get(position)
                if listed is not None:
                    prior = label_mass(position) + _RECALL_PRIOR
                    if len(listed) == 1:
                        recall = listed[0] / prior
                    elif len(listed) == 2:
                        recall = (listed[0] + listed[1]) / prior
                    else:
                        own = labels[position].domain
                        recall = sum([idf.get(t, 0.0) for t in own if t in weights]) / prior
            f = 2 * recall * precision / (recall + precision) if recall + precision else 0.0
            key = (float(exact), float(is_inside), f, -ranks[position], -position)
            if best is None or key > best:
                best = key
                best_exact, best_inside = exact, is_inside
                candidate.label = position
                candidate.recall, candidate.precision = recall, precision
                candidate.contained, candidate.exact = is_inside, exact
        return best

    def _result(
        self,
        query: Query,
        candidate: Candidate,
        ranked: Sequence[Candidate],
        position: int,
        contained: set[int],
    ) -> Match:
        index = self._index
        document = candidate.document
        calibration = self._calibration
        # Views, not lists: the confidence reads a rival or two, and a ranking scores
        # a candidate only when it is read.
        scores = _Column(ranked, _score_of)
        new = _Column(ranked, _is_new)
        features = confidence_features(
            scores, range(len(ranked)), position, new, calibration.nothing, candidate.features
        )
        confidence = self._calibration.confidence(features)
        first = ranked[0]
        if document.new and not first.document.new and named(first.features[_EXACT]):
            confidence = 0.0  # the title is the very name of an older occupation
        label = index.labels[candidate.label] if candidate.label is not None else None
        if label is None:
            evidence = Evidence(
                document.occupation.name_zh, LabelKind.TERMS, (), candidate.role, candidate.agreement
            )
            return Match(
                document.occupation,
                self._host_work_type(candidate, None),
                confidence,
                candidate.score,
                evidence,
            )
        idf = index.idf
        matched = sorted((t for t in label.terms if t in query.weights), key=lambda t: (-idf.get(t, 0.0), t))
        kind = label.kind if candidate.contained or candidate.exact else LabelKind.TERMS
        evidence = Evidence(
            label.text, kind, tuple(matched[:_EVIDENCE_TERMS]), candidate.role, candidate.agreement
        )
        return Match(
            document.occupation,
            self._sub_role(query, candidate, contained) or self._host_work_type(candidate, label.sub_role),
            confidence,
            candidate.score,
            evidence,
        )

    @staticmethod
    def _host_work_type(candidate: Candidate, labelled: SubRole | None) -> SubRole | None:
        """The new work type a result from an older occupation's new work types stands for.

        Such a document is only its new work types (生成式人工智能动画制作员 of
        动画制作员), so a result from it is one of them even when the title names
        none: the one its best label belongs to, else the first.
        """
        document = candidate.document
        if not document.new or document.occupation.status in (Status.NEW, Status.RAISED):
            return None
        if labelled is not None and labelled.introduced_in is not None:
            return labelled
        return next(iter(work_types(document.occupation, True)), None)

    def _sub_role(self, query: Query, candidate: Candidate, contained: set[int]) -> SubRole | None:
        """The work type the title names: one whose name (or alias) it contains, or nearly contains."""
        index = self._index
        if candidate.exact and candidate.label is not None:
            return index.labels[candidate.label].sub_role
        weights = query.weights
        idf = index.idf
        keys = index.label_keys
        text = query.text
        chosen: tuple[float, float, int] | None = None
        picked = 0
        for position in index.work_types(candidate.document.number):
            inside = position in contained or keys[position] == text
            own = index.labels[position].terms
            mass = sum([idf.get(t, 0.0) for t in own])
            shared = sum([idf.get(t, 0.0) for t in own if t in weights])
            recall = 1.0 if inside else shared / mass if mass else 0.0
            key = (float(inside), recall, -position)
            if (inside or recall >= _SUB_ROLE_RECALL) and (chosen is None or key > chosen):
                chosen, picked = key, position
        role = index.labels[picked].sub_role if chosen is not None else None
        return role if role is not None else self._sub_role_by_head(query, candidate)

    def _sub_role_by_head(self, query: Query, candidate: Candidate) -> SubRole | None:
        """The one work type of the occupation that is about the title's head role, if there is one.

        A title names the work (主播, 标注, 测试) more often than the work type:
        电商主播 of an 互联网营销师 is its 直播销售员, 标注实习生 of an 人工智能训练师
        its 数据标注员.  A role the occupation's own name heads (训练师 of
        人工智能训练师) names the occupation, not one of its work types, and a
        role two work types share decides nothing.
        """
        head = query.words.head
        document = candidate.document
        lexicon = self._lexicon
        if (
            head is None
            or candidate.agreement < 0
            or head not in lexicon.work_roles(document.occupation, document.new)
        ):
            return None
        about = [
            r for r in work_types(document.occupation, document.new) if head in lexicon.name_roles(r.name_zh)
        ]
        return about[0] if len(about) == 1 else None


_Key = tuple[bool, float, int]


def _order(candidate: Candidate) -> _Key:
    # A title that is exactly an official name (or a work type's, or a former
    # one) is that occupation, whatever else the scores say.
    return (not named(candidate.features[_EXACT]), -candidate.score, candidate.document.number)


class _Ranking(Sequence[Candidate]):
    """The candidates of one title, best first, each scored in full when first read.

    ``scored`` holds candidates scored in full, ``waiting`` the others with
    their bounds (sort keys no better than their own, see
    :meth:`Matcher._bound`).  The best scored candidate comes next once no
    waiting bound could beat it, so the order is exactly that of scoring every
    candidate and sorting by :func:`_order`.
    """

    __slots__ = ("_complete", "_done", "_lock", "_scored", "_size", "_waiting")

    def __init__(
        self,
        size: int,
        scored: list[tuple[_Key, Candidate]],
        waiting: list[tuple[_Key, Candidate, list[float]]],
        complete: Callable[[Candidate, list[float]], Candidate],
        lock: threading.Lock,
    ) -> None:
        heapq.heapify(scored)
        waiting.sort(key=_first, reverse=True)  # the best last, to pop
        self._size = size
        self._scored = scored
        self._waiting = waiting
        self._complete: Callable[[Candidate, list[float]], Candidate] | None = complete
        self._lock = lock
        self._done: list[Candidate] = []

    def __len__(self) -> int:
        return self._size

    @overload
    def __getitem__(self, position: int) -> Candidate: ...
    @overload
    def __getitem__(self, position: slice) -> Sequence[Candidate]: ...
    def __getitem__(self, position: int | slice) -> Candidate | Sequence[Candidate]:
        if isinstance(position, slice):
            return [self[n] for n in range(self._size)[position]]
        if position < 0:
            position += self._size
        if not 0 <= position < self._size:
            raise IndexError(position)
        done = self._done
        if position >= len(done):
            with self._lock:
                while len(done) <= position:
                    self._next()
        return done[position]

    def __iter__(self) -> Iterator[Candidate]:
        done = self._done
        for position in range(self._size):
            yield done[position] if position < len(done) else self[position]

    def _next(self) -> None:
        scored, waiting = self._scored, self._waiting
        while not scored or (waiting and waiting[-1][0] < scored[0][0]):
            assert self._complete is not None  # waiting is not empty
            _, candidate, values = waiting.pop()
            candidate = self._complete(candidate, values)
            heapq.heappush(scored, (_order(candidate), candidate))
        self._done.append(heapq.heappop(scored)[1])
        if not waiting:
            self._complete = None  # let the title's retrieval tables go


def _first(item: tuple[_Key, Candidate, list[float]]) -> _Key:
    return item[0]


T = TypeVar("T")


class _Column(Sequence[T]):
    """One value of each candidate of a ranking, read when asked for."""

    __slots__ = ("_of", "_ranked")

    def __init__(self, ranked: Sequence[Candidate], of: Callable[[Candidate], T]) -> None:
        self._ranked = ranked
        self._of = of

    def __len__(self) -> int:
        return len(self._ranked)

    @overload
    def __getitem__(self, position: int) -> T: ...
    @overload
    def __getitem__(self, position: slice) -> Sequence[T]: ...
    def __getitem__(self, position: int | slice) -> T | Sequence[T]:
        if isinstance(position, slice):
            return [self._of(c) for c in self._ranked[position]]
        return self._of(self._ranked[position])


def _score_of(candidate: Candidate) -> float:
    return candidate.score


def _is_new(candidate: Candidate) -> bool:
    return candidate.document.new


def snapshot_data(matcher: Matcher) -> dict[str, object]:
    """What ``data/coder_index.json`` holds for ``matcher`` (built from the packaged data)."""
    return {
        "format": SNAPSHOT_FORMAT,
        "fingerprint": _fingerprint(),
        "normaliser": list(matcher._normalise.protected),
        "lexicon": matcher._lexicon.tables(),
        "index": matcher._index.to_data(universe()),
    }


def render_snapshot(data: Mapping[str, object]) -> str:
    """The snapshot file's text."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


def _fingerprint() -> str:
    """A digest of every packaged data file the coder is built from.

    It tells a snapshot built from other data files (edited without running
    ``scripts/build_coder_index.py``).
    """
    return files_digest((*DATA_FILES, *DICTIONARY_FILES))


def _snapshot() -> Mapping[str, Any] | None:
    """The packaged index snapshot when it was built from the packaged data as it is, else None."""
    try:
        data = json.loads(read_data(SNAPSHOT_FILE))
    except (OSError, ValueError):
        return None
    if (
        not isinstance(data, dict)
        or data.get("format") != SNAPSHOT_FORMAT
        or data.get("fingerprint") != _fingerprint()
    ):
        return None
    return data


def _with_confidence(match: Match, confidence: float) -> Match:
    return Match(match.occupation, match.sub_role, confidence, match.score, match.evidence)


def _latin(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _catalogue_labels(candidates: Sequence[Occupation], *, coded_titles: bool) -> list[LabelSpec]:
    """The aliases, the coded titles (when asked) and the lexicon's anchors, as labels of ``candidates``.

    The store checked that every coded title and anchor names an occupation of
    the dictionary by its code and name; one whose occupation is not among the
    candidates (a universe the caller chose) is left out.
    """
    words = vocabulary()
    specs = [LabelSpec(a.text, LabelKind.ALIAS, a.occupation, a.sub_role) for a in words.aliases]
    by_code = {o.code: o for o in candidates if o.code is not None}
    if coded_titles:
        specs.extend(
            LabelSpec(coded.title, LabelKind.TITLE, by_code[code], coded.work_type)
            for coded in words.coded_titles
            if (code := coded.occupation.code) is not None and code in by_code
        )
    specs.extend(
        LabelSpec(anchor.text, LabelKind.ANCHOR, by_code[anchor.code])
        for anchor in words.lexicon.anchors
        if anchor.code in by_code
    )
    return specs


def _user_labels(
    kind: LabelKind,
    rows: Iterable[object],
    name: str,
    candidates: Sequence[Occupation],
) -> Iterator[LabelSpec]:
    by_key: dict[str, Occupation] = {}
    for occupation in candidates:
        by_key.setdefault(occupation.name_zh, occupation)
        if occupation.code is not None:
            by_key.setdefault(occupation.code, occupation)
    if isinstance(rows, (str, bytes)):
        raise InvalidArgumentType(name, rows, "an iterable of (text, occupation) pairs")
    for number, row in enumerate(rows):
        where = f"{name}[{number}]"
        if not isinstance(row, tuple) or len(row) not in (2, 3):
            raise InvalidArgumentType(
                where, row, "a (text, occupation) or (text, occupation, work type) tuple"
            )
        text, target, *rest = row
        if not isinstance(text, str) or not text.strip():
            raise InvalidArgument(where, text, "needs a non-blank title")
        if isinstance(target, Occupation):
            occupation = target
        elif isinstance(target, str):
            found = by_key.get(target.strip())
            if found is None:
                raise InvalidArgument(where, target, "is not the code or name of an occupation")
            occupation = found
        else:
            raise InvalidArgumentType(where, target, "an Occupation, a code or an official name")
        role_name = rest[0] if rest else None
        sub_role = None
        if role_name is not None:
            sub_role = next((r for r in occupation.sub_roles if r.name_zh == role_name), None)
            if sub_role is None:
                raise InvalidArgument(where, role_name, f"is not a work type of {occupation.name_zh}")
        yield LabelSpec(text, kind, occupation, sub_role)
