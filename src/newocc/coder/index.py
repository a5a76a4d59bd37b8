"""Step 3 of the coder: every candidate occupation as a document, and an inverted index over them.

A *document* is one answer the coder can give: a new occupation (with its
work types), the new work types of an older host record, or an older
occupation of the dictionary.  Its text is split into *fields* — name (role
suffix stripped), work types, labels (aliases, anchors, labelled titles,
former names), English names, definition — and its *terms* are the character
bigrams of Chinese runs and the words of Latin runs.  The index holds, per
term, the documents containing it with a field-weighted BM25 impact
(BM25F: the term frequency of each field, weighted and length-normalised,
saturated once), so a query's retrieval score is a sum over its terms.

Every whole name is also a :class:`Label`, looked up exactly, found inside
titles, and compared term by term with the title (see :mod:`~newocc.coder.scorers`).
"""

from __future__ import annotations

import bisect
import collections
import enum
import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any, overload

import attrs

from newocc.coder.lexicon import Lexicon, stem
from newocc.coder.normalise import Normaliser
from newocc.coder.result import LabelKind
from newocc.model import Occupation, Status, SubRole

__all__ = [
    "FIELD_WEIGHTS",
    "Document",
    "Field",
    "Index",
    "Label",
    "LabelSpec",
    "term_spans",
    "terms",
]


class Field(enum.IntEnum):
    """The parts of a document, each weighted in retrieval."""

    NAME = 0
    WORK_TYPE = 1
    LABEL = 2
    ENGLISH = 3
    DEFINITION = 4


FIELD_WEIGHTS: Mapping[Field, float] = MappingProxyType(
    {Field.NAME: 3.0, Field.WORK_TYPE: 2.0, Field.LABEL: 2.0, Field.ENGLISH: 2.0, Field.DEFINITION: 1.0}
)
"""How much one occurrence of a term in each field counts."""

POSTINGS_KEPT = 50
"""The most documents a term's postings list: its strongest."""

K1 = 1.2
"""BM25 saturation: how fast repeated occurrences stop adding."""
B = 0.6
"""BM25 length normalisation (of the definition; the short fields are not normalised)."""

_RUNS = re.compile(r"[a-z0-9]+|[\u3400-\u9fff\U00020000-\U0003ffff]+")
_PARENTHESIS = re.compile(r"^(.*?)\s*\(([^)]*)\)\s*(.*)$")


def term_spans(text: str) -> list[tuple[str, int, int]]:
    """The terms of normalised text with where each starts and ends."""
    found: list[tuple[str, int, int]] = []
    for run in _RUNS.finditer(text):
        word, start = run.group(), run.start()
        if word[0].isascii() or len(word) == 1:
            found.append((word, start, run.end()))
        else:
            found.extend((word[n : n + 2], start + n, start + n + 2) for n in range(len(word) - 1))
    return found


def terms(text: str) -> list[str]:
    """The terms of normalised text: bigrams of each Chinese run (a lone character as itself), Latin words."""
    found: list[str] = []
    for run in _RUNS.findall(text):
        if run[0].isascii() or len(run) == 1:
            found.append(run)
        else:
            found.extend(map(str.__add__, run[:-1], run[1:]))
    return found


@attrs.frozen
class Label:
    """One whole name of a document, normalised."""

    key: str
    """The normalised name."""
    text: str
    """The name as written."""
    kind: LabelKind
    document: int
    sub_role: SubRole | None
    terms: tuple[str, ...]
    """The distinct terms of the name's stem (role suffix stripped)."""
    domain: tuple[str, ...]
    """Those of its terms outside its role words (网约 of 网约配送): what the name is about.
    All its terms when it is nothing but role words (骑手)."""


@attrs.frozen
class Document:
    """One answer: an occupation, or the new work types of an older host record."""

    number: int
    """Position in the index: new occupations come first, so they win ties."""
    occupation: Occupation
    new: bool
    """Whether :func:`~newocc.coder.Matcher.search` may give it (a new or raised
    occupation, or the new work types of a host)."""
    takes: frozenset[str]
    tolerates: frozenset[str]


@attrs.frozen
class LabelSpec:
    """A name to index: its text, kind, and what it points to."""

    text: str
    kind: LabelKind
    occupation: Occupation
    sub_role: SubRole | None = None


Postings = tuple[tuple[int, ...], tuple[float, ...]]
"""A term's postings: the documents that have it, strongest first, and their BM25F impacts."""

Positions = Mapping[str, tuple[int, ...]]
"""Term → positions of the labels that have it."""

_SCALE = 10_000
"""idf and impacts are rounded to four decimals, so a snapshot holds them as integers
over this scale: ``n / 10_000`` is the same float as the rounded value itself."""


class Index:
    """Documents, their labels, and the BM25F postings of their terms.

    A snapshot's index (:meth:`from_data`) decodes what a query needs when it
    first needs it: a term's postings, a label, a label's terms with their
    idf, a document's label terms.  Each is decoded once and kept, so the
    first call of a process does not pay for the whole dictionary.
    """

    __slots__ = (
        "_document_terms",
        "_key_last",
        "_keys_repeated",
        "_label_mass",
        "_postings",
        "_prefixes",
        "_raw_postings",
        "_raw_prefixes",
        "_work_types",
        "by_document",
        "documents",
        "idf",
        "label_documents",
        "label_keys",
        "label_ranks",
        "labels",
        "role_takers",
        "unseen_idf",
    )

    def __init__(
        self,
        universe: Sequence[Occupation],
        extra: Iterable[LabelSpec],
        normalise: Normaliser,
        lexicon: Lexicon,
    ) -> None:
        documents: list[Document] = []
        fields: list[dict[Field, list[str]]] = []
        specs: list[list[LabelSpec]] = []
        home: dict[tuple[str, bool], int] = {}

        def add(occupation: Occupation, new: bool, name: str) -> int:
            takes, tolerates = lexicon.roles_of(name)
            number = len(documents)
            documents.append(Document(number, occupation, new, takes, tolerates))
            fields.append({field: [] for field in Field})
            specs.append([])
            home[(occupation.name_zh, new)] = number
            return number

        ordered = sorted(universe, key=_order)
        for occupation in ordered:
            if occupation.status is Status.HOST:
                new_roles = [r for r in occupation.sub_roles if r.introduced_in is not None]
                if new_roles:
                    number = add(occupation, True, new_roles[0].name_zh)
                    for role in new_roles:
                        _add_work_type(fields[number], specs[number], occupation, role, normalise)
        for occupation in ordered:
            new = occupation.status in (Status.NEW, Status.RAISED)
            number = add(occupation, new, occupation.name_zh)
            text = fields[number]
            text[Field.NAME].append(normalise(stem(occupation.name_zh)))
            specs[number].append(LabelSpec(occupation.name_zh, LabelKind.OFFICIAL_NAME, occupation))
            if occupation.name_en is not None:
                for variant in _english_variants(occupation.name_en.text):
                    text[Field.ENGLISH].append(normalise(variant))
                    specs[number].append(LabelSpec(variant, LabelKind.ENGLISH_NAME, occupation))
            for former in occupation.former_names:
                text[Field.LABEL].append(normalise(stem(former.name_zh)))
                specs[number].append(LabelSpec(former.name_zh, LabelKind.FORMER_NAME, occupation))
            for role in occupation.sub_roles:
                if occupation.status is Status.HOST and role.introduced_in is not None:
                    continue
                _add_work_type(text, specs[number], occupation, role, normalise)
            if occupation.definition_zh:
                text[Field.DEFINITION].append(normalise(occupation.definition_zh))
        for spec in extra:
            occupation = spec.occupation
            new = occupation.status in (Status.NEW, Status.RAISED) or (
                spec.sub_role is not None and spec.sub_role.introduced_in is not None
            )
            target = home.get((occupation.name_zh, new), home.get((occupation.name_zh, not new)))
            if target is None:
                continue
            fields[target][Field.LABEL].append(normalise(spec.text))
            specs[target].append(spec)

        idf, postings = _postings(fields)
        labels: list[Label] = []
        seen: set[tuple[str, int, str | None]] = set()
        for number, listed in enumerate(specs):
            for spec in listed:
                key = normalise(spec.text)
                ident = (key, number, spec.sub_role.name_zh if spec.sub_role else None)
                if not key or ident in seen:
                    continue
                seen.add(ident)
                named = spec.kind in (LabelKind.OFFICIAL_NAME, LabelKind.SUB_ROLE_NAME, LabelKind.FORMER_NAME)
                written = normalise(stem(spec.text)) if named else key
                spans = [(r.start, r.end) for r in lexicon.read(written).roles]
                found = term_spans(written)
                label_terms = tuple(dict.fromkeys(t for t, _, _ in found))
                outside = tuple(
                    dict.fromkeys(t for t, a, b in found if not any(x < b and a < y for x, y in spans))
                )
                labels.append(
                    Label(
                        key, spec.text, spec.kind, number, spec.sub_role, label_terms, outside or label_terms
                    )
                )
        labels.sort(key=lambda label: (label.kind.rank, label.document))
        self._finish(
            tuple(documents),
            tuple(labels),
            tuple(label.key for label in labels),
            tuple(label.document for label in labels),
            tuple(label.kind.rank for label in labels),
            idf,
        )
        self._raw_postings: Mapping[str, str] = {}
        self._postings: dict[str, Postings] = {
            term: (tuple(found[0::2]), tuple(found[1::2])) for term, found in postings.items()
        }

    def _finish(
        self,
        documents: tuple[Document, ...],
        labels: Sequence[Label],
        keys: tuple[str, ...],
        owners: tuple[int, ...],
        ranks: tuple[int, ...],
        idf: Mapping[str, float],
        prefixes: Mapping[str, str] | None = None,
        repeated: Mapping[str, list[int]] | None = None,
    ) -> None:
        """Everything derived from the documents and labels that every query needs.

        ``prefixes`` and ``repeated`` are a snapshot's :meth:`prefixed` lists
        (as strings) and :meth:`keyed` repeats, when it has them.
        """
        self.documents = documents
        self.idf = idf
        self.labels = labels
        self.label_keys = keys
        """Per label, its key (the normalised name)."""
        self.label_documents = owners
        """Per label, the number of its document."""
        self.label_ranks = ranks
        """Per label, the rank of its kind (:attr:`LabelKind.rank`)."""
        takers: dict[str, int] = {}
        for document in documents:
            for taken in document.takes:
                takers[taken] = takers.get(taken, 0) + 1
        self.role_takers: Mapping[str, int] = MappingProxyType(takers)
        """How many documents take each role class."""
        self.unseen_idf = math.log(1 + (len(documents) + 0.5) / 0.5)
        """The idf of a term no document has: the most informative of all."""
        # C-level sorts and dicts, not a Python loop over every label: this runs on
        # the first call of a process.  A stable sort keeps a document's labels in order.
        self.by_document: Sequence[tuple[int, ...]] = _ByDocument(
            sorted(range(len(owners)), key=owners.__getitem__), sorted(owners), len(documents)
        )
        """Per document, the positions of its labels."""
        self._key_last = dict(zip(keys, range(len(keys)), strict=True))
        self._keys_repeated: Mapping[str, tuple[int, ...]] = (
            _repeated(keys) if repeated is None else {k: tuple(v) for k, v in repeated.items()}
        )
        self._raw_prefixes: Mapping[str, str] = prefixes if prefixes is not None else {}
        self._prefixes: dict[str, tuple[int, ...]] = {} if prefixes is not None else _by_prefix(keys)
        self._label_mass: list[float | None] = [None] * len(keys)
        self._document_terms: list[tuple[Positions, Positions] | None] = [None] * len(documents)
        self._work_types: list[tuple[int, ...] | None] = [None] * len(documents)

    def keyed(self, key: str) -> tuple[int, ...]:
        """The positions of the labels whose key is ``key``."""
        found = self._keys_repeated.get(key)
        if found is not None:
            return found
        position = self._key_last.get(key)
        return () if position is None else (position,)

    def prefixed(self, prefix: str) -> tuple[int, ...] | None:
        """The positions of the labels whose key starts with the two characters ``prefix``, longest first."""
        found = self._prefixes.get(prefix)
        if found is None:
            raw = self._raw_prefixes.get(prefix)
            if raw is None:
                return None
            found = tuple(map(int, raw.split(" ")))
            self._prefixes[prefix] = found
        return found

    def postings(self, term: str) -> Postings | None:
        """The documents that have ``term`` with their impacts, strongest first; None when none has it."""
        found = self._postings.get(term)
        if found is None:
            raw = self._raw_postings.get(term)
            if raw is None:
                return None
            numbers = raw.split(" ")
            found = (
                tuple(map(int, numbers[0::2])),
                tuple([int(n) / _SCALE for n in numbers[1::2]]),
            )
            self._postings[term] = found
        return found

    def label_mass(self, position: int) -> float:
        """The sum of the idf of a label's domain terms (0 for a term no document has)."""
        found = self._label_mass[position]
        if found is None:
            idf = self.idf
            found = sum(idf.get(t, 0.0) for t in self.labels[position].domain)
            self._label_mass[position] = found
        return found

    def document_terms(self, number: int) -> tuple[Positions, Positions]:
        """Per term of a document's labels, the positions of the labels that have it.

        First among their terms, then among their domain terms.
        """
        found = self._document_terms[number]
        if found is None:
            terms: dict[str, list[int]] = {}
            domain: dict[str, list[int]] = {}
            labels = self.labels
            for position in self.by_document[number]:
                label = labels[position]
                for term in label.terms:
                    terms.setdefault(term, []).append(position)
                for term in label.domain:
                    domain.setdefault(term, []).append(position)
            found = (
                {term: tuple(positions) for term, positions in terms.items()},
                {term: tuple(positions) for term, positions in domain.items()},
            )
            self._document_terms[number] = found
        return found

    def work_types(self, number: int) -> tuple[int, ...]:
        """The positions of a document's labels that name a work type (and have terms)."""
        found = self._work_types[number]
        if found is None:
            labels = self.labels
            found = tuple(
                position
                for position in self.by_document[number]
                if labels[position].sub_role is not None and labels[position].terms
            )
            self._work_types[number] = found
        return found

    def to_data(self, universe: Sequence[Occupation]) -> dict[str, Any]:
        """The index as JSON values, occupations by their position in ``universe`` (see :meth:`from_data`).

        Flat columns and strings, not nested lists of numbers: they parse
        several times faster, and :meth:`from_data` splits a term's postings
        or a label's terms only when a query first needs them.
        """
        position = {id(occupation): n for n, occupation in enumerate(universe)}
        terms = list(self.idf)
        postings = []
        for term in terms:
            found = self.postings(term)
            assert found is not None  # every term with an idf is in some document
            postings.append(
                " ".join(f"{d} {round(i * _SCALE)}" for d, i in zip(found[0], found[1], strict=True))
            )
        labels = [self.labels[n] for n in range(len(self.labels))]
        prefixes = {key[:2] for key in self.label_keys if len(key) >= 2}
        return {
            "documents": {
                "occupation": [position[id(d.occupation)] for d in self.documents],
                "new": [d.new for d in self.documents],
                "takes": [" ".join(sorted(d.takes)) for d in self.documents],
                "tolerates": [" ".join(sorted(d.tolerates)) for d in self.documents],
            },
            "prefixes": {
                prefix: " ".join(map(str, self.prefixed(prefix) or ())) for prefix in sorted(prefixes)
            },
            "repeated": {key: list(found) for key, found in sorted(self._keys_repeated.items())},
            "labels": {
                "key": [label.key for label in labels],
                "text": [label.text for label in labels],
                "kind": [label.kind.value for label in labels],
                "document": [label.document for label in labels],
                "sub_role": [
                    label.sub_role.name_zh if label.sub_role is not None else None for label in labels
                ],
                "terms": [" ".join(label.terms) for label in labels],
                "domain": [" ".join(label.domain) for label in labels],
            },
            "terms": " ".join(terms),
            "idf": [round(self.idf[term] * _SCALE) for term in terms],
            "postings": "\n".join(postings),
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any], universe: Sequence[Occupation]) -> Index:
        """An index from :meth:`to_data`'s output for the same ``universe``, without building anything."""
        index = cls.__new__(cls)
        columns = data["documents"]
        roles: dict[str, frozenset[str]] = {}  # most documents share their role sets
        for written in (*columns["takes"], *columns["tolerates"]):
            if written not in roles:
                roles[written] = frozenset(written.split())
        documents = tuple(
            Document(number, universe[at], new, roles[takes], roles[tolerates])
            for number, (at, new, takes, tolerates) in enumerate(
                zip(
                    columns["occupation"], columns["new"], columns["takes"], columns["tolerates"], strict=True
                )
            )
        )
        terms = data["terms"].split(" ")
        columns = data["labels"]
        keys = tuple(columns["key"])
        owners = tuple(columns["document"])
        by_value = {kind.value: kind for kind in LabelKind}
        kinds = [by_value[kind] for kind in columns["kind"]]
        index._finish(
            documents,
            _Labels(columns, kinds, documents),
            keys,
            owners,
            tuple(kind.rank for kind in kinds),
            dict(zip(terms, [n / _SCALE for n in data["idf"]], strict=True)),
            data["prefixes"],
            data["repeated"],
        )
        index._raw_postings = dict(zip(terms, data["postings"].split("\n"), strict=True))
        index._postings = {}
        return index


class _ByDocument(Sequence[tuple[int, ...]]):
    """Per document, the positions of its labels: a slice of the labels in document order."""

    __slots__ = ("_order", "_owners", "_size")

    def __init__(self, order: list[int], owners: list[int], size: int) -> None:
        self._order = order
        self._owners = owners
        self._size = size

    def __len__(self) -> int:
        return self._size

    @overload
    def __getitem__(self, number: int) -> tuple[int, ...]: ...
    @overload
    def __getitem__(self, number: slice) -> Sequence[tuple[int, ...]]: ...
    def __getitem__(self, number: int | slice) -> tuple[int, ...] | Sequence[tuple[int, ...]]:
        if isinstance(number, slice):
            return [self[n] for n in range(self._size)[number]]
        if number < 0:
            number += self._size
        if not 0 <= number < self._size:
            raise IndexError(number)
        owners = self._owners
        return tuple(self._order[bisect.bisect_left(owners, number) : bisect.bisect_right(owners, number)])


def _repeated(keys: Sequence[str]) -> dict[str, tuple[int, ...]]:
    """The keys more than one label has, with their positions."""
    counts = collections.Counter(keys)
    repeated: dict[str, list[int]] = {key: [] for key, count in counts.items() if count > 1}
    for position, key in enumerate(keys):
        if key in repeated:
            repeated[key].append(position)
    return {key: tuple(found) for key, found in repeated.items()}


def _by_prefix(keys: Sequence[str]) -> dict[str, tuple[int, ...]]:
    """Per first two characters, the labels whose key starts with them, longest first.

    Longest first, so a scan meets the most specific label at a position first
    (a stable sort: equally long keys stay in position order).
    """
    found: dict[str, list[int]] = {}
    lengths = [-len(key) for key in keys]
    for position in sorted(range(len(keys)), key=lengths.__getitem__):
        key = keys[position]
        if len(key) >= 2:
            found.setdefault(key[:2], []).append(position)
    return {prefix: tuple(positions) for prefix, positions in found.items()}


class _Labels(Sequence[Label]):
    """A snapshot's labels, each made from its columns when first asked for."""

    __slots__ = ("_columns", "_documents", "_kinds", "_made")

    def __init__(
        self, columns: Mapping[str, list[Any]], kinds: list[LabelKind], documents: Sequence[Document]
    ) -> None:
        self._columns = columns
        self._kinds = kinds
        self._documents = documents
        self._made: list[Label | None] = [None] * len(kinds)

    def __len__(self) -> int:
        return len(self._made)

    @overload
    def __getitem__(self, position: int) -> Label: ...
    @overload
    def __getitem__(self, position: slice) -> Sequence[Label]: ...
    def __getitem__(self, position: int | slice) -> Label | Sequence[Label]:
        if isinstance(position, slice):
            return [self[n] for n in range(len(self._made))[position]]
        label = self._made[position]
        if label is None:
            columns = self._columns
            document = columns["document"][position]
            role = columns["sub_role"][position]
            sub_role = None
            if role is not None:
                roles = self._documents[document].occupation.sub_roles
                sub_role = next(r for r in roles if r.name_zh == role)
            label = Label(
                columns["key"][position],
                columns["text"][position],
                self._kinds[position],
                document,
                sub_role,
                tuple(columns["terms"][position].split()),
                tuple(columns["domain"][position].split()),
            )
            self._made[position] = label
        return label


def _order(occupation: Occupation) -> tuple[int, str]:
    # New occupations first, so they win ties; then the rest in code order.
    rank = {Status.NEW: 0, Status.RAISED: 1, Status.HOST: 2}.get(occupation.status, 3)
    return (rank, occupation.code or "9")


def _add_work_type(
    text: dict[Field, list[str]],
    specs: list[LabelSpec],
    occupation: Occupation,
    role: SubRole,
    normalise: Normaliser,
) -> None:
    text[Field.WORK_TYPE].append(normalise(stem(role.name_zh)))
    specs.append(LabelSpec(role.name_zh, LabelKind.SUB_ROLE_NAME, occupation, role))
    if role.name_en:
        text[Field.ENGLISH].append(normalise(role.name_en))
        specs.append(LabelSpec(role.name_en, LabelKind.SUB_ROLE_NAME, occupation, role))


def _english_variants(text: str) -> Iterator[str]:
    """The name, then with a bracketed short form standing for what it abbreviates.

    ``"unmanned aerial vehicle (UAV) pilots"`` gives itself, ``"unmanned aerial
    vehicle pilots"`` and ``"UAV pilots"``.
    """
    yield text
    found = _PARENTHESIS.match(text)
    if found:
        before, short, after = found.groups()
        yield f"{before} {after}".strip()
        yield f"{short} {after}".strip()


def _postings(
    fields: Sequence[Mapping[Field, list[str]]],
) -> tuple[Mapping[str, float], Mapping[str, Sequence[Any]]]:
    """Per term its idf, and the documents containing it with their BM25F impact.

    A postings list is flat, ``[document, impact, document, impact, …]``,
    strongest first: one list per term, cheap to load from a snapshot.
    """
    count = len(fields)
    lengths = {field: [sum(len(terms(t)) for t in doc[field]) for doc in fields] for field in Field}
    average = {field: (sum(values) / count if count else 0.0) or 1.0 for field, values in lengths.items()}
    weighted: list[dict[str, float]] = []
    frequency: dict[str, int] = {}
    for number, doc in enumerate(fields):
        tf: dict[str, float] = {}
        for field in Field:
            norm = 1.0
            if field is Field.DEFINITION:
                norm = 1 - B + B * lengths[field][number] / average[field]
            weight = FIELD_WEIGHTS[field] / norm
            for text in doc[field]:
                for term in terms(text):
                    tf[term] = tf.get(term, 0.0) + weight
        weighted.append(tf)
        for term in tf:
            frequency[term] = frequency.get(term, 0) + 1
    idf = {
        term: round(math.log(1 + (count - df + 0.5) / (df + 0.5)), 4)
        for term, df in sorted(frequency.items())
    }
    postings: dict[str, list[tuple[int, float]]] = {}
    for number, tf in enumerate(weighted):
        for term, value in tf.items():
            postings.setdefault(term, []).append((number, round(idf[term] * value / (K1 + value), 4)))
    # Strongest first, and only the strongest of a common term: the rest add
    # little to any document's score and would cost every title that has it.
    return MappingProxyType(idf), MappingProxyType(
        {
            term: tuple(
                x
                for pair in sorted(found, key=lambda pair: (-pair[1], pair[0]))[:POSTINGS_KEPT]
                for x in pair
            )
            for term, found in postings.items()
        }
    )
