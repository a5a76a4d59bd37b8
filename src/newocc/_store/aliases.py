"""Read and check ``aliases.json``: the names people use for occupations and work types.

An alias is data, like the catalogue: each one names the occupation it
stands for (by its official Chinese name), optionally one of its work types,
and either the sources where it was seen or ``common_usage: true`` for a name
in everyday use that no source in ``sources.json`` records.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from newocc.errors import CatalogueError
from newocc.model import Occupation, Source, SubRole

__all__ = ["ALIASES_FILE", "Alias", "structure_aliases"]

ALIASES_FILE = "aliases.json"
"""The file under ``newocc/data/`` that holds the aliases."""

_FIELDS = {"text", "occupation", "sub_role", "sources", "common_usage"}


@attrs.frozen
class Alias:
    """One checked alias: its text, target and evidence."""

    text: str
    occupation: Occupation
    sub_role: SubRole | None
    sources: tuple[Source, ...]
    common_usage: bool


def structure_aliases(
    rows: list[object], occupations: Iterable[Occupation], sources: Mapping[str, Source]
) -> tuple[Alias, ...]:
    """The aliases in file order, each checked against the catalogue's ``occupations`` and ``sources``.

    ``rows`` is the parsed content of ``aliases.json``.  Raises
    :class:`~newocc.errors.CatalogueError` naming the file, the alias and the
    field when a record is malformed or points at nothing.
    """
    by_name = {o.name_zh: o for o in occupations}
    seen: set[str] = set()
    aliases = []
    for number, row in enumerate(rows):
        alias = _alias(row, f"record {number}", by_name, sources)
        key = alias.text.casefold()
        if key in seen:
            raise CatalogueError(ALIASES_FILE, repr(alias.text), "text", "duplicate alias")
        seen.add(key)
        aliases.append(alias)
    return tuple(aliases)


def _alias(
    row: object, where: str, by_name: Mapping[str, Occupation], sources: Mapping[str, Source]
) -> Alias:
    if not isinstance(row, dict):
        raise CatalogueError(ALIASES_FILE, where, "-", "must be an object")
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        raise CatalogueError(ALIASES_FILE, where, "text", "missing, blank or not a string")
    record = repr(text)
    unknown = sorted(set(row) - _FIELDS)
    if unknown:
        raise CatalogueError(ALIASES_FILE, record, unknown[0], f"unknown field; fields are {sorted(_FIELDS)}")
    name = row.get("occupation")
    occupation = by_name.get(name) if isinstance(name, str) else None
    if occupation is None:
        raise CatalogueError(ALIASES_FILE, record, "occupation", f"no occupation is named {name!r}")
    return Alias(
        text=text,
        occupation=occupation,
        sub_role=_sub_role(row.get("sub_role"), occupation, record),
        sources=_sources(row, sources, record),
        common_usage=row.get("common_usage") is True,
    )


def _sub_role(name: object, occupation: Occupation, record: str) -> SubRole | None:
    if name is None:
        return None
    for role in occupation.sub_roles:
        if role.name_zh == name:
            return role
    choices = [r.name_zh for r in occupation.sub_roles]
    raise CatalogueError(
        ALIASES_FILE, record, "sub_role", f"{occupation.name_zh} has no work type {name!r}; it has {choices}"
    )


def _sources(row: Mapping[str, object], known: Mapping[str, Source], record: str) -> tuple[Source, ...]:
    ids = row.get("sources", [])
    common = row.get("common_usage", False)
    if not isinstance(common, bool):
        raise CatalogueError(ALIASES_FILE, record, "common_usage", f"must be true or false, not {common!r}")
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise CatalogueError(ALIASES_FILE, record, "sources", "must be a list of source ids")
    for source_id in ids:
        if source_id not in known:
            raise CatalogueError(ALIASES_FILE, record, "sources", f"unknown source id {source_id!r}")
    if not ids and not common:
        raise CatalogueError(ALIASES_FILE, record, "sources", "cite a source or set common_usage to true")
    return tuple(known[i] for i in ids)
