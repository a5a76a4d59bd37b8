"""Check the coder's lexicon: role classes, role heads, terms and anchors (``data/lexicon_*.json``).

The records are structured by the loader like every other data file (one
record type per file, sources cited by id); this module checks what a type
cannot say and returns the ids of the sources they cite, so a source cited
only by the lexicon counts as used.  Anchors name older occupations of the
dictionary by code and by name; the two are checked against the dictionary
here, at load time, as the coded titles' are.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import attrs

from newocc.errors import CatalogueError, shown
from newocc.model import Anchor, Occupation, RoleClass, RoleHead, Source, Term

__all__ = ["LEXICON_FILES", "Lexicon", "check_lexicon"]

LEXICON_FILES = {
    "lexicon_roles.json": RoleClass,
    "lexicon_heads.json": RoleHead,
    "lexicon_terms.json": Term,
    "lexicon_anchors.json": Anchor,
}
"""The lexicon's files under ``newocc/data/`` and the record type of each."""


@attrs.frozen
class Lexicon:
    """The lexicon's records, as loaded."""

    roles: tuple[RoleClass, ...] = ()
    heads: tuple[RoleHead, ...] = ()
    terms: tuple[Term, ...] = ()
    anchors: tuple[Anchor, ...] = ()


def _evidence(file: str, record: str, sources: Sequence[Source], common_usage: bool, used: set[str]) -> None:
    if not sources and not common_usage:
        raise CatalogueError(file, record, "sources", "cite a source or set common_usage to true")
    used.update(source.id for source in sources)


def _words(file: str, record: str, field: str, words: Iterable[str]) -> None:
    listed = list(words)
    if not listed:
        raise CatalogueError(file, record, field, "is empty")
    for word in listed:
        if not word.strip():
            raise CatalogueError(file, record, field, "has a blank entry")
    if len(set(listed)) != len(listed):
        raise CatalogueError(file, record, field, "repeats an entry")


def check_lexicon(lexicon: Lexicon, by_code: Mapping[str, Occupation]) -> set[str]:
    """Check every record; return the ids of the sources they cite.

    An anchor's code must be one of ``by_code`` (the dictionary's) and its
    name that occupation's.
    """
    used: set[str] = set()
    roles_file, heads_file, terms_file, anchors_file = LEXICON_FILES
    ids: set[str] = set()
    words: dict[str, str] = {}
    for role in lexicon.roles:
        record = repr(role.id)
        if not role.id.strip() or role.id in ids:
            raise CatalogueError(roles_file, record, "id", "blank or repeated role class id")
        ids.add(role.id)
        _words(roles_file, record, "words", role.words)
        for word in role.words:
            key = word.casefold()
            if key in words:
                raise CatalogueError(roles_file, record, "words", f"{word!r} is also a word of {words[key]}")
            words[key] = role.id
        _evidence(roles_file, record, role.sources, role.common_usage, used)
    suffixes: set[str] = set()
    for head in lexicon.heads:
        record = repr(head.suffix)
        if not head.suffix.strip() or head.suffix in suffixes:
            raise CatalogueError(heads_file, record, "suffix", "blank or repeated suffix")
        suffixes.add(head.suffix)
        for field, listed in (("roles", head.roles), ("tolerates", head.tolerates)):
            unknown = [role for role in listed if role not in ids]
            if unknown:
                raise CatalogueError(heads_file, record, field, f"unknown role class {unknown[0]!r}")
        if set(head.roles) & set(head.tolerates):
            raise CatalogueError(heads_file, record, "tolerates", "repeats a role it takes")
        _evidence(heads_file, record, head.sources, head.common_usage, used)
    texts: set[str] = set()
    for term in lexicon.terms:
        record = repr(term.text)
        key = term.text.casefold()
        if not term.text.strip() or key in texts:
            raise CatalogueError(terms_file, record, "text", "blank or repeated term")
        texts.add(key)
        _words(terms_file, record, "means", term.means)
        _evidence(terms_file, record, term.sources, term.common_usage, used)
    anchored: set[str] = set()
    for anchor in lexicon.anchors:
        record = repr(anchor.text)
        key = anchor.text.casefold()
        if not anchor.text.strip() or key in anchored:
            raise CatalogueError(anchors_file, record, "text", "blank or repeated anchor")
        anchored.add(key)
        if not anchor.occupation.strip():
            raise CatalogueError(anchors_file, record, "occupation", "is blank")
        named = by_code.get(anchor.code)
        if named is None:
            raise CatalogueError(
                anchors_file, record, "code", f"the dictionary has no code {shown(anchor.code)}"
            )
        if named.name_zh != anchor.occupation:
            raise CatalogueError(
                anchors_file,
                record,
                "occupation",
                f"{anchor.code} is {named.name_zh}, not {shown(anchor.occupation)}",
            )
        _evidence(anchors_file, record, anchor.sources, anchor.common_usage, used)
    return used
